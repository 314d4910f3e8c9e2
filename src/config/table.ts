import type { SettingGroup, SettingRow } from '../domain/index.js';
import type { Registry } from '../sources/registry.js';
import { defineSettings } from './define.js';
import { CONFIG_FILE_SETTING, coreRows, type SourcesInfo } from './settings.js';
import type { ConfigSetting } from './types.js';

/** A group as README documents it: its heading and its variables, `*_FILE` variants included. */
export interface DocumentedGroup {
  id: string;
  title: string;
  settings: ConfigSetting[];
}

/**
 * Every setting one registry makes: the core rows, then each source's group (shared groups once).
 * The loader, the YAML layout, secret scrubbing and README all read this one table.
 */
export interface SettingsTable {
  /** Core first, then the registry's groups. */
  groups: readonly SettingGroup<unknown>[];
  /** Every setting that carries a value, in documented order. */
  rows: readonly SettingRow[];
  /** Every variable the loader reads, PORT_SYNC_CONFIG and the `*_FILE` variants included. */
  documented: readonly ConfigSetting[];
  documentedGroups: readonly DocumentedGroup[];
  /** Value variable -> the `*_FILE` variable that may name a file holding it. */
  fileVariants: ReadonlyMap<string, string>;
  row(env: string): SettingRow | undefined;
}

const tables = new WeakMap<Registry, SettingsTable>();

export function settingsTable(registry: Registry): SettingsTable {
  let table = tables.get(registry);
  if (!table) {
    table = buildTable(registry);
    tables.set(registry, table);
  }
  return table;
}

function buildTable(registry: Registry): SettingsTable {
  const core = defineSettings({ id: 'core', title: 'Core', rows: coreRows(sourcesInfo(registry)), read: () => undefined });
  const groups = [core, ...registry.settingGroups];
  const rows = groups.flatMap((group) => group.rows);
  const fileVariants = new Map(rows.filter((row) => row.fromFile).map((row) => [row.env, `${row.env}_FILE`]));
  const documentedGroups = groups.map((group) => ({
    id: group.id,
    title: group.title,
    settings: [...(group === core ? [CONFIG_FILE_SETTING] : []), ...group.rows.flatMap((row) => documentedRows(row, group.id))],
  }));
  const documented = documentedGroups.flatMap((group) => group.settings);
  checkUnique(documented);
  const byEnv = new Map(rows.map((row) => [row.env, row]));
  return { groups, rows, documented, documentedGroups, fileVariants, row: (env) => byEnv.get(env) };
}

/** How SOURCES reads when it is unset: each source that its own settings switch on. */
function sourcesInfo(registry: Registry): SourcesInfo {
  const derived = registry.modules
    .filter((module) => (module.settings.enabledBy ?? []).length > 0)
    .map((module) => `${module.id} if ${either(module.settings.enabledBy ?? [])} is set`);
  return { ids: registry.ids, derivation: derived.length > 0 ? derived.join('; ') : 'none' };
}

/** `A`, `A or B`, `A, B or C`. */
export function either(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}

/** A row as README lists it, followed by its `*_FILE` variant. */
function documentedRows(row: SettingRow, group: string): ConfigSetting[] {
  const setting: ConfigSetting = {
    env: row.env,
    yamlKey: row.yamlKey,
    default: row.defaultText ?? row.default,
    secret: row.secret,
    description: row.description,
    group,
  };
  if (!row.fromFile) return [setting];
  const file: ConfigSetting = {
    env: `${row.env}_FILE`,
    yamlKey: `${row.yamlKey}File`,
    default: '',
    secret: false,
    description: `File holding the value of ${row.env}, e.g. a mounted Kubernetes Secret (surrounding whitespace is trimmed); set this or ${row.env}.`,
    group,
  };
  return [setting, file];
}

/** One variable per name and one YAML key per path, and no key both a value and a section. */
function checkUnique(settings: readonly ConfigSetting[]): void {
  const envs = new Set<string>();
  const keys = new Set<string>();
  for (const { env, yamlKey } of settings) {
    if (envs.has(env)) throw new Error(`the setting ${env} is declared twice`);
    envs.add(env);
    if (yamlKey === '') continue;
    if (keys.has(yamlKey)) throw new Error(`the YAML key ${yamlKey} is declared twice`);
    keys.add(yamlKey);
  }
  for (const key of keys) {
    const parts = key.split('.');
    for (let i = 1; i < parts.length; i++) {
      const section = parts.slice(0, i).join('.');
      if (keys.has(section)) throw new Error(`the YAML key ${section} is both a value and the section of ${key}`);
    }
  }
}
