import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RESOURCE_TYPES } from '../../src/sources/aws/settings.js';
import { WITH_PROBE } from './probe-source.js';
import { LOCAL, load as loadWith, problemsOf as problemsWith, tempDir, withFiles } from './support.js';

// A registered source of the tests' own has its YAML section like the built-in ones.
const load = (env: NodeJS.ProcessEnv, cwd?: string) => loadWith(env, cwd, WITH_PROBE);
const problemsOf = (env: NodeJS.ProcessEnv, cwd?: string) => problemsWith(env, cwd, WITH_PROBE);

const FULL = `
sources: [aws, cost]
port:
  baseUrl: http://localhost:5555/
  clientId: client-id-1
  clientSecretFile: port-secret
  maxConcurrency: 12
syncInstance: laptop
probe:
  url: https://git.example.com
  tokenFile: gitlab-token
  groups:
    - acme/payments
    - acme/checkout
aws:
  regions: eu-west-1, us-east-1
  accountRoleArns: [arn:aws:iam::111111111111:role/port-sync]
  organizationRoleName: PortSyncReader
  accountExclude: [012345678901]
  externalId: external-1
  resourceTypes: [ec2:instance, s3]
  tagFilters:
    - key: managed-by
      values: [infra-lib, terraform]
    - key: owner
    - stage=live|beta
  costRoleArn: arn:aws:iam::222222222222:role/cost-reader
tags:
  service: app
  team: owner
  environment: env
  required: [app, owner]
aliases:
  team:
    Payments: [pay, Payment-Team]
    checkout: co, chk
    platform: ~
  environment: production=prod|prd
cost:
  metric: UnblendedCost
  historyMonths: 6
schedule:
  sync: "*/10 * * * *"
  cost: 0 1 * * *
  onStart: "no"
serve:
  runTimeoutSeconds: 900
  shutdownTimeoutSeconds: 25
deleteMaxRatio: 0.1
logLevel: debug
httpPort: 9464
`;

/** The full file with its secret files beside it; loaded from another directory. */
function fullFile(): string {
  const dir = withFiles({ 'config.yaml': FULL, 'port-secret': ' port-secret-1\n', 'gitlab-token': 'glpat-1\n' });
  return join(dir, 'config.yaml');
}

describe('the YAML file', () => {
  it('maps every key, with lists, mappings and scalars read as text', () => {
    const file = fullFile();
    expect(load({ PORT_SYNC_CONFIG: file }, tempDir())).toStrictEqual({
      sources: ['aws', 'cost'],
      sourcesSet: true,
      runnable: ['aws', 'cost', 'probe'],
      unmet: {},
      port: {
        baseUrl: 'http://localhost:5555',
        clientId: 'client-id-1',
        clientSecret: 'port-secret-1',
        isLoopback: true,
        maxConcurrency: 12,
      },
      syncInstance: 'laptop',
      sourceSettings: {
        aws: {
          access: {
            regions: ['eu-west-1', 'us-east-1'],
            accountRoleArns: ['arn:aws:iam::111111111111:role/port-sync'],
            organizationRoleName: 'PortSyncReader',
            // Read as text, so the leading zero survives without quotes.
            accountExclude: ['012345678901'],
            externalId: 'external-1',
            sessionName: 'port-catalog-sync-laptop',
          },
          resourceTypes: ['ec2:instance', 's3'],
          tagFilters: [
            { key: 'managed-by', values: ['infra-lib', 'terraform'] },
            { key: 'owner', values: [] },
            { key: 'stage', values: ['live', 'beta'] },
          ],
          tags: { service: 'app', team: 'owner', environment: 'env', required: ['app', 'owner'] },
        },
        cost: {
          roleArn: 'arn:aws:iam::222222222222:role/cost-reader',
          externalId: 'external-1',
          sessionName: 'port-catalog-sync-laptop',
          metric: 'UnblendedCost',
          historyMonths: 6,
          serviceTag: 'app',
        },
        probe: { url: 'https://git.example.com', token: 'glpat-1', groups: ['acme/payments', 'acme/checkout'], syncInstance: 'laptop' },
      },
      secrets: { PORT_CLIENT_SECRET: 'port-secret-1', PROBE_TOKEN: 'glpat-1' },
      tags: { service: 'app', team: 'owner', environment: 'env' },
      aliases: {
        team: {
          payments: 'payments',
          pay: 'payments',
          'payment-team': 'payments',
          checkout: 'checkout',
          co: 'checkout',
          chk: 'checkout',
          platform: 'platform',
        },
        environment: { production: 'production', prod: 'production', prd: 'production' },
      },
      schedule: { sync: '*/10 * * * *', cost: '0 1 * * *' },
      serve: { syncOnStart: false, runTimeoutSeconds: 900, shutdownTimeoutSeconds: 25 },
      deleteMaxRatio: 0.1,
      logLevel: 'debug',
      httpPort: 9464,
      configFile: file,
    });
  });

  it('loses to the environment, setting by setting', () => {
    const config = load({
      PORT_SYNC_CONFIG: fullFile(),
      SOURCES: 'cost',
      SYNC_INSTANCE: 'from-env',
      AWS_REGIONS: 'ap-southeast-2',
      TEAM_ALIASES: 'ops=sre',
      AWS_TAG_FILTERS: 'team',
      HTTP_PORT: '8081',
    });
    expect(config).toMatchObject({
      sources: ['cost'],
      syncInstance: 'from-env',
      sourceSettings: {
        aws: { access: { regions: ['ap-southeast-2'], accountExclude: ['012345678901'] }, tagFilters: [{ key: 'team', values: [] }] },
      },
      aliases: { team: { ops: 'ops', sre: 'ops' }, environment: { prd: 'production' } },
      httpPort: 8081,
      logLevel: 'debug',
    });
  });

  it('loses to the environment for secrets too, whichever form each side uses', () => {
    const file = fullFile();
    const dir = withFiles({ 'gitlab-token': 'glpat-env-file\n' });
    const config = load({ PORT_SYNC_CONFIG: file, PORT_CLIENT_SECRET: 'env-secret', PROBE_TOKEN_FILE: 'gitlab-token' }, dir);
    expect(config.port.clientSecret).toBe('env-secret');
    expect(config.sourceSettings.probe).toMatchObject({ token: 'glpat-env-file' });
  });

  it('is found relative to the working directory', () => {
    const dir = withFiles({ 'port-sync.yaml': 'logLevel: warn\n' });
    expect(load({ ...LOCAL, PORT_SYNC_CONFIG: 'port-sync.yaml' }, dir)).toMatchObject({
      logLevel: 'warn',
      configFile: join(dir, 'port-sync.yaml'),
    });
  });

  it('treats an empty file, an empty value and ~ as unset', () => {
    const empty = withFiles({ 'config.yaml': '# nothing yet\n' });
    expect(load({ ...LOCAL, PORT_SYNC_CONFIG: 'config.yaml' }, empty).httpPort).toBe(8080);
    const blanks = withFiles({ 'config.yaml': 'httpPort:\nlogLevel: ~\naws:\n  regions: ""\ncost:\n' });
    expect(load({ ...LOCAL, PORT_SYNC_CONFIG: 'config.yaml' }, blanks)).toMatchObject({
      httpPort: 8080,
      logLevel: 'info',
      sourceSettings: { aws: { access: { regions: [] }, resourceTypes: [...DEFAULT_RESOURCE_TYPES] } },
      sources: [],
    });
  });

  it('names the file and key of a bad value, and the position inside a list or mapping', () => {
    const dir = withFiles({
      'config.yaml': [
        'aws:',
        '  regions: [eu-west-1, eu-west-x]',
        '  accountExclude: "012345678901, 12"',
        '  tagFilters:',
        '    - {key: a, value: b}',
        '    - {values: [b]}',
        '    - [a]',
        'aliases:',
        '  team:',
        '    payments: [pay]',
        '    checkout: [pay]',
        '    ops: {sre: x}',
        'httpPort: [80]',
        '',
      ].join('\n'),
    });
    const file = join(dir, 'config.yaml');
    // Core settings first, then the shared AWS access, then each source's own.
    expect(problemsOf({ ...LOCAL, PORT_SYNC_CONFIG: 'config.yaml' }, dir)).toEqual([
      `${file}: aliases.team.ops: expected a list of alias names`,
      `${file}: aliases.team.checkout: "pay" is an alias of both "payments" and "checkout"`,
      `${file}: httpPort: expected a single value, not a list or mapping`,
      `${file}: aws.regions[1]: "eu-west-x" is not a region name`,
      // A comma-separated string has no positions worth naming; the value says which one.
      `${file}: aws.accountExclude: "12" is not a 12-digit AWS account id`,
      `${file}: aws.tagFilters[0]: unknown key "value" (only key and values are allowed)`,
      `${file}: aws.tagFilters[1].key: expected a tag key`,
      `${file}: aws.tagFilters[2]: expected a tag filter "key=v1|v2" or {key, values}`,
    ]);
  });

  it('rejects unknown keys, naming the file, the path and the keys allowed there', () => {
    const dir = withFiles({
      'config.yaml': 'colour: blue\nport:\n  token: x\n  baseUrl: http://localhost\ncost:\n  metric:\n    nested: 1\n',
    });
    const file = join(dir, 'config.yaml');
    expect(problemsOf({ PORT_SYNC_CONFIG: 'config.yaml' }, dir)).toEqual([
      `${file}: colour: unknown key (expected one of sources, port, syncInstance, tags, aliases, schedule, serve, deleteMaxRatio, logLevel, httpPort, aws, cost, probe)`,
      `${file}: port.token: unknown key (expected one of clientId, clientIdFile, clientSecret, clientSecretFile, baseUrl, maxConcurrency)`,
      `${file}: cost.metric: expected a single value, not a list or mapping`,
    ]);
  });

  it('rejects a file or a section that is not a mapping', () => {
    const dir = withFiles({ 'list.yaml': '- a\n- b\n', 'section.yaml': 'aws: eu-west-1\n' });
    expect(problemsOf({ ...LOCAL, PORT_SYNC_CONFIG: 'list.yaml' }, dir)).toEqual([
      `${join(dir, 'list.yaml')}: (top level): expected a mapping with keys sources, port, syncInstance, tags, aliases, schedule, serve, deleteMaxRatio, logLevel, httpPort, aws, cost, probe`,
    ]);
    expect(problemsOf({ ...LOCAL, PORT_SYNC_CONFIG: 'section.yaml' }, dir)).toEqual([
      `${join(dir, 'section.yaml')}: aws: expected a mapping with keys regions, accountRoleArns, organizationRoleName, accountExclude, externalId, resourceTypes, tagFilters, costRoleArn`,
    ]);
  });

  it('names the file and line of a syntax error, and reports the environment as well', () => {
    const dir = withFiles({ 'config.yaml': 'logLevel: info\naws:\n  regions: [eu-west-1\nhttpPort: 1\n' });
    // The file's settings are unknown, so SYNC_INSTANCE (maybe set there) is not demanded.
    expect(problemsOf({ PORT_SYNC_CONFIG: 'config.yaml', HTTP_PORT: 'x' }, dir)).toEqual([
      `${join(dir, 'config.yaml')}: line 4, column 1: Flow sequence in block collection must be sufficiently indented and end with a ]`,
      'HTTP_PORT (environment): "x" is not a whole number from 1 to 65535',
    ]);
  });

  it('rejects a key given twice', () => {
    const dir = withFiles({ 'config.yaml': 'logLevel: info\nlogLevel: debug\n' });
    expect(problemsOf({ ...LOCAL, PORT_SYNC_CONFIG: 'config.yaml' }, dir)).toEqual([
      `${join(dir, 'config.yaml')}: line 2, column 1: Map keys must be unique`,
    ]);
  });

  it('names the path of a file that is missing or not a file', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'conf.d'));
    expect(problemsOf({ PORT_SYNC_CONFIG: 'missing.yaml' }, dir)).toEqual([
      `PORT_SYNC_CONFIG (environment): cannot read ${join(dir, 'missing.yaml')} (ENOENT)`,
    ]);
    expect(problemsOf({ PORT_SYNC_CONFIG: 'conf.d' }, dir)).toEqual([
      `PORT_SYNC_CONFIG (environment): cannot read ${join(dir, 'conf.d')} (EISDIR)`,
    ]);
  });
});
