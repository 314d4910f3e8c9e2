import { canonicalJson } from '../domain/index.js';

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * Whether two field values mean the same to Port. Absent, undefined and null are one "no value";
 * date-times are compared as instants (Port may store `...00Z` as `...00.000Z`); a many-relation is a
 * set; everything else by canonical JSON.
 */
export function sameValue(a: unknown, b: unknown, options: { unordered?: boolean } = {}): boolean {
  if (isEmpty(a) || isEmpty(b)) return isEmpty(a) && isEmpty(b);
  if (typeof a === 'string' && typeof b === 'string' && ISO_DATE_TIME.test(a) && ISO_DATE_TIME.test(b)) {
    return Date.parse(a) === Date.parse(b);
  }
  if (options.unordered && Array.isArray(a) && Array.isArray(b)) {
    return canonicalJson([...a].map(String).sort()) === canonicalJson([...b].map(String).sort());
  }
  return jsonEqual(a, b);
}

/**
 * Whether two values print the same canonical JSON (keys sorted at every depth), found without
 * printing them: a 100k-entity plan compares about a million values. Anything that is not a plain
 * object, array or primitive (a Date, an object with toJSON) is printed and compared as before.
 */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (!isPlain(a) || !isPlain(b)) return canonicalJson(a) === canonicalJson(b);
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i += 1) if (!jsonEqual(inArray(a[i]), inArray(b[i]))) return false;
    return true;
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = printedKeys(x);
  if (keys.length !== printedKeys(y).length) return false;
  for (const key of keys) {
    if (!Object.hasOwn(y, key) || !printed(y[key]) || !jsonEqual(x[key], y[key])) return false;
  }
  return true;
}

function isPlain(value: unknown): value is object {
  if (typeof value !== 'object' || value === null) return false;
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return Array.isArray(value) || proto === Object.prototype || proto === null;
}

/** JSON leaves out object members whose value is undefined, a function or a symbol. */
function printed(value: unknown): boolean {
  return value !== undefined && typeof value !== 'function' && typeof value !== 'symbol';
}

function printedKeys(object: Record<string, unknown>): string[] {
  return Object.keys(object).filter((key) => printed(object[key]));
}

/** ...and prints them as null inside an array. */
function inArray(value: unknown): unknown {
  return printed(value) ? value : null;
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null;
}
