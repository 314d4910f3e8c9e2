import type { Field } from './model-index.js';

/**
 * What is wrong with comparing `name` (a field) by `operator` with `value`, as [sub-path, message]
 * pairs relative to the condition. Catches what Port would accept and then never match: a value
 * outside the property's enum (a typo such as "majr"), or a value of the wrong type.
 */
export function comparisonProblems(name: string, field: Field, operator: string, value: unknown): Array<[PropertyKey[], string]> {
  const out: Array<[PropertyKey[], string]> = [];
  const allowed = enumOf(field, operator);
  if (allowed) {
    const offEnum = (v: unknown) => (typeof v === 'string' || typeof v === 'number') && !allowed.includes(v);
    const list = allowed.map((v) => JSON.stringify(v)).join(', ');
    if (Array.isArray(value)) {
      value.forEach((v, k) => {
        if (offEnum(v)) out.push([['value', k], `${JSON.stringify(v)} is not a value of "${name}" (${list})`]);
      });
    } else if (offEnum(value)) {
      out.push([['value'], `${JSON.stringify(value)} is not a value of "${name}" (${list})`]);
    }
  }
  const ordering = ['>', '<', '>=', '<='].includes(operator);
  if (ordering && ['boolean', 'object', 'array'].includes(field.type)) {
    out.push([['operator'], `"${operator}" cannot order ${field.type} field "${name}"`]);
  } else if ((ordering || operator === '=' || operator === '!=') && !Array.isArray(value)) {
    const expected = field.type === 'number' ? 'number' : field.type === 'boolean' ? 'boolean' : undefined;
    if (expected && typeof value !== expected && value !== null) {
      out.push([['value'], `${field.type} field "${name}" is compared with a ${typeof value}, which never matches`]);
    }
  }
  return out;
}

/** The enum a comparison is checked against: the property's, or its items' for membership tests. */
function enumOf(field: Field, operator: string): Array<string | number> | undefined {
  const def = field.def;
  if (!def) return undefined;
  if (['=', '!=', 'in', 'notIn', 'containsAny'].includes(operator) && def.enum) return def.enum;
  if (def.type === 'array' && ['contains', 'doesNotContains', 'containsAny', 'in', 'notIn'].includes(operator)) return def.items?.enum;
  return undefined;
}
