import { drive, type Steps } from '../../domain/index.js';
import { describeEntity, subjectOf } from '../findings.js';
import type { Catalog, DesiredEntity, JoinRule, RuleContext } from '../types.js';

/**
 * A relation to an entity no source defines is emptied and reported, but only when the run knows
 * the whole target blueprint: a source of this installation defines it, and every such source ran
 * and completed. Otherwise the target may come from a source that did not run, or from another
 * writer (the sync checks those against Port before writing).
 */
export const danglingRelations: JoinRule = {
  name: 'dangling-relations',
  apply: (catalog, context) => drive(danglingSteps(catalog, context)),
  steps: danglingSteps,
};

function* danglingSteps(catalog: Catalog, context: RuleContext): Steps<void> {
  for (const [blueprint, entities] of catalog.entities) {
    for (const entity of entities.values()) {
      dropDangling(catalog, context, blueprint, entity);
      yield;
    }
  }
}

function dropDangling(catalog: Catalog, context: RuleContext, blueprint: string, entity: DesiredEntity): void {
  for (const [relation, value] of Object.entries(entity.relations)) {
    const target = context.relationTargets[blueprint]?.[relation];
    if (target === undefined || value === null || !context.completeBlueprints.has(target) || !isDefined(target, context)) continue;
    const exists = (identifier: string): boolean => catalog.entities.get(target)?.has(identifier) === true;
    const values = Array.isArray(value) ? value : [value];
    for (const identifier of values.filter((v) => !exists(v))) report(catalog, context, entity, relation, target, identifier);
    if (Array.isArray(value)) entity.relations[relation] = value.filter(exists);
    else if (!exists(value)) entity.relations[relation] = null;
  }
}

function report(catalog: Catalog, context: RuleContext, entity: DesiredEntity, relation: string, target: string, identifier: string): void {
  const origin = context.originOf(entity, `relations.${relation}`);
  catalog.findings.push({
    source: origin?.source ?? 'catalog',
    scope: origin?.scope ?? entity.scope,
    subject: subjectOf(entity.blueprint, entity.identifier),
    kind: 'integrity',
    message:
      `relation ${relation} of ${describeEntity(entity.blueprint, entity.identifier)} points at ` +
      `${describeEntity(target, identifier)} that no source defines; the relation is left empty`,
  });
}

function isDefined(blueprint: string, context: RuleContext): boolean {
  return (context.declarations ?? context.runs).some((source) => source.owns[blueprint]?.mode === 'define');
}
