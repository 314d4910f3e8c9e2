import { covers, isObject } from './normalise.js';

/** One field of a definition that Port does not have yet, or has otherwise. */
export interface FieldChange {
  op: 'add' | 'change';
  /** JSON path inside the definition, e.g. `schema.properties.chartLag.enum`. */
  path: string;
  before?: unknown;
  after: unknown;
}

/**
 * The fields of `wanted` that `actual` does not already say, at the deepest path that still reads
 * well: a new property is one addition, a changed enum one change, not a line per letter.
 */
export function fieldChanges(actual: unknown, wanted: unknown, path = ''): FieldChange[] {
  if (covers(actual, wanted)) return [];
  if (isObject(wanted) && isObject(actual)) {
    return Object.entries(wanted).flatMap(([key, value]) => {
      const child = path ? `${path}.${key}` : key;
      if (value === undefined) return [];
      if (!(key in actual) || actual[key] === undefined) return [{ op: 'add' as const, path: child, after: value }];
      return fieldChanges(actual[key], value, child);
    });
  }
  if (actual === undefined) return [{ op: 'add', path: path || '(root)', after: wanted }];
  return [{ op: 'change', path: path || '(root)', before: actual, after: wanted }];
}

/** Compact JSON for one line of a plan. */
export function preview(value: unknown, max = 120): string {
  const text = JSON.stringify(value) ?? 'undefined';
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
