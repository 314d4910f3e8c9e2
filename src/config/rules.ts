import type { Registry } from '../sources/registry.js';
import type { Parsed } from './parse.js';
import { CORE_DEFAULTS } from './settings.js';
import type { SettingsTable } from './table.js';
import type { HttpOrigin } from './urls.js';

/** What the rules across settings decide: which sources run and can run, and the owner key. */
export interface Settled {
  sources?: string[];
  sourcesSet?: boolean;
  syncInstance?: string;
  runnable?: string[];
  unmet?: Record<string, string[]>;
  problems: string[];
}

/** How to set a missing value, in both places a user may look. */
export function missing(table: SettingsTable, name: string, reason: string): string {
  const yamlKey = (env: string) => table.row(env)?.yamlKey ?? '';
  const file = table.fileVariants.get(name);
  const names = file ? `${name} or ${file}` : name;
  const keys = file ? `${yamlKey(name)} or ${yamlKey(name)}File` : yamlKey(name);
  return `${name}: required ${reason} (set ${names}, or ${keys} in the config file)`;
}

/** Without SOURCES, a source runs when any of the settings its group names is set. */
export function deriveSources(explicit: ReadonlySet<string>, registry: Registry): string[] {
  return registry.modules
    .filter((module) => (module.settings.enabledBy ?? []).some((name) => explicit.has(name)))
    .map((module) => module.id);
}

/** The rules across settings, all in this one place: the sources, what each lacks, the owner key. */
export function applyRules(parsed: Parsed, explicit: ReadonlySet<string>, table: SettingsTable, registry: Registry): Settled {
  const problems: string[] = [];
  const syncInstance = settleSyncInstance(parsed, problems, table);
  const lacking = new Map(registry.modules.map((module) => [module.id, lacks(module.id, parsed, table, registry)]));
  const runnable = registry.ids.filter((id) => lacking.get(id)?.length === 0);
  const unmet: Record<string, string[]> = {};
  for (const [id, gaps] of lacking) {
    if (gaps.length > 0)
      unmet[id] = gaps.map((gap) => missing(table, gap.env, `by the ${id} source${gap.because ? `, and ${gap.because}` : ''}`));
  }
  if (!('SOURCES' in parsed)) return { syncInstance, runnable, unmet, problems };
  const sourcesSet = parsed.SOURCES !== undefined;
  const sources = sourcesSet ? (parsed.SOURCES as string[]) : deriveSources(explicit, registry);
  for (const id of sources) {
    for (const gap of lacking.get(id) ?? []) {
      problems.push(missing(table, gap.env, `because the ${id} source is enabled${gap.because ? ` and ${gap.because}` : ''}`));
    }
  }
  return { sources, sourcesSet, syncInstance, runnable, unmet, problems };
}

interface Gap {
  env: string;
  because?: string;
}

const isEmpty = (value: unknown): boolean => value === undefined || value === '' || (Array.isArray(value) && value.length === 0);

/**
 * The required settings a source lacks. A setting whose own value was bad (absent from `parsed`)
 * is not reported again here: its problem already says what to fix.
 */
function lacks(id: string, parsed: Parsed, table: SettingsTable, registry: Registry): Gap[] {
  const gaps: Gap[] = [];
  for (const requirement of registry.get(id)?.settings.requires ?? []) {
    if (!(requirement.env in parsed) || !isEmpty(parsed[requirement.env])) continue;
    if (requirement.when && !requirement.when(parsed)) continue;
    const fallbacks = table.row(requirement.env)?.defaultFrom ?? [];
    const unset =
      fallbacks.length === 0
        ? undefined
        : fallbacks.length === 1
          ? `${fallbacks[0]} is not set`
          : `neither ${fallbacks.join(' nor ')} is set`;
    const because = [unset, requirement.because].filter((text) => text !== undefined).join(' and ');
    gaps.push({ env: requirement.env, ...(because ? { because } : {}) });
  }
  return gaps;
}

/** A remote Port is shared, so entities must say which installation owns them. */
function settleSyncInstance(parsed: Parsed, problems: string[], table: SettingsTable): string | undefined {
  const origin = parsed.PORT_BASE_URL as HttpOrigin | undefined;
  if (!('SYNC_INSTANCE' in parsed) || origin === undefined) return undefined;
  if (parsed.SYNC_INSTANCE !== undefined) return parsed.SYNC_INSTANCE as string;
  if (origin.isLoopback) return CORE_DEFAULTS.SYNC_INSTANCE_LOOPBACK;
  const reason = 'unless PORT_BASE_URL is a loopback host; it marks the entities this installation owns';
  problems.push(missing(table, 'SYNC_INSTANCE', reason));
  return undefined;
}
