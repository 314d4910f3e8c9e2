import type { Logger } from '../logger.js';
import type { SourceContext } from '../domain/index.js';

/**
 * The run's logger (it carries the runId) with the source's id, for every line a source writes
 * during a collection. The source id is bound once, whether or not the engine already bound it.
 */
export function sourceLogger(context: SourceContext, source: string): Logger {
  return context.logger.bindings().source === source ? context.logger : context.logger.child({ source });
}
