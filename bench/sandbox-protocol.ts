import type { MemoryPeak } from './memory.js';

/** What the parent passes the sandbox child (as JSON in argv[2]). */
export interface ChildSettings {
  latencyMs: number;
  rateLimit: { limit: number; periodSeconds: number };
}

/** What the sandbox saw during one scenario. */
export interface SandboxMeasure {
  requests: number;
  /** Requests to entity-writing routes (ENTITY_WRITE_ROUTES): upserts and deletes, bulk or single. */
  entityWrites: number;
  /** Pages of the blueprint-scoped entity search (reads of current state, lookups, the report's retention). */
  searches: number;
  /** Requests answered 429 by the rate limiter. */
  throttled: number;
  /** Entities stored per blueprint after the scenario. */
  entities: Record<string, number>;
  memory: MemoryPeak;
}

export type ParentMessage = { id: number; type: 'measure-start' } | { id: number; type: 'measure-end' } | { id: number; type: 'close' };

export type ChildMessage =
  { type: 'ready'; url: string } | { id: number; type: 'ack' } | { id: number; type: 'measured'; measure: SandboxMeasure };
