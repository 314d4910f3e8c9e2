import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { SourceRun } from '../../src/domain/index.js';
import { silentLogger } from '../../src/logger.js';
import { loadModel } from '../../src/model/load.js';
import { createPortClient } from '../../src/port/index.js';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { createSyncSession } from '../../src/session.js';

let sandbox: Sandbox;
const model = loadModel(new URL('../../', import.meta.url).pathname).model;
const CLUSTER = 'arn:aws:eks:eu-west-1:123456789012:cluster/prod';
const WORKLOAD = '123456789012/eu-west-1/prod/shop/Deployment/cart';

beforeAll(async () => {
  sandbox = createSandbox();
  await sandbox.start();
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.store.reset());

function session() {
  const config = loadConfig({ PORT_BASE_URL: sandbox.url, PORT_CLIENT_ID: 'c', PORT_CLIENT_SECRET: 'secret-x', SYNC_INSTANCE: 'rel' });
  const port = createPortClient({ baseUrl: sandbox.url, clientId: 'c', clientSecret: 'secret-x', syncInstance: 'rel' });
  return createSyncSession(config, { port, logger: silentLogger(), model });
}

/** Kubernetes running without aws: its workload names a cluster that only aws defines. */
const kubernetesAlone: SourceRun[] = [
  {
    id: 'kubernetes',
    owns: {
      workload: { mode: 'define', title: true, properties: ['kind', 'health'], relations: ['service', 'eksCluster', 'environment'] },
    },
    result: {
      scopes: [{ scope: `k8s:${CLUSTER}`, complete: true }],
      findings: [],
      fragments: [
        {
          blueprint: 'workload',
          identifier: WORKLOAD,
          title: 'cart',
          scope: `k8s:${CLUSTER}`,
          properties: { kind: 'Deployment', health: 'Healthy' },
          relations: { service: 'Cart', eksCluster: CLUSTER, environment: 'prod' },
        },
      ],
    },
  },
];

const searchesOf = (blueprint: string) =>
  sandbox.stats.requests.filter((r) => r.path === `/v1/blueprints/${blueprint}/entities/search`).length;

describe('relations are sent only to targets that exist', () => {
  it('writes an entity whose relation target neither this run nor Port has, without that relation, and says so', async () => {
    const { report } = await session().run({ replay: kubernetesAlone });
    const workload = sandbox.store.entities('workload').get(WORKLOAD);
    expect(workload?.relations).toEqual({ service: 'cart', environment: 'prod' });
    expect(sandbox.store.entities('service').has('cart')).toBe(true);
    expect(report.status).toBe('success');
    expect(report.failures).toEqual([]);
    expect(report.findings).toEqual([
      {
        source: 'kubernetes',
        scope: `k8s:${CLUSTER}`,
        subject: `workload ${WORKLOAD}`,
        kind: 'integrity',
        message: `relation eksCluster of workload "${WORKLOAD}" points at eksCluster "${CLUSTER}", which this run does not write and Port does not have; the relation is left empty until it exists`,
      },
    ]);
  });

  it('keeps a relation to a target another writer made, looking it up once', async () => {
    await session().run({ replay: [] }); // the model exists before a person adds a cluster
    sandbox.store.seedEntity('eksCluster', { identifier: CLUSTER, title: 'prod', properties: {}, relations: {} }, { createdBy: 'someone' });
    sandbox.stats.reset();
    const { report } = await session().run({ replay: kubernetesAlone });
    expect(sandbox.store.entities('workload').get(WORKLOAD)?.relations.eksCluster).toBe(CLUSTER);
    expect(report.findings).toEqual([]);
    expect(searchesOf('eksCluster')).toBe(1);
  });

  it('looks nothing up when every target is written in the run', async () => {
    const withCluster: SourceRun = {
      id: 'aws',
      owns: { eksCluster: { mode: 'define', title: true, properties: ['name'], relations: [] } },
      result: {
        scopes: [{ scope: 'aws:123456789012:eu-west-1', complete: true }],
        findings: [],
        fragments: [
          {
            blueprint: 'eksCluster',
            identifier: CLUSTER,
            title: 'prod',
            scope: 'aws:123456789012:eu-west-1',
            properties: { name: 'prod' },
          },
        ],
      },
    };
    sandbox.stats.reset();
    const { report } = await session().run({ replay: [...kubernetesAlone, withCluster] });
    expect(sandbox.store.entities('workload').get(WORKLOAD)?.relations.eksCluster).toBe(CLUSTER);
    expect(report.findings).toEqual([]);
    expect(searchesOf('eksCluster')).toBe(1); // the owned-entity read only
  });
});
