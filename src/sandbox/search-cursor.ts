import { schemaError } from './http-error.js';

/**
 * The `next`/`from` cursor: opaque to readers, internally the last identifier served. Keyset
 * paging over sorted identifiers stays correct while entities are written between pages, which
 * an offset would not.
 */
export function encodeCursor(blueprint: string, after: string): string {
  return Buffer.from(JSON.stringify({ b: blueprint, a: after })).toString('base64url');
}

export function decodeCursor(blueprint: string, cursor: string): string {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { b?: unknown; a?: unknown };
    if (parsed.b === blueprint && typeof parsed.a === 'string') return parsed.a;
  } catch {
    // Falls through to the schema error: a cursor from elsewhere is a bad request.
  }
  // Port: assumed (open question 3; search-cursor-422) — a foreign or corrupt cursor is a 422.
  throw schemaError('body/from is not a cursor returned by this search');
}

/** Index of the first identifier strictly after `after` in an ascending list. */
export function indexAfter(sorted: readonly string[], after: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] ?? '') <= after) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
