import type { MemoryStore } from './store.js';
import type { BlueprintDef, Json, StoredEntity } from './types.js';

/**
 * An entity as Port returns it on reads: the written fields plus blueprint and the meta fields.
 * Port: confirmed (DOCS advanced.md example response; TF models.go Entity)
 */
export function entityJson(blueprint: string, e: StoredEntity): Json {
  return {
    identifier: e.identifier,
    ...(e.title !== undefined ? { title: e.title } : {}),
    ...(e.icon !== undefined ? { icon: e.icon } : {}),
    team: [...e.team],
    properties: { ...e.properties },
    relations: { ...e.relations },
    blueprint,
    createdAt: e.createdAt,
    createdBy: e.createdBy,
    updatedAt: e.updatedAt,
    updatedBy: e.updatedBy,
  };
}

// Port: confirmed (DOCS meta-properties.md — the `$` names and the fields they stand for)
const META_PATHS: Record<string, string> = {
  $identifier: 'identifier',
  $title: 'title',
  $icon: 'icon',
  $team: 'team',
  $blueprint: 'blueprint',
  $createdAt: 'createdAt',
  $createdBy: 'createdBy',
  $updatedAt: 'updatedAt',
  $updatedBy: 'updatedBy',
};

/**
 * The blueprint-scoped search names fields by property/relation identifier and `$`-meta name,
 * unlike the other routes which take entity-JSON paths.
 * Port: confirmed (SPEC blueprint-scoped search include/exclude descriptions)
 */
export function namesToPaths(blueprint: BlueprintDef, names: readonly string[]): string[] {
  return names.map((name) => META_PATHS[name] ?? (name in blueprint.relations ? `relations.${name}` : `properties.${name}`));
}

/**
 * Keeps only the named entity-JSON paths. Nothing is added that was not asked for: a reader that
 * forgets `identifier` gets no identifier. Port: assumed (unlisted; include-is-exact)
 */
export function pickPaths(json: Json, paths: readonly string[]): Json {
  const out: Json = {};
  for (const path of paths) {
    const [head = '', ...rest] = path.split('.');
    if (!(head in json)) continue;
    if (rest.length === 0) {
      out[head] = json[head];
      continue;
    }
    const source = json[head];
    if (source === null || typeof source !== 'object') continue;
    const target = (out[head] ??= {}) as Json;
    Object.assign(target, pickPaths(source as Json, [rest.join('.')]));
  }
  return out;
}

export function omitPaths(json: Json, paths: readonly string[]): Json {
  const out: Json = { ...json };
  for (const path of paths) {
    const [head = '', ...rest] = path.split('.');
    if (rest.length === 0) {
      delete out[head];
    } else if (out[head] !== null && typeof out[head] === 'object') {
      out[head] = omitPaths(out[head] as Json, [rest.join('.')]);
    }
  }
  return out;
}

/** Applies include (if any) then exclude (if any). */
export function project(json: Json, include?: readonly string[], exclude?: readonly string[]): Json {
  const picked = include && include.length > 0 ? pickPaths(json, include) : json;
  return exclude && exclude.length > 0 ? omitPaths(picked, exclude) : picked;
}

/** Whether a read projected by `include` shows anything computed. */
function wantsComputed(store: MemoryStore, blueprint: string, include: readonly string[] | undefined): boolean {
  if (!store.computed.has(blueprint)) return false;
  if (!include || include.length === 0) return true;
  return include.some(
    (path) =>
      path === 'properties' ||
      path === 'scorecards' ||
      path.startsWith('scorecards.') ||
      (path.startsWith('properties.') && store.computed.isComputed(blueprint, path.slice('properties.'.length))),
  );
}

/**
 * An entity as a read returns it, with what Port computes: mirror and aggregation property values
 * among its properties, and its scorecards (each one's level and every rule's result). Computed only
 * when the projection shows it, so a sync reading a few owned fields pays nothing for them.
 * Port: confirmed (PORT-API.md 4.4 — `scorecards: {<id>: {level, rules: [{identifier, status, level}]}}` on reads);
 * Port: assumed (unlisted; computed-in-properties) — mirror and aggregation values are read under
 * `properties`, like the properties a writer sets.
 */
export function entityRead(
  store: MemoryStore,
  blueprint: string,
  e: StoredEntity,
  include?: readonly string[],
  exclude?: readonly string[],
): Json {
  return entityReader(store, blueprint, include, exclude)(e);
}

/** entityRead for many entities of one blueprint: whether anything is computed is decided once. */
export function entityReader(
  store: MemoryStore,
  blueprint: string,
  include?: readonly string[],
  exclude?: readonly string[],
): (e: StoredEntity) => Json {
  const computed = wantsComputed(store, blueprint, include);
  return (e) => {
    const json = entityJson(blueprint, e);
    if (computed) {
      const fields = store.computed.fields(blueprint, e);
      json.properties = { ...(json.properties as Json), ...fields.properties };
      if (fields.scorecards) json.scorecards = fields.scorecards;
    }
    return project(json, include, exclude);
  };
}
