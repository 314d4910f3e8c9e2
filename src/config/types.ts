export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** A SOURCES name: the id of a source module in the registry. */
export type SourceId = string;

export interface TagFilter {
  key: string;
  /** Empty: the key must be present with any value. */
  values: string[];
}

export interface Config {
  /** The sources this installation runs (SOURCES, or those whose settings are present), in registry order. */
  sources: SourceId[];
  /** True when SOURCES named the sources; false when they were derived from the settings present. */
  sourcesSet: boolean;
  /** Every registered source whose required settings are present, enabled or not. */
  runnable: SourceId[];
  /** For each registered source that is not runnable: what it lacks, as problems naming what to set. */
  unmet: Readonly<Record<SourceId, readonly string[]>>;
  port: {
    /** Origin only, no trailing slash; the client adds /v1. */
    baseUrl: string;
    clientId?: string;
    clientSecret?: string;
    isLoopback: boolean;
    /** PORT_MAX_CONCURRENCY: requests in flight at once. */
    maxConcurrency: number;
  };
  syncInstance: string;
  /** The central tag keys. */
  tags: { service: string; team: string; environment: string };
  /** Normalised alias -> canonical name; every canonical name maps to itself. */
  aliases: { team: Record<string, string>; environment: Record<string, string> };
  schedule: { sync: string; cost: string };
  /** The worker (`serve`): a run at start, the run time limit and the shutdown deadline. */
  serve: { syncOnStart: boolean; runTimeoutSeconds: number; shutdownTimeoutSeconds: number };
  deleteMaxRatio: number;
  logLevel: LogLevel;
  httpPort: number;
  /** Each registered source's own typed settings, by source id; see `sourceSettingsOf`. */
  sourceSettings: Readonly<Record<SourceId, unknown>>;
  /** Every secret setting by variable name, with its value when set; see `secretsOf`. */
  secrets: Readonly<Record<string, string | undefined>>;
  /** Absolute path of the YAML file named by PORT_SYNC_CONFIG, when one was read. */
  configFile?: string;
}

/** A documented variable, as README lists it. */
export interface ConfigSetting {
  env: string;
  /** Dotted path in the YAML file; empty for PORT_SYNC_CONFIG, which names the file itself. */
  yamlKey: string;
  /** What applies when the setting is absent, as a user would write it (empty: nothing). */
  default: string;
  secret: boolean;
  description: string;
  /** The setting group it belongs to: `core`, a source id, or a shared group such as `aws-access`. */
  group: string;
}
