import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startKubernetesSandbox, type KubernetesSandbox } from '../../../src/k8s-sandbox/index.js';
import { createSandbox, type Sandbox } from '../../../src/sandbox/index.js';
import { compileQuery } from '../../../src/sandbox/search-query.js';
import type { SyncReport } from '../../../src/sync/report.js';
import { AwsFake } from '../../support/aws-fake.js';
import { cleanEnv, runCli } from '../../support/cli.js';
import { checkEksToken } from '../../support/eks-token.js';
import { OWN, describedCluster, estateHandler } from '../aws/estate.js';
import { STATIC_CREDENTIALS } from '../aws/support.js';
import { clusterWorkloads, deployment } from './support.js';

const REGION = 'eu-west-1';
const CLUSTER_ARN = `arn:aws:eks:${REGION}:${OWN}:cluster/prod`;
const id = (ns: string, kind: string, name: string) => `${OWN}/${REGION}/prod/${ns}/${kind}/${name}`;

interface Scorecard {
  levels: { title: string }[];
  rules: { level: string; query: { combinator: string; conditions: unknown[] } }[];
}
const RUNTIME_HEALTH = JSON.parse(
  readFileSync(new URL('../../../scorecards/workload/runtimeHealth.json', import.meta.url), 'utf8'),
) as Scorecard;

/** The level Port gives an entity: the highest one whose rules, and every lower level's, all pass. */
function levelOf(entity: Parameters<ReturnType<typeof compileQuery>>[0]): string {
  let reached = RUNTIME_HEALTH.levels[0]!.title;
  for (const { title } of RUNTIME_HEALTH.levels.slice(1)) {
    const rules = RUNTIME_HEALTH.rules.filter((r) => r.level === title);
    // A scorecard rule's conditions read as a search query's rules.
    const passes = (q: Scorecard['rules'][number]['query']) =>
      compileQuery({ combinator: q.combinator, rules: q.conditions })(entity, 'workload');
    if (!rules.every((r) => passes(r.query))) break;
    reached = title;
  }
  return reached;
}

describe('port-sync sync --sources aws,kubernetes against a local AWS, a local cluster and the sandbox', () => {
  let port: Sandbox;
  let aws: AwsFake;
  let cluster: KubernetesSandbox;
  let env: NodeJS.ProcessEnv;
  const tokenProblems: string[] = [];
  const tokens = new Set<string>();

  beforeAll(async () => {
    port = createSandbox();
    await port.start();
    const secrets = new Map([[STATIC_CREDENTIALS.accessKeyId, STATIC_CREDENTIALS.secretAccessKey]]);
    cluster = await startKubernetesSandbox({
      workloads: clusterWorkloads(),
      verify: (token) => {
        tokens.add(token);
        const check = checkEksToken(token, { cluster: 'prod', region: REGION, secrets });
        if (check.problem) tokenProblems.push(check.problem);
        return check.ok ? 'ok' : 'unauthorized';
      },
    });
    const base = estateHandler({
      clusters: { [`${OWN}:${REGION}`]: ['prod'] },
      resources: { [`${OWN}:${REGION}`]: [{ arn: `${CLUSTER_ARN}`, tags: { service: 'platform', environment: 'production' } }] },
    });
    aws = new AwsFake((call) => {
      if (call.action !== 'DescribeCluster') return base(call);
      const described = describedCluster('prod', OWN, REGION);
      return {
        json: {
          cluster: {
            ...described,
            endpoint: cluster.url,
            certificateAuthority: { data: cluster.caData },
            tags: { environment: 'production' },
          },
        },
      };
    });
    await aws.start();
    env = cleanEnv({
      PORT_BASE_URL: port.url,
      PORT_CLIENT_ID: 'k8s',
      PORT_CLIENT_SECRET: 'k8s-secret',
      SYNC_INSTANCE: 'k8s',
      SOURCES: 'aws,kubernetes',
      AWS_REGIONS: REGION,
      AWS_ACCESS_KEY_ID: STATIC_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: STATIC_CREDENTIALS.secretAccessKey,
      AWS_ENDPOINT_URL: aws.url,
      AWS_MAX_ATTEMPTS: '1',
      AWS_RESOURCE_TYPES: 'eks:cluster',
      KUBERNETES_CLUSTERS: 'eks',
      ENVIRONMENT_ALIASES: 'production=prod|prd',
    });
  });
  afterAll(async () => Promise.all([port.close(), aws.close(), cluster.close()]));
  afterEach(() => {
    expect(aws.unexpected).toEqual([]);
    expect(cluster.unexpected()).toEqual([]);
    expect(tokenProblems).toEqual([]);
  });

  async function sync(): Promise<{ code: number | null; report: SyncReport; output: string }> {
    port.stats.reset();
    const result = await runCli(['sync', '--json', '--sources', 'aws,kubernetes'], env, 60_000);
    try {
      return { code: result.code, report: JSON.parse(result.stdout) as SyncReport, output: result.stdout + result.stderr };
    } catch {
      throw new Error(`no JSON report (exit ${result.code}):\n${result.stdout}\n${result.stderr}`);
    }
  }
  const entityWrites = () =>
    port.stats.requests
      .filter((r) => r.method === 'POST' && r.route.includes('entities') && !r.route.includes('search'))
      .map((r) => r.path);
  const workloads = () => port.store.entities('workload');
  const isRunning = () =>
    Object.fromEntries([...port.store.entities('service').values()].map((s) => [s.identifier, s.properties.isRunning ?? null]));

  it('discovers the cluster with EKS and writes its workloads, their services running or not, and runtime health', async () => {
    const { code, report, output } = await sync();
    expect(code, output).toBe(0);
    expect(tokens.size).toBe(1);
    expect(report.sources.kubernetes).toMatchObject({ completedScopes: 2, failedScopes: [] });

    expect([...workloads().keys()].sort()).toEqual(
      [
        id('checkout', 'Deployment', 'checkout-api'),
        id('payments', 'Deployment', 'payments-api'),
        id('payments', 'StatefulSet', 'ledger'),
        id('tools', 'Deployment', 'debug'),
      ].sort(),
    );
    const checkout = workloads().get(id('checkout', 'Deployment', 'checkout-api'))!;
    expect(checkout.properties).toMatchObject({
      health: 'Healthy',
      replicas: 3,
      readyReplicas: 3,
      chartName: 'acme-service',
      chartVersion: '4.3.1',
      syncScope: `k8s:${CLUSTER_ARN}`,
    });
    expect(checkout.relations).toMatchObject({ service: 'checkout-api', eksCluster: CLUSTER_ARN, environment: 'production' });
    expect(workloads().get(id('tools', 'Deployment', 'debug'))!.relations.service ?? null).toBeNull();

    // platform is named only by an AWS tag: no workload names it, so it is not running.
    expect(isRunning()).toEqual({ 'checkout-api': true, 'payments-api': false, ledger: false, platform: false });
    const levels = Object.fromEntries([...workloads().values()].map((w) => [w.title, levelOf(w)]));
    expect(levels).toEqual({ 'checkout-api': 'Gold', 'payments-api': 'Silver', ledger: 'Bronze', debug: 'Gold' });
  });

  it('a rerun writes nothing but its report', async () => {
    const { code } = await sync();
    expect(code).toBe(0);
    expect(entityWrites()).toEqual(['/v1/blueprints/syncRun/entities/bulk']);
  });

  it('follows the cluster: a workload down, one gone, a service no longer running', async () => {
    cluster.workloads = [
      deployment('checkout', 'checkout-api', { replicas: 3, readyReplicas: 0 }),
      deployment('payments', 'payments-api', { replicas: 2, readyReplicas: 2 }),
      ...clusterWorkloads().filter((w) => w.name === 'ledger'),
    ];
    const { code, output } = await sync();
    expect(code, output).toBe(0);
    expect(workloads().has(id('tools', 'Deployment', 'debug'))).toBe(false);
    expect(workloads().get(id('checkout', 'Deployment', 'checkout-api'))!.properties.health).toBe('Down');
    expect(isRunning()).toMatchObject({ 'checkout-api': false, 'payments-api': true, ledger: false });
  });

  it('a cluster whose listing fails keeps its workloads, exits 1 and says which cluster and why, never the token', async () => {
    const before = JSON.stringify([...workloads()]);
    cluster.fail(500, 'statefulsets');
    try {
      const { code, report, output } = await sync();
      expect(code).toBe(1);
      expect(report.sources.kubernetes?.failedScopes).toEqual([
        { scope: `k8s:${CLUSTER_ARN}`, complete: false, error: expect.stringMatching(/answered 500/) as string },
      ]);
      expect(JSON.stringify([...workloads()])).toBe(before);
      expect(entityWrites()).toEqual(['/v1/blueprints/syncRun/entities/bulk']);
      for (const token of tokens) expect(output).not.toContain(token.slice(11));
    } finally {
      cluster.reset();
    }
  });
});
