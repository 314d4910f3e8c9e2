import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.js';
import type { SyncReport } from '../../src/sync/report.js';
import { cleanEnv, runCli } from '../support/cli.js';
import { CostFake } from '../support/cost-fake.js';
import { MOTO_COMMAND, MOTO_CREDENTIALS, startMoto, type Moto } from '../support/moto.js';
import { createQueue, createVpc } from './aws/moto-estate.js';

const ACCOUNT = '123456789012'; // moto's account for its default credentials
const REGION = 'eu-west-1';

/** The current and previous month (UTC), as the cost source queries them by default. */
function months(): [string, string] {
  const now = new Date();
  const key = (d: Date) => d.toISOString().slice(0, 7);
  return [key(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1))), key(now)];
}

describe.skipIf(!MOTO_COMMAND)('port-sync sync --sources aws,cost against moto and the sandbox', () => {
  let moto: Moto;
  let cost: CostFake;
  let sandbox: Sandbox;
  let env: NodeJS.ProcessEnv;
  const [lastMonth, thisMonth] = months();

  beforeAll(async () => {
    [moto, sandbox] = await Promise.all([startMoto(), Promise.resolve(createSandbox())]);
    await sandbox.start();
    cost = new CostFake();
    const costUrl = await cost.start();
    cost.pages = [
      [
        {
          month: lastMonth,
          groups: [
            { value: 'checkout', amount: '100.5' },
            { value: '', amount: '7' },
          ],
        },
        {
          month: thisMonth,
          estimated: true,
          groups: [
            { value: 'Checkout ', amount: '20' },
            { value: 'checkout', amount: '5.25' },
          ],
        },
      ],
      [
        {
          month: thisMonth,
          estimated: true,
          groups: [
            { value: '', amount: '2' },
            { value: 'search', amount: '1' },
          ],
        },
      ],
    ];
    await createQueue(moto.url, REGION, 'checkout-events', {
      service: 'Checkout ',
      team: 'pay',
      environment: 'prod',
      'cost-center': 'cc-1',
    });
    await createQueue(moto.url, REGION, 'search-jobs', { service: 'search', team: 'Platform', environment: 'production' });
    await createVpc(moto.url, REGION, '10.0.0.0/16', { Name: 'main' });
    env = cleanEnv({
      PORT_BASE_URL: sandbox.url,
      PORT_CLIENT_ID: 'aws-e2e',
      PORT_CLIENT_SECRET: 'aws-e2e-secret',
      SYNC_INSTANCE: 'aws-e2e',
      SOURCES: 'aws,cost',
      AWS_REGIONS: REGION,
      AWS_RESOURCE_TYPES: 'sqs,ec2:vpc',
      AWS_ACCESS_KEY_ID: MOTO_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: MOTO_CREDENTIALS.secretAccessKey,
      AWS_ENDPOINT_URL: moto.url,
      AWS_ENDPOINT_URL_COST_EXPLORER: costUrl,
      AWS_MAX_ATTEMPTS: '1',
      TEAM_ALIASES: 'payments=pay',
      ENVIRONMENT_ALIASES: 'production=prod',
    });
  }, 60_000);
  afterAll(async () => {
    await Promise.all([moto?.stop(), cost?.close(), sandbox?.close()]);
  });

  it('--dry-run prints what it would write and writes nothing', async () => {
    const result = await runCli(['sync', '--dry-run', '--verbose'], env, 60_000);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/awsResource\s+3 to create/);
    expect(result.stdout).toMatch(/cloudCost\s+5 to create/);
    expect(result.stdout).toContain(`+ arn:aws:sqs:${REGION}:${ACCOUNT}:checkout-events`);
    expect(sandbox.store.entities('awsResource').size).toBe(0);
    expect(sandbox.store.blueprints.size).toBe(0);
  });

  it('writes the tagged resources and the cost, joined on the central tags', async () => {
    const result = await runCli(['sync', '--json'], env, 60_000);
    const report = JSON.parse(result.stdout) as SyncReport;
    expect(result.code).toBe(0);
    expect(report.sources.aws).toMatchObject({ scopes: 1, completedScopes: 1 });
    expect(report.sources.cost).toMatchObject({ scopes: 1, completedScopes: 1, stats: { pages: 2 } });

    const queue = sandbox.store.entities('awsResource').get(`arn:aws:sqs:${REGION}:${ACCOUNT}:checkout-events`);
    expect(queue?.relations).toEqual({ service: 'checkout', team: 'payments', environment: 'production', awsAccount: ACCOUNT });
    expect(queue?.properties).toMatchObject({
      awsService: 'sqs',
      region: REGION,
      accountId: ACCOUNT,
      tagCompliant: true,
      missingTags: [],
      syncScope: `aws:${ACCOUNT}:${REGION}`,
    });
    expect(queue?.properties.tags).toEqual({ service: 'Checkout ', team: 'pay', environment: 'prod', 'cost-center': 'cc-1' });
    const search = sandbox.store.entities('awsResource').get(`arn:aws:sqs:${REGION}:${ACCOUNT}:search-jobs`);
    expect(search?.properties).toMatchObject({ tagCompliant: false, missingTags: ['cost-center'] });
    const vpc = [...sandbox.store.entities('awsResource').values()].find((r) => r.properties.resourceType === 'ec2:vpc');
    expect(vpc?.properties).toMatchObject({ missingTags: ['service', 'team', 'environment', 'cost-center'], tagCompliant: false });
    expect(sandbox.store.entities('awsAccount').get(ACCOUNT)).toBeDefined();
    expect([...sandbox.store.entities('team').keys()].sort()).toEqual(['payments', 'platform']);

    const costs = sandbox.store.entities('cloudCost');
    expect([...costs.keys()].sort()).toEqual(
      [
        `_unallocated@${lastMonth}`,
        `_unallocated@${thisMonth}`,
        `checkout@${lastMonth}`,
        `checkout@${thisMonth}`,
        `search@${thisMonth}`,
      ].sort(),
    );
    expect(costs.get(`checkout@${thisMonth}`)?.properties).toMatchObject({
      amount: 25.25,
      isCurrentMonth: true,
      isComplete: false,
      currency: 'USD',
      metric: 'AmortizedCost',
    });
    expect(costs.get(`checkout@${lastMonth}`)?.properties).toMatchObject({ amount: 100.5, isComplete: true });
    expect(costs.get(`_unallocated@${thisMonth}`)?.properties.amount).toBe(2);
    // No repository source here: one service per normalised service tag or cost group, made by the join.
    const services = sandbox.store.entities('service');
    expect([...services.keys()].sort()).toEqual(['checkout', 'search']);
    expect(services.get('checkout')).toMatchObject({
      title: 'checkout',
      relations: { team: 'payments' },
      properties: {
        hasRepository: false,
        chartLag: 'unknown',
        pipelineLag: 'unknown',
        costMonthToDate: 25.25,
        costLastMonth: 100.5,
        currency: 'USD',
        syncScope: 'catalog',
      },
    });
    expect(services.get('search')).toMatchObject({
      relations: { team: 'platform' },
      properties: { hasRepository: false, costMonthToDate: 1 },
    });
    expect(search?.relations.service).toBe('search');
    expect(costs.get(`checkout@${thisMonth}`)?.relations).toEqual({ service: 'checkout', team: 'payments' });
    expect(report.servicesWithoutRepository).toBe(2);
    expect(report.findings.filter((f) => f.kind === 'integrity')).toEqual([]);
    expect(cost.requestsFor('GetCostAndUsage')).toHaveLength(2 * 2); // dry run + this run, two pages each
  }, 60_000);

  it('a second run writes nothing but its report, and a failed partition deletes nothing', async () => {
    sandbox.stats.reset();
    const again = await runCli(['sync', '--json'], env, 60_000);
    expect(again.code).toBe(0);
    const writes = sandbox.stats.requests.filter(
      (r) => r.method === 'POST' && !r.route.includes('search') && !r.route.includes('access_token'),
    );
    expect(writes.map((w) => w.path)).toEqual(['/v1/blueprints/syncRun/entities/bulk']);

    const denied = await runCli(['sync', '--json'], { ...env, AWS_ENDPOINT_URL_RESOURCE_GROUPS_TAGGING_API: 'http://127.0.0.1:9' }, 60_000);
    const report = JSON.parse(denied.stdout) as SyncReport;
    expect(denied.code).toBe(1);
    expect(report.sources.aws?.failedScopes.map((s) => s.scope)).toEqual([`aws:${ACCOUNT}:${REGION}`]);
    expect(sandbox.store.entities('awsResource').size).toBe(3);
  }, 90_000);

  it('a cost-only run leaves every field other sources wrote as it was and writes nothing when cost did not change', async () => {
    const entities = () =>
      Object.fromEntries(
        ['service', 'team', 'environment', 'awsResource', 'awsAccount', 'cloudCost'].map((bp) => [
          bp,
          JSON.parse(JSON.stringify([...sandbox.store.entities(bp)])),
        ]),
      );
    const before = entities();
    sandbox.stats.reset();
    const result = await runCli(['sync', '--sources', 'cost', '--json'], env, 60_000);
    const report = JSON.parse(result.stdout) as SyncReport;
    expect(result.code).toBe(0);
    expect(Object.keys(report.sources)).toEqual(['cost']);
    const writes = sandbox.stats.requests.filter(
      (r) => r.method === 'POST' && !r.route.includes('search') && !r.route.includes('access_token'),
    );
    expect(writes.map((w) => w.path)).toEqual(['/v1/blueprints/syncRun/entities/bulk']);
    expect(entities()).toEqual(before);
  }, 60_000);

  it('a cost-only run gives a month it creates the team its service has in Port', async () => {
    const costs = sandbox.store.entities('cloudCost');
    const [id, month] = [...costs].find(([, e]) => typeof e.relations.team === 'string' && typeof e.relations.service === 'string')!;
    costs.delete(id);
    const result = await runCli(['sync', '--sources', 'cost', '--json'], env, 60_000);
    expect(result.code).toBe(0);
    const created = sandbox.store.entities('cloudCost').get(id);
    expect(created?.relations).toMatchObject({ service: month.relations.service, team: month.relations.team });
  }, 60_000);
});
