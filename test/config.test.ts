import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RESOURCE_TYPES,
  describeConfig,
  loadConfig,
  requirePortCredentials,
  secretsOf,
  type Config,
} from '../src/config.js';
import { ConfigError, ExitCode } from '../src/errors.js';
import { LOCAL, load, problemsOf, withFiles } from './config/support.js';

const DEFAULTS: Config = {
  sources: [],
  port: { baseUrl: 'http://127.0.0.1:5555', clientId: undefined, clientSecret: undefined, isLoopback: true },
  syncInstance: 'local',
  gitlab: { url: 'https://gitlab.com', token: undefined, groups: [], chartProject: undefined, pipelineProject: undefined },
  aws: {
    regions: [],
    accountRoleArns: [],
    organizationRoleName: undefined,
    accountExclude: [],
    externalId: undefined,
    resourceTypes: [...DEFAULT_RESOURCE_TYPES],
    tagFilters: [],
    costRoleArn: undefined,
  },
  tags: { service: 'service', team: 'team', environment: 'environment', required: ['service', 'team', 'environment', 'cost-center'] },
  aliases: { team: {}, environment: {} },
  kubernetes: { clusters: 'eks', serviceLabel: 'app.kubernetes.io/name' },
  cost: { metric: 'AmortizedCost', historyMonths: 2 },
  schedule: { sync: '*/30 * * * *', cost: '0 */6 * * *' },
  deleteMaxRatio: 0.2,
  logLevel: 'info',
  httpPort: 8080,
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
    expect(load({ ...LOCAL, AWS_DEFAULT_REGION: 'eu-central-1' }).aws.regions).toEqual(['eu-central-1']);
    const both = { ...LOCAL, AWS_REGION: 'eu-west-1', AWS_DEFAULT_REGION: 'eu-central-1' };
    expect(load(both).aws.regions).toEqual(['eu-west-1']);
    expect(load({ ...both, AWS_REGIONS: 'us-east-1' }).aws.regions).toEqual(['us-east-1']);
  });
});

describe('environment values', () => {
  it('splits lists on commas, trims, drops empties and duplicates', () => {
    const config = load({ ...LOCAL, AWS_REGIONS: ' eu-west-1 ,, us-east-1,eu-west-1, ', REQUIRED_TAGS: 'owner' });
    expect(config.aws.regions).toEqual(['eu-west-1', 'us-east-1']);
    expect(config.tags.required).toEqual(['owner']);
  });

  it('parses numbers, enums and schedules', () => {
    const config = load({
      ...LOCAL,
      HTTP_PORT: '9090',
      DELETE_MAX_RATIO: '0.5',
      COST_HISTORY_MONTHS: '38',
      COST_METRIC: 'unblendedcost',
      LOG_LEVEL: 'DEBUG',
      KUBERNETES_CLUSTERS: 'in-cluster',
      SYNC_SCHEDULE: '0 * * * *',
      COST_SCHEDULE: '0 0 6 * * *',
    });
    expect(config).toMatchObject({
      httpPort: 9090,
      deleteMaxRatio: 0.5,
      cost: { metric: 'UnblendedCost', historyMonths: 38 },
      logLevel: 'debug',
      kubernetes: { clusters: 'in-cluster' },
      schedule: { sync: '0 * * * *', cost: '0 0 6 * * *' },
    });
  });

  it('accepts the ends of every range', () => {
    const low = load({ ...LOCAL, HTTP_PORT: '1', DELETE_MAX_RATIO: '0', COST_HISTORY_MONTHS: '1' });
    expect([low.httpPort, low.deleteMaxRatio, low.cost.historyMonths]).toEqual([1, 0, 1]);
    const high = load({ ...LOCAL, HTTP_PORT: '65535', DELETE_MAX_RATIO: '1', COST_HISTORY_MONTHS: '38' });
    expect([high.httpPort, high.deleteMaxRatio, high.cost.historyMonths]).toEqual([65535, 1, 38]);
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
    expect(config.aws).toMatchObject({
      accountRoleArns: ['arn:aws:iam::111111111111:role/port-sync', 'arn:aws-us-gov:iam::222222222222:role/ops/port-sync'],
      organizationRoleName: 'OrganizationAccountAccessRole',
      accountExclude: ['012345678901'],
      externalId: 'port-sync-external',
      resourceTypes: ['ec2:instance', 's3', 'states:stateMachine'],
      costRoleArn: 'arn:aws:iam::333333333333:role/cost-reader',
      regions: ['us-gov-west-1', 'eu-west-1'],
    });
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

  it('applies the same http rule to GITLAB_URL, which keeps a relative URL root', () => {
    expect(load({ ...LOCAL, GITLAB_URL: 'https://git.example.com/gitlab/' }).gitlab.url).toBe('https://git.example.com/gitlab');
    expect(load({ ...LOCAL, GITLAB_URL: 'http://localhost:8929' }).gitlab.url).toBe('http://localhost:8929');
    expect(problemsOf({ ...LOCAL, GITLAB_URL: 'http://gitlab.example.com' })).toEqual([
      `GITLAB_URL (environment): ${LOOPBACK_RULE}`,
    ]);
    expect(problemsOf({ ...LOCAL, GITLAB_URL: 'https://gitlab.example.com/api/v4/' })).toEqual([
      'GITLAB_URL (environment): ends with /api/v4: give the GitLab root URL; the client adds /api/v4',
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
    [{ GITLAB_GROUPS: 'acme', GITLAB_TOKEN: 'glpat-token-1' }, ['gitlab']],
    [{ AWS_REGIONS: 'eu-west-1' }, ['aws', 'kubernetes']],
    [{ ...region, AWS_ACCOUNT_ROLE_ARNS: 'arn:aws:iam::111111111111:role/x' }, ['aws', 'kubernetes']],
    [{ ...region, AWS_ORGANIZATION_ROLE_NAME: 'PortSync' }, ['aws', 'kubernetes']],
    [{ KUBERNETES_CLUSTERS: 'in-cluster' }, ['kubernetes']],
    [{ ...region, KUBERNETES_CLUSTERS: 'eks' }, ['kubernetes']],
    [{ AWS_COST_ROLE_ARN: 'arn:aws:iam::111111111111:role/cost' }, ['cost']],
    [{ COST_METRIC: 'BlendedCost' }, ['cost']],
    [{ COST_HISTORY_MONTHS: '3' }, ['cost']],
    [{ ...region }, []],
    [{ GITLAB_GROUPS: 'acme', GITLAB_TOKEN: 'glpat-token-1', AWS_REGIONS: 'eu-west-1', COST_METRIC: 'BlendedCost' }, ['aws', 'gitlab', 'kubernetes', 'cost']],
  ] as [Record<string, string>, string[]][])('derives %j as %j', (env, sources) => {
    expect(load({ ...LOCAL, ...env }).sources).toEqual(sources);
  });

  it('uses an explicit list instead, in canonical order without duplicates', () => {
    expect(load({ ...LOCAL, SOURCES: 'cost, kubernetes,cost', KUBERNETES_CLUSTERS: 'kubeconfig', GITLAB_GROUPS: 'acme' }).sources).toEqual([
      'kubernetes',
      'cost',
    ]);
  });

  it('lists the valid names for an unknown one', () => {
    expect(problemsOf({ ...LOCAL, SOURCES: 'aws,github' })).toEqual([
      'SOURCES (environment): "github" is not a source; use one of aws, gitlab, kubernetes, cost',
    ]);
  });

  it('requires a token and groups for an enabled gitlab source', () => {
    expect(problemsOf({ ...LOCAL, SOURCES: 'gitlab' })).toEqual([
      'GITLAB_TOKEN: required because the gitlab source is enabled (set GITLAB_TOKEN or GITLAB_TOKEN_FILE, or gitlab.token or gitlab.tokenFile in the config file)',
      'GITLAB_GROUPS: required because the gitlab source is enabled (set GITLAB_GROUPS, or gitlab.groups in the config file)',
    ]);
    expect(problemsOf({ ...LOCAL, GITLAB_GROUPS: 'acme' })).toHaveLength(1);
  });

  it('requires a region for aws and for kubernetes on EKS, not for other cluster modes', () => {
    const problem =
      'AWS_REGIONS: required because the aws source (or kubernetes with KUBERNETES_CLUSTERS=eks) is enabled and neither AWS_REGION nor AWS_DEFAULT_REGION is set (set AWS_REGIONS, or aws.regions in the config file)';
    expect(problemsOf({ ...LOCAL, SOURCES: 'aws' })).toEqual([problem]);
    expect(problemsOf({ ...LOCAL, SOURCES: 'kubernetes' })).toEqual([problem]);
    expect(load({ ...LOCAL, SOURCES: 'kubernetes', KUBERNETES_CLUSTERS: 'kubeconfig' }).sources).toEqual(['kubernetes']);
    expect(load({ ...LOCAL, SOURCES: 'aws', AWS_DEFAULT_REGION: 'eu-north-1' }).aws.regions).toEqual(['eu-north-1']);
    expect(load({ ...LOCAL, SOURCES: 'cost' }).sources).toEqual(['cost']);
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
        GITLAB_URL: 'http://gitlab.example.com',
        SOURCES: 'aws,gitlab,github',
        GITLAB_TOKEN_FILE: 'empty-token',
        GITLAB_GROUPS: 'acme/payments,/bad/',
        AWS_ACCOUNT_ROLE_ARNS: 'arn:aws:iam::1234:role/x',
        AWS_ACCOUNT_EXCLUDE: '12345',
        AWS_ORGANIZATION_ROLE_NAME: 'bad role',
        AWS_EXTERNAL_ID: 'x',
        AWS_RESOURCE_TYPES: 'ec2:instance,EC2 Instance',
        AWS_TAG_FILTERS: 'team=a,=b,team',
        AWS_COST_ROLE_ARN: 'arn:aws:iam::123456789012:user/x',
        TAG_TEAM: 'a,b',
        TEAM_ALIASES: 'payments=pay,checkout=pay',
        KUBERNETES_CLUSTERS: 'gke',
        K8S_SERVICE_LABEL: 'app name',
        COST_METRIC: 'UsageQuantity',
        COST_HISTORY_MONTHS: '39',
        SYNC_SCHEDULE: 'every 5 minutes',
        COST_SCHEDULE: '* * * * * * *',
        DELETE_MAX_RATIO: '20%',
        LOG_LEVEL: 'verbose',
        HTTP_PORT: '65536',
        GITLAB_CHART_PROJECT: 'charts/',
        GITLAB_PIPELINE_PROJECT: 'ci pipeline',
      },
      dir,
    );
    const file = `${dir}/config.yaml`;
    expect(problems).toEqual([
      `${file}: tags.colour: unknown key (expected one of service, team, environment, required)`,
      `GITLAB_TOKEN_FILE (environment): ${dir}/empty-token is empty`,
      'SOURCES (environment): "github" is not a source; use one of aws, gitlab, kubernetes, cost',
      'GITLAB_URL (environment): plain http is only allowed for a loopback host (127.0.0.0/8, ::1, localhost)',
      'GITLAB_GROUPS (environment): "/bad/" is not a GitLab group path (e.g. acme/payments)',
      'GITLAB_CHART_PROJECT (environment): "charts/" is not a GitLab project path (e.g. platform/helm-chart)',
      'GITLAB_PIPELINE_PROJECT (environment): "ci pipeline" is not a GitLab project path (e.g. platform/helm-chart)',
      `${file}: aws.regions[1]: "eu-west-x" is not a region name`,
      'AWS_ACCOUNT_ROLE_ARNS (environment): "arn:aws:iam::1234:role/x" is not an IAM role ARN (arn:aws:iam::123456789012:role/name)',
      'AWS_ORGANIZATION_ROLE_NAME (environment): "bad role" is not an IAM role name',
      'AWS_ACCOUNT_EXCLUDE (environment): "12345" is not a 12-digit AWS account id',
      'AWS_EXTERNAL_ID (environment): 2 to 1224 characters of letters, digits and +=,.@:/- are allowed',
      'AWS_RESOURCE_TYPES (environment): "EC2 Instance" is not a resource type filter (service or service:type, e.g. ec2:instance)',
      'AWS_TAG_FILTERS (environment): "=b" has no tag key before "="',
      'AWS_TAG_FILTERS (environment): tag key "team" is given twice; list its values once (key=v1|v2)',
      'AWS_COST_ROLE_ARN (environment): "arn:aws:iam::123456789012:user/x" is not an IAM role ARN (arn:aws:iam::123456789012:role/name)',
      'TAG_TEAM (environment): "a,b" is not a tag key (1 to 128 characters, no comma)',
      'TEAM_ALIASES (environment): "pay" is an alias of both "payments" and "checkout"',
      'KUBERNETES_CLUSTERS (environment): "gke" is not a cluster mode; use one of eks, in-cluster, kubeconfig',
      'K8S_SERVICE_LABEL (environment): "app name" is not a Kubernetes label key',
      'COST_METRIC (environment): "UsageQuantity" is not a Cost Explorer money metric; use one of AmortizedCost, NetAmortizedCost, UnblendedCost, NetUnblendedCost, BlendedCost',
      'COST_HISTORY_MONTHS (environment): "39" is not a whole number from 1 to 38',
      'SYNC_SCHEDULE (environment): "every 5 minutes" is not a cron expression (minute hour day-of-month month day-of-week, UTC)',
      'COST_SCHEDULE (environment): "* * * * * * *" is not a cron expression (minute hour day-of-month month day-of-week, UTC)',
      'DELETE_MAX_RATIO (environment): "20%" is not a number from 0 to 1',
      'LOG_LEVEL (environment): "verbose" is not a log level; use one of fatal, error, warn, info, debug, trace, silent',
      'HTTP_PORT (environment): "65536" is not a whole number from 1 to 65535',
      'SYNC_INSTANCE: required unless PORT_BASE_URL is a loopback host; it marks the entities this installation owns (set SYNC_INSTANCE, or syncInstance in the config file)',
    ]);
  });

  it('skips a rule whose input is itself bad, instead of guessing', () => {
    // With PORT_BASE_URL unusable, whether SYNC_INSTANCE is required is unknown: one problem, not two.
    expect(problemsOf({ PORT_BASE_URL: 'http://port.example.com' })).toHaveLength(1);
    expect(problemsOf({ PORT_BASE_URL: 'https://port.example.com', GITLAB_GROUPS: 'a b' })).toEqual([
      'GITLAB_GROUPS (environment): "a b" is not a GitLab group path (e.g. acme/payments)',
      'SYNC_INSTANCE: required unless PORT_BASE_URL is a loopback host; it marks the entities this installation owns (set SYNC_INSTANCE, or syncInstance in the config file)',
      'GITLAB_TOKEN: required because the gitlab source is enabled (set GITLAB_TOKEN or GITLAB_TOKEN_FILE, or gitlab.token or gitlab.tokenFile in the config file)',
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
      'COST_METRIC (environment): "NormalizedUsageAmount" is not a Cost Explorer money metric; use one of AmortizedCost, NetAmortizedCost, UnblendedCost, NetUnblendedCost, BlendedCost',
      'COST_HISTORY_MONTHS (environment): "-1" is not a whole number from 1 to 38',
      'HTTP_PORT (environment): "80.5" is not a whole number from 1 to 65535',
    ]);
  });
});

describe('secrets', () => {
  const secrets = { PORT_CLIENT_ID: 'client-id-1', PORT_CLIENT_SECRET: 'port-secret-value', GITLAB_TOKEN: 'glpat-secret-value' };

  it('secretsOf returns the client secret and the GitLab token, not the client id', () => {
    const config = load({ ...LOCAL, ...secrets });
    expect(secretsOf(config).sort()).toEqual(['glpat-secret-value', 'port-secret-value']);
    expect(secretsOf(load({ ...LOCAL }))).toEqual([]);
  });

  it('describeConfig shows whether a secret is set, never its value', () => {
    const described = describeConfig(load({ ...LOCAL, ...secrets }));
    expect(described).toMatchObject({
      port: { clientId: 'client-id-1', clientSecret: '(set)' },
      gitlab: { token: '(set)' },
      syncInstance: 'local',
    });
    const text = JSON.stringify(described);
    expect(text).not.toContain('port-secret-value');
    expect(text).not.toContain('glpat-secret-value');
    expect(describeConfig(load({ ...LOCAL }))).toMatchObject({ port: { clientSecret: '(not set)' }, gitlab: { token: '(not set)' } });
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
      'config.yaml': 'gitlab:\n  token: yaml-token-value\n  groups: [yaml-token-value x]\nport:\n  clientSecret: [yaml-secret-list-value]\n',
    });
    const problems = problemsOf(
      {
        PORT_SYNC_CONFIG: 'config.yaml',
        PORT_BASE_URL: 'https://api.port.io/v1',
        PORT_CLIENT_SECRET_FILE: 'secret.txt',
        PORT_CLIENT_SECRET: 'env-secret-value',
        GITLAB_TOKEN: 'env-token-value',
        // The token pasted into the wrong setting is still scrubbed from the problem.
        AWS_EXTERNAL_ID: 'env-token-value!',
        GITLAB_GROUPS: 'env-token-value x',
        SOURCES: 'gitlab,env-token-value',
      },
      dir,
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
