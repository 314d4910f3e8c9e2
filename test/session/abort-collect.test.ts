import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { defineSettings } from '../../src/config/define.js';
import type { Ownership, Source } from '../../src/domain/index.js';
import { silentLogger } from '../../src/logger.js';
import { loadModel } from '../../src/model/load.js';
import { createPortClient } from '../../src/port/index.js';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { createSyncSession } from '../../src/session.js';
import { createRegistry } from '../../src/sources/registry.js';
import type { SourceModule } from '../../src/sources/types.js';

let collecting = false;
const OWNS: Ownership = { awsAccount: { mode: 'define', title: true, properties: ['accountId'], relations: [] } };

/** A source still listing when the run is aborted: it stops when the signal fires, as every source must. */
const slowSource: SourceModule<Record<string, never>> = {
  id: 'slow',
  owns: OWNS,
  settings: defineSettings({ id: 'slow', title: 'slow source', rows: {}, read: () => ({}) }),
  create: (): Source => ({
    id: 'slow',
    owns: OWNS,
    collect: (context) =>
      new Promise((_resolve, reject) => {
        collecting = true;
        context.signal.addEventListener('abort', () => reject(new Error('listing stopped')), { once: true });
      }),
  }),
};
const registry = createRegistry([slowSource]);
const model = loadModel(new URL('../../', import.meta.url).pathname).model;

describe('a run aborted while its sources collect', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = createSandbox();
    await sandbox.start();
  });
  afterAll(() => sandbox.close());

  it('writes no entity, deletes nothing, and still reports itself as aborted', async () => {
    const config = loadConfig(
      { PORT_BASE_URL: sandbox.url, PORT_CLIENT_ID: 'ab', PORT_CLIENT_SECRET: 'ab-secret', SOURCES: 'slow' },
      { registry },
    );
    const port = createPortClient({ baseUrl: sandbox.url, clientId: 'ab', clientSecret: 'ab-secret', syncInstance: 'local' });
    const session = createSyncSession(config, { logger: silentLogger(), model, port, registry });
    await session.run({ replay: [] }); // the model exists, and an account this installation wrote earlier
    sandbox.store.seedEntity('awsAccount', {
      identifier: '111122223333',
      title: 'old',
      properties: { syncInstance: 'local', syncScope: 'slow' },
      relations: {},
    });
    const controller = new AbortController();
    const pending = session.run({ signal: controller.signal });
    await waitFor(() => collecting);
    controller.abort('SIGTERM');
    const { report } = await pending;

    expect(report.status).toBe('aborted');
    expect(report.sources.slow).toMatchObject({
      completedScopes: 0,
      failedScopes: [{ scope: 'slow', complete: false, error: 'aborted: SIGTERM' }],
    });
    const entityWrites = sandbox.stats.requests.filter(
      (r) => r.method === 'POST' && /entities\/bulk$|entities\/delete$/.test(r.path) && !r.path.includes('syncRun'),
    );
    expect(entityWrites).toEqual([]);
    expect(sandbox.store.entities('awsAccount').has('111122223333')).toBe(true);
    const statuses = [...sandbox.store.entities('syncRun').values()].map((r) => r.properties.status).sort();
    expect(statuses).toEqual(['aborted', 'success']);
  });
});

async function waitFor(test: () => boolean): Promise<void> {
  const until = Date.now() + 10_000;
  while (!test()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
