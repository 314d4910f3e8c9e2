import type { Catalog, DesiredEntity } from '../catalog/index.js';
import { Slicer, forEachInSlices, type Finding } from '../domain/index.js';
import { PortApiError } from '../errors.js';
import type { PortClient } from '../port/index.js';
import type { CurrentEntity } from './types.js';

/** Identifiers asked about in one search: a short `in` list keeps the query well under Port's body limit. */
const LOOKUP_CHUNK = 100;

type Values = Record<string, string | string[] | null>;

/**
 * A relation is sent only when its target is written in this run or already exists in Port;
 * otherwise Port refuses the whole entity (404) and an entity would be lost to one relation. Targets
 * the run neither writes nor owns are looked up in Port (only when there are any); those that do
 * not exist are left empty and reported, and the entity is still written. Mutates the catalog.
 */
export async function guardRelations(
  catalog: Catalog,
  owned: ReadonlyMap<string, ReadonlyMap<string, CurrentEntity>>,
  relationTargets: Readonly<Record<string, Readonly<Record<string, string>>>>,
  port: PortClient,
  /** Lets the event loop turn during the passes over every entity (a run's); default none. */
  slicer: Slicer = new Slicer({ budgetMs: Infinity }),
): Promise<Finding[]> {
  const known = (blueprint: string, id: string) =>
    catalog.entities.get(blueprint)?.has(id) === true || owned.get(blueprint)?.has(id) === true;
  const unknown = new Map<string, Set<string>>();
  await forEachInSlices(
    allEntities(catalog),
    (entity) =>
      forEachRelation(entity, relationTargets, (target, id) => {
        if (!known(target, id)) (unknown.get(target) ?? unknown.set(target, new Set()).get(target)!).add(id);
      }),
    slicer,
  );
  if (unknown.size === 0) return [];
  const existing = await existingIn(port, unknown);
  const findings: Finding[] = [];
  const exists = (target: string, id: string) => known(target, id) || existing.get(target)?.has(id) === true;
  await forEachInSlices(
    allEntities(catalog),
    (entity) => {
      const targets = relationTargets[entity.blueprint] ?? {};
      const report = (relation: string, target: string, id: string) => findings.push(missingTarget(entity, relation, target, id));
      keepExisting(entity.relations, targets, exists, report);
      if (entity.createOnly?.relations) keepExisting(entity.createOnly.relations, targets, exists, report);
    },
    slicer,
  );
  return findings;
}

function* allEntities(catalog: Catalog): Generator<DesiredEntity> {
  for (const entities of catalog.entities.values()) yield* entities.values();
}

function forEachRelation(
  entity: DesiredEntity,
  relationTargets: Readonly<Record<string, Readonly<Record<string, string>>>>,
  visit: (target: string, id: string) => void,
): void {
  const targets = relationTargets[entity.blueprint] ?? {};
  for (const values of [entity.relations, entity.createOnly?.relations ?? {}]) {
    for (const [relation, value] of Object.entries(values)) {
      const target = targets[relation];
      if (target === undefined || value === null) continue;
      for (const id of Array.isArray(value) ? value : [value]) visit(target, id);
    }
  }
}

/** Drops the values whose target does not exist, reporting each. */
function keepExisting(
  values: Values,
  targets: Readonly<Record<string, string>>,
  exists: (target: string, id: string) => boolean,
  report: (relation: string, target: string, id: string) => void,
): void {
  for (const [relation, value] of Object.entries(values)) {
    const target = targets[relation];
    if (target === undefined || value === null) continue;
    const missing = (Array.isArray(value) ? value : [value]).filter((id) => !exists(target, id));
    if (missing.length === 0) continue;
    for (const id of missing) report(relation, target, id);
    values[relation] = Array.isArray(value) ? value.filter((id) => !missing.includes(id)) : null;
  }
}

/** target blueprint -> the asked identifiers Port has (owned by anyone). */
async function existingIn(port: PortClient, unknown: ReadonlyMap<string, ReadonlySet<string>>): Promise<Map<string, Set<string>>> {
  const found = new Map<string, Set<string>>();
  for (const [blueprint, ids] of unknown) {
    const hits = new Set<string>();
    found.set(blueprint, hits);
    const list = [...ids];
    for (let i = 0; i < list.length; i += LOOKUP_CHUNK) {
      const query = { combinator: 'and', rules: [{ property: '$identifier', operator: 'in', value: list.slice(i, i + LOOKUP_CHUNK) }] };
      try {
        for (const entity of await port.entities.search(blueprint, { query, include: ['$identifier'] })) hits.add(entity.identifier);
      } catch (error) {
        // A blueprint Port does not have holds no entity to relate to.
        if (error instanceof PortApiError && error.status === 404) break;
        throw error;
      }
    }
  }
  return found;
}

function missingTarget(entity: DesiredEntity, relation: string, target: string, id: string): Finding {
  return {
    source: entity.definedBy,
    scope: entity.scope,
    subject: `${entity.blueprint} ${entity.identifier}`,
    kind: 'integrity',
    message:
      `relation ${relation} of ${entity.blueprint} ${JSON.stringify(entity.identifier)} points at ${target} ${JSON.stringify(id)}, ` +
      'which this run does not write and Port does not have; the relation is left empty until it exists',
  };
}
