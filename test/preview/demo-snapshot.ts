import { join } from 'node:path';
import { loadConfig } from '../../src/config.js';
import { startDemoEstate } from '../../src/demo/demo-estate.js';
import { silentLogger } from '../../src/logger.js';
import { checkModel, DEFAULT_MODEL_DIR } from '../../src/commands/model.js';
import { createPortClient } from '../../src/port/index.js';
import { createSandbox } from '../../src/sandbox/index.js';
import { createSyncSession } from '../../src/session.js';
import { saveSnapshot } from '../../src/sources/snapshot.js';

/** Saves what the demo estate's sources collect (first week), as `sync --save-snapshot` would, to `dir/demo.json`. */
export async function saveDemoSnapshot(dir: string): Promise<string> {
  const file = join(dir, 'demo.json');
  const sandbox = createSandbox();
  const url = await sandbox.start();
  const estate = await startDemoEstate();
  try {
    const config = loadConfig(
      { PORT_BASE_URL: url, PORT_CLIENT_ID: 'snap', PORT_CLIENT_SECRET: 'snap', SYNC_INSTANCE: 'snap', ...estate.env },
      { registry: estate.registry },
    );
    const logger = silentLogger();
    const port = createPortClient({ baseUrl: url, clientId: 'snap', clientSecret: 'snap', syncInstance: 'snap', logger });
    const session = createSyncSession(config, { logger, model: checkModel(DEFAULT_MODEL_DIR).model, port, registry: estate.registry });
    const { report } = await session.run({ onCollected: (runs, takenAt) => saveSnapshot(file, runs, takenAt) });
    if (report.status !== 'success') throw new Error(`the demo estate's sync was ${report.status}`);
    return file;
  } finally {
    await Promise.all([sandbox.close(), estate.close()]);
  }
}
