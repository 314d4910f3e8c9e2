/**
 * Port's search operators over one value. `actual` may be a list ($team, many relations, array
 * properties): list-valued fields match when any element does, as Port's examples filter teams.
 * Port: confirmed (PORT-API.md 2.8 operator names; DOCS search-and-query/operators)
 */
export type Operator = (actual: unknown, value: unknown) => boolean;

const isEmptyValue = (v: unknown): boolean =>
  v === undefined ||
  v === null ||
  v === '' ||
  (Array.isArray(v) && v.length === 0) ||
  (typeof v === 'object' && v !== null && Object.keys(v).length === 0);

const elements = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);

function equals(actual: unknown, value: unknown): boolean {
  if (Array.isArray(value)) return JSON.stringify(actual) === JSON.stringify(value);
  if (Array.isArray(actual)) return actual.some((a) => a === value);
  return actual === value;
}

const text =
  (predicate: (a: string, v: string) => boolean): Operator =>
  (actual, value) =>
    typeof value === 'string' && elements(actual).some((a) => typeof a === 'string' && predicate(a, value));

function contains(actual: unknown, value: unknown): boolean {
  if (Array.isArray(actual))
    return actual.some((a) => a === value || (typeof a === 'string' && typeof value === 'string' && a.includes(value)));
  return typeof actual === 'string' && typeof value === 'string' && actual.includes(value);
}

function comparable(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    const ms = Date.parse(v);
    return Number.isNaN(ms) ? undefined : ms;
  }
  return undefined;
}

const compare =
  (test: (a: number, v: number) => boolean): Operator =>
  (actual, value) => {
    const a = comparable(actual);
    const v = comparable(value);
    return a !== undefined && v !== undefined && test(a, v);
  };

function between(actual: unknown, value: unknown): boolean {
  const range = value as { from?: unknown; to?: unknown };
  const a = comparable(actual);
  const from = comparable(range.from);
  const to = comparable(range.to);
  return a !== undefined && from !== undefined && to !== undefined && a >= from && a <= to;
}

const inList: Operator = (actual, value) => elements(value).some((v) => elements(actual).some((a) => a === v));

export const OPERATORS: Record<string, Operator> = {
  '=': equals,
  '!=': (a, v) => !equals(a, v),
  in: inList,
  notIn: (a, v) => !inList(a, v),
  containsAny: (a, v) => elements(v).some((x) => contains(a, x)),
  contains,
  doesNotContains: (a, v) => !contains(a, v),
  beginsWith: text((a, v) => a.startsWith(v)),
  doesNotBeginsWith: (a, v) => !text((x, y) => x.startsWith(y))(a, v),
  endsWith: text((a, v) => a.endsWith(v)),
  doesNotEndsWith: (a, v) => !text((x, y) => x.endsWith(y))(a, v),
  '>': compare((a, v) => a > v),
  '>=': compare((a, v) => a >= v),
  '<': compare((a, v) => a < v),
  '<=': compare((a, v) => a <= v),
  between,
  notBetween: (a, v) => !between(a, v),
  isEmpty: (a) => isEmptyValue(a),
  isNotEmpty: (a) => !isEmptyValue(a),
};

/** Operators whose value must be a list. */
export const LIST_OPERATORS = new Set(['in', 'notIn', 'containsAny']);
/** Operators that take no value. */
export const VALUELESS_OPERATORS = new Set(['isEmpty', 'isNotEmpty']);
