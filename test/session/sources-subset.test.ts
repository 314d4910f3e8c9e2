import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { defineSettings } from '../../src/config/define.js';
import type { Ownership, Source } from '../../src/domain/index.js';
import { silentLogger } from '../../src/logger.js';
import { loadModel } from '../../src/model/load.js';
import { createPortClient } from '../../src/port/index.js';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { createSyncSession } from '../../src/session.js';
import { awsSource } from '../../src/sources/aws/index.js';
import { costSource } from '../../src/sources/cost/index.js';
import { createRegistry } from '../../src/sources/registry.js';
import type { SourceModule } from '../../src/sources/types.js';
import { MOTO_COMMAND, MOTO_CREDENTIALS, startMoto, type Moto } from '../support/moto.js';
import { createQueue } from '../sources/aws/moto-estate.js';

const REGION = 'eu-west-1';

/** A repository source as this installation declares it: it defines services. It does not run here. */
const REPOSITORY_OWNS: Ownership = {
  service: {
    mode: 'define',
    title: true,
    properties: ['repoUrl', 'chartVersion', 'chartLag', 'pipelineLag', 'hasRepository'],
    relations: ['team'],
  },
};
const repositorySource: SourceModule<Record<string, never>> = {
  id: 'gitlab',
  owns: REPOSITORY_OWNS,
  settings: defineSettings({ id: 'gitlab', title: 'repository source', rows: {}, read: () => ({}) }),
  create: (): Source => ({ id: 'gitlab', owns: REPOSITORY_OWNS, collect: () => Promise.reject(new Error('not run in this test')) }),
};
const registry = createRegistry([awsSource, costSource, repositorySource]);
const model = loadModel(new URL('../../', import.meta.url).pathname).model;

describe.skipIf(!MOTO_COMMAND)('sync --sources aws in an installation that also enables a repository source', () => {
  let moto: Moto;
  let sandbox: Sandbox;

  beforeAll(async () => {
    [moto, sandbox] = await Promise.all([startMoto(), Promise.resolve(createSandbox())]);
    await sandbox.start();
    for (let i = 0; i < 12; i += 1) {
      await createQueue(moto.url, REGION, `queue-${i}`, {
        service: i % 3 === 0 ? 'Checkout ' : `svc-${i % 4}`,
        team: 'pay',
        environment: 'prod',
      });
    }
  }, 60_000);
  afterAll(async () => {
    await Promise.all([sandbox.close(), moto.stop()]);
  });

  it('writes every resource with its service, and creates the services without claiming what the repository source owns', async () => {
    const config = loadConfig(
      {
        PORT_BASE_URL: sandbox.url,
        PORT_CLIENT_ID: 'sub',
        PORT_CLIENT_SECRET: 'sub-secret',
        SYNC_INSTANCE: 'sub',
        SOURCES: 'aws,gitlab',
        AWS_REGIONS: REGION,
        AWS_RESOURCE_TYPES: 'sqs',
        TEAM_ALIASES: 'payments=pay',
      },
      { registry },
    );
    const port = createPortClient({ baseUrl: sandbox.url, clientId: 'sub', clientSecret: 'sub-secret', syncInstance: 'sub' });
    const session = createSyncSession(config, {
      logger: silentLogger(),
      model,
      port,
      registry,
      sourceDeps: { aws: { endpoint: moto.url, credentials: MOTO_CREDENTIALS } },
    });

    const { report } = await session.run({ sources: ['aws'] });
    expect(report.failures).toEqual([]);
    expect(report.blueprints.awsResource).toMatchObject({ created: 12, failed: 0 });
    const resources = [...sandbox.store.entities('awsResource').values()];
    expect(resources).toHaveLength(12);
    expect(new Set(resources.map((r) => r.relations.service))).toEqual(new Set(['checkout', 'svc-0', 'svc-1', 'svc-2', 'svc-3']));
    const services = sandbox.store.entities('service');
    expect([...services.keys()].sort()).toEqual(['checkout', 'svc-0', 'svc-1', 'svc-2', 'svc-3']);
    // Created with the name and team its tags give; the repository source's fields are left to it.
    expect(services.get('checkout')).toMatchObject({ title: 'checkout', relations: { team: 'payments' } });
    expect(services.get('checkout')?.properties.hasRepository).toBeUndefined();
    expect(report.status).toBe('success');

    // Nothing changed: the next subset run writes nothing but its report.
    sandbox.stats.reset();
    const again = await session.run({ sources: ['aws'] });
    expect(again.report.portCalls.writes).toBe(0);
  }, 60_000);
});
