import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SOURCE_IDS, configGroups, loadConfig, type Config } from '../../src/config.js';
import { ConfigError } from '../../src/errors.js';
import { createLogger } from '../../src/logger.js';
import { NO_PREVIOUS, type SourceRun } from '../../src/domain/index.js';
import { AWS_OWNS, awsSource } from '../../src/sources/aws/index.js';
import { COST_OWNS, costSource } from '../../src/sources/cost/index.js';
import { GITLAB_OWNS } from '../../src/sources/gitlab/index.js';
import { KUBERNETES_OWNS } from '../../src/sources/kubernetes/index.js';
import { BUILTIN_REGISTRY, createRegistry, createSources, selectSources } from '../../src/sources/registry.js';
import { loadSnapshot } from '../../src/sources/snapshot.js';
import { PROBE_OWNS, PROBE_SETTINGS, WITH_PROBE, probeSource } from '../config/probe-source.js';

const LOCAL = { PORT_BASE_URL: 'http://127.0.0.1:5555' };
const silent = createLogger({ level: 'silent' });

function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('the registry', () => {
  it('lists the built-in sources, and everything that names sources derives from it', () => {
    expect(BUILTIN_REGISTRY.ids).toEqual(['aws', 'gitlab', 'kubernetes', 'cost']);
    expect(SOURCE_IDS).toEqual(BUILTIN_REGISTRY.ids);
    expect(Object.fromEntries(BUILTIN_REGISTRY.ids.map((id) => [id, BUILTIN_REGISTRY.ownership(id)]))).toEqual({
      aws: AWS_OWNS,
      gitlab: GITLAB_OWNS,
      kubernetes: KUBERNETES_OWNS,
      cost: COST_OWNS,
    });
    expect(BUILTIN_REGISTRY.ownership('cost')).toBe(COST_OWNS);
    expect(BUILTIN_REGISTRY.get('github')).toBeUndefined();
  });

  it('takes an extra module through the public API: its id, ownership and settings join in', () => {
    expect(WITH_PROBE.ids).toEqual(['aws', 'cost', 'probe']);
    expect(WITH_PROBE.ownership('probe')).toBe(PROBE_OWNS);
    expect(WITH_PROBE.get('probe')).toBe(probeSource);
    // The shared AWS access group is listed once, before the first source that uses it.
    expect(WITH_PROBE.settingGroups.map((group) => group.id)).toEqual(['aws-access', 'aws', 'cost', 'probe']);
    expect(configGroups(WITH_PROBE).map((group) => group.id)).toEqual(['core', 'aws-access', 'aws', 'cost', 'probe']);
    expect(
      configGroups(WITH_PROBE)
        .at(-1)
        ?.settings.map((s) => s.env),
    ).toEqual(['PROBE_URL', 'PROBE_TOKEN', 'PROBE_TOKEN_FILE', 'PROBE_GROUPS']);
    expect(configGroups().map((group) => group.id)).toEqual(['core', 'aws-access', 'aws', 'gitlab', 'kubernetes', 'cost']);
  });

  it('accepts in SOURCES exactly the ids of the registry it is given', () => {
    const env = { ...LOCAL, SOURCES: 'probe', PROBE_TOKEN: 'probe-token-1', PROBE_GROUPS: 'acme' };
    expect(loadConfig(env, { registry: WITH_PROBE }).sources).toEqual(['probe']);
    expect(problemsOf(() => loadConfig(env))).toEqual([
      'SOURCES (environment): "probe" is not a source; use one of aws, gitlab, kubernetes, cost',
    ]);
  });

  it('rejects two modules with one id, and two groups claiming one variable', () => {
    expect(() => createRegistry([awsSource, costSource, awsSource])).toThrow('two source modules have the id "aws"');
    const copycat = { ...probeSource, id: 'copycat', settings: { ...PROBE_SETTINGS, id: 'copycat' } };
    expect(() => createRegistry([probeSource, copycat])).toThrow('PROBE_URL is declared by both the probe and the copycat settings');
    expect(() => createRegistry([{ ...probeSource, id: 'Probe!' }])).toThrow(/not a plain lower-case name/);
  });

  it('creates a registered source with its own typed settings, never the whole configuration', async () => {
    const config = loadConfig(
      { ...LOCAL, PROBE_TOKEN: 'probe-token-1', PROBE_GROUPS: 'acme,beta', PROBE_URL: 'https://probe.test' },
      { registry: WITH_PROBE },
    );
    const [source] = createSources(['probe'], config, { logger: silent }, WITH_PROBE);
    const result = await source!.collect({ logger: silent, now: new Date(), signal: new AbortController().signal, previous: NO_PREVIOUS });
    expect(result.fragments.map((f) => [f.identifier, f.properties?.url])).toEqual([
      ['acme', 'https://probe.test'],
      ['beta', 'https://probe.test'],
    ]);
    expect(problemsOf(() => createSources(['probe'], config, { logger: silent }))).toEqual([
      'SOURCES: the probe source is not available in this version of port-catalog-sync (it has aws, gitlab, kubernetes, cost)',
    ]);
  });
});

describe('snapshots', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pcs-registry-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const run = (id: string): SourceRun => ({
    id,
    owns: PROBE_OWNS,
    result: { fragments: [], scopes: [{ scope: `${id}:x`, complete: true }], findings: [] },
  });

  it('name only sources of the registry they are read with', async () => {
    const file = join(dir, 'probe.json');
    await writeFile(file, JSON.stringify({ version: 1, takenAt: '2026-11-23T00:00:00.000Z', runs: [run('cost'), run('probe')] }));
    expect((await loadSnapshot(file, WITH_PROBE)).map((r) => r.id)).toEqual(['cost', 'probe']);
    await expect(loadSnapshot(file)).rejects.toMatchObject({
      problems: [`${file}: runs.1.id: "probe" is not a source of this version; use aws, gitlab, kubernetes, cost`],
    });
  });
});

describe('sync --sources', () => {
  const select = (env: NodeJS.ProcessEnv, requested: string[], registry = BUILTIN_REGISTRY): string[] =>
    selectSources(loadConfig({ ...LOCAL, ...env }, { registry }), requested, registry);
  const refused = (env: NodeJS.ProcessEnv, requested: string[], registry = BUILTIN_REGISTRY): string[] =>
    problemsOf(() => select(env, requested, registry));

  it('runs SOURCES when it names nothing', () => {
    const config: Config = loadConfig({ ...LOCAL, SOURCES: 'aws,cost', AWS_REGIONS: 'eu-west-1' });
    expect(selectSources(config, undefined)).toEqual(['aws', 'cost']);
    expect(selectSources(config, [])).toEqual(['aws', 'cost']);
  });

  it('with SOURCES set, picks a subset of it and nothing else', () => {
    expect(select({ SOURCES: 'aws,cost', AWS_REGIONS: 'eu-west-1' }, ['cost'])).toEqual(['cost']);
    expect(refused({ SOURCES: 'cost', AWS_REGIONS: 'eu-west-1' }, ['aws', 'cost'])).toEqual([
      '--sources: "aws" is not enabled in SOURCES (cost)',
    ]);
  });

  it('without SOURCES, names any source whose required settings are present, switched on or not', () => {
    // Nothing of cost's own is set: it needs only AWS credentials, which are not settings.
    expect(select({}, ['cost'])).toEqual(['cost']);
    // The SDK's region does not switch aws on, but it is all aws needs.
    const config = loadConfig({ ...LOCAL, AWS_REGION: 'eu-west-1' });
    expect(config.sources).toEqual([]);
    expect(selectSources(config, ['aws', 'cost'])).toEqual(['aws', 'cost']);
  });

  it('without SOURCES, refuses a source that lacks its required settings, saying what to set', () => {
    expect(refused({}, ['aws', 'cost'])).toEqual([
      '--sources: "aws" cannot run: AWS_REGIONS: required by the aws source, and neither AWS_REGION nor AWS_DEFAULT_REGION is set (set AWS_REGIONS, or aws.regions in the config file)',
    ]);
    expect(refused({ PROBE_URL: 'https://probe.test' }, ['probe'], WITH_PROBE)).toEqual([
      '--sources: "probe" cannot run: PROBE_TOKEN: required by the probe source (set PROBE_TOKEN or PROBE_TOKEN_FILE, or probe.token or probe.tokenFile in the config file)',
      '--sources: "probe" cannot run: PROBE_GROUPS: required by the probe source (set PROBE_GROUPS, or probe.groups in the config file)',
    ]);
    expect(select({ PROBE_TOKEN: 'probe-token-1', PROBE_GROUPS: 'acme' }, ['probe'], WITH_PROBE)).toEqual(['probe']);
  });

  it('refuses a name no registered source has, listing those it has', () => {
    expect(refused({}, ['github'])).toEqual(['--sources: "github" is not a source; use aws, gitlab, kubernetes, cost']);
    expect(refused({ SOURCES: 'cost' }, ['github'])).toEqual(['--sources: "github" is not a source; use aws, gitlab, kubernetes, cost']);
  });
});
