import type { AwsClientOptions } from '../aws/index.js';
import type { Logger } from '../logger.js';
import type { Ownership, SettingGroup, Source } from '../domain/index.js';

/** What a source's factory is given besides its own settings. */
export interface SourceDeps {
  /** A child logger carrying the source's id, for what happens outside a run; runs log with their context's. */
  logger: Logger;
  /**
   * Seam for every AWS-using source at once (tests point them all at one local server). Unset: the
   * SDK's standard environment decides endpoint, credentials and retries.
   */
  aws?: AwsClientOptions;
}

/**
 * A source as the registry lists it: its id (the SOURCES name), what it writes, its settings and a
 * factory that rejects bad settings at start. Adding a source is its folder plus one registry line.
 */
export interface SourceModule<S = unknown> {
  readonly id: string;
  readonly owns: Ownership;
  readonly settings: SettingGroup<S>;
  create(settings: S, deps: SourceDeps): Source;
}
