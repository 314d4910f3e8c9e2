import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.js';
import type { SyncReport } from '../../src/sync/report.js';
import { cleanEnv, runCli } from '../support/cli.js';
import { estateOf, writeSnapshot, type Estate } from '../support/estate.js';

let sandbox: Sandbox;
let dir: string;
let env: NodeJS.ProcessEnv;
let n = 0;

beforeAll(async () => {
  sandbox = createSandbox();
  await sandbox.start();
  dir = await mkdtemp(join(tmpdir(), 'pcs-sync-'));
  env = cleanEnv({
    PORT_BASE_URL: sandbox.url,
    PORT_CLIENT_ID: 'sync-test',
    PORT_CLIENT_SECRET: 'sync-test-secret',
    SYNC_INSTANCE: 'test-eu',
    SOURCES: 'aws,cost',
    AWS_REGIONS: 'eu-west-1',
    ENVIRONMENT_ALIASES: 'production=prod|prd',
  });
});
afterAll(() => sandbox.close());
beforeEach(() => {
  sandbox.store.reset();
  sandbox.faults.clear();
});

async function sync(estate: Estate, ...args: string[]): Promise<{ code: number | null; report: SyncReport; stderr: string }> {
  const file = await writeSnapshot(join(dir, `estate-${++n}.json`), estate);
  const result = await runCli(['sync', '--from-snapshot', file, '--json', ...args], env);
  let report: SyncReport;
  try {
    report = JSON.parse(result.stdout) as SyncReport;
  } catch {
    throw new Error(`no JSON report (exit ${result.code}):\n${result.stdout}\n${result.stderr}`);
  }
  return { code: result.code, report, stderr: result.stderr };
}

const entities = (bp: string) => sandbox.store.entities(bp);
const entityWrites = () =>
  sandbox.stats.requests.filter((r) => /entities\/bulk$|bulk\/entities\/delete$|\/entities$/.test(r.route) && r.method === 'POST');

describe('sync, end to end against the sandbox', () => {
  it('creates everything on the first run, joined on the central tags', async () => {
    const { code, report } = await sync(estateOf(10));
    expect(code).toBe(0);
    expect(report.status).toBe('success');
    expect(entities('service').size).toBe(10);
    expect(entities('awsResource').size).toBe(20);
    expect([...entities('team').keys()].sort()).toEqual(['checkout', 'payments', 'platform']);
    expect([...entities('environment').keys()]).toEqual(['production']);
    const bucket = entities('awsResource').get('arn:aws:s3:::bucket-1');
    expect(bucket?.relations).toEqual({ service: 'svc-1', team: 'checkout', environment: 'production' });
    expect(bucket?.properties).toMatchObject({ syncInstance: 'test-eu', syncScope: 'aws:111122223333:eu-west-1' });
    expect(entities('service').get('svc-0')?.properties).toMatchObject({ costMonthToDate: 10, hasRepository: false, syncScope: 'catalog' });
    expect(entities('service').get('svc-0')?.relations).toEqual({ team: 'payments' });
    expect(entities('syncRun').size).toBe(1);
    expect(report.blueprints.awsResource).toMatchObject({ created: 20, updated: 0, unchanged: 0 });
    // 20 resources need one bulk create call: at most 20 per call
    expect(sandbox.stats.requests.filter((r) => r.path === '/v1/blueprints/awsResource/entities/bulk')).toHaveLength(1);
  });

  it('writes nothing but its own report on a run that changes nothing', async () => {
    await sync(estateOf(10));
    sandbox.stats.reset();
    const { code, report } = await sync(estateOf(10));
    expect(code).toBe(0);
    expect(entityWrites().map((r) => r.path)).toEqual(['/v1/blueprints/syncRun/entities/bulk']);
    expect(
      sandbox.stats.requests.filter((r) => r.method !== 'GET' && !r.route.includes('search') && !r.route.includes('access_token')),
    ).toHaveLength(1);
    expect(report.blueprints.service).toMatchObject({ created: 0, updated: 0, unchanged: 10, deleted: 0 });
    expect(entities('syncRun').size).toBe(2);
  });

  it('sends exactly the changed fields and deletes what disappeared', async () => {
    await sync(estateOf(10));
    const changed = estateOf(10);
    changed.services[1]!.cost = 50;
    changed.resources = changed.resources.filter((r) => !r.arn.endsWith('-2'));
    changed.resources[0]!.env = 'staging';
    sandbox.stats.reset();
    const { code, report } = await sync(changed);
    expect(code).toBe(0);
    const updates = sandbox.stats.requests.filter((r) => r.query.merge === 'true' && r.path.endsWith('/entities/bulk'));
    const bodies = Object.fromEntries(updates.map((u) => [u.path, (u.body as { entities: unknown[] }).entities]));
    expect(bodies['/v1/blueprints/service/entities/bulk']).toEqual([
      { identifier: 'svc-1', properties: { costMonthToDate: 50 } },
      // svc-2's resources are gone: only its cost names it now, and no tag names its team any more
      { identifier: 'svc-2', relations: { team: null } },
    ]);
    expect(bodies['/v1/blueprints/awsResource/entities/bulk']).toEqual([
      { identifier: 'arn:aws:sqs:eu-west-1:111122223333:queue-0', relations: { environment: 'staging' } },
    ]);
    const deletes = sandbox.stats.requests.filter((r) => r.route.endsWith('bulk/entities/delete'));
    expect(deletes.map((d) => (d.body as { entities: string[] }).entities.sort())).toEqual([
      ['arn:aws:s3:::bucket-2', 'arn:aws:sqs:eu-west-1:111122223333:queue-2'],
    ]);
    expect(report.blueprints.awsResource).toMatchObject({ updated: 1, deleted: 2 });
    expect(report.blueprints.environment).toMatchObject({ created: 1 });
    expect(entities('awsResource').has('arn:aws:s3:::bucket-2')).toBe(false);
  });

  it('deletes nothing of a failed scope and does not rewrite its entities', async () => {
    const full = estateOf(4);
    full.resources.push({
      arn: 'arn:aws:sqs:us-east-1:444455556666:other',
      service: 'svc-0',
      team: 'payments',
      env: 'prod',
      account: '444455556666',
      region: 'us-east-1',
    });
    await sync(full);
    const broken = estateOf(4);
    broken.resources = [];
    broken.failedScopes = ['aws:111122223333:eu-west-1'];
    broken.resources.push({
      arn: 'arn:aws:sqs:us-east-1:444455556666:other',
      service: 'svc-1',
      team: 'payments',
      env: 'prod',
      account: '444455556666',
      region: 'us-east-1',
    });
    sandbox.stats.reset();
    const { code, report } = await sync(broken);
    expect(code).toBe(1);
    expect(report.status).toBe('partial');
    expect(report.sources.aws?.failedScopes).toEqual([{ scope: 'aws:111122223333:eu-west-1', complete: false, error: 'AccessDenied' }]);
    expect(entities('awsResource').size).toBe(9);
    expect(sandbox.stats.requests.filter((r) => r.route.endsWith('bulk/entities/delete'))).toEqual([]);
    // the complete scope's entity is still kept current
    expect(entities('awsResource').get('arn:aws:sqs:us-east-1:444455556666:other')?.relations.service).toBe('svc-1');
  });

  it('a run of some sources neither blanks nor deletes what the others own', async () => {
    await sync(estateOf(6));
    const costOfThree = estateOf(3);
    sandbox.stats.reset();
    const { code, report } = await sync(costOfThree, '--sources', 'cost');
    expect(code).toBe(0);
    expect(Object.keys(report.sources)).toEqual(['cost']);
    // services are shared: not deleted in a run that is not complete for every source
    expect(entities('service').size).toBe(6);
    expect(entities('awsResource').size).toBe(12);
    expect(entities('awsResource').get('arn:aws:s3:::bucket-5')?.relations.service).toBe('svc-5');
    expect(
      sandbox.stats.requests.filter(
        (r) => r.path.startsWith('/v1/blueprints/awsResource/') && r.method === 'POST' && !r.route.includes('search'),
      ),
    ).toEqual([]);
  });

  it('reports an entity someone else made instead of overwriting it', async () => {
    await sync(estateOf(3));
    sandbox.store.seedEntity(
      'service',
      { identifier: 'svc-new', title: 'Hand-made', properties: {}, relations: {} },
      { createdBy: 'a-person' },
    );
    const estate = estateOf(3);
    estate.services.push({ name: 'svc-new', cost: 1 });
    const { code, report } = await sync(estate);
    expect(code).toBe(1);
    expect(report.ownedByOthers).toEqual([{ blueprint: 'service', identifier: 'svc-new' }]);
    expect(entities('service').get('svc-new')?.title).toBe('Hand-made');
    expect(entities('service').get('svc-new')?.properties.syncInstance).toBeUndefined();
  });

  it('refuses a mass disappearance, and --allow-deletes then lets it through', async () => {
    await sync(estateOf(30));
    const shrunk = estateOf(30);
    shrunk.services = shrunk.services.slice(0, 10);
    shrunk.resources = shrunk.resources.slice(0, 20);
    const refused = await sync(shrunk);
    expect(refused.code).toBe(1);
    expect(refused.report.deletionsRefused.map((r) => [r.blueprint, r.wouldDelete, r.owned])).toEqual([
      ['awsResource', 40, 60],
      ['service', 20, 30],
    ]);
    expect(refused.report.deletionsRefused[1]?.reason).toMatch(/--allow-deletes service/);
    expect(entities('service').size).toBe(30);
    expect(entities('awsResource').size).toBe(60);

    const allowed = await sync(shrunk, '--allow-deletes', 'service', '--allow-deletes', 'awsResource');
    expect(allowed.code).toBe(0);
    expect(entities('service').size).toBe(10);
    expect(entities('awsResource').size).toBe(20);
  });

  it('reports per-entity errors of a 207 and lands the rest', async () => {
    sandbox.faults.failEntity('awsResource', 'arn:aws:s3:::bucket-3', { statusCode: 422, error: 'invalid_entity', message: 'injected' });
    const { code, report } = await sync(estateOf(5));
    expect(code).toBe(1);
    expect(report.failures).toMatchObject([
      { blueprint: 'awsResource', identifier: 'arn:aws:s3:::bucket-3', operation: 'create', message: 'injected' },
    ]);
    expect(entities('awsResource').size).toBe(9);
    expect(report.blueprints.awsResource).toMatchObject({ created: 9, failed: 1 });
  });

  it('a dry run reads Port and writes nothing, and prints a readable plan', async () => {
    await sync(estateOf(4));
    const changed = estateOf(4);
    changed.services[0]!.cost = 99;
    const file = await writeSnapshot(join(dir, 'dry.json'), changed);
    sandbox.stats.reset();
    const result = await runCli(['sync', '--from-snapshot', file, '--dry-run', '--verbose'], env);
    expect(result.code).toBe(0);
    expect(
      sandbox.stats.requests.filter((r) => r.method !== 'GET' && !r.route.includes('search') && !r.route.includes('access_token')),
    ).toEqual([]);
    expect(result.stdout).toMatch(/service\s+0 to create, 1 to update, 3 unchanged, 0 to delete/);
    expect(result.stdout).toContain('~ svc-0');
    expect(result.stdout).toContain('properties.costMonthToDate: 10 -> 99');
    expect(result.stdout).toMatch(/^Dry run test-eu-/m);
  });
});
