import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadConfig } from '../../src/config.js';
import { defineSettings } from '../../src/config/define.js';
import { formatScope, type Ownership, type Source } from '../../src/domain/index.js';
import { loadModel } from '../../src/model/load.js';
import { createPortClient } from '../../src/port/index.js';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { createSyncSession } from '../../src/session.js';
import { awsSource } from '../../src/sources/aws/index.js';
import { costSource } from '../../src/sources/cost/index.js';
import { sourceLogger } from '../../src/sources/log.js';
import { createRegistry } from '../../src/sources/registry.js';
import type { SourceModule } from '../../src/sources/types.js';
import { memoryLogger } from '../sources/aws/support.js';

/**
 * A source written the way docs/adding-a-source.md says, registered through the public registry API
 * and nothing else: a deployment registry served over HTTP whose deployments become workloads of
 * the services they name. Nothing outside this file knows about it.
 */
interface RuntimeSettings {
  url: string;
  token: string;
  cluster: string;
}

const RUNTIME_SETTINGS = defineSettings({
  id: 'runtime',
  title: 'runtime source',
  rows: {
    RUNTIME_URL: { yamlKey: 'runtime.url', description: 'Deployment registry root URL.', schema: z.string().url().optional() },
    RUNTIME_TOKEN: {
      yamlKey: 'runtime.token',
      secret: true,
      fromFile: true,
      description: 'Registry token.',
      schema: z.string().min(1).optional(),
    },
    RUNTIME_CLUSTER: {
      yamlKey: 'runtime.cluster',
      default: 'local',
      description: 'Cluster name the workloads run in.',
      schema: z.string().min(1),
    },
  },
  enabledBy: ['RUNTIME_URL'],
  requires: [{ env: 'RUNTIME_URL' }, { env: 'RUNTIME_TOKEN' }],
  read: (v): RuntimeSettings => ({ url: v.RUNTIME_URL ?? '', token: v.RUNTIME_TOKEN ?? '', cluster: v.RUNTIME_CLUSTER }),
});

const RUNTIME_OWNS: Ownership = {
  workload: {
    mode: 'define',
    title: true,
    properties: ['kind', 'namespace', 'replicas', 'readyReplicas', 'health'],
    relations: ['service'],
  },
  service: { mode: 'enrich', properties: ['isRunning'], relations: [] },
};

interface Deployment {
  name: string;
  namespace: string;
  service: string;
  replicas: number;
  ready: number;
}

const previousSeen: string[][] = [];

const runtimeSource: SourceModule<RuntimeSettings> = {
  id: 'runtime',
  owns: RUNTIME_OWNS,
  settings: RUNTIME_SETTINGS,
  create: (settings): Source => ({
    id: 'runtime',
    owns: RUNTIME_OWNS,
    async collect(context) {
      const scope = formatScope({ kind: 'listing', source: 'runtime', key: settings.cluster });
      const log = sourceLogger(context, 'runtime');
      // What this installation wrote last time, without talking to Port (a real source would skip unchanged work).
      previousSeen.push([...(await context.previous.entities('workload')).keys()].sort());
      const response = await fetch(`${settings.url}/deployments`, {
        headers: { authorization: `Bearer ${settings.token}` },
        signal: context.signal,
      });
      if (!response.ok) return { fragments: [], scopes: [{ scope, complete: false, error: `HTTP ${response.status}` }], findings: [] };
      const deployments = (await response.json()) as Deployment[];
      log.info({ deployments: deployments.length }, 'Deployments listed');
      const running = new Set(deployments.filter((d) => d.ready > 0).map((d) => d.service.trim().toLowerCase()));
      return {
        scopes: [{ scope, complete: true }],
        findings: [],
        fragments: [
          ...deployments.map((d) => ({
            blueprint: 'workload',
            identifier: `${settings.cluster}/${d.namespace}/Deployment/${d.name}`,
            title: d.name,
            scope,
            properties: {
              kind: 'Deployment',
              namespace: d.namespace,
              replicas: d.replicas,
              readyReplicas: d.ready,
              health: d.ready === d.replicas ? 'Healthy' : d.ready > 0 ? 'Degraded' : 'Down',
            },
            relations: { service: d.service },
          })),
          ...[...new Set(deployments.map((d) => d.service))].map((service) => ({
            blueprint: 'service',
            identifier: service,
            scope,
            properties: { isRunning: running.has(service.trim().toLowerCase()) },
          })),
        ],
      };
    },
  }),
};

const registry = createRegistry([awsSource, costSource, runtimeSource]);
const model = loadModel(new URL('../../', import.meta.url).pathname).model;
const TOKEN = 'runtime-registry-token-1234';

describe('a source added through the public registry API runs end to end', () => {
  let sandbox: Sandbox;
  let registryServer: Server;
  let url: string;
  let deployments: Deployment[];
  const seen: string[] = [];

  beforeAll(async () => {
    sandbox = createSandbox();
    await sandbox.start();
    registryServer = createServer((req, res) => {
      seen.push(`${req.method} ${req.url} ${req.headers.authorization}`);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(deployments));
    });
    await new Promise<void>((resolve) => registryServer.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(registryServer.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await sandbox.close();
    await new Promise((resolve) => registryServer.close(resolve));
  });
  beforeEach(() => {
    sandbox.store.reset();
    seen.length = 0;
    deployments = [
      { name: 'cart', namespace: 'shop', service: 'Cart ', replicas: 2, ready: 2 },
      { name: 'cart-worker', namespace: 'shop', service: 'cart', replicas: 1, ready: 0 },
      { name: 'search', namespace: 'search', service: 'search', replicas: 3, ready: 1 },
    ];
  });

  const env = () => ({
    PORT_BASE_URL: sandbox.url,
    PORT_CLIENT_ID: 'rt',
    PORT_CLIENT_SECRET: 'rt-secret',
    SYNC_INSTANCE: 'rt',
    RUNTIME_URL: url,
    RUNTIME_TOKEN: TOKEN,
  });

  it('is enabled by its own settings, collects, and its entities and the services they name reach Port', async () => {
    const config = loadConfig(env(), { registry });
    expect(config.sources).toEqual(['runtime']);
    const { logger, lines } = memoryLogger();
    const port = createPortClient({ baseUrl: sandbox.url, clientId: 'rt', clientSecret: 'rt-secret', syncInstance: 'rt' });
    const session = createSyncSession(config, { logger, model, port, registry });

    const { report } = await session.run();
    expect(report.status).toBe('success');
    expect(seen).toEqual([`GET /deployments Bearer ${TOKEN}`]);
    expect([...sandbox.store.entities('workload').keys()].sort()).toEqual([
      'local/search/Deployment/search',
      'local/shop/Deployment/cart',
      'local/shop/Deployment/cart-worker',
    ]);
    expect(sandbox.store.entities('workload').get('local/shop/Deployment/cart')).toMatchObject({
      relations: { service: 'cart' },
      properties: { health: 'Healthy', syncScope: 'runtime:local' },
    });
    expect([...sandbox.store.entities('service').keys()].sort()).toEqual(['cart', 'search']);
    expect(sandbox.store.entities('service').get('cart')?.properties).toMatchObject({
      isRunning: true,
      hasRepository: false,
      syncScope: 'catalog',
    });
    expect(report.servicesWithoutRepository).toBe(2);
    // its log lines carry the run's id and its own name; its secret is in none of them
    const listed = lines.find((l) => l.msg === 'Deployments listed');
    expect(listed).toMatchObject({ runId: report.runId, source: 'runtime', deployments: 3 });
    expect(JSON.stringify(lines)).not.toContain(TOKEN);

    // a deployment goes away: the next run deletes its workload, and nothing else changes
    deployments = deployments.filter((d) => d.name !== 'cart-worker');
    sandbox.stats.reset();
    const second = await session.run();
    expect(second.report.blueprints.workload).toMatchObject({ deleted: 1, updated: 0, unchanged: 2 });
    expect(sandbox.store.entities('workload').has('local/shop/Deployment/cart-worker')).toBe(false);
    expect(previousSeen).toEqual([
      [],
      ['local/search/Deployment/search', 'local/shop/Deployment/cart', 'local/shop/Deployment/cart-worker'],
    ]);
  });

  it('is refused with what it needs when --sources names it without its settings', async () => {
    const config = loadConfig({ PORT_BASE_URL: sandbox.url, PORT_CLIENT_ID: 'rt', PORT_CLIENT_SECRET: 'rt-secret' }, { registry });
    const port = createPortClient({ baseUrl: sandbox.url, clientId: 'rt', clientSecret: 'rt-secret', syncInstance: 'local' });
    const session = createSyncSession(config, { logger: memoryLogger().logger, model, port, registry });
    await expect(session.run({ sources: ['runtime'] })).rejects.toThrow(/--sources: "runtime" cannot run: RUNTIME_URL/);
    expect(seen).toEqual([]);
  });
});
