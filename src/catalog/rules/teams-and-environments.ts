import type { Catalog, DesiredEntity, JoinRule, RuleContext } from '../types.js';

/** Blueprints whose entities exist because relations name them: nobody else lists teams and environments. */
const SEEN_BLUEPRINTS: ReadonlySet<string> = new Set(['team', 'environment']);

function seenEntity(blueprint: string, identifier: string, title: string): DesiredEntity {
  return {
    blueprint,
    identifier,
    title,
    properties: {},
    relations: {},
    scope: 'catalog',
    definedBy: 'catalog',
    fields: { title: true, team: false, properties: new Set(), relations: new Set() },
  };
}

/** Every team and environment a relation names, in the order first named. */
function namedTargets(catalog: Catalog, context: RuleContext): [string, string][] {
  const named: [string, string][] = [];
  for (const [blueprint, entities] of catalog.entities) {
    for (const entity of entities.values()) {
      for (const [relation, value] of Object.entries(entity.relations)) {
        const target = context.relationTargets[blueprint]?.[relation];
        if (target === undefined || !SEEN_BLUEPRINTS.has(target) || value === null) continue;
        for (const identifier of Array.isArray(value) ? value : [value]) named.push([target, identifier]);
      }
    }
  }
  return named;
}

/** Teams and environments are created from what is seen in tags and groups, titled with their canonical name. */
export const teamsAndEnvironments: JoinRule = {
  name: 'teams-and-environments',
  apply(catalog, context) {
    for (const [blueprint, identifier] of namedTargets(catalog, context)) {
      const entities = catalog.entities.get(blueprint) ?? new Map<string, DesiredEntity>();
      catalog.entities.set(blueprint, entities);
      if (entities.has(identifier)) continue;
      entities.set(identifier, seenEntity(blueprint, identifier, context.nameOf(blueprint, identifier) ?? identifier));
    }
  },
};
