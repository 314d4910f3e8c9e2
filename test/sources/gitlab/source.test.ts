import { afterEach, describe, expect, it } from 'vitest';
import type { EntityFragment, PreviousEntity, SourceResult } from '../../../src/domain/index.js';
import { silentLogger } from '../../../src/logger.js';
import { createGitlabSource, type GitlabSettings } from '../../../src/sources/gitlab/index.js';
import { startGitlabFake, type FakeProjectSpec, type GitlabFake } from '../../support/gitlab-fake.js';

const CHART = 'platform/helm-chart';
const PIPELINE = 'platform/ci';
const chartYaml = (version: string) =>
  `apiVersion: v2\nname: app\nversion: 0.1.0\ndependencies:\n  - name: acme-service\n    version: "${version}"\n`;
const include = (ref: string) => `include:\n  - project: ${PIPELINE}\n    ref: ${ref}\n    file: /service.yml\n`;

function estate(): FakeProjectSpec[] {
  return [
    { path: CHART, files: { 'Chart.yaml': 'apiVersion: v2\nname: acme-service\nversion: 4.3.1\n' }, tags: ['4.3.1', '4.2.1', '4.2.0'] },
    { path: PIPELINE, tags: ['v2.8.0', 'v2.7.0'] },
    {
      path: 'acme/payments/pay',
      files: {
        'services/api/values.yaml': 'nameOverride: pay-api\n',
        'services/api/Chart.yaml': chartYaml('4.2.0'),
        'services/worker/values.yaml': 'a: 1\n',
        'services/worker/Chart.yaml': chartYaml('~4.2.0'),
        '.gitlab-ci.yml': include('v2.7.0'),
      },
    },
    { path: 'acme/shop', files: { 'values.yaml': 'a: 1\n', 'Chart.yaml': chartYaml('4.3.1'), '.gitlab-ci.yml': include('2.8.0') } },
  ];
}

let fake: GitlabFake | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

function settingsFor(gitlab: GitlabFake, overrides: Partial<GitlabSettings> = {}): GitlabSettings {
  return {
    url: gitlab.url,
    token: gitlab.token,
    groups: ['acme', 'acme/payments'],
    chartProject: CHART,
    pipelineProject: PIPELINE,
    valuesFiles: ['values.yaml'],
    concurrency: 4,
    groupTeams: {},
    ...overrides,
  };
}

/** What Port holds after a run wrote `fragments`: the previous view of the next run. */
type Written = Map<string, Map<string, PreviousEntity>>;

function written(fragments: readonly EntityFragment[], into: Written = new Map()): Written {
  for (const f of fragments) {
    const entities = into.get(f.blueprint) ?? new Map<string, PreviousEntity>();
    const relations = Object.fromEntries(
      Object.entries(f.relations ?? {}).map(([k, v]) => [k, typeof v === 'string' ? v.toLowerCase() : v]),
    );
    entities.set(f.identifier, { identifier: f.identifier, title: f.title ?? null, properties: { ...f.properties }, relations });
    into.set(f.blueprint, entities);
  }
  return into;
}

async function collect(settings: GitlabSettings, previous: Written = new Map()): Promise<SourceResult> {
  const source = createGitlabSource(settings, { logger: silentLogger() });
  return source.collect({
    logger: silentLogger(),
    now: new Date('2026-12-01T00:00:00Z'),
    signal: new AbortController().signal,
    previous: { entities: async (blueprint) => previous.get(blueprint) ?? new Map() },
  });
}

/** The projects whose tree was read, by full path. */
function projectsRead(gitlab: GitlabFake): string[] {
  const ids = new Set(gitlab.requests.filter((r) => r.kind === 'tree').map((r) => /\/projects\/([^/]+)\//.exec(r.path)?.[1]));
  return gitlab.estate.projects.filter((p) => ids.has(String(p.id)) || ids.has(encodeURIComponent(p.path))).map((p) => p.path);
}

function fragment(result: SourceResult, blueprint: string, identifier: string) {
  const found = result.fragments.find((f) => f.blueprint === blueprint && f.identifier === identifier);
  if (!found) throw new Error(`no ${blueprint} fragment ${identifier}`);
  return found;
}

describe('gitlab source: what makes a project read again', () => {
  it('carries an unchanged project over, and reads it again when its services in Port are not what its digest says', async () => {
    fake = await startGitlabFake({ projects: estate() });
    const settings = settingsFor(fake);
    const first = await collect(settings);
    expect(first.findings).toEqual([]);
    expect(fragment(first, 'gitlabProject', 'acme/payments/pay').properties?.readDigest).toMatch(/^[0-9a-f]{32}$/);
    const port = written(first.fragments);

    fake.reset();
    const second = await collect(settings, port);
    expect(projectsRead(fake)).toEqual([]);
    expect(second.stats).toMatchObject({ projectsUnchanged: 2, projectsRead: 0 });

    // The project (with its new head commit and digest) was written, its service's write failed: Port
    // holds the service as it was.
    const before = port.get('service')!.get('shop')!;
    fake.estate.push('acme/shop', { 'Chart.yaml': chartYaml('4.2.1') });
    const afterPush = written((await collect(settings, port)).fragments, port);
    afterPush.get('service')!.set('shop', before);
    fake.reset();
    const fourth = await collect(settings, afterPush);
    expect(projectsRead(fake)).toEqual(['acme/shop']);
    expect(fragment(fourth, 'service', 'shop').properties?.['chartVersion']).toBe('4.2.1');
  });

  it('reads a project pinned to a range again when the chart is released, not the ones pinned exactly', async () => {
    fake = await startGitlabFake({ projects: estate() });
    const settings = settingsFor(fake);
    const port = written((await collect(settings)).fragments);
    expect(port.get('service')!.get('worker')!.properties?.chartVersion).toBe('4.2.1');

    fake.estate.project(CHART)!.tags.unshift('4.2.5');
    fake.reset();
    const result = await collect(settings, port);
    expect(projectsRead(fake)).toEqual(['acme/payments/pay']);
    expect(fragment(result, 'service', 'worker').properties ?? {}).toMatchObject({ chartVersion: '4.2.5', chartLag: 'minor' });
    expect(fragment(result, 'service', 'shop').properties ?? {}).toMatchObject({ chartVersion: '4.3.1', chartLag: 'current' });
  });

  it('reads every project again when a setting the read depends on changes, or the chart name becomes known', async () => {
    const projects = estate();
    projects[0] = { ...projects[0]!, files: {} };
    fake = await startGitlabFake({ projects });
    const first = await collect(settingsFor(fake));
    expect(first.findings.map((f) => f.subject)).toEqual([`${CHART}/Chart.yaml`]);
    expect(fragment(first, 'service', 'shop').properties?.chartVersion).toBeNull();
    const port = written(first.fragments);

    fake.reset();
    const named = await collect(settingsFor(fake, { chartName: 'acme-service' }), port);
    expect(projectsRead(fake).sort()).toEqual(['acme/payments/pay', 'acme/shop']);
    expect(fragment(named, 'service', 'shop').properties?.chartVersion).toBe('4.3.1');
    written(named.fragments, port);

    fake.reset();
    await collect(settingsFor(fake, { chartName: 'acme-service', valuesFiles: ['values.yaml', 'values-prod.yaml'] }), port);
    expect(projectsRead(fake).sort()).toEqual(['acme/payments/pay', 'acme/shop']);
  });
});

describe('gitlab source: groups and listings', () => {
  it('leaves the projects of a subgroup whose listing failed to nobody: its configured parent does not take them', async () => {
    fake = await startGitlabFake({ projects: estate() });
    fake.inject({ kind: 'projects', match: /groups\/acme\/payments\/projects/, status: 500 });
    const result = await collect(settingsFor(fake));
    expect(result.scopes).toEqual(
      expect.arrayContaining([
        { scope: 'gitlab:acme', complete: true },
        expect.objectContaining({ scope: 'gitlab:acme/payments', complete: false }),
      ]),
    );
    expect(result.fragments.filter((f) => f.blueprint === 'gitlabProject').map((f) => f.identifier)).toEqual(['acme/shop']);
    expect(result.fragments.some((f) => f.blueprint === 'service' && f.identifier === 'pay-api')).toBe(false);
  });

  it('does not list projects shared with a group from elsewhere', async () => {
    fake = await startGitlabFake({
      projects: [...estate(), { path: 'other/tool', sharedWith: ['acme'], files: { 'values.yaml': 'a: 1\n' } }],
    });
    const result = await collect(settingsFor(fake));
    expect(fake.requests.filter((r) => r.kind === 'projects').every((r) => r.query.with_shared === 'false')).toBe(true);
    expect(result.fragments.map((f) => f.identifier)).not.toContain('other/tool');
    expect(fragment(result, 'gitlabProject', 'acme/payments/pay')?.relations).toEqual({ team: 'payments' });
  });

  it('keeps a listed project it cannot read as it was, and makes a group whose unreadable project has no path incomplete', async () => {
    fake = await startGitlabFake({ projects: estate() });
    const port = written((await collect(settingsFor(fake, { groups: ['acme'] }))).fragments);
    const view = (path: string) => ({ id: 99, path_with_namespace: path, namespace: { full_path: 'acme' } }); // no web_url
    fake.inject({ kind: 'projects', status: 200, body: [view('acme/shop')], times: 1 });
    const kept = await collect(settingsFor(fake, { groups: ['acme'] }), port);
    expect(kept.findings).toEqual([
      expect.objectContaining({
        source: 'gitlab',
        scope: 'gitlab:acme',
        subject: 'acme/shop',
        message: expect.stringContaining('web_url'),
      }),
    ]);
    expect(kept.scopes).toContainEqual({ scope: 'gitlab:acme', complete: true });
    expect(fragment(kept, 'gitlabProject', 'acme/shop').properties ?? {}).toEqual(
      port.get('gitlabProject')!.get('acme/shop')!.properties ?? {},
    );
    expect(fragment(kept, 'service', 'shop').properties ?? {}).toEqual(port.get('service')!.get('shop')!.properties ?? {});

    fake.inject({ kind: 'projects', status: 200, body: [{ id: 5 }], times: 1 });
    const unknown = await collect(settingsFor(fake, { groups: ['acme'] }), port);
    expect(unknown.scopes).toEqual([expect.objectContaining({ scope: 'gitlab:acme', complete: false })]);
    expect(unknown.findings).toHaveLength(1);
  });

  it('takes a missing default branch of a repository that is not empty as a failed read, and an empty repository as empty', async () => {
    fake = await startGitlabFake({ projects: [...estate(), { path: 'acme/new', defaultBranch: null }] });
    const port = written((await collect(settingsFor(fake))).fragments);
    fake.estate.project('acme/shop')!.branches.clear();
    const result = await collect(settingsFor(fake), port);
    expect(result.scopes).toContainEqual(
      expect.objectContaining({ scope: 'gitlab:acme/shop', complete: false, error: expect.stringContaining('default branch main') }),
    );
    expect(fragment(result, 'service', 'shop').properties ?? {}).toEqual(port.get('service')!.get('shop')!.properties ?? {});
    expect(fragment(result, 'gitlabProject', 'acme/new').properties ?? {}).toMatchObject({ serviceCount: 0, headCommit: null });
  });
});
