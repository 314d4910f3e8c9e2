import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { CONFIG_SETTINGS, configSettings, loadConfig, type Config } from '../../src/config.js';
import { ConfigError } from '../../src/errors.js';
import { DEFAULT_RESOURCE_TYPES } from '../../src/sources/aws/settings.js';
import { WITH_PROBE } from './probe-source.js';
import { LOCAL, load } from './support.js';

/**
 * The variables DESIGN.md section 3 promises for the sources this version has (aws, cost), plus the
 * file variants and alias settings. GitLab's and Kubernetes' arrive with their sources.
 */
const CONTRACT = [
  'SOURCES',
  'PORT_CLIENT_ID',
  'PORT_CLIENT_SECRET',
  'PORT_BASE_URL',
  'PORT_MAX_CONCURRENCY',
  'SYNC_INSTANCE',
  'AWS_REGIONS',
  'AWS_ACCOUNT_ROLE_ARNS',
  'AWS_ORGANIZATION_ROLE_NAME',
  'AWS_ACCOUNT_EXCLUDE',
  'AWS_EXTERNAL_ID',
  'AWS_RESOURCE_TYPES',
  'AWS_TAG_FILTERS',
  'AWS_COST_ROLE_ARN',
  'TAG_SERVICE',
  'TAG_TEAM',
  'TAG_ENVIRONMENT',
  'REQUIRED_TAGS',
  'COST_METRIC',
  'COST_HISTORY_MONTHS',
  'SYNC_SCHEDULE',
  'COST_SCHEDULE',
  'SYNC_ON_START',
  'RUN_TIMEOUT_S',
  'SHUTDOWN_TIMEOUT_S',
  'DELETE_MAX_RATIO',
  'LOG_LEVEL',
  'HTTP_PORT',
  'PORT_CLIENT_ID_FILE',
  'PORT_CLIENT_SECRET_FILE',
  'TEAM_ALIASES',
  'ENVIRONMENT_ALIASES',
  'PORT_SYNC_CONFIG',
];

/** The gitlab source's rows, in the built-in registry. */
const GITLAB_ROWS = [
  'GITLAB_URL',
  'GITLAB_TOKEN',
  'GITLAB_TOKEN_FILE',
  'GITLAB_GROUPS',
  'GITLAB_CHART_PROJECT',
  'GITLAB_PIPELINE_PROJECT',
  'GITLAB_CHART_NAME',
  'GITLAB_VALUES_FILES',
  'GITLAB_CONCURRENCY',
  'GITLAB_GROUP_TEAMS',
];

/** The kubernetes source's rows, in the built-in registry. */
const KUBERNETES_ROWS = [
  'KUBERNETES_CLUSTERS',
  'K8S_SERVICE_LABEL',
  'K8S_EXCLUDE_NAMESPACES',
  'KUBECONFIG',
  'K8S_CLUSTER_NAME',
  'K8S_CLUSTER_ENVIRONMENTS',
  'K8S_CONCURRENCY',
];

/** A registered source's own rows join the table, its secret's file variant included. */
const PROBE_ROWS = ['PROBE_URL', 'PROBE_TOKEN', 'PROBE_TOKEN_FILE', 'PROBE_GROUPS'];
const ALL_SETTINGS = configSettings(WITH_PROBE);

/** Variables of the AWS SDK that the loader consults for a default, documented under AWS_REGIONS. */
const SDK_VARIABLES = ['AWS_REGION', 'AWS_DEFAULT_REGION'];

const secretsDir = mkdtempSync(join(tmpdir(), 'port-sync-settings-'));
afterAll(() => rmSync(secretsDir, { recursive: true, force: true }));

function secretFile(name: string, content: string): string {
  const path = join(secretsDir, name);
  writeFileSync(path, `${content}\n`);
  return path;
}

/** A valid, non-default value for every setting, with what else it needs to load. */
const SAMPLES: Record<string, { value: string; with?: NodeJS.ProcessEnv }> = {
  SOURCES: { value: 'cost' },
  PORT_CLIENT_ID: { value: 'client-id-1' },
  PORT_CLIENT_ID_FILE: { value: secretFile('client-id', 'client-id-from-file') },
  PORT_CLIENT_SECRET: { value: 'client-secret-1' },
  PORT_CLIENT_SECRET_FILE: { value: secretFile('client-secret', 'client-secret-from-file') },
  PORT_BASE_URL: { value: 'http://localhost:6000' },
  PORT_MAX_CONCURRENCY: { value: '16' },
  SYNC_INSTANCE: { value: 'prod-eu' },
  PROBE_URL: { value: 'https://git.example.com' },
  PROBE_TOKEN: { value: 'glpat-sample-token' },
  PROBE_TOKEN_FILE: { value: secretFile('probe-token', 'glpat-from-file') },
  PROBE_GROUPS: { value: 'acme/payments,acme/checkout', with: { PROBE_TOKEN: 'glpat-sample-token' } },
  AWS_REGIONS: { value: 'eu-west-1,us-east-1' },
  AWS_ACCOUNT_ROLE_ARNS: { value: 'arn:aws:iam::111111111111:role/port-sync', with: { AWS_REGION: 'eu-west-1' } },
  AWS_ORGANIZATION_ROLE_NAME: { value: 'PortSyncReader', with: { AWS_REGION: 'eu-west-1' } },
  AWS_ACCOUNT_EXCLUDE: { value: '012345678901' },
  AWS_EXTERNAL_ID: { value: 'external-id-1' },
  AWS_RESOURCE_TYPES: { value: 'ec2:instance,s3' },
  AWS_TAG_FILTERS: { value: 'managed-by=infra-lib|terraform,owner' },
  AWS_COST_ROLE_ARN: { value: 'arn:aws:iam::222222222222:role/cost-reader' },
  TAG_SERVICE: { value: 'app' },
  TAG_TEAM: { value: 'owner' },
  TAG_ENVIRONMENT: { value: 'env' },
  REQUIRED_TAGS: { value: 'app,owner' },
  TEAM_ALIASES: { value: 'Payments=pay|Payment-Team' },
  ENVIRONMENT_ALIASES: { value: 'production=prod|prd' },
  COST_METRIC: { value: 'NetAmortizedCost' },
  COST_HISTORY_MONTHS: { value: '13' },
  SYNC_SCHEDULE: { value: '*/5 * * * *' },
  COST_SCHEDULE: { value: '0 3 * * *' },
  SYNC_ON_START: { value: 'false' },
  RUN_TIMEOUT_S: { value: '600' },
  SHUTDOWN_TIMEOUT_S: { value: '25' },
  DELETE_MAX_RATIO: { value: '0.05' },
  LOG_LEVEL: { value: 'warn' },
  HTTP_PORT: { value: '9464' },
};

/** PORT_BASE_URL from the environment would win over the file, so its own test goes without. */
const baseFor = (env: string): NodeJS.ProcessEnv => (env === 'PORT_BASE_URL' ? {} : { ...LOCAL });

function nested(dotted: string, value: string): Record<string, unknown> {
  return dotted.split('.').reduceRight<unknown>((inner, key) => ({ [key]: inner }), value) as Record<string, unknown>;
}

function withoutFile(config: Config): Omit<Config, 'configFile'> {
  const { configFile: _configFile, ...rest } = config;
  return rest;
}

describe('CONFIG_SETTINGS', () => {
  it('has one row per contract variable', () => {
    expect(CONFIG_SETTINGS.map((row) => row.env).sort()).toEqual([...CONTRACT, ...GITLAB_ROWS, ...KUBERNETES_ROWS].sort());
  });

  it("adds a registered source's rows, in its own group", () => {
    expect(ALL_SETTINGS.map((row) => row.env).sort()).toEqual([...CONTRACT, ...PROBE_ROWS].sort());
    expect(ALL_SETTINGS.filter((row) => row.group === 'probe').map((row) => row.env)).toEqual(PROBE_ROWS);
    expect(ALL_SETTINGS.find((row) => row.env === 'PROBE_TOKEN_FILE')).toMatchObject({ yamlKey: 'probe.tokenFile', secret: false });
  });

  it('gives every variable but PORT_SYNC_CONFIG its own YAML key and a description', () => {
    const keys = ALL_SETTINGS.filter((row) => row.env !== 'PORT_SYNC_CONFIG').map((row) => row.yamlKey);
    expect(keys.every((key) => /^[a-z][A-Za-z]*(\.[a-z][A-Za-z]*)*$/.test(key))).toBe(true);
    expect(new Set(keys).size).toBe(keys.length);
    expect(ALL_SETTINGS.find((row) => row.env === 'PORT_SYNC_CONFIG')?.yamlKey).toBe('');
    expect(ALL_SETTINGS.filter((row) => row.description.length < 10)).toEqual([]);
  });

  it("marks the client secret and a source's token as secret, and nothing else", () => {
    expect(CONFIG_SETTINGS.filter((row) => row.secret).map((row) => row.env)).toEqual(['PORT_CLIENT_SECRET', 'GITLAB_TOKEN']);
    expect(ALL_SETTINGS.filter((row) => row.secret).map((row) => row.env)).toEqual(['PORT_CLIENT_SECRET', 'PROBE_TOKEN']);
  });

  it('documents the defaults the loader applies', () => {
    // A remote Port, so that PORT_BASE_URL's default is in play too; a region so that aws can run.
    const base = { SYNC_INSTANCE: 'prod', AWS_REGION: 'eu-west-1' };
    const baseline = load(base, undefined, WITH_PROBE);
    // These defaults are rules, not values; their own tests cover them.
    const rules = ['SOURCES', 'SYNC_INSTANCE', 'AWS_REGIONS'];
    const literal = ALL_SETTINGS.filter((row) => row.default !== '' && !rules.includes(row.env));
    expect(literal.length).toBeGreaterThan(12);
    for (const row of literal) {
      const config = load({ ...base, [row.env]: row.default }, undefined, WITH_PROBE);
      // Setting COST_METRIC at all switches its source on.
      expect({ ...config, sources: [] }, row.env).toEqual(baseline);
    }
    expect(CONFIG_SETTINGS.find((row) => row.env === 'AWS_RESOURCE_TYPES')?.default).toBe(DEFAULT_RESOURCE_TYPES.join(','));
  });

  it.each([
    ['the built-in sources', undefined, CONFIG_SETTINGS],
    ['a registered source of its own', WITH_PROBE, ALL_SETTINGS],
  ] as const)('covers every variable the loader reads with %s, and the loader reads every one of them', (_, registry, settings) => {
    const read = new Set<string>();
    const env = new Proxy<NodeJS.ProcessEnv>(
      { ...LOCAL },
      {
        get(target, key) {
          if (typeof key === 'string') read.add(key);
          return Reflect.get(target, key) as unknown;
        },
      },
    );
    loadConfig(env, { registry });
    const documented = settings.map((row) => row.env);
    expect([...read].filter((name) => !documented.includes(name) && !SDK_VARIABLES.includes(name))).toEqual([]);
    expect(documented.filter((name) => !read.has(name))).toEqual([]);
  });

  it.each(ALL_SETTINGS.map((row) => row.env))('does not ignore %s: a garbage value is reported or used', (name) => {
    const baseline = load({ ...LOCAL }, undefined, WITH_PROBE);
    try {
      const config = load({ ...LOCAL, [name]: '%%garbage%%' }, undefined, WITH_PROBE);
      expect(config).not.toEqual(baseline);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      expect(error.problems.some((problem) => problem.startsWith(`${name} `))).toBe(true);
    }
  });

  it('has a sample for every setting in these tests', () => {
    expect(Object.keys(SAMPLES).sort()).toEqual(
      ALL_SETTINGS.map((row) => row.env)
        .filter((name) => name !== 'PORT_SYNC_CONFIG')
        .sort(),
    );
  });
});

describe('every YAML key', () => {
  const rows = ALL_SETTINGS.filter((row) => row.yamlKey !== '');
  const loadWith = (env: NodeJS.ProcessEnv) => load(env, undefined, WITH_PROBE);

  it.each(rows.map((row) => [row.env, row.yamlKey]))('%s and %s set the same value', (env, yamlKey) => {
    const sample = SAMPLES[env];
    if (!sample) throw new Error(`no sample for ${env}`);
    const base = { ...baseFor(env), ...sample.with };
    const fromEnv = loadWith({ ...base, [env]: sample.value });
    expect(fromEnv, 'the sample changes the result').not.toEqual(loadWith({ ...base, ...(env === 'PORT_BASE_URL' ? LOCAL : {}) }));

    const dir = mkdtempSync(join(tmpdir(), 'port-sync-yaml-'));
    try {
      writeFileSync(join(dir, 'config.yaml'), stringify(nested(yamlKey, sample.value)));
      const fromFile = loadWith({ ...base, PORT_SYNC_CONFIG: join(dir, 'config.yaml') });
      expect(fromFile.configFile).toBe(join(dir, 'config.yaml'));
      expect(withoutFile(fromFile)).toEqual(withoutFile(fromEnv));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
