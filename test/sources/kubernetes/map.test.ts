import { describe, expect, it } from 'vitest';
import {
  chartOf,
  healthOf,
  imageTagOf,
  mapWorkload,
  runningServices,
  serviceOf,
  workloadIdentifier,
  type ClusterWorkloads,
} from '../../../src/sources/kubernetes/map.js';
import type { ClusterIdentity, RawWorkload } from '../../../src/sources/kubernetes/types.js';
import { identityFromName } from '../../../src/sources/kubernetes/clusters.js';

const EKS: ClusterIdentity = {
  key: 'arn:aws:eks:eu-west-1:111122223333:cluster/prod',
  name: 'prod',
  accountId: '111122223333',
  region: 'eu-west-1',
  arn: 'arn:aws:eks:eu-west-1:111122223333:cluster/prod',
  environment: 'Production',
};
const CONTEXT: ClusterIdentity = { key: 'kind-dev', name: 'kind-dev' };
const LABEL = 'app.kubernetes.io/name';

describe('health', () => {
  it.each([
    [3, 3, 'Healthy'],
    [3, 4, 'Healthy'],
    [4, 2, 'Degraded'],
    [1, 0, 'Down'],
    [0, 0, 'Down'],
  ] as const)('%i desired, %i ready: %s', (replicas, ready, health) => {
    expect(healthOf(replicas, ready)).toBe(health);
  });
});

describe('helm.sh/chart', () => {
  it.each([
    ['acme-service-4.3.1', 'acme-service', '4.3.1'],
    ['app-1.2.3-rc.1', 'app', '1.2.3-rc.1'],
    ['my-app-2-0.1.0', 'my-app-2', '0.1.0'],
    ['app-v1.0.0', 'app', 'v1.0.0'],
    ['app-1.0.0_build.5', 'app', '1.0.0+build.5'],
    ['no-version', 'no-version', null],
  ])('%s is %s at %s', (label, chartName, chartVersion) => {
    expect(chartOf(label)).toEqual({ chartName, chartVersion });
  });

  it('is empty when absent or blank', () => {
    expect(chartOf(undefined)).toEqual({ chartName: null, chartVersion: null });
    expect(chartOf(' ')).toEqual({ chartName: null, chartVersion: null });
  });
});

describe('image tags', () => {
  it.each([
    ['registry.example.com/acme/api:1.4.2', '1.4.2'],
    ['registry.example.com:5000/acme/api', 'latest'],
    ['registry.example.com:5000/acme/api:2.0', '2.0'],
    ['busybox', 'latest'],
    ['api@sha256:abcd', 'sha256:abcd'],
    ['api:1.0@sha256:abcd', '1.0'],
  ])('%s: %s', (image, tag) => {
    expect(imageTagOf(image)).toBe(tag);
  });
});

describe('service label', () => {
  it.each([
    [{ [LABEL]: 'checkout-api', 'app.kubernetes.io/instance': 'other' }, 'checkout-api'],
    [{ 'app.kubernetes.io/instance': 'ledger' }, 'ledger'],
    [{ [LABEL]: ' ', 'app.kubernetes.io/instance': 'ledger' }, 'ledger'],
    [{ app: 'legacy' }, null],
    [{}, null],
  ])('%j names %s', (labels, service) => {
    expect(serviceOf(labels, LABEL)).toBe(service);
  });

  it('reads the configured label first', () => {
    expect(serviceOf({ app: 'legacy', [LABEL]: 'x' }, 'app')).toBe('legacy');
  });
});

describe('identifiers and clusters', () => {
  it('has the account, region and cluster for EKS, the context alone otherwise', () => {
    const w = { namespace: 'pay', kind: 'StatefulSet', name: 'ledger' } as const;
    expect(workloadIdentifier(EKS, w)).toBe('111122223333/eu-west-1/prod/pay/StatefulSet/ledger');
    expect(workloadIdentifier(CONTEXT, w)).toBe('kind-dev/pay/StatefulSet/ledger');
  });

  it('reads an EKS cluster from a context named by its ARN, or whose cluster entry is', () => {
    expect(identityFromName(EKS.key, { [EKS.key]: 'prod' })).toEqual({ ...EKS, environment: 'prod' });
    expect(identityFromName('prod-admin', {}, EKS.key)).toEqual({ ...EKS, key: 'prod-admin', environment: undefined });
    expect(identityFromName('kind-dev', { 'kind-dev': 'development' })).toEqual({ ...CONTEXT, environment: 'development' });
  });
});

describe('mapWorkload', () => {
  const raw: RawWorkload = {
    kind: 'Deployment',
    namespace: 'checkout',
    name: 'checkout-api',
    labels: { [LABEL]: 'Checkout-API', 'helm.sh/chart': 'acme-service-4.3.1' },
    image: 'registry.example.com/acme/checkout-api:1.4.2',
    replicas: 3,
  };

  it('maps a Deployment whose readyReplicas the API omitted as Down with 0 ready', () => {
    expect(mapWorkload(raw, EKS, LABEL)).toEqual({
      service: 'Checkout-API',
      health: 'Down',
      fragment: {
        blueprint: 'workload',
        identifier: '111122223333/eu-west-1/prod/checkout/Deployment/checkout-api',
        title: 'checkout-api',
        scope: `k8s:${EKS.key}`,
        properties: {
          kind: 'Deployment',
          namespace: 'checkout',
          image: 'registry.example.com/acme/checkout-api:1.4.2',
          imageTag: '1.4.2',
          replicas: 3,
          readyReplicas: 0,
          health: 'Down',
          chartName: 'acme-service',
          chartVersion: '4.3.1',
        },
        relations: { service: 'Checkout-API', eksCluster: EKS.arn, environment: 'Production' },
      },
    });
  });

  it('maps a workload without labels, containers or replicas: no service, no chart, one desired replica', () => {
    const bare = mapWorkload({ kind: 'StatefulSet', namespace: 'db', name: 'pg', labels: {}, readyReplicas: 1 }, CONTEXT, LABEL);
    expect(bare.fragment).toMatchObject({
      identifier: 'kind-dev/db/StatefulSet/pg',
      scope: 'k8s:kind-dev',
      properties: { image: null, imageTag: null, replicas: 1, readyReplicas: 1, health: 'Healthy', chartName: null, chartVersion: null },
      relations: { service: null, eksCluster: null, environment: null },
    });
  });
});

describe('runningServices', () => {
  const w = (service: string | null, health: 'Healthy' | 'Degraded' | 'Down') => ({
    service,
    health,
    fragment: { blueprint: 'workload', identifier: 'x', scope: 'k8s:x' },
  });
  const A: ClusterIdentity = { key: 'a', name: 'a' };
  const B: ClusterIdentity = { key: 'b', name: 'b' };
  const run = (clusters: ClusterWorkloads[]) =>
    Object.fromEntries(runningServices(clusters).map((f) => [f.identifier, [f.properties?.isRunning, f.scope]]));

  it('is true when one Healthy workload names the service, in any complete cluster', () => {
    expect(
      run([
        { cluster: A, workloads: [w('api', 'Degraded'), w('web', 'Down'), w(null, 'Healthy')] },
        { cluster: B, workloads: [w('API', 'Healthy'), w('web', 'Degraded')] },
      ]),
    ).toEqual({ api: [true, 'k8s:b'], web: [false, 'k8s:a'] });
  });

  it('while a cluster is incomplete, only says which services run', () => {
    expect(run([{ cluster: A, workloads: [w('api', 'Healthy'), w('web', 'Down')] }, { cluster: B }])).toEqual({
      api: [true, 'k8s:a'],
    });
  });
});
