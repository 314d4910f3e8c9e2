import { drive, type Steps } from '../../domain/index.js';
import { CATALOG_SCOPE, NAMED_ROLES, type NamedRole } from '../roles.js';
import type { Catalog, DesiredEntity, JoinRule, OwnedFields, RuleContext } from '../types.js';

const NO_FIELDS: OwnedFields = { title: false, team: false, properties: new Set(), relations: new Set() };

function madeEntity(blueprint: string, identifier: string): DesiredEntity {
  return { blueprint, identifier, properties: {}, relations: {}, scope: CATALOG_SCOPE, definedBy: CATALOG_SCOPE, fields: NO_FIELDS };
}

/** Every team, environment and service a relation names, in the order first named. */
function* namedTargets(catalog: Catalog, context: RuleContext): Steps<[string, string][]> {
  const named: [string, string][] = [];
  for (const [blueprint, entities] of catalog.entities) {
    for (const entity of entities.values()) {
      yield;
      for (const [relation, value] of Object.entries(entity.relations)) {
        const target = context.relationTargets[blueprint]?.[relation];
        if (target === undefined || NAMED_ROLES[target] === undefined || value === null) continue;
        for (const identifier of Array.isArray(value) ? value : [value]) named.push([target, identifier]);
      }
    }
  }
  return named;
}

/**
 * Teams, environments and services exist wherever they are named (a tag, a workload label, a cost
 * group), titled with their canonical name. One that no source defines takes the values of its role
 * (a service without a repository) once the run knows that no source defines it: every source that
 * could ran and completed. Until then its name is only sent when it is created, so a run of some
 * sources never overwrites what the defining source wrote.
 */
export const namedEntities: JoinRule = {
  name: 'named-entities',
  apply: (catalog, context) => drive(namedEntitySteps(catalog, context)),
  steps: namedEntitySteps,
};

function* namedEntitySteps(catalog: Catalog, context: RuleContext): Steps<void> {
  for (const [blueprint, identifier] of yield* namedTargets(catalog, context)) {
    const entities = catalog.entities.get(blueprint) ?? new Map<string, DesiredEntity>();
    catalog.entities.set(blueprint, entities);
    if (!entities.has(identifier)) entities.set(identifier, madeEntity(blueprint, identifier));
    yield;
  }
  for (const [blueprint, role] of Object.entries(NAMED_ROLES)) {
    for (const entity of catalog.entities.get(blueprint)?.values() ?? []) {
      if (entity.definedBy === CATALOG_SCOPE) settle(entity, role, context);
      yield;
    }
  }
}

function settle(entity: DesiredEntity, role: NamedRole, context: RuleContext): void {
  const title = context.nameOf(entity.blueprint, entity.identifier) ?? entity.identifier;
  if (!context.completeBlueprints.has(entity.blueprint)) {
    entity.createOnly = { ...entity.createOnly, title };
    return;
  }
  const properties = new Set(entity.fields.properties);
  const relations = new Set(entity.fields.relations);
  entity.title = title;
  // What a defining source would have written is cleared: the entity has no such source any more.
  for (const owns of definersOf(entity.blueprint, context)) {
    for (const name of owns.properties) {
      if (properties.has(name)) continue;
      properties.add(name);
      entity.properties[name] = null;
    }
    for (const name of owns.relations) {
      const target = context.relationTargets[entity.blueprint]?.[name];
      // A team from tags is the team-from-tags rule's to decide.
      if (relations.has(name) || target === undefined || (role.teamFromTags && target === 'team')) continue;
      relations.add(name);
      entity.relations[name] = null;
    }
  }
  for (const [name, value] of Object.entries(role.undefinedValues)) {
    if (context.modelProperties && !context.modelProperties[entity.blueprint]?.has(name)) continue;
    properties.add(name);
    entity.properties[name] = value;
  }
  entity.fields = { ...entity.fields, title: true, properties, relations };
}

function definersOf(blueprint: string, context: RuleContext) {
  return (context.declarations ?? context.runs)
    .map((source) => source.owns[blueprint])
    .filter((owns) => owns?.mode === 'define')
    .map((owns) => owns!);
}
