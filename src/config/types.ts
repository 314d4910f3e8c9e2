/** The sources a run can discover from, in the order they are listed everywhere. */
export const SOURCE_IDS = ['aws', 'gitlab', 'kubernetes', 'cost'] as const;
export type SourceId = (typeof SOURCE_IDS)[number];

export const CLUSTER_MODES = ['eks', 'in-cluster', 'kubeconfig'] as const;
export type ClusterMode = (typeof CLUSTER_MODES)[number];

/** Cost Explorer metrics that are money; usage metrics (UsageQuantity, ...) are not. */
export const COST_METRICS = [
  'AmortizedCost',
  'NetAmortizedCost',
  'UnblendedCost',
  'NetUnblendedCost',
  'BlendedCost',
] as const;
export type CostMetric = (typeof COST_METRICS)[number];

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface TagFilter {
  key: string;
  /** Empty: the key must be present with any value. */
  values: string[];
}

export interface Config {
  sources: SourceId[];
  port: {
    /** Origin only, no trailing slash; the client adds /v1. */
    baseUrl: string;
    clientId?: string;
    clientSecret?: string;
    isLoopback: boolean;
  };
  syncInstance: string;
  gitlab: {
    /** Root URL, no trailing slash; may carry a relative URL root such as /gitlab. */
    url: string;
    token?: string;
    groups: string[];
    chartProject?: string;
    pipelineProject?: string;
  };
  aws: {
    regions: string[];
    accountRoleArns: string[];
    organizationRoleName?: string;
    accountExclude: string[];
    externalId?: string;
    resourceTypes: string[];
    tagFilters: TagFilter[];
    costRoleArn?: string;
  };
  tags: { service: string; team: string; environment: string; required: string[] };
  /** Normalised alias -> canonical name; every canonical name maps to itself. */
  aliases: { team: Record<string, string>; environment: Record<string, string> };
  kubernetes: { clusters: ClusterMode; serviceLabel: string };
  cost: { metric: CostMetric; historyMonths: number };
  schedule: { sync: string; cost: string };
  deleteMaxRatio: number;
  logLevel: LogLevel;
  httpPort: number;
  /** Absolute path of the YAML file named by PORT_SYNC_CONFIG, when one was read. */
  configFile?: string;
}

export interface ConfigSetting {
  env: string;
  /** Dotted path in the YAML file; empty for PORT_SYNC_CONFIG, which names the file itself. */
  yamlKey: string;
  /** What applies when the setting is absent, as a user would write it (empty: nothing). */
  default: string;
  secret: boolean;
  description: string;
}
