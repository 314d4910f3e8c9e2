import { BULK_DELETE_MAX_IDENTIFIERS, BULK_UPSERT_MAX_ENTITIES } from '../src/port/batch.js';
import type { SyncReport } from '../src/sync/report.js';

/** Entities per search page the sync asks for (src/port/entities.ts). */
const SEARCH_PAGE = 1000;

export interface Floors {
  /**
   * The fewest entity-writing requests: per blueprint ⌈created/20⌉ + ⌈updated/20⌉ (creates and
   * updates are separate bulk calls) + ⌈deleted/100⌉, plus the run's own syncRun report.
   */
  entityWrites: number;
  /**
   * The most search pages a run may read: per blueprint read ⌈owned/1000⌉ + 1 (the last full page may
   * carry a cursor to an empty one), plus the report's retention search.
   */
  searches: number;
  /** entityWrites / concurrency x latency, in seconds: what the writes cost if nothing else did. */
  wallSeconds: number;
}

export function floorsOf(
  report: SyncReport,
  ownedBefore: Readonly<Record<string, number>>,
  options: { concurrency: number; latencyMs: number },
): Floors {
  let entityWrites = 1;
  let searches = 1;
  for (const [blueprint, b] of Object.entries(report.blueprints)) {
    entityWrites +=
      Math.ceil(b.created / BULK_UPSERT_MAX_ENTITIES) +
      Math.ceil(b.updated / BULK_UPSERT_MAX_ENTITIES) +
      Math.ceil(b.deleted / BULK_DELETE_MAX_IDENTIFIERS);
    searches += Math.ceil((ownedBefore[blueprint] ?? 0) / SEARCH_PAGE) + 1;
  }
  return { entityWrites, searches, wallSeconds: ((entityWrites / options.concurrency) * options.latencyMs) / 1000 };
}
