import { ConfigError } from './errors.js';
import { SecretScrubber } from './logger.js';
import { buildConfig } from './config/build.js';
import { collectInputs, secretValues } from './config/inputs.js';
import { isComplete, parseFields } from './config/parse.js';
import { applyRules, type Settled } from './config/rules.js';
import type { Config } from './config/types.js';

export { CONFIG_SETTINGS, DEFAULT_RESOURCE_TYPES } from './config/settings.js';
export { describeConfig, requirePortCredentials, secretsOf } from './config/describe.js';
export { SOURCE_IDS } from './config/types.js';
export type {
  ClusterMode,
  Config,
  ConfigSetting,
  CostMetric,
  LogLevel,
  SourceId,
  TagFilter,
} from './config/types.js';

export interface LoadConfigOptions {
  /** Directory that relative PORT_SYNC_CONFIG and *_FILE paths are resolved against. */
  cwd?: string;
}

/**
 * Reads the environment laid over the optional YAML file named by PORT_SYNC_CONFIG, once, and
 * throws a ConfigError listing every problem, each naming where its value came from.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, options: LoadConfigOptions = {}): Config {
  const inputs = collectInputs(env, options.cwd ?? process.cwd());
  const { parsed, problems } = parseFields(inputs);
  // A broken file hides settings, so cross-setting rules would report what is merely unreadable.
  const settled: Settled = inputs.complete ? applyRules(parsed, inputs.explicit) : { problems: [] };
  const all = [...inputs.problems, ...problems, ...settled.problems];
  const { sources, syncInstance } = settled;
  if (all.length > 0 || !isComplete(parsed) || !sources || syncInstance === undefined) {
    throw new ConfigError(scrub(all, secretValues(inputs)));
  }
  return buildConfig(parsed, { sources, syncInstance, configFile: inputs.configFile });
}

/** Problems never quote secrets; this catches a secret pasted into the wrong setting as well. */
function scrub(problems: string[], secrets: string[]): string[] {
  const scrubber = new SecretScrubber();
  for (const secret of secrets) scrubber.add(secret);
  return problems.map((problem) => scrubber.scrub(problem));
}
