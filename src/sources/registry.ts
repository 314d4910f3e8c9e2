import type { Config } from '../config/types.js';
import { ConfigError } from '../errors.js';
import type { Ownership, SettingGroup, Source } from '../domain/index.js';
import { awsSource } from './aws/index.js';
import { costSource } from './cost/index.js';
import { gitlabSource } from './gitlab/index.js';
import { kubernetesSource } from './kubernetes/index.js';
import type { SourceDeps, SourceModule } from './types.js';

/**
 * The sources this build can run. Everything that names sources derives from one registry: the
 * SOURCES values, what each source owns, the snapshot's source ids, and the settings the loader
 * reads (each module's rows, shared groups once). A source that is not registered does not exist.
 */
export interface Registry {
  /** SOURCES names, in registry order: the order sources are listed everywhere. */
  readonly ids: readonly string[];
  readonly modules: readonly SourceModule[];
  get(id: string): SourceModule | undefined;
  /** What a source writes, known without creating it. */
  ownership(id: string): Ownership | undefined;
  /** Every module's setting group, each shared group it uses once and before its first user. */
  readonly settingGroups: readonly SettingGroup<unknown>[];
}

// A SOURCES name is also a scope (`aws`) and a report key, so it stays short and plain.
const SOURCE_ID = /^[a-z][a-z0-9-]{0,31}$/;

/** A registry of `modules`, in their order; duplicate ids or settings are a programming error. */
export function createRegistry(modules: readonly SourceModule[]): Registry {
  const byId = new Map<string, SourceModule>();
  for (const module of modules) {
    if (!SOURCE_ID.test(module.id)) throw new Error(`source id ${JSON.stringify(module.id)} is not a plain lower-case name`);
    if (byId.has(module.id)) throw new Error(`two source modules have the id "${module.id}"`);
    byId.set(module.id, module);
  }
  const settingGroups = groupsOf(modules);
  return {
    ids: [...byId.keys()],
    modules: [...modules],
    get: (id) => byId.get(id),
    ownership: (id) => byId.get(id)?.owns,
    settingGroups,
  };
}

/** Groups in use order, each once; two groups claiming one variable cannot both be read. */
function groupsOf(modules: readonly SourceModule[]): SettingGroup<unknown>[] {
  const groups: SettingGroup<unknown>[] = [];
  const add = (group: SettingGroup<unknown>): void => {
    if (groups.includes(group)) return;
    for (const used of group.uses ?? []) add(used);
    const clash = groups.find((g) => g.id === group.id);
    if (clash) throw new Error(`two setting groups have the id "${group.id}"`);
    groups.push(group);
  };
  for (const module of modules) add(module.settings);
  const owner = new Map<string, string>();
  for (const group of groups) {
    for (const row of group.rows) {
      const other = owner.get(row.env);
      if (other !== undefined) throw new Error(`${row.env} is declared by both the ${other} and the ${group.id} settings`);
      owner.set(row.env, group.id);
    }
  }
  return groups;
}

export const BUILTIN_REGISTRY: Registry = createRegistry([awsSource, gitlabSource, kubernetesSource, costSource]);

/** A module's typed settings, as the configuration read them. */
export function sourceSettingsOf<S>(config: Config, module: SourceModule<S>): S {
  if (!Object.hasOwn(config.sourceSettings, module.id)) {
    throw new Error(`the configuration was not loaded with the ${module.id} source registered`);
  }
  return config.sourceSettings[module.id] as S;
}

const quote = (text: string): string => JSON.stringify(text);

/**
 * The sources of this run. With SOURCES set, `--sources` picks a subset of it. Without SOURCES it
 * may name any registered source whose required settings are present, not only those switched on
 * by their settings; one that lacks them is refused with what it needs.
 */
export function selectSources(config: Config, requested?: readonly string[], registry: Registry = BUILTIN_REGISTRY): string[] {
  if (!requested || requested.length === 0) return [...config.sources];
  const problems: string[] = [];
  for (const id of new Set(requested)) {
    if (!registry.get(id)) {
      problems.push(`--sources: ${quote(id)} is not a source; use ${registry.ids.join(', ')}`);
    } else if (config.sourcesSet) {
      if (!config.sources.includes(id))
        problems.push(`--sources: ${quote(id)} is not enabled in SOURCES (${config.sources.join(', ') || 'none'})`);
    } else if (!config.runnable.includes(id)) {
      const unmet = config.unmet[id] ?? ['its required settings are not all present'];
      problems.push(...unmet.map((requirement) => `--sources: ${quote(id)} cannot run: ${requirement}`));
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return [...new Set(requested)];
}

/** Creates the sources of this run, each with its own typed settings and a logger naming it. */
export function createSources(ids: readonly string[], config: Config, deps: SourceDeps, registry: Registry = BUILTIN_REGISTRY): Source[] {
  const missing = ids.filter((id) => !registry.get(id));
  if (missing.length > 0) {
    throw new ConfigError(
      missing.map(
        (id) => `SOURCES: the ${id} source is not available in this version of port-catalog-sync (it has ${registry.ids.join(', ')})`,
      ),
    );
  }
  return ids.map((id) => {
    const module = registry.get(id)!;
    return module.create(sourceSettingsOf(config, module), { ...deps, logger: deps.logger.child({ source: id }) });
  });
}
