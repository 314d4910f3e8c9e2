import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startKubernetesSandbox, type KubernetesSandbox } from '../../../src/k8s-sandbox/index.js';
import { byBlueprint } from '../aws/support.js';
import { clusterWorkloads, collectKubernetes } from './support.js';

const ARN = 'arn:aws:eks:eu-central-1:111122223333:cluster/platform';

describe('kubernetes source, in-cluster mode, with a service account against a local HTTPS API server', () => {
  let root: string;
  let cluster: KubernetesSandbox;
  const saved = { host: process.env.KUBERNETES_SERVICE_HOST, port: process.env.KUBERNETES_SERVICE_PORT };

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'pcs-in-cluster-'));
    cluster = await startKubernetesSandbox({ workloads: clusterWorkloads(), token: 'service-account-token-01234' });
    // What kubelet mounts into every pod.
    const mount = join(root, 'var/run/secrets/kubernetes.io/serviceaccount');
    await mkdir(mount, { recursive: true });
    await writeFile(join(mount, 'token'), cluster.token);
    await writeFile(join(mount, 'ca.crt'), Buffer.from(cluster.caData, 'base64'));
    await writeFile(join(mount, 'namespace'), 'port-sync');
  });
  afterAll(async () => Promise.all([cluster.close(), rm(root, { recursive: true, force: true })]));
  afterEach(() => {
    for (const [name, value] of [
      ['KUBERNETES_SERVICE_HOST', saved.host],
      ['KUBERNETES_SERVICE_PORT', saved.port],
    ] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it('lists the cluster it runs in with the mounted token and CA; a configured ARN names it as EKS', async () => {
    process.env.KUBERNETES_SERVICE_HOST = '127.0.0.1';
    process.env.KUBERNETES_SERVICE_PORT = new URL(cluster.url).port;
    const result = await collectKubernetes(
      { KUBERNETES_CLUSTERS: 'in-cluster', K8S_CLUSTER_NAME: ARN, K8S_CLUSTER_ENVIRONMENTS: `${ARN}=platform` },
      { serviceAccountRoot: root },
    );
    expect(cluster.requests.map((r) => [r.resource, r.token])).toEqual([
      ['deployments', 'ok'],
      ['statefulsets', 'ok'],
    ]);
    expect(result.scopes).toEqual([{ scope: `k8s:${ARN}`, complete: true }]);
    expect(byBlueprint(result, 'workload')[0]).toMatchObject({
      identifier: '111122223333/eu-central-1/platform/checkout/Deployment/checkout-api',
      relations: { eksCluster: ARN, environment: 'platform' },
    });
  });

  it('outside a pod, the cluster is incomplete and says why', async () => {
    delete process.env.KUBERNETES_SERVICE_HOST;
    const result = await collectKubernetes({ KUBERNETES_CLUSTERS: 'in-cluster' }, { serviceAccountRoot: root });
    expect(result.scopes).toEqual([
      { scope: 'k8s:in-cluster', complete: false, error: expect.stringMatching(/not running in a pod/) as string },
    ]);
  });
});
