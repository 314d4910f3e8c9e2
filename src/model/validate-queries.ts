import type { BlueprintBody } from './blueprint-schema.js';
import type { ModelIndex } from './model-index.js';
import { problem } from './problems.js';
import type { Dataset, EntitiesQuery, EntitiesRule } from './query-schema.js';
import type { ModelProblem } from './types.js';
import { comparisonProblems } from './value-checks.js';

type Rule = EntitiesRule | EntitiesQuery;

/** The rules of a query or of a bare-list dataset, with their paths. */
function rulesOf(query: Dataset, at: PropertyKey[]): Array<[Rule, PropertyKey[]]> {
  return Array.isArray(query) ? query.map((r, k) => [r, [...at, k]]) : query.rules.map((r, k) => [r, [...at, 'rules', k]]);
}

const isQuery = (rule: Rule): rule is EntitiesQuery => 'combinator' in rule;

/**
 * Rules name fields of `subject` (when the widget's blueprint is known) and blueprints of the
 * model; a `$blueprint` rule is checked against the model even without a subject.
 */
export function queryProblems(
  index: ModelIndex,
  file: string,
  at: PropertyKey[],
  query: Dataset,
  subject: BlueprintBody | undefined,
): ModelProblem[] {
  return rulesOf(query, at).flatMap(([rule, path]) => {
    if (isQuery(rule)) return queryProblems(index, file, path, rule, subject);
    if (rule.operator === 'relatedTo') {
      return index.knows(rule.blueprint)
        ? []
        : [problem(file, [...path, 'blueprint'], `blueprint "${rule.blueprint}" is not in the model`)];
    }
    if (!('property' in rule) || typeof rule.property !== 'string') return [];
    const name = rule.property;
    const value = 'value' in rule ? rule.value : undefined;
    if (name === '$blueprint') {
      const names = Array.isArray(value) ? value : [value];
      return names.flatMap((v, k) =>
        typeof v === 'string' && !index.knows(v)
          ? [problem(file, Array.isArray(value) ? [...path, 'value', k] : [...path, 'value'], `blueprint "${v}" is not in the model`)]
          : [],
      );
    }
    if (!subject) return [];
    const field = index.field(subject, name);
    if (!field) return [problem(file, [...path, 'property'], `"${name}" is not a property of blueprint "${subject.identifier}"`)];
    return comparisonProblems(name, field, rule.operator, value).map(([sub, message]) => problem(file, [...path, ...sub], message));
  });
}

/** The blueprints a query selects with `$blueprint =` / `in` rules at its top level. */
export function blueprintsSelected(query: Dataset | undefined): string[] {
  if (!query) return [];
  if (!Array.isArray(query) && query.combinator !== 'and') return [];
  return rulesOf(query, []).flatMap(([rule]) => {
    if (isQuery(rule) || !('property' in rule) || rule.property !== '$blueprint' || !('value' in rule)) return [];
    if (rule.operator === '=' && typeof rule.value === 'string') return [rule.value];
    if (rule.operator === 'in' && Array.isArray(rule.value)) return rule.value.filter((v): v is string => typeof v === 'string');
    return [];
  });
}
