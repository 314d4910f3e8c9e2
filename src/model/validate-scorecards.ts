import type { BlueprintBody } from './blueprint-schema.js';
import type { ModelIndex, ScorecardEntry } from './model-index.js';
import { problem } from './problems.js';
import { DEFAULT_LEVELS, type Condition } from './scorecard-schema.js';
import type { ModelProblem } from './types.js';
import { comparisonProblems } from './value-checks.js';

/**
 * Levels and references of every scorecard (PORT-API.md 4.2-4.3): a rule's level is one of the
 * scorecard's levels but not the first (the default level every entity starts at), and each
 * condition names a field its blueprint has, with a value that field can hold.
 */
export function scorecardProblems(index: ModelIndex): ModelProblem[] {
  return index.scorecards.flatMap((entry) => {
    const blueprint = index.blueprints.get(entry.blueprint)?.body;
    if (!blueprint) return [problem(entry.file, [], `blueprint "${entry.blueprint}" is not in the model`)];
    return [...levelProblems(entry), ...ruleProblems(entry, blueprint, index)];
  });
}

function levelProblems({ file, body }: ScorecardEntry): ModelProblem[] {
  const seen = new Set<string>();
  return (body.levels ?? []).flatMap((level, i) => {
    if (!seen.has(level.title)) {
      seen.add(level.title);
      return [];
    }
    return [problem(file, ['levels', i, 'title'], `level "${level.title}" is listed twice`)];
  });
}

function ruleProblems({ file, body }: ScorecardEntry, blueprint: BlueprintBody, index: ModelIndex): ModelProblem[] {
  const levels = (body.levels && body.levels.length > 0 ? body.levels : DEFAULT_LEVELS).map((l) => l.title);
  const out: ModelProblem[] = [];
  const ids = new Set<string>();
  body.rules.forEach((rule, i) => {
    const at = ['rules', i];
    if (ids.has(rule.identifier)) out.push(problem(file, [...at, 'identifier'], `rule "${rule.identifier}" is defined twice`));
    ids.add(rule.identifier);
    if (!levels.includes(rule.level)) {
      out.push(problem(file, [...at, 'level'], `"${rule.level}" is not one of the levels (${levels.join(', ')})`));
    } else if (rule.level === levels[0]) {
      out.push(problem(file, [...at, 'level'], `"${rule.level}" is the first level, which every entity starts at; it cannot have rules`));
    }
    rule.query.conditions.forEach((c, j) => out.push(...conditionProblems(file, [...at, 'query', 'conditions', j], c, blueprint, index)));
  });
  body.filter?.conditions.forEach((c, j) => out.push(...conditionProblems(file, ['filter', 'conditions', j], c, blueprint, index)));
  return out;
}

function conditionProblems(
  file: string,
  at: PropertyKey[],
  condition: Condition,
  blueprint: BlueprintBody,
  index: ModelIndex,
): ModelProblem[] {
  if ('relation' in condition) {
    const field = index.field(blueprint, condition.relation);
    return field?.kind === 'relation'
      ? []
      : [problem(file, [...at, 'relation'], `"${condition.relation}" is not a relation of blueprint "${blueprint.identifier}"`)];
  }
  const field = index.field(blueprint, condition.property);
  if (!field)
    return [problem(file, [...at, 'property'], `"${condition.property}" is not a property of blueprint "${blueprint.identifier}"`)];
  if (field.kind === 'relation')
    return [problem(file, [...at, 'property'], `"${condition.property}" is a relation: name it with "relation", not "property"`)];
  const value = 'value' in condition ? condition.value : undefined;
  return comparisonProblems(condition.property, field, condition.operator, value).map(([sub, message]) =>
    problem(file, [...at, ...sub], message),
  );
}
