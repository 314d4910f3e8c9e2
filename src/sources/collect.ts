import { formatScope, type Source, type SourceContext, type SourceRun } from '../domain/index.js';

/**
 * Runs every source at once; one that throws fails as a whole (nothing of it is rewritten or
 * deleted), the others go on. Each gets the run's context with a logger naming it.
 */
export async function collectSources(sources: readonly Source[], context: SourceContext): Promise<SourceRun[]> {
  return Promise.all(
    sources.map(async (source): Promise<SourceRun> => {
      const logger = context.logger.child({ source: source.id });
      try {
        return { id: source.id, owns: source.owns, result: await source.collect({ ...context, logger }) };
      } catch (error) {
        const message = context.signal.aborted
          ? `aborted: ${String(context.signal.reason)}`
          : error instanceof Error
            ? error.message
            : String(error);
        logger.error({ err: error }, context.signal.aborted ? 'Source stopped: the run was aborted' : 'Source failed');
        return {
          id: source.id,
          owns: source.owns,
          result: {
            fragments: [],
            scopes: [{ scope: formatScope({ kind: 'source', source: source.id }), complete: false, error: message }],
            findings: [],
          },
        };
      }
    }),
  );
}
