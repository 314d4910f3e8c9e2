import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKubernetesSandbox, type KubernetesSandbox } from '../../../src/k8s-sandbox/index.js';
import { byBlueprint, scopeOf } from '../aws/support.js';
import { clusterWorkloads, collectKubernetes, deployment } from './support.js';

const PROD = 'arn:aws:eks:eu-west-1:111122223333:cluster/prod';

interface Context {
  name: string;
  server: string;
  caData?: string;
  token: string;
}

/** A kubeconfig as kubectl writes it: a cluster, a user and a context per entry. */
function kubeconfig(contexts: Context[]): string {
  const yaml = (value: unknown) => JSON.stringify(value);
  return [
    'apiVersion: v1',
    'kind: Config',
    `current-context: ${yaml(contexts[0]!.name)}`,
    'clusters:',
    ...contexts.map(
      (c) =>
        `- name: ${yaml(`cluster-${c.name}`)}\n  cluster:\n    server: ${yaml(c.server)}${c.caData ? `\n    certificate-authority-data: ${c.caData}` : ''}`,
    ),
    'users:',
    ...contexts.map((c) => `- name: ${yaml(`user-${c.name}`)}\n  user:\n    token: ${yaml(c.token)}`),
    'contexts:',
    ...contexts.map(
      (c) => `- name: ${yaml(c.name)}\n  context:\n    cluster: ${yaml(`cluster-${c.name}`)}\n    user: ${yaml(`user-${c.name}`)}`,
    ),
    '',
  ].join('\n');
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('kubernetes source, kubeconfig mode, against local HTTPS API servers', () => {
  let dir: string;
  let prod: KubernetesSandbox;
  let dev: KubernetesSandbox;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pcs-kubeconfig-'));
    prod = await startKubernetesSandbox({ workloads: clusterWorkloads(), token: 'prod-token-0123456789' });
    dev = await startKubernetesSandbox({
      workloads: [deployment('checkout', 'checkout-api', { readyReplicas: 0 }), deployment('system', 'agent')],
      token: 'dev-token-0123456789',
    });
  });
  afterAll(async () => {
    await Promise.all([prod.close(), dev.close(), rm(dir, { recursive: true, force: true })]);
  });

  async function write(name: string, contexts: Context[]): Promise<string> {
    const file = join(dir, name);
    await writeFile(file, kubeconfig(contexts));
    return file;
  }

  it('reads every context of two files, each with its own credentials; an ARN-named context is an EKS cluster', async () => {
    prod.reset();
    dev.reset();
    const first = await write('prod.yaml', [{ name: PROD, server: prod.url, caData: prod.caData, token: prod.token }]);
    const second = await write('dev.yaml', [{ name: 'kind-dev', server: dev.url, caData: dev.caData, token: dev.token }]);
    const result = await collectKubernetes({
      KUBERNETES_CLUSTERS: 'kubeconfig',
      KUBECONFIG: `${first}:${second}`,
      K8S_CLUSTER_ENVIRONMENTS: `${PROD}=production,kind-dev=dev`,
      K8S_EXCLUDE_NAMESPACES: 'kube-system,system',
    });

    for (const server of [prod, dev]) {
      expect(server.requests.map((r) => [r.resource, r.token, r.query.limit, r.query.fieldSelector])).toEqual([
        ['deployments', 'ok', '500', 'metadata.namespace!=kube-system,metadata.namespace!=system'],
        ['statefulsets', 'ok', '500', 'metadata.namespace!=kube-system,metadata.namespace!=system'],
      ]);
    }
    expect(result.scopes).toEqual([
      { scope: `k8s:${PROD}`, complete: true },
      { scope: 'k8s:kind-dev', complete: true },
    ]);
    const ids = byBlueprint(result, 'workload').map((w) => [w.identifier, w.relations]);
    expect(ids).toEqual([
      [
        '111122223333/eu-west-1/prod/checkout/Deployment/checkout-api',
        { service: 'checkout-api', eksCluster: PROD, environment: 'production' },
      ],
      [
        '111122223333/eu-west-1/prod/payments/Deployment/payments-api',
        { service: 'Payments-API', eksCluster: PROD, environment: 'production' },
      ],
      ['111122223333/eu-west-1/prod/tools/Deployment/debug', { service: null, eksCluster: PROD, environment: 'production' }],
      ['111122223333/eu-west-1/prod/payments/StatefulSet/ledger', { service: 'ledger', eksCluster: PROD, environment: 'production' }],
      ['kind-dev/checkout/Deployment/checkout-api', { service: 'checkout-api', eksCluster: null, environment: 'dev' }],
    ]);
    // Every cluster completed: services no Healthy workload names are not running.
    const running = Object.fromEntries(byBlueprint(result, 'service').map((s) => [s.identifier, [s.properties?.isRunning, s.scope]]));
    expect(running).toEqual({
      'checkout-api': [true, `k8s:${PROD}`],
      'Payments-API': [false, `k8s:${PROD}`],
      ledger: [false, `k8s:${PROD}`],
    });
  });

  it('an unreachable cluster and a refused token fail only their own cluster, saying why without the token', async () => {
    prod.reset();
    dev.reset();
    const closed = await closedPort();
    const file = await write('mixed.yaml', [
      { name: 'prod', server: prod.url, caData: prod.caData, token: prod.token },
      { name: 'stale-token', server: dev.url, caData: dev.caData, token: 'expired-token-9876543210' },
      { name: 'gone', server: `https://127.0.0.1:${closed}`, caData: dev.caData, token: 'gone-token-5555555555' },
    ]);
    const result = await collectKubernetes({ KUBERNETES_CLUSTERS: 'kubeconfig', KUBECONFIG: file });
    expect(scopeOf(result, 'k8s:prod')).toEqual({ scope: 'k8s:prod', complete: true });
    expect(scopeOf(result, 'k8s:stale-token')).toMatchObject({
      complete: false,
      error: expect.stringMatching(/401 Unauthorized/) as string,
    });
    expect(scopeOf(result, 'k8s:gone')).toMatchObject({ complete: false, error: expect.stringMatching(/ECONNREFUSED/) as string });
    expect(dev.requests.map((r) => r.token)).toEqual(['unauthorized']);
    expect(result.fragments.filter((f) => f.scope !== 'k8s:prod')).toEqual([]);
    // A cluster is incomplete: a service that looks stopped is not said to be.
    expect(byBlueprint(result, 'service').map((s) => [s.identifier, s.properties?.isRunning])).toEqual([['checkout-api', true]]);
    const said = JSON.stringify({ scopes: result.scopes, lines: result.lines });
    for (const token of ['expired-token-9876543210', 'gone-token-5555555555', prod.token]) expect(said).not.toContain(token);
  });

  it('a cluster that accepts the connection and never answers fails on its own after the page timeout', async () => {
    prod.reset();
    const sockets = new Set<Socket>();
    const silent = createServer((socket) => void sockets.add(socket)); // holds every connection, answers nothing
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const port = (silent.address() as AddressInfo).port;
      const file = await write('silent.yaml', [
        { name: 'prod', server: prod.url, caData: prod.caData, token: prod.token },
        { name: 'silent', server: `https://127.0.0.1:${port}`, caData: prod.caData, token: 'silent-token-000000' },
      ]);
      const result = await collectKubernetes({ KUBERNETES_CLUSTERS: 'kubeconfig', KUBECONFIG: file }, { pageTimeoutMs: 300 });
      expect(scopeOf(result, 'k8s:prod')).toEqual({ scope: 'k8s:prod', complete: true });
      expect(scopeOf(result, 'k8s:silent')).toEqual({
        scope: 'k8s:silent',
        complete: false,
        error: 'the API server did not answer a list page within 0.3 s',
      });
      expect(sockets.size).toBeGreaterThan(0);
    } finally {
      for (const socket of sockets) socket.destroy();
      silent.close();
    }
  });

  it('an aborted run leaves the cluster it was listing incomplete', async () => {
    const controller = new AbortController();
    const aborting = await startKubernetesSandbox({
      workloads: clusterWorkloads(),
      verify: () => (controller.abort(new Error('SIGTERM')), 'ok'),
    });
    try {
      const file = await write('abort.yaml', [{ name: 'prod', server: aborting.url, caData: aborting.caData, token: 'any-token-000000' }]);
      const result = await collectKubernetes({ KUBERNETES_CLUSTERS: 'kubeconfig', KUBECONFIG: file }, { signal: controller.signal });
      expect(result.scopes).toEqual([{ scope: 'k8s:prod', complete: false, error: 'aborted: Error: SIGTERM' }]);
      expect(result.fragments).toEqual([]);
      expect(aborting.requests.length).toBeLessThanOrEqual(1);
    } finally {
      await aborting.close();
    }
  });

  it('a kubeconfig that cannot be read fails the source, naming the file', async () => {
    const missing = join(dir, 'missing.yaml');
    await expect(collectKubernetes({ KUBERNETES_CLUSTERS: 'kubeconfig', KUBECONFIG: missing })).rejects.toThrow(missing);
  });
});
