import { aliases } from './aliases.js';
import { syncInstance, tagKey } from './fields.js';
import type { ValuesOf } from './define.js';
import { LOG_LEVELS, type ConfigSetting } from './types.js';
import { portBaseUrl } from './urls.js';
import { boolean, cronExpression, fraction, integer, list, oneOf, scalar } from './values.js';

/** Literal defaults of the core rows, written as a user would set them. */
export const CORE_DEFAULTS = {
  PORT_BASE_URL: 'https://api.port.io',
  PORT_MAX_CONCURRENCY: '8',
  SYNC_INSTANCE_LOOPBACK: 'local',
  TAG_SERVICE: 'service',
  TAG_TEAM: 'team',
  TAG_ENVIRONMENT: 'environment',
  SYNC_SCHEDULE: '*/30 * * * *',
  COST_SCHEDULE: '0 */6 * * *',
  SYNC_ON_START: 'true',
  RUN_TIMEOUT_S: '1500',
  SHUTDOWN_TIMEOUT_S: '20',
  DELETE_MAX_RATIO: '0.2',
  LOG_LEVEL: 'info',
  HTTP_PORT: '8080',
} as const;

export const SECRET_ROUTE = 'Prefer the environment (a Kubernetes Secret) or the _FILE variant over the config file.';

/** PORT_SYNC_CONFIG names the file the other settings may come from; it has no YAML key of its own. */
export const CONFIG_FILE_SETTING: ConfigSetting = {
  env: 'PORT_SYNC_CONFIG',
  yamlKey: '',
  default: '',
  secret: false,
  description:
    'Path of an optional YAML file holding any setting below under its YAML key; environment variables win over it. Relative paths inside it (the *File keys) are relative to the file.',
  group: 'core',
};

/** What the SOURCES row says about the registered sources. */
export interface SourcesInfo {
  ids: readonly string[];
  /** How SOURCES is derived when unset, e.g. "aws if AWS_REGIONS ... is set". */
  derivation: string;
}

/**
 * The settings every installation has, whatever its sources: what runs, Port, the owner key, the
 * central tags and aliases, schedules, the deletion guard, logging and the worker's port.
 */
export function coreRows(sources: SourcesInfo) {
  const ids = sources.ids;
  return {
    SOURCES: {
      yamlKey: 'sources',
      defaultText: 'every source whose settings are present',
      description:
        `Sources this installation runs: ${ids.join(', ')}. When unset: ${sources.derivation}. ` +
        '`sync --sources` picks a subset for one run; without SOURCES it may name any source whose required settings are present.',
      schema: list(oneOf(ids, 'a source'))
        .transform((named) => ids.filter((id) => named.includes(id)))
        .optional(),
    },
    PORT_CLIENT_ID: {
      yamlKey: 'port.clientId',
      fromFile: true,
      description:
        'Port machine client id (read access is enough for --dry-run). Required by commands that talk to Port; `validate` does not need it.',
      schema: scalar.optional(),
    },
    PORT_CLIENT_SECRET: {
      yamlKey: 'port.clientSecret',
      secret: true,
      fromFile: true,
      description: `Port machine client secret. ${SECRET_ROUTE}`,
      schema: scalar.optional(),
    },
    PORT_BASE_URL: {
      yamlKey: 'port.baseUrl',
      default: CORE_DEFAULTS.PORT_BASE_URL,
      description:
        'Port API origin: https://api.port.io (EU), https://api.us.port.io (US), or a local sandbox. No path (the client adds /v1); plain http only on a loopback host (127.0.0.0/8, ::1, localhost).',
      schema: portBaseUrl,
    },
    PORT_MAX_CONCURRENCY: {
      yamlKey: 'port.maxConcurrency',
      default: CORE_DEFAULTS.PORT_MAX_CONCURRENCY,
      description:
        "Port requests in flight at once, 1 to 32. A first sync's floor is its bulk writes / this x Port's latency (100k entities, 8, 50 ms: about 33 s). More goes faster but spends Port's per-organization rate limit faster, and every integration and user of the organization shares it (last published: 35,000 entity requests per 5 minutes, about 117 per second; 8 at 50 ms already sends up to 160 per second, so a large first sync runs into it and the client slows down when `x-ratelimit-remaining` runs low).",
      schema: integer(1, 32),
    },
    SYNC_INSTANCE: {
      yamlKey: 'syncInstance',
      defaultText: `required unless Port is on a loopback host, then "${CORE_DEFAULTS.SYNC_INSTANCE_LOOPBACK}"`,
      description:
        'Owner key of this installation: entities it writes carry it, and it only updates or deletes its own. Lower-case letters, digits, ".", "_" and "-", at most 63 characters.',
      schema: syncInstance.optional(),
    },
    TAG_SERVICE: {
      yamlKey: 'tags.service',
      default: CORE_DEFAULTS.TAG_SERVICE,
      description: 'Central tag key naming the service.',
      schema: tagKey,
    },
    TAG_TEAM: {
      yamlKey: 'tags.team',
      default: CORE_DEFAULTS.TAG_TEAM,
      description: 'Central tag key naming the owning team.',
      schema: tagKey,
    },
    TAG_ENVIRONMENT: {
      yamlKey: 'tags.environment',
      default: CORE_DEFAULTS.TAG_ENVIRONMENT,
      description: 'Central tag key naming the environment.',
      schema: tagKey,
    },
    TEAM_ALIASES: {
      yamlKey: 'aliases.team',
      description:
        'Team aliases: `payments=pay|payment-team,checkout=co`; in YAML a mapping of canonical name to its aliases. Matched after trimming and lower-casing.',
      schema: aliases.prefault({}),
    },
    ENVIRONMENT_ALIASES: {
      yamlKey: 'aliases.environment',
      description: 'Environment aliases, same form as TEAM_ALIASES (e.g. `production=prod|prd`). Best kept in YAML.',
      schema: aliases.prefault({}),
    },
    SYNC_SCHEDULE: {
      yamlKey: 'schedule.sync',
      default: CORE_DEFAULTS.SYNC_SCHEDULE,
      description: 'Cron expression (UTC) for the sync in `serve`: every enabled source but cost. Five fields, or six with seconds first.',
      schema: cronExpression(),
    },
    COST_SCHEDULE: {
      yamlKey: 'schedule.cost',
      default: CORE_DEFAULTS.COST_SCHEDULE,
      description:
        'Cron expression (UTC) for the cost sync in `serve` (the cost source alone); each run makes paid Cost Explorer requests.',
      schema: cronExpression(),
    },
    SYNC_ON_START: {
      yamlKey: 'schedule.onStart',
      default: CORE_DEFAULTS.SYNC_ON_START,
      description: '`serve` runs the sync as soon as it starts, then the cost sync (true or false).',
      schema: boolean(),
    },
    RUN_TIMEOUT_S: {
      yamlKey: 'serve.runTimeoutSeconds',
      default: CORE_DEFAULTS.RUN_TIMEOUT_S,
      description:
        'Seconds after which a `serve` run still going is aborted: its in-flight Port batch finishes, nothing more is written or deleted.',
      schema: integer(1, 86_400),
    },
    SHUTDOWN_TIMEOUT_S: {
      yamlKey: 'serve.shutdownTimeoutSeconds',
      default: CORE_DEFAULTS.SHUTDOWN_TIMEOUT_S,
      description: "On SIGTERM or SIGINT, `serve` exits 0 within this many seconds; keep it below the pod's terminationGracePeriodSeconds.",
      schema: integer(1, 3_600),
    },
    DELETE_MAX_RATIO: {
      yamlKey: 'deleteMaxRatio',
      default: CORE_DEFAULTS.DELETE_MAX_RATIO,
      description:
        "From 0 to 1: a run that would delete more than this share of a blueprint's owned entities (and more than 5) deletes none of them and says so.",
      schema: fraction(),
    },
    LOG_LEVEL: {
      yamlKey: 'logLevel',
      default: CORE_DEFAULTS.LOG_LEVEL,
      description: 'pino level: fatal, error, warn, info, debug, trace or silent. Logs are JSON lines.',
      schema: oneOf(LOG_LEVELS, 'a log level'),
    },
    HTTP_PORT: {
      yamlKey: 'httpPort',
      default: CORE_DEFAULTS.HTTP_PORT,
      description: 'Health and metrics port for `serve`.',
      schema: integer(1, 65535),
    },
  } as const;
}

export type CoreValues = ValuesOf<ReturnType<typeof coreRows>>;
