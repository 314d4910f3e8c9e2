import type { Logger } from 'pino';
import type { Ownership } from './ownership.js';
import type { SourceResult } from './fragments.js';

/** An entity as this installation last wrote it to Port (only the fields the engine compares). */
export interface PreviousEntity {
  identifier: string;
  title?: string | null;
  team?: string[];
  properties: Readonly<Record<string, unknown>>;
  relations: Readonly<Record<string, string | string[] | null>>;
}

/**
 * A read-only view of what this installation owns in Port, so a source can be incremental (skip
 * what did not change) without ever talking to Port. The engine reads a blueprint when a source
 * first asks for it, before that source goes on collecting.
 */
export interface PreviousCatalog {
  /** identifier -> entity; empty for a blueprint the run does not write or that holds nothing of ours. */
  entities(blueprint: string): Promise<ReadonlyMap<string, PreviousEntity>>;
}

export interface SourceContext {
  /** A child logger carrying the run's id and the source's id. */
  logger: Logger;
  /** The run's clock: sources read it instead of Date.now(). */
  now: Date;
  /**
   * Fires when the run is aborted (time limit, SIGTERM): a source stops starting new calls, and a
   * scope it could not finish is reported incomplete, never as complete.
   */
  signal: AbortSignal;
  previous: PreviousCatalog;
}

/** The contract every source implements: it declares what it owns and collects; it never talks to Port. */
export interface Source {
  readonly id: string;
  readonly owns: Ownership;
  collect(context: SourceContext): Promise<SourceResult>;
}

/** One source's part of a run: its declaration and what it collected (also the snapshot format). */
export interface SourceRun {
  id: string;
  owns: Ownership;
  result: SourceResult;
}

/** An empty view, for a run with nothing read (a dry run before the model exists, tests). */
export const NO_PREVIOUS: PreviousCatalog = { entities: async () => new Map() };
