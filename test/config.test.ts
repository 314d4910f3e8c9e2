import { describe, expect, it } from 'vitest';
import { configuredLogLevel, describeConfig, loadConfig, requirePortCredentials, secretsOf, type Config } from '../src/config.js';
import { ConfigError, ExitCode } from '../src/errors.js';
import { DEFAULT_RESOURCE_TYPES } from '../src/sources/aws/settings.js';
import { WITH_PROBE } from './config/probe-source.js';
import { LOCAL, aws, cost, load, probe, problemsOf, withFiles } from './config/support.js';

const NO_REGION =
  'AWS_REGIONS: required by the aws source, and neither AWS_REGION nor AWS_DEFAULT_REGION is set (set AWS_REGIONS, or aws.regions in the config file)';

const NO_TOKEN =
  'GITLAB_TOKEN: required by the gitlab source (set GITLAB_TOKEN or GITLAB_TOKEN_FILE, or gitlab.token or gitlab.tokenFile in the config file)';
const NO_GROUPS = 'GITLAB_GROUPS: required by the gitlab source (set GITLAB_GROUPS, or gitlab.groups in the config file)';

const DEFAULTS: Config = {
  sources: [],
  sourcesSet: false,
  runnable: ['cost'],
  unmet: {
    aws: [NO_REGION],
    gitlab: [NO_TOKEN, NO_GROUPS],
    kubernetes: [
      'AWS_REGIONS: required by the kubernetes source, and neither AWS_REGION nor AWS_DEFAULT_REGION is set (set AWS_REGIONS, or aws.regions in the config file)',
    ],
  },
  port: { baseUrl: 'http://127.0.0.1:5555', clientId: undefined, clientSecret: undefined, isLoopback: true, maxConcurrency: 8 },
  syncInstance: 'local',
  tags: { service: 'service', team: 'team', environment: 'environment' },
  aliases: { team: {}, environment: {} },
  schedule: { sync: '*/30 * * * *', cost: '0 */6 * * *' },
  serve: { syncOnStart: true, runTimeoutSeconds: 1500, shutdownTimeoutSeconds: 20 },
  deleteMaxRatio: 0.2,
  logLevel: 'info',
  httpPort: 8080,
  sourceSettings: {
    aws: {
      access: {
        regions: [],
        accountRoleArns: [],
        organizationRoleName: undefined,
        accountExclude: [],
        externalId: undefined,
        sessionName: 'port-catalog-sync-local',
      },
      resourceTypes: [...DEFAULT_RESOURCE_TYPES],
      tagFilters: [],
      tags: { service: 'service', team: 'team', environment: 'environment', required: ['service', 'team', 'environment', 'cost-center'] },
    },
    gitlab: {
      url: 'https://gitlab.com',
      token: '',
      groups: [],
      chartProject: undefined,
      pipelineProject: undefined,
      chartName: undefined,
      valuesFiles: ['values.yaml'],
      concurrency: 4,
      groupTeams: {},
    },
    kubernetes: {
      mode: 'eks',
      serviceLabel: 'app.kubernetes.io/name',
      excludeNamespaces: ['kube-system', 'kube-public', 'kube-node-lease'],
      kubeconfig: undefined,
      clusterName: 'in-cluster',
      clusterEnvironments: {},
      concurrency: 4,
      access: {
        regions: [],
        accountRoleArns: [],
        organizationRoleName: undefined,
        accountExclude: [],
        externalId: undefined,
        sessionName: 'port-catalog-sync-local',
      },
      environmentTag: 'environment',
    },
    cost: {
      roleArn: undefined,
      externalId: undefined,
      sessionName: 'port-catalog-sync-local',
      metric: 'AmortizedCost',
      historyMonths: 2,
      serviceTag: 'service',
    },
  },
  secrets: { PORT_CLIENT_SECRET: undefined, GITLAB_TOKEN: undefined },
  configFile: undefined,
};

describe('loadConfig defaults', () => {
  it('fills every default from an environment that only points at a loopback Port', () => {
    expect(load({ ...LOCAL })).toStrictEqual(DEFAULTS);
  });

  it('defaults the Port origin to the EU API, which then needs SYNC_INSTANCE', () => {
    const config = load({ SYNC_INSTANCE: 'prod-eu' });
    expect(config.port).toMatchObject({ baseUrl: 'https://api.port.io', isLoopback: false });
    expect(config.syncInstance).toBe('prod-eu');
  });

  it('reads process.env when no environment is passed', () => {
    const saved = process.env.PORT_BASE_URL;
    process.env.PORT_BASE_URL = 'http://localhost:7777';
    try {
      expect(loadConfig().port.baseUrl).toBe('http://localhost:7777');
    } finally {
      if (saved === undefined) delete process.env.PORT_BASE_URL;
      else process.env.PORT_BASE_URL = saved;
    }
  });

  it('treats a blank variable as unset', () => {
    expect(load({ ...LOCAL, HTTP_PORT: '', SOURCES: '  ', AWS_COST_ROLE_ARN: '' })).toStrictEqual(DEFAULTS);
  });

  it('takes the SDK region when AWS_REGIONS is not set, AWS_REGION before AWS_DEFAULT_REGION', () => {
    expect(aws(load({ ...LOCAL, AWS_DEFAULT_REGION: 'eu-central-1' })).access.regions).toEqual(['eu-central-1']);
    const both = { ...LOCAL, AWS_REGION: 'eu-west-1', AWS_DEFAULT_REGION: 'eu-central-1' };
    expect(aws(load(both)).access.regions).toEqual(['eu-west-1']);
    expect(aws(load({ ...both, AWS_REGIONS: 'us-east-1' })).access.regions).toEqual(['us-east-1']);
  });
});

describe('environment values', () => {
  it('splits lists on commas, trims, drops empties and duplicates', () => {
    const config = load({ ...LOCAL, AWS_REGIONS: ' eu-west-1 ,, us-east-1,eu-west-1, ', REQUIRED_TAGS: 'owner' });
    expect(aws(config).access.regions).toEqual(['eu-west-1', 'us-east-1']);
    expect(aws(config).tags.required).toEqual(['owner']);
  });

  it('parses numbers, enums and schedules', () => {
    const config = load({
      ...LOCAL,
      HTTP_PORT: '9090',
      DELETE_MAX_RATIO: '0.5',
      COST_HISTORY_MONTHS: '38',
      COST_METRIC: 'unblendedcost',
      LOG_LEVEL: 'DEBUG',
      SYNC_SCHEDULE: '0 * * * *',
      COST_SCHEDULE: '0 0 6 * * *',
    });
    expect(config).toMatchObject({
      httpPort: 9090,
      deleteMaxRatio: 0.5,
      sourceSettings: { cost: { metric: 'UnblendedCost', historyMonths: 38 } },
      logLevel: 'debug',
      schedule: { sync: '0 * * * *', cost: '0 0 6 * * *' },
    });
  });

  it('accepts the ends of every range', () => {
    const low = load({ ...LOCAL, HTTP_PORT: '1', DELETE_MAX_RATIO: '0', COST_HISTORY_MONTHS: '1' });
    expect([low.httpPort, low.deleteMaxRatio, cost(low).historyMonths]).toEqual([1, 0, 1]);
    const high = load({ ...LOCAL, HTTP_PORT: '65535', DELETE_MAX_RATIO: '1', COST_HISTORY_MONTHS: '38' });
    expect([high.httpPort, high.deleteMaxRatio, cost(high).historyMonths]).toEqual([65535, 1, 38]);
  });

  it('bounds PORT_MAX_CONCURRENCY to 1..32', () => {
    expect([1, 32].map((n) => load({ ...LOCAL, PORT_MAX_CONCURRENCY: String(n) }).port.maxConcurrency)).toEqual([1, 32]);
    for (const value of ['0', '33', 'eight'])
      expect(problemsOf({ ...LOCAL, PORT_MAX_CONCURRENCY: value })).toEqual([
        `PORT_MAX_CONCURRENCY (environment): ${JSON.stringify(value)} is not a whole number from 1 to 32`,
      ]);
  });

  it('parses AWS settings', () => {
    const config = load({
      ...LOCAL,
      AWS_ACCOUNT_ROLE_ARNS: 'arn:aws:iam::111111111111:role/port-sync,arn:aws-us-gov:iam::222222222222:role/ops/port-sync',
      AWS_ORGANIZATION_ROLE_NAME: 'OrganizationAccountAccessRole',
      AWS_ACCOUNT_EXCLUDE: '012345678901',
      AWS_EXTERNAL_ID: 'port-sync-external',
      AWS_RESOURCE_TYPES: 'ec2:instance,s3,states:stateMachine',
      AWS_COST_ROLE_ARN: 'arn:aws:iam::333333333333:role/cost-reader',
      AWS_REGIONS: 'us-gov-west-1,eu-west-1',
    });
    expect(aws(config).access).toMatchObject({
      accountRoleArns: ['arn:aws:iam::111111111111:role/port-sync', 'arn:aws-us-gov:iam::222222222222:role/ops/port-sync'],
      organizationRoleName: 'OrganizationAccountAccessRole',
      accountExclude: ['012345678901'],
      externalId: 'port-sync-external',
      regions: ['us-gov-west-1', 'eu-west-1'],
    });
    expect(aws(config).resourceTypes).toEqual(['ec2:instance', 's3', 'states:stateMachine']);
    expect(cost(config)).toMatchObject({ roleArn: 'arn:aws:iam::333333333333:role/cost-reader', externalId: 'port-sync-external' });
  });
});

describe('the http rule and the origin', () => {
  const remote = { SYNC_INSTANCE: 'prod' };
  const LOOPBACK_RULE = 'plain http is only allowed for a loopback host (127.0.0.0/8, ::1, localhost)';

  it.each([
    ['https://api.us.port.io/', 'https://api.us.port.io', false],
    ['HTTPS://API.PORT.IO:443', 'https://api.port.io', false],
    ['http://localhost:3000', 'http://localhost:3000', true],
    ['http://127.3.2.1:3000/', 'http://127.3.2.1:3000', true],
    ['http://[::1]:3000', 'http://[::1]:3000', true],
    ['https://localhost', 'https://localhost', true],
  ])('accepts PORT_BASE_URL %s as %s', (value, baseUrl, isLoopback) => {
    expect(load({ ...remote, PORT_BASE_URL: value }).port).toMatchObject({ baseUrl, isLoopback });
  });

  it.each([
    ['http://api.port.io', LOOPBACK_RULE],
    ['http://10.0.0.1:3000', LOOPBACK_RULE],
    ['http://localhost.example.com', LOOPBACK_RULE],
    ['https://api.port.io/v1', 'has a path ("/v1"): give the origin; the client adds /v1'],
    ['https://api.port.io/v1/', 'has a path ("/v1/"): give the origin; the client adds /v1'],
    ['https://api.port.io/api', 'has a path ("/api"): give the origin only, e.g. https://api.port.io'],
    ['https://api.port.io/?region=eu', 'must not have a query or fragment'],
    ['ftp://api.port.io', 'expected http or https, not ftp:'],
    ['api.port.io', 'expected an absolute http(s) URL, e.g. https://example.com'],
  ])('rejects PORT_BASE_URL %s', (value, message) => {
    expect(problemsOf({ ...remote, PORT_BASE_URL: value })).toEqual([`PORT_BASE_URL (environment): ${message}`]);
  });

  it('lists every fault of one URL', () => {
    expect(problemsOf({ ...remote, PORT_BASE_URL: 'http://api.port.io/v1' })).toEqual([
      `PORT_BASE_URL (environment): ${LOOPBACK_RULE}`,
      'PORT_BASE_URL (environment): has a path ("/v1"): give the origin; the client adds /v1',
    ]);
  });

  it('never quotes a URL that carries credentials', () => {
    const problems = problemsOf({ ...remote, PORT_BASE_URL: 'https://me:hunter2-password@api.port.io' });
    expect(problems).toEqual(['PORT_BASE_URL (environment): must not carry a user name or password']);
  });

  it("applies the same http rule to a source's URL setting, which keeps a relative URL root", () => {
    expect(probe(load({ ...LOCAL, PROBE_URL: 'https://git.example.com/gitlab/' }, undefined, WITH_PROBE)).url).toBe(
      'https://git.example.com/gitlab',
    );
    expect(probe(load({ ...LOCAL, PROBE_URL: 'http://localhost:8929' }, undefined, WITH_PROBE)).url).toBe('http://localhost:8929');
    expect(problemsOf({ ...LOCAL, PROBE_URL: 'http://gitlab.example.com' }, undefined, WITH_PROBE)).toEqual([
      `PROBE_URL (environment): ${LOOPBACK_RULE}`,
    ]);
    expect(problemsOf({ ...LOCAL, PROBE_URL: 'https://gitlab.example.com/api/v4/' }, undefined, WITH_PROBE)).toEqual([
      'PROBE_URL (environment): ends with /api/v4: give the GitLab root URL; the client adds /api/v4',
    ]);
  });
});

describe('SYNC_INSTANCE', () => {
  it('is required for a remote Port', () => {
    expect(problemsOf({ PORT_BASE_URL: 'https://api.port.io' })).toEqual([
      'SYNC_INSTANCE: required unless PORT_BASE_URL is a loopback host; it marks the entities this installation owns (set SYNC_INSTANCE, or syncInstance in the config file)',
    ]);
  });

  it('defaults to "local" on a loopback Port and keeps an explicit value there', () => {
    expect(load({ ...LOCAL }).syncInstance).toBe('local');
    expect(load({ ...LOCAL, SYNC_INSTANCE: 'laptop.jane' }).syncInstance).toBe('laptop.jane');
  });

  it.each(['Prod', '-prod', 'prod eu', 'a'.repeat(64), 'prod/eu'])('rejects %j', (value) => {
    expect(problemsOf({ ...LOCAL, SYNC_INSTANCE: value })).toEqual([
      `SYNC_INSTANCE (environment): ${JSON.stringify(value)} is not an instance name (lower-case letters, digits, ".", "_", "-"; at most 63 characters)`,
    ]);
  });

  it('accepts 63 characters', () => {
    expect(load({ ...LOCAL, SYNC_INSTANCE: 'a'.repeat(63) }).syncInstance).toHaveLength(63);
  });
});

describe('SOURCES', () => {
  const region = { AWS_REGION: 'eu-west-1' };

  it.each([
    [{}, []],
    [{ PROBE_GROUPS: 'acme', PROBE_TOKEN: 'probe-token-1' }, ['probe']],
    [{ AWS_REGIONS: 'eu-west-1' }, ['aws']],
    [{ ...region, AWS_ACCOUNT_ROLE_ARNS: 'arn:aws:iam::111111111111:role/x' }, ['aws']],
    [{ ...region, AWS_ORGANIZATION_ROLE_NAME: 'PortSync' }, ['aws']],
    [{ AWS_COST_ROLE_ARN: 'arn:aws:iam::111111111111:role/cost' }, ['cost']],
    [{ COST_METRIC: 'BlendedCost' }, ['cost']],
    [{ COST_HISTORY_MONTHS: '3' }, ['cost']],
    [{ ...region }, []],
    [
      { PROBE_GROUPS: 'acme', PROBE_TOKEN: 'probe-token-1', AWS_REGIONS: 'eu-west-1', COST_METRIC: 'BlendedCost' },
      ['aws', 'cost', 'probe'],
    ],
  ] as [Record<string, string>, string[]][])('derives %j as %j', (env, sources) => {
    const config = load({ ...LOCAL, ...env }, undefined, WITH_PROBE);
    expect(config.sources).toEqual(sources);
    expect(config.sourcesSet).toBe(false);
  });

  it('uses an explicit list instead, in canonical order without duplicates', () => {
    const config = load({ ...LOCAL, SOURCES: 'cost, aws,cost', AWS_REGIONS: 'eu-west-1', PROBE_GROUPS: 'acme' }, undefined, WITH_PROBE);
    expect(config.sources).toEqual(['aws', 'cost']);
    expect(config.sourcesSet).toBe(true);
  });

  it('lists the valid names for an unknown one', () => {
    expect(problemsOf({ ...LOCAL, SOURCES: 'aws,github' })).toEqual([
      'SOURCES (environment): "github" is not a source; use one of aws, gitlab, kubernetes, cost',
    ]);
  });

  it('refuses a source this version does not have, naming those it has', () => {
    expect(problemsOf({ ...LOCAL, SOURCES: 'argocd' })).toEqual([
      'SOURCES (environment): "argocd" is not a source; use one of aws, gitlab, kubernetes, cost',
    ]);
    expect(load({ ...LOCAL, SOURCES: 'probe', PROBE_GROUPS: 'acme', PROBE_TOKEN: 'probe-token-1' }, undefined, WITH_PROBE).sources).toEqual(
      ['probe'],
    );
  });

  it("requires what an enabled source's rows say it needs", () => {
    expect(problemsOf({ ...LOCAL, SOURCES: 'probe' }, undefined, WITH_PROBE)).toEqual([
      'PROBE_TOKEN: required because the probe source is enabled (set PROBE_TOKEN or PROBE_TOKEN_FILE, or probe.token or probe.tokenFile in the config file)',
      'PROBE_GROUPS: required because the probe source is enabled (set PROBE_GROUPS, or probe.groups in the config file)',
    ]);
    expect(problemsOf({ ...LOCAL, PROBE_GROUPS: 'acme' }, undefined, WITH_PROBE)).toHaveLength(1);
  });

  it('requires a region for aws, and nothing of its own for cost', () => {
    const problem =
      'AWS_REGIONS: required because the aws source is enabled and neither AWS_REGION nor AWS_DEFAULT_REGION is set (set AWS_REGIONS, or aws.regions in the config file)';
    expect(problemsOf({ ...LOCAL, SOURCES: 'aws' })).toEqual([problem]);
    expect(aws(load({ ...LOCAL, SOURCES: 'aws', AWS_DEFAULT_REGION: 'eu-north-1' })).access.regions).toEqual(['eu-north-1']);
    expect(load({ ...LOCAL, SOURCES: 'cost' }).sources).toEqual(['cost']);
  });

  it('knows which registered sources could run, enabled or not, and what the others lack', () => {
    const none = load({ ...LOCAL }, undefined, WITH_PROBE);
    expect(none.runnable).toEqual(['cost']);
    expect(none.unmet).toEqual({
      aws: [NO_REGION],
      probe: [
        'PROBE_TOKEN: required by the probe source (set PROBE_TOKEN or PROBE_TOKEN_FILE, or probe.token or probe.tokenFile in the config file)',
        'PROBE_GROUPS: required by the probe source (set PROBE_GROUPS, or probe.groups in the config file)',
      ],
    });
    const all = load(
      { ...LOCAL, SOURCES: 'cost', AWS_REGION: 'eu-west-1', PROBE_TOKEN: 'probe-token-1', PROBE_GROUPS: 'acme' },
      undefined,
      WITH_PROBE,
    );
    expect(all.sources).toEqual(['cost']);
    expect(all.runnable).toEqual(['aws', 'cost', 'probe']);
    expect(all.unmet).toEqual({});
  });
});

describe('problems', () => {
  it('lists every problem of one run, each naming where its value came from', () => {
    const dir = withFiles({
      'config.yaml': ['aws:', '  regions: [eu-west-1, eu-west-x]', 'tags:', '  colour: blue', ''].join('\n'),
      'empty-token': '\n',
    });
    const problems = problemsOf(
      {
        PORT_SYNC_CONFIG: 'config.yaml',
        PORT_BASE_URL: 'https://port.example.com',
        PROBE_URL: 'http://gitlab.example.com',
        SOURCES: 'aws,probe,github',
        PROBE_TOKEN_FILE: 'empty-token',
        PROBE_GROUPS: 'acme/payments,/bad/',
        AWS_ACCOUNT_ROLE_ARNS: 'arn:aws:iam::1234:role/x',
        AWS_ACCOUNT_EXCLUDE: '12345',
        AWS_ORGANIZATION_ROLE_NAME: 'bad role',
        AWS_EXTERNAL_ID: 'x',
        AWS_RESOURCE_TYPES: 'ec2:instance,EC2 Instance',
        AWS_TAG_FILTERS: 'team=a,=b,team',
        AWS_COST_ROLE_ARN: 'arn:aws:iam::123456789012:user/x',
        TAG_TEAM: 'a,b',
        TEAM_ALIASES: 'payments=pay,checkout=pay',
        COST_METRIC: 'UsageQuantity',
        COST_HISTORY_MONTHS: '39',
        SYNC_SCHEDULE: 'every 5 minutes',
        COST_SCHEDULE: '* * * * * * *',
        DELETE_MAX_RATIO: '20%',
        LOG_LEVEL: 'verbose',
        HTTP_PORT: '65536',
      },
      dir,
      WITH_PROBE,
    );
    const file = `${dir}/config.yaml`;
    // Core rows first, then the shared AWS access, then each source's rows, then the rules across them.
    expect(problems).toEqual([
      `${file}: tags.colour: unknown key (expected one of service, team, environment, required)`,
      `PROBE_TOKEN_FILE (environment): ${dir}/empty-token is empty`,
      'SOURCES (environment): "github" is not a source; use one of aws, cost, probe',
      'TAG_TEAM (environment): "a,b" is not a tag key (1 to 128 characters, no comma)',
      'TEAM_ALIASES (environment): "pay" is an alias of both "payments" and "checkout"',
      'SYNC_SCHEDULE (environment): "every 5 minutes" is not a cron expression ([second] minute hour day-of-month month day-of-week, UTC)',
      'COST_SCHEDULE (environment): "* * * * * * *" is not a cron expression ([second] minute hour day-of-month month day-of-week, UTC)',
      'DELETE_MAX_RATIO (environment): "20%" is not a number from 0 to 1',
      'LOG_LEVEL (environment): "verbose" is not a log level; use one of fatal, error, warn, info, debug, trace, silent',
      'HTTP_PORT (environment): "65536" is not a whole number from 1 to 65535',
      `${file}: aws.regions[1]: "eu-west-x" is not a region name`,
      'AWS_ACCOUNT_ROLE_ARNS (environment): "arn:aws:iam::1234:role/x" is not an IAM role ARN (arn:aws:iam::123456789012:role/name)',
      'AWS_ORGANIZATION_ROLE_NAME (environment): "bad role" is not an IAM role name',
      'AWS_ACCOUNT_EXCLUDE (environment): "12345" is not a 12-digit AWS account id',
      'AWS_EXTERNAL_ID (environment): 2 to 1224 characters of letters, digits and +=,.@:/- are allowed',
      'AWS_RESOURCE_TYPES (environment): "EC2 Instance" is not a resource type filter (service or service:type, e.g. ec2:instance)',
      'AWS_TAG_FILTERS (environment): "=b" has no tag key before "="',
      'AWS_TAG_FILTERS (environment): tag key "team" is given twice; list its values once (key=v1|v2)',
      'AWS_COST_ROLE_ARN (environment): "arn:aws:iam::123456789012:user/x" is not an IAM role ARN (arn:aws:iam::123456789012:role/name)',
      'COST_METRIC (environment): "UsageQuantity" is not a Cost Explorer money metric; use one of AmortizedCost, NetAmortizedCost, UnblendedCost, NetUnblendedCost, BlendedCost',
      'COST_HISTORY_MONTHS (environment): "39" is not a whole number from 1 to 38',
      'PROBE_URL (environment): plain http is only allowed for a loopback host (127.0.0.0/8, ::1, localhost)',
      'PROBE_GROUPS (environment): "/bad/" is not a group path (e.g. acme/payments)',
      'SYNC_INSTANCE: required unless PORT_BASE_URL is a loopback host; it marks the entities this installation owns (set SYNC_INSTANCE, or syncInstance in the config file)',
    ]);
  });

  it('skips a rule whose input is itself bad, instead of guessing', () => {
    // With PORT_BASE_URL unusable, whether SYNC_INSTANCE is required is unknown: one problem, not two.
    expect(problemsOf({ PORT_BASE_URL: 'http://port.example.com' })).toHaveLength(1);
    expect(problemsOf({ PORT_BASE_URL: 'https://port.example.com', PROBE_GROUPS: 'a b' }, undefined, WITH_PROBE)).toEqual([
      'PROBE_GROUPS (environment): "a b" is not a group path (e.g. acme/payments)',
      'SYNC_INSTANCE: required unless PORT_BASE_URL is a loopback host; it marks the entities this installation owns (set SYNC_INSTANCE, or syncInstance in the config file)',
      'PROBE_TOKEN: required because the probe source is enabled (set PROBE_TOKEN or PROBE_TOKEN_FILE, or probe.token or probe.tokenFile in the config file)',
    ]);
  });

  it('throws a ConfigError that exits 2 and lists the problems in its message', () => {
    let thrown: unknown;
    try {
      loadConfig({ ...LOCAL, HTTP_PORT: 'x', LOG_LEVEL: 'y' });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    const error = thrown as ConfigError;
    expect(error.exitCode).toBe(ExitCode.BadInput);
    expect(error.problems).toHaveLength(2);
    expect(error.message).toContain('HTTP_PORT (environment)');
    expect(error.message).toContain('LOG_LEVEL (environment)');
  });

  it('rejects usage metrics and non-integers', () => {
    expect(problemsOf({ ...LOCAL, COST_METRIC: 'NormalizedUsageAmount', HTTP_PORT: '80.5', COST_HISTORY_MONTHS: '-1' })).toEqual([
      'HTTP_PORT (environment): "80.5" is not a whole number from 1 to 65535',
      'COST_METRIC (environment): "NormalizedUsageAmount" is not a Cost Explorer money metric; use one of AmortizedCost, NetAmortizedCost, UnblendedCost, NetUnblendedCost, BlendedCost',
      'COST_HISTORY_MONTHS (environment): "-1" is not a whole number from 1 to 38',
    ]);
  });
});

describe('secrets', () => {
  const secrets = { PORT_CLIENT_ID: 'client-id-1', PORT_CLIENT_SECRET: 'port-secret-value', PROBE_TOKEN: 'glpat-secret-value' };
  const withProbe = (env: NodeJS.ProcessEnv) => load(env, undefined, WITH_PROBE);

  it("secretsOf returns the client secret and a source's secret, not the client id", () => {
    const config = withProbe({ ...LOCAL, ...secrets });
    expect(secretsOf(config).sort()).toEqual(['glpat-secret-value', 'port-secret-value']);
    expect(secretsOf(withProbe({ ...LOCAL }))).toEqual([]);
    expect(probe(config).token).toBe('glpat-secret-value');
  });

  it('describeConfig shows whether a secret is set, never its value', () => {
    const described = describeConfig(withProbe({ ...LOCAL, ...secrets }));
    expect(described).toMatchObject({
      port: { clientId: 'client-id-1', clientSecret: '(set)' },
      sourceSettings: { probe: { token: '(set)' } },
      secrets: { PORT_CLIENT_SECRET: '(set)', PROBE_TOKEN: '(set)' },
      syncInstance: 'local',
    });
    const text = JSON.stringify(described);
    expect(text).not.toContain('port-secret-value');
    expect(text).not.toContain('glpat-secret-value');
    expect(describeConfig(withProbe({ ...LOCAL }))).toMatchObject({
      port: { clientSecret: '(not set)' },
      secrets: { PORT_CLIENT_SECRET: '(not set)', PROBE_TOKEN: '(not set)' },
    });
  });

  it('requirePortCredentials names each missing credential', () => {
    expect(() => requirePortCredentials(load({ ...LOCAL, ...secrets }))).not.toThrow();
    let thrown: unknown;
    try {
      requirePortCredentials(load({ ...LOCAL, PORT_CLIENT_ID: 'client-id-1' }));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect((thrown as ConfigError).problems).toEqual([
      'PORT_CLIENT_SECRET: required to talk to Port (set PORT_CLIENT_SECRET or PORT_CLIENT_SECRET_FILE, or port.clientSecret or port.clientSecretFile in the config file)',
    ]);
    expect(() => requirePortCredentials(load({ ...LOCAL }))).toThrow(/PORT_CLIENT_ID: required[\s\S]*PORT_CLIENT_SECRET: required/);
  });

  it('puts no secret value in any problem, wherever the secret came from', () => {
    const dir = withFiles({
      'secret.txt': 'file-secret-value\n',
      'config.yaml': 'probe:\n  token: yaml-token-value\n  groups: [yaml-token-value x]\nport:\n  clientSecret: [yaml-secret-list-value]\n',
    });
    const problems = problemsOf(
      {
        PORT_SYNC_CONFIG: 'config.yaml',
        PORT_BASE_URL: 'https://api.port.io/v1',
        PORT_CLIENT_SECRET_FILE: 'secret.txt',
        PORT_CLIENT_SECRET: 'env-secret-value',
        PROBE_TOKEN: 'env-token-value',
        // The token pasted into the wrong setting is still scrubbed from the problem.
        AWS_EXTERNAL_ID: 'env-token-value!',
        PROBE_GROUPS: 'env-token-value x',
        SOURCES: 'probe,env-token-value',
      },
      dir,
      WITH_PROBE,
    );
    expect(problems.length).toBeGreaterThan(3);
    const text = problems.join('\n');
    for (const secret of ['env-secret-value', 'file-secret-value', 'env-token-value', 'yaml-secret-list-value']) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('[REDACTED]');
  });

  it('puts no secret in the problems of a config file with a syntax error', () => {
    const dir = withFiles({ 'config.yaml': 'port:\n  clientSecret: "unterminated-secret-value\n' });
    const problems = problemsOf({ ...LOCAL, PORT_SYNC_CONFIG: 'config.yaml' }, dir);
    expect(problems.join('\n')).not.toContain('unterminated-secret-value');
  });
});

describe('LOG_LEVEL before the configuration loads', () => {
  it('is read like every other setting, from the environment over the file', () => {
    const dir = withFiles({ 'config.yaml': 'logLevel: warn\n' });
    expect(configuredLogLevel({ ...LOCAL, LOG_LEVEL: ' DEBUG ' })).toBe('debug');
    expect(configuredLogLevel({ ...LOCAL, PORT_SYNC_CONFIG: 'config.yaml' }, { cwd: dir })).toBe('warn');
    expect(configuredLogLevel({ ...LOCAL, PORT_SYNC_CONFIG: 'config.yaml', LOG_LEVEL: 'error' }, { cwd: dir })).toBe('error');
    // Unset: the command's own default applies (the demo is quieter than a sync).
    expect(configuredLogLevel({})).toBeUndefined();
  });

  it('is undefined when invalid, which the configuration check then reports', () => {
    expect(configuredLogLevel({ LOG_LEVEL: 'loud' })).toBeUndefined();
    expect(problemsOf({ ...LOCAL, LOG_LEVEL: 'loud' })).toEqual([
      'LOG_LEVEL (environment): "loud" is not a log level; use one of fatal, error, warn, info, debug, trace, silent',
    ]);
  });
});
