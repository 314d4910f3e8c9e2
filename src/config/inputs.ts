import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describeOrigin, type Origin } from './origin.js';
import {
  FILE_VARIANTS,
  SECRET_SETTINGS,
  SETTING_ROWS,
  VALUE_NAMES,
  isFileVariant,
  type FileVariantName,
  type SettingName,
  type ValueName,
} from './settings.js';
import { errorCode, readConfigFile, type ConfigFile } from './yaml-file.js';

export interface Input {
  value: unknown;
  origin: Origin;
}

/** Every setting's raw value after the environment has been laid over the file. */
export interface Inputs {
  values: Map<ValueName, Input>;
  /** Set by the user (environment or file), as opposed to inferred; sources are derived from it. */
  explicit: Set<ValueName>;
  /** Settings whose value could not be obtained; a problem already says why. */
  failed: Set<ValueName>;
  problems: string[];
  configFile?: string;
  /** False when the config file is broken: rules that need every setting are not run. */
  complete: boolean;
}

type EnvLayer = Map<SettingName, string>;

/** A blank variable counts as unset: manifests often carry `NAME: ""` as a placeholder. */
function readEnvLayer(env: NodeJS.ProcessEnv): EnvLayer {
  const layer: EnvLayer = new Map();
  for (const { env: name } of SETTING_ROWS) {
    const value = env[name];
    if (value !== undefined && value.trim() !== '') layer.set(name, value);
  }
  return layer;
}

const noFile = (): ConfigFile => ({ path: '', values: new Map(), problems: [], loaded: true });

export function collectInputs(env: NodeJS.ProcessEnv, cwd: string): Inputs {
  const envLayer = readEnvLayer(env);
  const configPath = envLayer.get('PORT_SYNC_CONFIG');
  const file = configPath === undefined ? noFile() : readConfigFile(resolve(cwd, configPath.trim()));
  const inputs: Inputs = {
    values: new Map(),
    explicit: new Set(),
    failed: new Set(),
    problems: [...file.problems],
    configFile: configPath === undefined ? undefined : file.path,
    complete: file.loaded,
  };
  for (const name of VALUE_NAMES) {
    const input = isFileVariant(name)
      ? secretInput(name, envLayer, file, cwd, inputs)
      : plainInput(name, envLayer, file);
    if (input === undefined) continue;
    inputs.values.set(name, input);
    inputs.explicit.add(name);
  }
  addSdkRegion(env, inputs);
  return inputs;
}

/** The environment wins over the file. */
function plainInput(name: ValueName, envLayer: EnvLayer, file: ConfigFile): Input | undefined {
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
function secretInput(
  name: FileVariantName,
  envLayer: EnvLayer,
  file: ConfigFile,
  cwd: string,
  inputs: Inputs,
): Input | undefined {
  const fileName = FILE_VARIANTS[name];
  const value = envLayer.get(name);
  const path = envLayer.get(fileName);
  if (value !== undefined && path !== undefined) {
    return fail(inputs, name, `${name} and ${fileName} are both set in the environment; set only one`);
  }
  if (value !== undefined) return { value, origin: { env: name } };
  if (path !== undefined) return readSecretFile(name, resolve(cwd, path.trim()), { env: fileName }, inputs);
  return secretFromConfigFile(name, file, inputs);
}

function secretFromConfigFile(name: FileVariantName, file: ConfigFile, inputs: Inputs): Input | undefined {
  const value = file.values.get(name);
  const path = file.values.get(FILE_VARIANTS[name]);
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
function readSecretFile(name: ValueName, path: string, origin: Origin, inputs: Inputs): Input | undefined {
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

function fail(inputs: Inputs, name: ValueName, problem: string): undefined {
  inputs.problems.push(problem);
  inputs.failed.add(name);
  return undefined;
}

/**
 * Without AWS_REGIONS the SDK's own region applies. It is not "explicit": AWS_REGION is set in
 * every EKS pod, so it must not switch the aws source on.
 */
function addSdkRegion(env: NodeJS.ProcessEnv, inputs: Inputs): void {
  if (inputs.values.has('AWS_REGIONS')) return;
  for (const name of ['AWS_REGION', 'AWS_DEFAULT_REGION']) {
    const value = env[name];
    if (value === undefined || value.trim() === '') continue;
    inputs.values.set('AWS_REGIONS', { value, origin: { env: name } });
    return;
  }
}

/** Secret values the user gave, so they can be scrubbed from problems as a last line of defence. */
export function secretValues(inputs: Inputs): string[] {
  return SECRET_SETTINGS.flatMap((name) => {
    const value = inputs.values.get(name)?.value;
    return typeof value === 'string' ? [value.trim()] : [];
  });
}
