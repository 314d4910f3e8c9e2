import type { ConfigSetting } from './types.js';

/**
 * Resource Groups Tagging API type filters scanned when AWS_RESOURCE_TYPES is not set: the
 * resources services are built from. Names follow the ARN service namespace, which is what the
 * API matches on (EFS is `elasticfilesystem`, not `efs`).
 */
export const DEFAULT_RESOURCE_TYPES: readonly string[] = [
  'ec2:instance',
  'ec2:volume',
  'ec2:vpc',
  'ec2:subnet',
  'ec2:security-group',
  'elasticloadbalancing:loadbalancer',
  'rds:db',
  'rds:cluster',
  's3',
  'dynamodb:table',
  'lambda:function',
  'sqs',
  'sns',
  'ecr:repository',
  'eks:cluster',
  'elasticache:cluster',
  'es:domain',
  'kinesis:stream',
  'secretsmanager:secret',
  'states:stateMachine',
  'kms:key',
  'apigateway',
  'cloudfront:distribution',
  'elasticfilesystem:file-system',
];

/** Literal defaults, written as a user would set them; the loader parses them like user input. */
export const DEFAULTS = {
  PORT_BASE_URL: 'https://api.port.io',
  SYNC_INSTANCE_LOOPBACK: 'local',
  GITLAB_URL: 'https://gitlab.com',
  AWS_RESOURCE_TYPES: DEFAULT_RESOURCE_TYPES.join(','),
  TAG_SERVICE: 'service',
  TAG_TEAM: 'team',
  TAG_ENVIRONMENT: 'environment',
  REQUIRED_TAGS: 'service,team,environment,cost-center',
  KUBERNETES_CLUSTERS: 'eks',
  K8S_SERVICE_LABEL: 'app.kubernetes.io/name',
  COST_METRIC: 'AmortizedCost',
  COST_HISTORY_MONTHS: '2',
  SYNC_SCHEDULE: '*/30 * * * *',
  COST_SCHEDULE: '0 */6 * * *',
  DELETE_MAX_RATIO: '0.2',
  LOG_LEVEL: 'info',
  HTTP_PORT: '8080',
} as const;

const SECRET_ROUTE =
  'Prefer the environment (a Kubernetes Secret) or the _FILE variant over the config file.';

/** The table with its literal types; CONFIG_SETTINGS is the public view of it. */
export const SETTING_ROWS = [
  {
    env: 'PORT_SYNC_CONFIG',
    yamlKey: '',
    default: '',
    secret: false,
    description:
      'Path of an optional YAML file holding any setting below under its YAML key; environment variables win over it. Relative paths inside it (the *File keys) are relative to the file.',
  },
  {
    env: 'SOURCES',
    yamlKey: 'sources',
    default: 'every source whose settings are present',
    secret: false,
    description:
      'Sources this installation runs: aws, gitlab, kubernetes, cost. When unset: gitlab if GITLAB_GROUPS is set; aws if AWS_REGIONS, AWS_ACCOUNT_ROLE_ARNS or AWS_ORGANIZATION_ROLE_NAME is set; kubernetes if KUBERNETES_CLUSTERS is set or aws runs; cost if AWS_COST_ROLE_ARN, COST_METRIC or COST_HISTORY_MONTHS is set. `sync --sources` picks a subset for one run.',
  },
  {
    env: 'PORT_CLIENT_ID',
    yamlKey: 'port.clientId',
    default: '',
    secret: false,
    description:
      'Port machine client id (read access is enough for --dry-run). Required by commands that talk to Port; `validate` does not need it.',
  },
  {
    env: 'PORT_CLIENT_ID_FILE',
    yamlKey: 'port.clientIdFile',
    default: '',
    secret: false,
    description: 'File holding the Port client id (surrounding whitespace is trimmed); set this or PORT_CLIENT_ID.',
  },
  {
    env: 'PORT_CLIENT_SECRET',
    yamlKey: 'port.clientSecret',
    default: '',
    secret: true,
    description: `Port machine client secret. ${SECRET_ROUTE}`,
  },
  {
    env: 'PORT_CLIENT_SECRET_FILE',
    yamlKey: 'port.clientSecretFile',
    default: '',
    secret: false,
    description:
      'File holding the Port client secret, e.g. a mounted Kubernetes Secret (surrounding whitespace is trimmed); set this or PORT_CLIENT_SECRET.',
  },
  {
    env: 'PORT_BASE_URL',
    yamlKey: 'port.baseUrl',
    default: DEFAULTS.PORT_BASE_URL,
    secret: false,
    description:
      'Port API origin: https://api.port.io (EU), https://api.us.port.io (US), or a local sandbox. No path (the client adds /v1); plain http only on a loopback host (127.0.0.0/8, ::1, localhost).',
  },
  {
    env: 'SYNC_INSTANCE',
    yamlKey: 'syncInstance',
    default: `required unless Port is on a loopback host, then "${DEFAULTS.SYNC_INSTANCE_LOOPBACK}"`,
    secret: false,
    description:
      'Owner key of this installation: entities it writes carry it, and it only updates or deletes its own. Lower-case letters, digits, ".", "_" and "-", at most 63 characters.',
  },
  {
    env: 'GITLAB_URL',
    yamlKey: 'gitlab.url',
    default: DEFAULTS.GITLAB_URL,
    secret: false,
    description:
      'GitLab root URL (a path is kept for GitLab under a relative URL root; the client adds /api/v4). The token is sent there, so plain http only on a loopback host.',
  },
  {
    env: 'GITLAB_TOKEN',
    yamlKey: 'gitlab.token',
    default: '',
    secret: true,
    description: `GitLab token with the read_api scope; required when the gitlab source runs. ${SECRET_ROUTE}`,
  },
  {
    env: 'GITLAB_TOKEN_FILE',
    yamlKey: 'gitlab.tokenFile',
    default: '',
    secret: false,
    description: 'File holding the GitLab token (surrounding whitespace is trimmed); set this or GITLAB_TOKEN.',
  },
  {
    env: 'GITLAB_GROUPS',
    yamlKey: 'gitlab.groups',
    default: '',
    secret: false,
    description: 'Group paths to scan, with their subgroups (e.g. acme/payments); required when the gitlab source runs.',
  },
  {
    env: 'GITLAB_CHART_PROJECT',
    yamlKey: 'gitlab.chartProject',
    default: '',
    secret: false,
    description: 'Path of the central Helm chart project; its semver tags are the chart releases.',
  },
  {
    env: 'GITLAB_PIPELINE_PROJECT',
    yamlKey: 'gitlab.pipelineProject',
    default: '',
    secret: false,
    description: 'Path of the central CI pipeline project; its semver tags are the pipeline releases.',
  },
  {
    env: 'AWS_REGIONS',
    yamlKey: 'aws.regions',
    default: "the SDK's region (AWS_REGION, then AWS_DEFAULT_REGION)",
    secret: false,
    description:
      'Regions to scan; regions not enabled in an account are skipped and said so. Required when the aws source, or kubernetes with KUBERNETES_CLUSTERS=eks, runs.',
  },
  {
    env: 'AWS_ACCOUNT_ROLE_ARNS',
    yamlKey: 'aws.accountRoleArns',
    default: '',
    secret: false,
    description: "Roles to assume, one per account; the worker's own account uses its own credentials.",
  },
  {
    env: 'AWS_ORGANIZATION_ROLE_NAME',
    yamlKey: 'aws.organizationRoleName',
    default: '',
    secret: false,
    description: 'If set, list accounts with Organizations and assume this role name in each other account.',
  },
  {
    env: 'AWS_ACCOUNT_EXCLUDE',
    yamlKey: 'aws.accountExclude',
    default: '',
    secret: false,
    description: '12-digit ids of accounts to skip (quote them in YAML lists).',
  },
  {
    env: 'AWS_EXTERNAL_ID',
    yamlKey: 'aws.externalId',
    default: '',
    secret: false,
    description: 'ExternalId passed to AssumeRole.',
  },
  {
    env: 'AWS_RESOURCE_TYPES',
    yamlKey: 'aws.resourceTypes',
    default: DEFAULTS.AWS_RESOURCE_TYPES,
    secret: false,
    description: 'Tagging API resource type filters (service or service:type), applied server-side.',
  },
  {
    env: 'AWS_TAG_FILTERS',
    yamlKey: 'aws.tagFilters',
    default: '',
    secret: false,
    description:
      'Optional tag filters for discovery: `key=v1|v2,other-key` (a key alone matches any value). In YAML also a list of {key, values}.',
  },
  {
    env: 'AWS_COST_ROLE_ARN',
    yamlKey: 'aws.costRoleArn',
    default: '',
    secret: false,
    description: 'Role in the management (payer) account for Cost Explorer; unset: the current credentials.',
  },
  {
    env: 'TAG_SERVICE',
    yamlKey: 'tags.service',
    default: DEFAULTS.TAG_SERVICE,
    secret: false,
    description: 'Central tag key naming the service.',
  },
  {
    env: 'TAG_TEAM',
    yamlKey: 'tags.team',
    default: DEFAULTS.TAG_TEAM,
    secret: false,
    description: 'Central tag key naming the owning team.',
  },
  {
    env: 'TAG_ENVIRONMENT',
    yamlKey: 'tags.environment',
    default: DEFAULTS.TAG_ENVIRONMENT,
    secret: false,
    description: 'Central tag key naming the environment.',
  },
  {
    env: 'REQUIRED_TAGS',
    yamlKey: 'tags.required',
    default: DEFAULTS.REQUIRED_TAGS,
    secret: false,
    description: 'Tags every resource must carry (tag compliance).',
  },
  {
    env: 'TEAM_ALIASES',
    yamlKey: 'aliases.team',
    default: '',
    secret: false,
    description:
      'Team aliases: `payments=pay|payment-team,checkout=co`; in YAML a mapping of canonical name to its aliases. Matched after trimming and lower-casing.',
  },
  {
    env: 'ENVIRONMENT_ALIASES',
    yamlKey: 'aliases.environment',
    default: '',
    secret: false,
    description:
      'Environment aliases, same form as TEAM_ALIASES (e.g. `production=prod|prd`). Best kept in YAML.',
  },
  {
    env: 'KUBERNETES_CLUSTERS',
    yamlKey: 'kubernetes.clusters',
    default: DEFAULTS.KUBERNETES_CLUSTERS,
    secret: false,
    description:
      'eks (discover clusters with EKS, authenticate with an IAM token), in-cluster, or kubeconfig.',
  },
  {
    env: 'K8S_SERVICE_LABEL',
    yamlKey: 'kubernetes.serviceLabel',
    default: DEFAULTS.K8S_SERVICE_LABEL,
    secret: false,
    description: 'Workload label that names its service.',
  },
  {
    env: 'COST_METRIC',
    yamlKey: 'cost.metric',
    default: DEFAULTS.COST_METRIC,
    secret: false,
    description:
      'Cost Explorer money metric: AmortizedCost, NetAmortizedCost, UnblendedCost, NetUnblendedCost or BlendedCost.',
  },
  {
    env: 'COST_HISTORY_MONTHS',
    yamlKey: 'cost.historyMonths',
    default: DEFAULTS.COST_HISTORY_MONTHS,
    secret: false,
    description:
      'Months queried per cost run, 1 to 38 (last month and this month by default; more to backfill history).',
  },
  {
    env: 'SYNC_SCHEDULE',
    yamlKey: 'schedule.sync',
    default: DEFAULTS.SYNC_SCHEDULE,
    secret: false,
    description: 'Cron expression (UTC) for the sync in `serve`.',
  },
  {
    env: 'COST_SCHEDULE',
    yamlKey: 'schedule.cost',
    default: DEFAULTS.COST_SCHEDULE,
    secret: false,
    description: 'Cron expression (UTC) for the cost sync in `serve`; each run makes paid Cost Explorer requests.',
  },
  {
    env: 'DELETE_MAX_RATIO',
    yamlKey: 'deleteMaxRatio',
    default: DEFAULTS.DELETE_MAX_RATIO,
    secret: false,
    description:
      "From 0 to 1: a run that would delete more than this share of a blueprint's owned entities (and more than 5) deletes none of them and says so.",
  },
  {
    env: 'LOG_LEVEL',
    yamlKey: 'logLevel',
    default: DEFAULTS.LOG_LEVEL,
    secret: false,
    description: 'pino level: fatal, error, warn, info, debug, trace or silent. Logs are JSON lines.',
  },
  {
    env: 'HTTP_PORT',
    yamlKey: 'httpPort',
    default: DEFAULTS.HTTP_PORT,
    secret: false,
    description: 'Health and metrics port for `serve`.',
  },
] as const satisfies readonly ConfigSetting[];

/** Every variable the loader reads, with its YAML key; README documents this table. */
export const CONFIG_SETTINGS: readonly ConfigSetting[] = SETTING_ROWS;

export type SettingName = (typeof SETTING_ROWS)[number]['env'];
/** Settings that carry a value (not the file-path settings that point at one). */
export type ValueName = Exclude<SettingName, 'PORT_SYNC_CONFIG' | `${string}_FILE`>;

/** Settings that may be read from a file instead, so a Kubernetes Secret can be mounted. */
export const FILE_VARIANTS = {
  PORT_CLIENT_ID: 'PORT_CLIENT_ID_FILE',
  PORT_CLIENT_SECRET: 'PORT_CLIENT_SECRET_FILE',
  GITLAB_TOKEN: 'GITLAB_TOKEN_FILE',
} as const satisfies Partial<Record<ValueName, SettingName>>;

export type FileVariantName = keyof typeof FILE_VARIANTS;

export function isFileVariant(name: ValueName): name is FileVariantName {
  return Object.hasOwn(FILE_VARIANTS, name);
}

export function yamlKeyOf(name: SettingName): string {
  return SETTING_ROWS.find((row) => row.env === name)?.yamlKey ?? '';
}

export const VALUE_NAMES: readonly ValueName[] = SETTING_ROWS.map((row) => row.env).filter(
  (name): name is ValueName => name !== 'PORT_SYNC_CONFIG' && !name.endsWith('_FILE'),
);

/** Settings whose values must never be printed. */
export const SECRET_SETTINGS: readonly ValueName[] = VALUE_NAMES.filter(
  (name) => SETTING_ROWS.find((row) => row.env === name)?.secret === true,
);
