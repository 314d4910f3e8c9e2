import type { CoreSettings, SettingValues } from '../domain/index.js';
import type { Registry } from '../sources/registry.js';
import type { CoreValues } from './settings.js';
import type { SettingsTable } from './table.js';
import type { Config } from './types.js';

export interface BuildContext {
  sources: string[];
  sourcesSet: boolean;
  syncInstance: string;
  runnable: string[];
  unmet: Record<string, string[]>;
  configFile?: string;
}

/** The core fields, and every registered source's typed settings read from the same values. */
export function buildConfig(values: SettingValues, context: BuildContext, table: SettingsTable, registry: Registry): Config {
  // Every core row parsed (the loader checked), so the values are the core's.
  const v = values as CoreValues;
  const core: CoreSettings = {
    syncInstance: context.syncInstance,
    tags: { service: v.TAG_SERVICE, team: v.TAG_TEAM, environment: v.TAG_ENVIRONMENT },
  };
  // The settled owner key is what sources read, not the raw (possibly unset) SYNC_INSTANCE.
  const settled = { ...values, SYNC_INSTANCE: context.syncInstance };
  return {
    sources: context.sources,
    sourcesSet: context.sourcesSet,
    runnable: context.runnable,
    unmet: context.unmet,
    port: {
      baseUrl: v.PORT_BASE_URL.url,
      clientId: v.PORT_CLIENT_ID,
      clientSecret: v.PORT_CLIENT_SECRET,
      isLoopback: v.PORT_BASE_URL.isLoopback,
      maxConcurrency: v.PORT_MAX_CONCURRENCY,
    },
    syncInstance: context.syncInstance,
    tags: core.tags,
    aliases: { team: v.TEAM_ALIASES, environment: v.ENVIRONMENT_ALIASES },
    schedule: { sync: v.SYNC_SCHEDULE, cost: v.COST_SCHEDULE },
    serve: { syncOnStart: v.SYNC_ON_START, runTimeoutSeconds: v.RUN_TIMEOUT_S, shutdownTimeoutSeconds: v.SHUTDOWN_TIMEOUT_S },
    deleteMaxRatio: v.DELETE_MAX_RATIO,
    logLevel: v.LOG_LEVEL,
    httpPort: v.HTTP_PORT,
    sourceSettings: Object.fromEntries(registry.modules.map((module) => [module.id, module.settings.read(settled, core)])),
    secrets: Object.fromEntries(table.rows.filter((row) => row.secret).map((row) => [row.env, values[row.env] as string | undefined])),
    configFile: context.configFile,
  };
}
