import { requirePortCredentials, secretsOf, type Config } from '../config.js';
import { createPortClient, type PortClient } from '../port/index.js';
import type { CommandContext } from './context.js';

/** The Port client for a command, with every secret it will handle known to the log scrubber. */
export function portClientFor(config: Config, ctx: CommandContext): PortClient {
  requirePortCredentials(config);
  for (const secret of secretsOf(config)) ctx.scrubber.add(secret);
  return createPortClient({
    baseUrl: config.port.baseUrl,
    clientId: config.port.clientId!,
    clientSecret: config.port.clientSecret!,
    syncInstance: config.syncInstance,
    logger: ctx.logger,
    http: { concurrency: config.port.maxConcurrency, onToken: (token) => ctx.scrubber.add(token) },
  });
}
