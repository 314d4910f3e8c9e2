import { schemaError } from './http-error.js';

/**
 * Port's boolean query parameters (`upsert`, `merge`, `delete_dependents`, ...). Anything other than
 * `true`/`false` fails the route schema rather than silently meaning false.
 */
export function booleanParam(query: URLSearchParams, name: string, fallback = false): boolean {
  const raw = query.get(name);
  if (raw === null || raw === '') return fallback;
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  throw schemaError(`querystring/${name} must be boolean`);
}

/**
 * A list parameter: repeated (`include=a&include=b`, as Ocean and the k8s exporter send) or
 * comma-joined (as the Terraform provider sends). Port: confirmed (PORT-API.md 2.7, SPEC form+explode)
 */
export function listParam(query: URLSearchParams, name: string): string[] | undefined {
  const values = query.getAll(name);
  if (values.length === 0) return undefined;
  return values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
}

/** A query string as a plain record, repeated keys as arrays (for recorded requests). */
export function queryRecord(query: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(query.keys())) {
    const values = query.getAll(key);
    out[key] = values.length === 1 ? (values[0] ?? '') : values;
  }
  return out;
}
