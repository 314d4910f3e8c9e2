import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { defineSettings } from '../../src/config/define.js';
import type { Ownership, Source, SourceContext } from '../../src/domain/index.js';
import { silentLogger } from '../../src/logger.js';
import { loadModel } from '../../src/model/load.js';
import { createPortClient } from '../../src/port/index.js';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { createSyncSession } from '../../src/session.js';
import { createRegistry } from '../../src/sources/registry.js';
import type { SourceModule } from '../../src/sources/types.js';

const OWNS: Ownership = { awsAccount: { mode: 'define', title: true, properties: ['accountId'], relations: [] } };
const model = loadModel(new URL('../../', import.meta.url).pathname).model;

/** A source whose collect is given by each test. */
function probeRegistry(collect: (context: SourceContext) => ReturnType<Source['collect']>) {
  const probe: SourceModule<Record<string, never>> = {
    id: 'probe',
    owns: OWNS,
    settings: defineSettings({ id: 'probe', title: 'probe source', rows: {}, read: () => ({}) }),
    create: (): Source => ({ id: 'probe', owns: OWNS, collect }),
  };
  return createRegistry([probe]);
}

describe('the model step runs while the sources collect', () => {
  let sandbox: Sandbox | undefined;
  afterEach(async () => {
    await sandbox?.close();
    sandbox = undefined;
  });

  it('starts collecting at once, and a source reading its previous entities gets them after the model is in place', async () => {
    sandbox = createSandbox({ latencyMs: 20 });
    await sandbox.start();
    const box = sandbox;
    const seen: { blueprintsAtStart?: number; blueprintsWhenRead?: number; previous?: number } = {};
    const registry = probeRegistry(async (context) => {
      seen.blueprintsAtStart = box.store.blueprints.size;
      const previous = await context.previous!.entities('awsAccount');
      seen.blueprintsWhenRead = box.store.blueprints.size;
      seen.previous = previous.size;
      return {
        fragments: [
          { blueprint: 'awsAccount', identifier: '111122223333', scope: 'probe', title: 'prod', properties: { accountId: '111122223333' } },
        ],
        scopes: [{ scope: 'probe', complete: true }],
        findings: [],
      };
    });
    const config = loadConfig(
      { PORT_BASE_URL: box.url, PORT_CLIENT_ID: 'm', PORT_CLIENT_SECRET: 'm-secret', SOURCES: 'probe' },
      { registry },
    );
    const port = createPortClient({ baseUrl: box.url, clientId: 'm', clientSecret: 'm-secret', syncInstance: 'local' });
    const { report } = await createSyncSession(config, { logger: silentLogger(), model, port, registry }).run();

    expect(report.status).toBe('success');
    expect(report.model.created).toBeGreaterThan(0);
    // Collecting began before the model step had created a single blueprint...
    expect(seen.blueprintsAtStart).toBe(0);
    // ...and the source's read of Port waited for every one of them.
    expect(seen.blueprintsWhenRead).toBe(model.blueprints.length);
    expect(seen.previous).toBe(0);
    expect(box.store.entities('awsAccount').get('111122223333')?.title).toBe('prod');
  });

  it('stops the collection when the model step fails, and fails the run with the model error', async () => {
    sandbox = createSandbox({ credentials: { clientId: 'm', clientSecret: 'the-right-secret' } });
    await sandbox.start();
    let stopped: unknown;
    const registry = probeRegistry(
      (context) =>
        new Promise((_resolve, reject) => {
          context.signal.addEventListener(
            'abort',
            () => {
              stopped = context.signal.reason;
              reject(new Error('listing stopped'));
            },
            { once: true },
          );
        }),
    );
    const config = loadConfig(
      { PORT_BASE_URL: sandbox.url, PORT_CLIENT_ID: 'm', PORT_CLIENT_SECRET: 'a-wrong-secret', SOURCES: 'probe' },
      { registry },
    );
    const port = createPortClient({ baseUrl: sandbox.url, clientId: 'm', clientSecret: 'a-wrong-secret', syncInstance: 'local' });
    const run = createSyncSession(config, { logger: silentLogger(), model, port, registry }).run();

    await expect(run).rejects.toThrow(/credentials|401|refused/i);
    expect(stopped).toBeInstanceOf(Error);
    expect(sandbox.store.blueprints.size).toBe(0);
  });
});
