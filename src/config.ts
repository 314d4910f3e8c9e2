import { ConfigError } from './errors.js';
import { SecretScrubber } from './logger.js';
import { BUILTIN_REGISTRY, type Registry } from './sources/registry.js';
import { buildConfig } from './config/build.js';
import { collectInputs, secretValues } from './config/inputs.js';
import { isComplete, parseValues } from './config/parse.js';
import { applyRules, type Settled } from './config/rules.js';
import { settingsTable, type DocumentedGroup } from './config/table.js';
import type { Config, ConfigSetting, LogLevel } from './config/types.js';

export { describeConfig, requirePortCredentials, secretsOf } from './config/describe.js';
export { LOG_LEVELS } from './config/types.js';
export type { Config, ConfigSetting, LogLevel, SourceId, TagFilter } from './config/types.js';
export type { DocumentedGroup } from './config/table.js';

export interface LoadConfigOptions {
  /** Directory that relative PORT_SYNC_CONFIG and *_FILE paths are resolved against. */
  cwd?: string;
  /** The sources whose settings are read; the built-in ones unless a test registers others. */
  registry?: Registry;
}

/**
 * Reads the environment laid over the optional YAML file named by PORT_SYNC_CONFIG, once, and
 * throws a ConfigError listing every problem, each naming where its value came from. The settings
 * read are the core rows and every registered source's rows.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, options: LoadConfigOptions = {}): Config {
  const registry = options.registry ?? BUILTIN_REGISTRY;
  const table = settingsTable(registry);
  const inputs = collectInputs(env, options.cwd ?? process.cwd(), table);
  const { parsed, problems } = parseValues(inputs, table);
  // A broken file hides settings, so cross-setting rules would report what is merely unreadable.
  const settled: Settled = inputs.complete ? applyRules(parsed, inputs.explicit, table, registry) : { problems: [] };
  const all = [...inputs.problems, ...problems, ...settled.problems];
  const { sources, sourcesSet, syncInstance, runnable, unmet } = settled;
  if (
    all.length > 0 ||
    !isComplete(parsed, table) ||
    !sources ||
    sourcesSet === undefined ||
    syncInstance === undefined ||
    !runnable ||
    !unmet
  ) {
    throw new ConfigError(scrub(all, secretValues(inputs, table)));
  }
  return buildConfig(parsed, { sources, sourcesSet, syncInstance, runnable, unmet, configFile: inputs.configFile }, table, registry);
}

/**
 * LOG_LEVEL as the configuration sets it (environment over file), for the logger that exists before
 * the configuration is loaded; undefined when it is not set (the command's own default applies) or
 * not valid (which the configuration check reports).
 */
export function configuredLogLevel(env: NodeJS.ProcessEnv = process.env, options: LoadConfigOptions = {}): LogLevel | undefined {
  const table = settingsTable(options.registry ?? BUILTIN_REGISTRY);
  const row = table.row('LOG_LEVEL');
  if (!row) return undefined;
  const input = collectInputs(env, options.cwd ?? process.cwd(), table).values.get('LOG_LEVEL');
  if (input === undefined) return undefined;
  const result = row.schema.safeParse(input.value);
  return result.success ? (result.data as LogLevel) : undefined;
}

/** Every variable the loader reads with `registry`, with its YAML key; README documents this table. */
export function configSettings(registry: Registry = BUILTIN_REGISTRY): readonly ConfigSetting[] {
  return settingsTable(registry).documented;
}

/** The same variables by setting group (core, shared AWS access, each source), as README shows them. */
export function configGroups(registry: Registry = BUILTIN_REGISTRY): readonly DocumentedGroup[] {
  return settingsTable(registry).documentedGroups;
}

/** The built-in registry's variables. */
export const CONFIG_SETTINGS: readonly ConfigSetting[] = configSettings();

/** The SOURCES names of this build, from the registry. */
export const SOURCE_IDS: readonly string[] = BUILTIN_REGISTRY.ids;

/** Problems never quote secrets; this catches a secret pasted into the wrong setting as well. */
function scrub(problems: string[], secrets: string[]): string[] {
  const scrubber = new SecretScrubber();
  for (const secret of secrets) scrubber.add(secret);
  return problems.map((problem) => scrubber.scrub(problem));
}
