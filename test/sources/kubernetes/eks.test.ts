import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKubernetesSandbox, type KubernetesSandbox, type SandboxWorkload } from '../../../src/k8s-sandbox/index.js';
import { assumeRoleReply } from '../../support/aws-fake.js';
import { checkEksToken } from '../../support/eks-token.js';
import { OWN, describedCluster, estateHandler } from '../aws/estate.js';
import { STATIC_CREDENTIALS, byBlueprint, scopeOf, useAwsFake } from '../aws/support.js';
import { clusterWorkloads, collectKubernetes, deployment } from './support.js';

const { fake, options } = useAwsFake();
const OTHER = '222233334444';
const REGION = 'eu-west-1';
const PROD_ARN = `arn:aws:eks:${REGION}:${OWN}:cluster/prod`;
const LOCKED_ARN = `arn:aws:eks:${REGION}:${OTHER}:cluster/locked`;
/** Every secret the fake issued, by access key: the worker's own and each assumed role's. */
const secrets = new Map([[STATIC_CREDENTIALS.accessKeyId, STATIC_CREDENTIALS.secretAccessKey]]);

/** More than one page of 500, so the listing must follow a continue token. */
const filler = (): SandboxWorkload[] =>
  Array.from({ length: 501 }, (_, i) =>
    deployment('bulk', `filler-${String(i).padStart(3, '0')}`, { labels: { 'app.kubernetes.io/name': 'filler' } }),
  );

describe('kubernetes source, eks mode, against a local AWS and local HTTPS API servers', () => {
  let prod: KubernetesSandbox;
  let locked: KubernetesSandbox;
  const tokens: { cluster: string; token: string; problem?: string; accessKeyId?: string }[] = [];
  const judge = (cluster: string, refuse: boolean) => (token: string) => {
    const check = checkEksToken(token, { cluster, region: REGION, secrets });
    tokens.push({
      cluster,
      token,
      ...(check.problem ? { problem: check.problem } : {}),
      ...(check.accessKeyId ? { accessKeyId: check.accessKeyId } : {}),
    });
    if (!check.ok) return 'unauthorized' as const;
    return refuse ? ('forbidden' as const) : ('ok' as const);
  };

  beforeAll(async () => {
    prod = await startKubernetesSandbox({ workloads: [...clusterWorkloads(), ...filler()], verify: judge('prod', false) });
    locked = await startKubernetesSandbox({ workloads: [deployment('web', 'site')], verify: judge('locked', true) });
  });
  afterAll(async () => Promise.all([prod.close(), locked.close()]));

  function estate(): void {
    const base = estateHandler({ clusters: { [`${OWN}:${REGION}`]: ['prod'], [`${OTHER}:${REGION}`]: ['locked'] } });
    fake.on((call) => {
      if (call.action === 'AssumeRole') {
        const account = String(call.params.RoleArn).split(':')[4]!;
        secrets.set(`ASIA${account}`, `secret-of-${account}`);
        return assumeRoleReply({
          accessKeyId: `ASIA${account}`,
          secretAccessKey: `secret-of-${account}`,
          expiration: new Date(Date.now() + 3_600_000),
        });
      }
      if (call.action === 'DescribeCluster') {
        const name = String(call.params.name);
        const server = name === 'prod' ? prod : locked;
        const account = name === 'prod' ? OWN : OTHER;
        return {
          json: {
            cluster: {
              ...describedCluster(name, account, call.region),
              endpoint: server.url,
              certificateAuthority: { data: server.caData },
            },
          },
        };
      }
      return base(call);
    });
  }

  it('lists every cluster of every account with a signed token, pages at 500, and keeps a refused cluster incomplete', async () => {
    estate();
    const env = {
      AWS_REGIONS: `${REGION},us-east-1`,
      AWS_ACCOUNT_ROLE_ARNS: `arn:aws:iam::${OTHER}:role/reader`,
      SYNC_INSTANCE: 'k8s-test',
    };
    const result = await collectKubernetes(env, { aws: options() });

    // Tokens: a presigned GetCallerIdentity per cluster, signed by that cluster's account, one per run.
    expect(tokens.filter((t) => t.problem)).toEqual([]);
    expect(new Set(tokens.filter((t) => t.cluster === 'prod').map((t) => t.token)).size).toBe(1);
    expect(new Set(tokens.filter((t) => t.cluster === 'locked').map((t) => t.token)).size).toBe(1);
    expect(tokens.find((t) => t.cluster === 'prod')?.accessKeyId).toBe(STATIC_CREDENTIALS.accessKeyId);
    expect(tokens.find((t) => t.cluster === 'locked')?.accessKeyId).toBe(`ASIA${OTHER}`);
    expect(fake.of('AssumeRole').map((c) => c.params.RoleSessionName)).toEqual(['port-catalog-sync-k8s-test']);

    // Listing: cluster-wide, system namespaces left out by the server, continue tokens followed.
    const deployments = prod.requests.filter((r) => r.resource === 'deployments');
    expect(deployments.map((r) => [r.query.limit, r.query.continue !== undefined])).toEqual([
      ['500', false],
      ['500', true],
    ]);
    expect(deployments[0]?.query.fieldSelector).toBe(
      'metadata.namespace!=kube-system,metadata.namespace!=kube-public,metadata.namespace!=kube-node-lease',
    );
    expect(prod.requests.filter((r) => r.resource === 'statefulsets')).toHaveLength(1);
    expect(prod.unexpected()).toEqual([]);

    const workloads = byBlueprint(result, 'workload');
    expect(workloads).toHaveLength(4 + 501);
    const byId = new Map(workloads.map((w) => [w.identifier, w]));
    expect(byId.get(`${OWN}/${REGION}/prod/checkout/Deployment/checkout-api`)).toEqual({
      blueprint: 'workload',
      identifier: `${OWN}/${REGION}/prod/checkout/Deployment/checkout-api`,
      title: 'checkout-api',
      scope: `k8s:${PROD_ARN}`,
      properties: {
        kind: 'Deployment',
        namespace: 'checkout',
        image: 'registry.example.com/acme/checkout-api:1.4.2',
        imageTag: '1.4.2',
        replicas: 3,
        readyReplicas: 3,
        health: 'Healthy',
        chartName: 'acme-service',
        chartVersion: '4.3.1',
      },
      relations: { service: 'checkout-api', eksCluster: PROD_ARN, environment: 'prod' },
    });
    expect(byId.get(`${OWN}/${REGION}/prod/payments/Deployment/payments-api`)?.properties).toMatchObject({
      health: 'Degraded',
      readyReplicas: 2,
      chartVersion: '4.2.0-rc.1',
    });
    expect(byId.get(`${OWN}/${REGION}/prod/payments/StatefulSet/ledger`)).toMatchObject({
      properties: { kind: 'StatefulSet', health: 'Down', readyReplicas: 0, imageTag: 'sha256:abcd', chartName: null, chartVersion: null },
      relations: { service: 'ledger' },
    });
    expect(byId.get(`${OWN}/${REGION}/prod/tools/Deployment/debug`)).toMatchObject({
      properties: { health: 'Healthy', imageTag: 'latest', chartName: null },
      relations: { service: null },
    });
    expect([...byId.keys()].some((id) => id.includes('kube-system'))).toBe(false);

    const running = Object.fromEntries(byBlueprint(result, 'service').map((s) => [s.identifier, s.properties?.isRunning]));
    // A cluster did not complete: only running services are said; one that looks stopped may run there.
    expect(running).toEqual({ 'checkout-api': true, filler: true });

    // The refused cluster: incomplete, said why, never with its token.
    expect(scopeOf(result, `k8s:${PROD_ARN}`)).toEqual({ scope: `k8s:${PROD_ARN}`, complete: true });
    const refused = scopeOf(result, `k8s:${LOCKED_ARN}`);
    expect(refused?.complete).toBe(false);
    expect(refused?.error).toMatch(/403 Forbidden/);
    expect(result.fragments.some((f) => f.scope === `k8s:${LOCKED_ARN}`)).toBe(false);
    expect(scopeOf(result, `kubernetes:eks:${OTHER}:us-east-1`)?.complete).toBe(true);
    const everything = JSON.stringify({ scopes: result.scopes, lines: result.lines });
    for (const { token } of tokens) expect(everything).not.toContain(token.slice(11, 60));
    expect(result.stats).toMatchObject({ clusters: 2, clustersFailed: 1, workloads: 505, requests: 3 });
  });
});
