import { schemaError } from './http-error.js';
import { CONDITION_OPERATORS, DEFAULT_LEVELS, type ScorecardCondition, type ScorecardInput } from './scorecard-schemas.js';
import type { BlueprintDef } from './types.js';

export interface Level {
  title: string;
  color: string;
}

/** Meta-properties a condition may name (PORT-API.md 2.1). */
const META = new Set(['$identifier', '$title', '$team', '$icon', '$createdAt', '$updatedAt', '$createdBy', '$updatedBy', '$blueprint']);

/**
 * Level and reference rules a JSON schema cannot express. Returns the levels in effect.
 * Port: confirmed (DOCS concepts-and-structure.md — a rule's level is one of the levels; the first
 * level carries no rules)
 */
export function checkScorecard(blueprint: BlueprintDef, scorecard: ScorecardInput): Level[] {
  const levels = scorecard.levels && scorecard.levels.length > 0 ? scorecard.levels : DEFAULT_LEVELS.map((l) => ({ ...l }));
  const titles = levels.map((l) => l.title);
  const seen = new Set<string>();
  for (const [i, rule] of scorecard.rules.entries()) {
    const where = `body/rules/${i}`;
    if (seen.has(rule.identifier)) throw schemaError(`${where}/identifier "${rule.identifier}" is used twice`);
    seen.add(rule.identifier);
    if (!titles.includes(rule.level)) throw schemaError(`${where}/level "${rule.level}" is not one of the levels (${titles.join(', ')})`);
    if (rule.level === titles[0]) throw schemaError(`${where}/level "${rule.level}" is the first level, which cannot have rules`);
    rule.query.conditions.forEach((c, j) => checkCondition(blueprint, c, `${where}/query/conditions/${j}`));
  }
  scorecard.filter?.conditions.forEach((c, j) => checkCondition(blueprint, c, `body/filter/conditions/${j}`));
  return levels;
}

/**
 * A condition names a property (plain, mirror, calculation, aggregation or `$`-meta) or a relation
 * the blueprint has. Port: assumed (unlisted; scorecard-references-checked)
 */
function checkCondition(blueprint: BlueprintDef, condition: ScorecardCondition, where: string): void {
  const kind = condition.property !== undefined ? 'property' : condition.relation !== undefined ? 'relation' : undefined;
  if (!kind) throw schemaError(`${where} must name a property or a relation`);
  if (!CONDITION_OPERATORS[kind].has(condition.operator))
    throw schemaError(`${where}/operator "${condition.operator}" is not allowed on a ${kind}`);
  const name = kind === 'property' ? (condition.property ?? '') : (condition.relation ?? '');
  const known =
    kind === 'relation'
      ? name in blueprint.relations
      : META.has(name) ||
        name in blueprint.schema.properties ||
        name in blueprint.mirrorProperties ||
        name in blueprint.calculationProperties ||
        name in blueprint.aggregationProperties;
  if (!known) throw schemaError(`${where}: ${kind} "${name}" does not exist on blueprint "${blueprint.identifier}"`);
}
