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
  return canonicalJson(a) === canonicalJson(b);
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null;
}
