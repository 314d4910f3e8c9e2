import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describeOrigin, type Origin } from './origin.js';
import type { SettingsTable } from './table.js';
import { errorCode, readConfigFile, type ConfigFile } from './yaml-file.js';

export interface Input {
  value: unknown;
  origin: Origin;
}

/** Every setting's raw value after the environment has been laid over the file. */
export interface Inputs {
  values: Map<string, Input>;
  /** Set by the user (environment or file), as opposed to inferred; sources are derived from it. */
  explicit: Set<string>;
  /** Settings whose value could not be obtained; a problem already says why. */
  failed: Set<string>;
  problems: string[];
  configFile?: string;
  /** False when the config file is broken: rules that need every setting are not run. */
  complete: boolean;
}

type EnvLayer = Map<string, string>;

/** A blank variable counts as unset: manifests often carry `NAME: ""` as a placeholder. */
function readEnvLayer(env: NodeJS.ProcessEnv, table: SettingsTable): EnvLayer {
  const layer: EnvLayer = new Map();
  for (const { env: name } of table.documented) {
    const value = env[name];
    if (value !== undefined && value.trim() !== '') layer.set(name, value);
  }
  return layer;
}

const noFile = (): ConfigFile => ({ path: '', values: new Map(), problems: [], loaded: true });

export function collectInputs(env: NodeJS.ProcessEnv, cwd: string, table: SettingsTable): Inputs {
  const envLayer = readEnvLayer(env, table);
  const configPath = envLayer.get('PORT_SYNC_CONFIG');
  const file = configPath === undefined ? noFile() : readConfigFile(resolve(cwd, configPath.trim()), table);
  const inputs: Inputs = {
    values: new Map(),
    explicit: new Set(),
    failed: new Set(),
    problems: [...file.problems],
    configFile: configPath === undefined ? undefined : file.path,
    complete: file.loaded,
  };
  for (const { env: name } of table.rows) {
    const fileName = table.fileVariants.get(name);
    const input = fileName === undefined ? plainInput(name, envLayer, file) : secretInput(name, fileName, envLayer, file, cwd, inputs);
    if (input === undefined) continue;
    inputs.values.set(name, input);
    inputs.explicit.add(name);
  }
  addFallbacks(env, table, inputs);
  return inputs;
}

/** The environment wins over the file. */
function plainInput(name: string, envLayer: EnvLayer, file: ConfigFile): Input | undefined {
  const fromEnv = envLayer.get(name);
  if (fromEnv !== undefined) return { value: fromEnv, origin: { env: name } };
  const fromFile = file.values.get(name);
  if (fromFile === undefined) return undefined;
  const structured = typeof fromFile.value !== 'string';
  return { value: fromFile.value, origin: { file: file.path, key: fromFile.key, structured } };
}

/**
 * A value that may instead be read from a file (a mounted Kubernetes Secret). Within one layer,
 * setting both is ambiguous; across layers the environment wins as usual.
 */
function secretInput(name: string, fileName: string, envLayer: EnvLayer, file: ConfigFile, cwd: string, inputs: Inputs): Input | undefined {
  const value = envLayer.get(name);
  const path = envLayer.get(fileName);
  if (value !== undefined && path !== undefined) {
    return fail(inputs, name, `${name} and ${fileName} are both set in the environment; set only one`);
  }
  if (value !== undefined) return { value, origin: { env: name } };
  if (path !== undefined) return readSecretFile(name, resolve(cwd, path.trim()), { env: fileName }, inputs);
  return secretFromConfigFile(name, fileName, file, inputs);
}

function secretFromConfigFile(name: string, fileName: string, file: ConfigFile, inputs: Inputs): Input | undefined {
  const value = file.values.get(name);
  const path = file.values.get(fileName);
  if (value !== undefined && path !== undefined) {
    return fail(inputs, name, `${file.path}: ${value.key} and ${path.key} are both set; keep only one`);
  }
  if (value !== undefined) {
    const structured = typeof value.value !== 'string';
    return { value: value.value, origin: { file: file.path, key: value.key, structured } };
  }
  if (path === undefined) return undefined;
  const origin: Origin = { file: file.path, key: path.key, structured: false };
  if (typeof path.value !== 'string') {
    return fail(inputs, name, `${file.path}: ${path.key}: expected a file path`);
  }
  // Relative to the config file, so the file and the secrets it points at move together.
  return readSecretFile(name, resolve(dirname(file.path), path.value.trim()), origin, inputs);
}

/** Problems name the variable and the path, never the content. */
function readSecretFile(name: string, path: string, origin: Origin, inputs: Inputs): Input | undefined {
  const where = describeOrigin(origin);
  let content: string;
  try {
    content = readFileSync(path, 'utf8').trim();
  } catch (error) {
    return fail(inputs, name, `${where}: cannot read ${path} (${errorCode(error)})`);
  }
  if (content === '') return fail(inputs, name, `${where}: ${path} is empty`);
  return { value: content, origin };
}

function fail(inputs: Inputs, name: string, problem: string): undefined {
  inputs.problems.push(problem);
  inputs.failed.add(name);
  return undefined;
}

/**
 * A row's `defaultFrom` variables stand in for an unset value (AWS_REGIONS takes the SDK's
 * AWS_REGION). They are not "explicit": AWS_REGION is set in every EKS pod, so it must not switch
 * a source on.
 */
function addFallbacks(env: NodeJS.ProcessEnv, table: SettingsTable, inputs: Inputs): void {
  for (const row of table.rows) {
    if (!row.defaultFrom || inputs.values.has(row.env) || inputs.failed.has(row.env)) continue;
    for (const name of row.defaultFrom) {
      const value = env[name];
      if (value === undefined || value.trim() === '') continue;
      inputs.values.set(row.env, { value, origin: { env: name } });
      break;
    }
  }
}

/** Secret values the user gave, so they can be scrubbed from problems as a last line of defence. */
export function secretValues(inputs: Inputs, table: SettingsTable): string[] {
  return table.rows
    .filter((row) => row.secret)
    .flatMap((row) => {
      const value = inputs.values.get(row.env)?.value;
      return typeof value === 'string' ? [value.trim()] : [];
    });
}
