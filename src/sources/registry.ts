import { SOURCE_IDS, type Config, type SourceId } from '../config.js';
import { ConfigError } from '../errors.js';
import type { Logger } from '../logger.js';
import { createAwsSource } from './aws/index.js';
import { AWS_OWNS } from './aws/map.js';
import { COST_OWNS, createCostSource } from './cost/index.js';
import type { BlueprintOwnership, Source } from '../domain/index.js';

export type SourceFactory = (config: Config, deps: { logger: Logger }) => Source;

/**
 * The explicit list of sources this build can run, by SOURCES name. A source that is configured
 * but not listed here is refused at start, never silently skipped.
 */
export const SOURCE_FACTORIES: Readonly<Partial<Record<SourceId, SourceFactory>>> = {
  aws: createAwsSource,
  cost: createCostSource,
};

/**
 * What each source of this build writes, known without creating it: a run of some sources needs to
 * know what the others would define (see the join's blueprint completeness).
 */
export const SOURCE_OWNERSHIP: Readonly<Partial<Record<SourceId, Readonly<Record<string, BlueprintOwnership>>>>> = {
  aws: AWS_OWNS,
  cost: COST_OWNS,
};

/** The sources of this run: `--sources` (a subset of SOURCES) or SOURCES. */
export function selectSources(config: Config, requested?: readonly string[]): SourceId[] {
  if (!requested || requested.length === 0) return [...config.sources];
  const problems: string[] = [];
  for (const id of requested) {
    if (!(SOURCE_IDS as readonly string[]).includes(id)) problems.push(`--sources: "${id}" is not a source; use ${SOURCE_IDS.join(', ')}`);
    else if (!config.sources.includes(id as SourceId)) problems.push(`--sources: "${id}" is not enabled in SOURCES (${config.sources.join(', ') || 'none'})`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return [...new Set(requested as SourceId[])];
}

export function createSources(ids: readonly SourceId[], config: Config, deps: { logger: Logger }, factories = SOURCE_FACTORIES): Source[] {
  const missing = ids.filter((id) => !factories[id]);
  if (missing.length > 0) {
    throw new ConfigError(missing.map((id) => `SOURCES: the ${id} source is not available in this version of port-catalog-sync`));
  }
  return ids.map((id) => factories[id]!(config, { logger: deps.logger.child({ source: id }) }));
}
