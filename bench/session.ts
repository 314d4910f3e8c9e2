import { loadConfig } from '../src/config.js';
import { silentLogger } from '../src/logger.js';
import type { PortModel } from '../src/model/types.js';
import { createPortClient, type PortClient } from '../src/port/index.js';
import { createSyncSession, type SyncSession } from '../src/session.js';
import type { SourceDeps } from '../src/sources/types.js';
import type { BenchOptions } from './options.js';

const CLIENT_ID = 'bench';
const CLIENT_SECRET = 'bench-client-secret';

/**
 * A sync session of one source's benchmark against a sandbox, with the client the CLI would build
 * (PORT_MAX_CONCURRENCY from the options) and the source's own settings in `env`.
 */
export function sourceSession(
  sandboxUrl: string,
  syncInstance: string,
  env: Record<string, string>,
  options: BenchOptions,
  model: PortModel,
  sourceDeps?: Omit<SourceDeps, 'logger'>,
): { session: SyncSession; port: PortClient } {
  const config = loadConfig({
    PORT_BASE_URL: sandboxUrl,
    PORT_CLIENT_ID: CLIENT_ID,
    PORT_CLIENT_SECRET: CLIENT_SECRET,
    SYNC_INSTANCE: syncInstance,
    PORT_MAX_CONCURRENCY: String(options.concurrency),
    ...env,
  });
  const port = createPortClient({
    baseUrl: sandboxUrl,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    syncInstance,
    http: { concurrency: config.port.maxConcurrency },
  });
  const session = createSyncSession(config, { port, logger: silentLogger(), model, ...(sourceDeps ? { sourceDeps } : {}) });
  return { session, port };
}
