import { metaValue, plainProperty, targetsOf } from './computed-values.js';
import { compileQuery, type EntityPredicate, type QueryContext } from './search-query.js';
import type { MemoryStore } from './store.js';
import type { Json, StoredEntity } from './types.js';

export interface CalculationSpec {
  calculationBy?: string;
  func?: string;
  property?: string;
  averageOf?: string;
}

/** Entities of `target` related to each entity of `blueprint`, by the latter's identifier. */
type RelatedIndex = Map<string, Set<StoredEntity>>;

const add = (index: RelatedIndex, key: string, entity: StoredEntity) => {
  let set = index.get(key);
  if (!set) index.set(key, (set = new Set()));
  set.add(entity);
};

/** Follows a chain of relations forward from one entity; the identifiers reached at its end. */
function walk(store: MemoryStore, blueprint: string, entity: StoredEntity, path: readonly string[]): string[] {
  let current: { bp: string; entity: StoredEntity }[] = [{ bp: blueprint, entity }];
  let ids: string[] = [];
  for (const [i, relation] of path.entries()) {
    const def = store.blueprints.get(current[0]?.bp ?? blueprint)?.relations[relation];
    if (!def) return [];
    ids = current.flatMap(({ entity: e }) => targetsOf(e.relations[relation]));
    if (i === path.length - 1) break;
    current = ids.flatMap((id) => {
      const next = store.entities(def.target).get(id);
      return next ? [{ bp: def.target, entity: next }] : [];
    });
  }
  return ids;
}

/**
 * Which `target` entities each `blueprint` entity aggregates over.
 * Port: confirmed (DOCS aggregation-property.md — "directly, indirectly, upstream or downstream";
 * SPEC pathFilter: at most one {path, fromBlueprint?});
 * Port: assumed (unlisted; aggregation-direct-paths) — without a pathFilter the sandbox follows the
 * direct relations between the two blueprints in both directions (target -> blueprint and
 * blueprint -> target); indirect paths need a pathFilter. A pathFilter's path is walked from the
 * aggregating entity, or from the target's entities when fromBlueprint names the target.
 */
function relatedIndex(store: MemoryStore, blueprint: string, target: string, pathFilter: unknown): RelatedIndex {
  const index: RelatedIndex = new Map();
  const own = store.entities(blueprint);
  const targets = store.entities(target);
  const filter = Array.isArray(pathFilter) ? (pathFilter[0] as { path?: unknown; fromBlueprint?: unknown } | undefined) : undefined;
  const path = Array.isArray(filter?.path) ? filter.path.map(String) : undefined;
  if (path && path.length > 0) {
    if (filter?.fromBlueprint === target && target !== blueprint) {
      for (const t of targets.values()) for (const id of walk(store, target, t, path)) add(index, id, t);
    } else {
      for (const e of own.values())
        for (const id of walk(store, blueprint, e, path)) {
          const t = targets.get(id);
          if (t) add(index, e.identifier, t);
        }
    }
    return index;
  }
  // target -> blueprint: target entities whose relation names the aggregating entity
  for (const [relation, def] of Object.entries(store.blueprints.get(target)?.relations ?? {})) {
    if (def.target !== blueprint) continue;
    for (const t of targets.values()) for (const id of targetsOf(t.relations[relation])) add(index, id, t);
  }
  // blueprint -> target: the aggregating entity's own relations to the target
  for (const [relation, def] of Object.entries(store.blueprints.get(blueprint)?.relations ?? {})) {
    if (def.target !== target) continue;
    for (const e of own.values())
      for (const id of targetsOf(e.relations[relation])) {
        const t = targets.get(id);
        if (t) add(index, e.identifier, t);
      }
  }
  return index;
}

/**
 * One function over the related entities (those the aggregation's query keeps).
 * Port: confirmed (DOCS aggregation-property.md — count; sum/average/min/max/median of a number
 * property); Port: assumed (unlisted; aggregation-empty-and-time-averages) — with nothing to
 * aggregate count and sum are 0 and the others empty; non-number values are skipped; averages per
 * time period (averageOf hour/day/week/month) are not computed by the sandbox (left empty).
 */
export function calculate<T>(spec: CalculationSpec, entities: readonly T[], read: (e: T) => unknown): number | undefined {
  if (spec.calculationBy === 'entities') return spec.func === 'count' ? entities.length : undefined;
  const numbers = entities.map(read).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  switch (spec.func) {
    case 'sum':
      return numbers.reduce((a, b) => a + b, 0);
    case 'average':
      if (spec.averageOf !== undefined && spec.averageOf !== 'total') return undefined;
      return numbers.length > 0 ? numbers.reduce((a, b) => a + b, 0) / numbers.length : undefined;
    case 'min':
      return numbers.length > 0 ? Math.min(...numbers) : undefined;
    case 'max':
      return numbers.length > 0 ? Math.max(...numbers) : undefined;
    case 'median': {
      if (numbers.length === 0) return undefined;
      const sorted = [...numbers].sort((a, b) => a - b);
      const mid = Math.floor(sorted.length / 2);
      return sorted.length % 2 === 1 ? sorted[mid] : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
    }
    default:
      return undefined;
  }
}

/** Every aggregation property of `blueprint`, for every entity of it: entity identifier -> values. */
export function aggregateBlueprint(store: MemoryStore, blueprint: string, context: QueryContext): Map<string, Json> {
  const read = context.read ?? plainProperty;
  const out = new Map<string, Json>();
  const def = store.blueprints.get(blueprint);
  if (!def) return out;
  const own = [...store.entities(blueprint).keys()];
  for (const id of own) out.set(id, {});
  for (const [name, agg] of Object.entries(def.aggregationProperties)) {
    const target = String(agg.target);
    const spec = (agg.calculationSpec ?? {}) as CalculationSpec;
    const keep: EntityPredicate = agg.query ? compileQuery(agg.query, `aggregationProperties/${name}/query`, context) : () => true;
    const index = relatedIndex(store, blueprint, target, agg.pathFilter);
    const readProperty = (e: StoredEntity) => {
      const p = spec.property ?? '';
      return metaValue(target, e, p)?.value ?? read(target, e, p);
    };
    for (const id of own) {
      const related = [...(index.get(id) ?? [])].filter((e) => keep(e, target));
      const value = calculate(spec, related, readProperty);
      if (value !== undefined) (out.get(id) as Json)[name] = value;
    }
  }
  return out;
}
