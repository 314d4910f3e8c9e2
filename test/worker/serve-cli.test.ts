import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, ENTITY_WRITE_ROUTES, type Sandbox } from '../../src/sandbox/index.js';
import type { SyncReport } from '../../src/sync/report.js';
import { cleanEnv, runCli } from '../support/cli.js';
import { CostFake } from '../support/cost-fake.js';
import { startGitlabFake, type FakeProjectSpec, type GitlabFake } from '../support/gitlab-fake.js';
import { freePort, get, HoldingProxy, sample, ServeProcess, type LogLine } from './support.js';

const CHART = 'platform/helm-chart';
const PIPELINE = 'platform/ci';
const chartYaml = (version: string) =>
  `apiVersion: v2\nname: app\nversion: 0.1.0\ndependencies:\n  - name: acme-service\n    version: "${version}"\n`;

const ESTATE: FakeProjectSpec[] = [
  { path: CHART, files: { 'Chart.yaml': 'apiVersion: v2\nname: acme-service\nversion: 4.3.1\n' }, tags: ['4.3.1', '4.2.0'] },
  { path: PIPELINE, files: {}, tags: ['v2.8.0', 'v2.7.0'] },
  {
    path: 'acme/payments/payments',
    files: { 'services/api/values.yaml': 'nameOverride: payments-api\n', 'services/api/Chart.yaml': chartYaml('4.2.0') },
  },
  { path: 'acme/checkout/checkout', files: { 'values.yaml': 'fullnameOverride: checkout-api\n', 'Chart.yaml': chartYaml('4.3.1') } },
];

/** A schedule that never comes during a test: runs happen at start only. */
const NEVER = '0 0 1 1 *';
const isMsg = (msg: string) => (line: LogLine) => line.msg === msg;
const WRITE_ROUTES = new Set(ENTITY_WRITE_ROUTES);

describe('port-sync serve against the Port sandbox and a local GitLab', () => {
  let sandbox: Sandbox;
  let gitlab: GitlabFake;
  let serve: ServeProcess | undefined;
  let httpPort: number;

  beforeAll(async () => {
    sandbox = createSandbox();
    await sandbox.start();
  });
  afterAll(() => sandbox.close());
  afterEach(async () => {
    await serve?.stop();
    serve = undefined;
    gitlab?.release();
    expect(gitlab.unexpected()).toEqual([]);
    await gitlab.close();
  });

  async function env(extra: Record<string, string> = {}): Promise<NodeJS.ProcessEnv> {
    sandbox.store.reset();
    sandbox.stats.reset();
    sandbox.faults.clear();
    gitlab = await startGitlabFake({ projects: ESTATE });
    httpPort = await freePort();
    return cleanEnv({
      PORT_BASE_URL: sandbox.url,
      PORT_CLIENT_ID: 'serve',
      PORT_CLIENT_SECRET: 'serve-secret-0123',
      SYNC_INSTANCE: 'serve',
      SOURCES: 'gitlab',
      GITLAB_URL: gitlab.url,
      GITLAB_TOKEN: gitlab.token,
      GITLAB_GROUPS: 'acme/payments,acme/checkout',
      GITLAB_CHART_PROJECT: CHART,
      GITLAB_PIPELINE_PROJECT: PIPELINE,
      HTTP_PORT: String(httpPort),
      SYNC_SCHEDULE: NEVER,
      COST_SCHEDULE: NEVER,
      SHUTDOWN_TIMEOUT_S: '10',
      ...extra,
    });
  }

  async function metrics(): Promise<string> {
    const answer = await get(httpPort, '/metrics');
    expect(answer.status).toBe(200);
    return answer.body;
  }

  it('runs at start and writes the catalog; /healthz, /readyz and /metrics answer from the run report; SIGTERM exits 0', async () => {
    serve = new ServeProcess(await env());
    const finished = await serve.waitForLog(isMsg('Sync finished'));
    expect(finished).toMatchObject({ status: 'success' });

    expect([...sandbox.store.entities('service').keys()].sort()).toEqual(['checkout-api', 'payments-api']);
    expect([...sandbox.store.entities('gitlabProject').keys()].sort()).toEqual(['acme/checkout/checkout', 'acme/payments/payments']);
    const runs = [...sandbox.store.entities('syncRun').values()];
    expect(runs.map((r) => r.properties.status)).toEqual(['success']);
    // The model is applied first, as `sync` does: the blueprints exist because the run made them.
    expect(sandbox.store.blueprints.has('service')).toBe(true);

    const health = await get(httpPort, '/healthz');
    expect(health.status).toBe(200);
    const ready = await get(httpPort, '/readyz');
    expect(ready.status).toBe(200);
    expect(JSON.parse(ready.body)).toMatchObject({ ready: true });

    const text = await metrics();
    expect((await get(httpPort, '/metrics')).contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(sample(text, 'port_sync_runs_total', { schedule: 'sync', outcome: 'success' })).toBe(1);
    expect(sample(text, 'port_sync_runs_total', { schedule: 'sync', outcome: 'failed' })).toBe(0);
    expect(sample(text, 'port_sync_run_duration_seconds_count', { schedule: 'sync' })).toBe(1);
    const lastSuccess = sample(text, 'port_sync_last_success_timestamp_seconds', { schedule: 'sync' })!;
    expect(Math.abs(lastSuccess - Date.now() / 1000)).toBeLessThan(120);
    // Entities counted from the report are the entities that reached Port.
    for (const blueprint of ['service', 'gitlabProject', 'team']) {
      expect(sample(text, 'port_sync_entities_total', { blueprint, action: 'created' })).toBe(sandbox.store.entities(blueprint).size);
    }
    const portRequests = sample(text, 'port_sync_port_requests_total')!;
    // The run's own calls; the run report's write and the token request are outside its count.
    const apiCalls = sandbox.stats.requests.filter((r) => !r.path.includes('access_token')).length;
    expect(portRequests).toBeGreaterThan(0);
    expect(portRequests).toBeLessThanOrEqual(apiCalls);
    expect(sample(text, 'port_sync_ticks_skipped_total', { schedule: 'sync' })).toBe(0);
    expect(sample(text, 'port_sync_cost_explorer_requests_total')).toBe(0);
    expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(text).not.toContain('port_sync_runs_total{schedule="cost"');

    serve.kill('SIGTERM');
    expect(await serve.exited).toEqual({ code: 0, signal: null });
    expect(serve.stderr).not.toContain('serve-secret-0123');
    expect(serve.stderr).not.toContain(gitlab.token);
    expect(serve.logged('Worker stopped')).toHaveLength(1);
  }, 60_000);

  it('a tick while its schedule runs is skipped, logged and counted; runs never overlap', async () => {
    serve = new ServeProcess(await env({ SYNC_SCHEDULE: '* * * * * *' }));
    // The run at start waits on GitLab while the every-second schedule keeps ticking.
    gitlab.inject({ kind: 'tags', hold: true, times: 1 });
    await gitlab.waitForHeld(1);
    await serve.waitForLog(isMsg('Tick skipped: a run of this schedule is running or waiting'), 15_000, 2);
    const text = await metrics();
    expect(sample(text, 'port_sync_ticks_skipped_total', { schedule: 'sync' })).toBeGreaterThanOrEqual(2);
    expect(sample(text, 'port_sync_run_in_progress', { schedule: 'sync' })).toBe(1);
    expect(serve.logged('Scheduled run started')).toHaveLength(1);
    gitlab.release();
    await serve.waitForLog(isMsg('Sync finished'), 30_000, 2);
    // Each run starts only after the one before it finished.
    const events = serve.lines.filter((l) => l.msg === 'Scheduled run started' || l.msg === 'Sync finished').map((l) => l.msg);
    for (let i = 1; i < events.length; i++) expect(events[i]).not.toBe(events[i - 1]);
    serve.kill('SIGTERM');
    expect((await serve.exited).code).toBe(0);
  }, 60_000);

  it('without SYNC_ON_START it runs nothing at start, yet becomes ready once it reached Port, and writes nothing', async () => {
    serve = new ServeProcess(await env({ SYNC_ON_START: 'false' }));
    await serve.waitForLog(isMsg('Worker started'), 30_000);
    let ready = await get(httpPort, '/readyz');
    for (let i = 0; i < 100 && ready.status !== 200; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      ready = await get(httpPort, '/readyz');
    }
    expect(ready.status).toBe(200);
    expect(
      sandbox.stats.requests.filter((r) => r.method !== 'GET' && !r.route.includes('search') && !r.route.includes('access_token')),
    ).toEqual([]);
    expect(sandbox.store.entities('syncRun').size).toBe(0);
    expect(gitlab.requests).toEqual([]);
    serve.kill('SIGTERM');
    expect((await serve.exited).code).toBe(0);
  }, 60_000);

  it('a run past RUN_TIMEOUT_S is aborted and counted; the worker stays up and runs the next tick', async () => {
    serve = new ServeProcess(await env({ RUN_TIMEOUT_S: '2', SYNC_SCHEDULE: '*/3 * * * * *', SYNC_ON_START: 'false' }));
    gitlab.inject({ kind: 'tags', hang: true, times: 1 });
    const aborted = await serve.waitForLog(isMsg('Scheduled run aborted'), 30_000);
    expect(String(aborted.reason)).toContain('RUN_TIMEOUT_S');
    const text = await metrics();
    expect(sample(text, 'port_sync_runs_total', { schedule: 'sync', outcome: 'aborted' })).toBe(1);
    const abortedRuns = [...sandbox.store.entities('syncRun').values()].filter((r) => r.properties.status === 'aborted');
    expect(abortedRuns).toHaveLength(1);
    expect((await get(httpPort, '/healthz')).status).toBe(200);
    await serve.waitForLog(isMsg('Sync finished'), 30_000);
    expect(sample(await metrics(), 'port_sync_runs_total', { schedule: 'sync', outcome: 'success' })).toBe(1);
    serve.kill('SIGTERM');
    expect((await serve.exited).code).toBe(0);
  }, 60_000);

  it('Port down makes a failed run and an unready worker; the process stays up and the next run succeeds', async () => {
    const settings = await env({ SYNC_SCHEDULE: '*/4 * * * * *' });
    // Every attempt of the first call answers 503 until the client's retries are spent.
    sandbox.faults.add({ route: /./, status: 503, headers: { 'retry-after': '0' }, times: 6 });
    serve = new ServeProcess(settings);
    const line = await serve.waitForLog((l) => String(l.msg).startsWith('Scheduled run failed'), 30_000);
    expect(line).toMatchObject({ outcome: 'failed', errorType: 'PortUnreachableError' });
    // Readiness changes only when the next run ends, seconds away.
    const notReady = await get(httpPort, '/readyz');
    expect(notReady.status).toBe(503);
    expect(JSON.parse(notReady.body)).toMatchObject({ ready: false, reason: expect.stringContaining('503') as string });
    expect(sample(await metrics(), 'port_sync_runs_total', { schedule: 'sync', outcome: 'failed' })).toBe(1);
    await serve.waitForLog(isMsg('Sync finished'), 30_000);
    expect((await get(httpPort, '/readyz')).status).toBe(200);
    expect(serve.running).toBe(true);
    serve.kill('SIGTERM');
    expect((await serve.exited).code).toBe(0);
  }, 60_000);

  it('SIGTERM during a run lets the Port batch in flight finish, writes nothing more and exits 0 within SHUTDOWN_TIMEOUT_S', async () => {
    const settings = await env();
    const proxy = new HoldingProxy(sandbox.url);
    await proxy.start();
    try {
      proxy.holdNext((method, path) => method === 'POST' && /\/entities\/bulk$/.test(path.split('?')[0]!) && !path.includes('/syncRun/'));
      serve = new ServeProcess({ ...settings, PORT_BASE_URL: proxy.url });
      await proxy.waitForHeld();
      const signalledAt = Date.now();
      serve.kill('SIGTERM');
      await serve.waitForLog(isMsg('Stopping: the run in progress is aborted at a safe point'));
      proxy.release();
      const exit = await serve.exited;
      expect(exit.code).toBe(0);
      expect(Date.now() - signalledAt).toBeLessThan(10_000);

      const writes = sandbox.stats.requests.filter((r) => WRITE_ROUTES.has(r.route));
      const entityWrites = writes.filter((r) => !r.path.includes('/syncRun/'));
      // The batch held at the signal landed; nothing of the catalog was written after it.
      expect(entityWrites).toHaveLength(1);
      const afterSignal = proxy.seen.filter((r) => r.arrivedAt > signalledAt && /\/entities\/bulk$|\/delete$/.test(r.path.split('?')[0]!));
      expect(afterSignal.every((r) => r.path.includes('/syncRun/'))).toBe(true);
      const runs = [...sandbox.store.entities('syncRun').values()];
      expect(runs.map((r) => r.properties.status)).toEqual(['aborted']);
      expect(serve.logged('Worker stopped')).toHaveLength(1);

      // The next sync converges: each project and service once, and a sync after it writes nothing.
      const next = await runCli(['sync'], settings, 60_000);
      expect(next.code).toBe(0);
      expect([...sandbox.store.entities('gitlabProject').keys()].sort()).toEqual(['acme/checkout/checkout', 'acme/payments/payments']);
      expect([...sandbox.store.entities('service').keys()].sort()).toEqual(['checkout-api', 'payments-api']);
      const again = JSON.parse((await runCli(['sync', '--json'], settings, 60_000)).stdout) as SyncReport;
      expect(Object.values(again.blueprints).map((b) => b.created + b.updated + b.deleted)).toEqual(
        Object.values(again.blueprints).map(() => 0),
      );
    } finally {
      await proxy.close();
    }
  }, 60_000);

  it('with a Port call unanswered at SHUTDOWN_TIMEOUT_S it exits 0 anyway; a second signal exits at once', async () => {
    const settings = await env({ SHUTDOWN_TIMEOUT_S: '2' });
    const proxy = new HoldingProxy(sandbox.url);
    await proxy.start();
    const bulk = (method: string, path: string) => method === 'POST' && /\/entities\/bulk$/.test(path.split('?')[0]!);
    try {
      proxy.holdNext(bulk);
      serve = new ServeProcess({ ...settings, PORT_BASE_URL: proxy.url });
      await proxy.waitForHeld();
      serve.kill('SIGTERM');
      expect((await serve.exited).code).toBe(0);
      expect(serve.logged('SHUTDOWN_TIMEOUT_S reached: exiting with the run unfinished')).toHaveLength(1);

      proxy.drop();
      proxy.holdNext(bulk);
      serve = new ServeProcess({ ...settings, PORT_BASE_URL: proxy.url, SHUTDOWN_TIMEOUT_S: '600' });
      await proxy.waitForHeld();
      serve.kill('SIGTERM');
      await serve.waitForLog(isMsg('Stopping: the run in progress is aborted at a safe point'));
      serve.kill('SIGINT');
      expect((await serve.exited).code).toBe(1);
      expect(serve.logged('Second signal: exiting now')).toHaveLength(1);
    } finally {
      await proxy.close();
    }
  }, 60_000);

  it('a bad cron expression exits 2 naming the variable, and nothing reaches Port', async () => {
    const settings = await env({ COST_SCHEDULE: 'every six hours' });
    const result = await runCli(['serve'], settings, 30_000);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('COST_SCHEDULE');
    expect(result.stderr).toContain('is not a cron expression');
    expect(sandbox.stats.requests).toEqual([]);
    expect(gitlab.requests).toEqual([]);
  }, 30_000);
});

describe('port-sync serve with the cost source', () => {
  let sandbox: Sandbox;
  let cost: CostFake;
  let gitlab: GitlabFake;

  beforeAll(async () => {
    sandbox = createSandbox();
    await sandbox.start();
    cost = new CostFake();
    await cost.start();
    const month = new Date().toISOString().slice(0, 7);
    cost.pages = [[{ month, estimated: true, groups: [{ value: 'checkout-api', amount: '12.5' }] }]];
    gitlab = await startGitlabFake({ projects: ESTATE });
  });
  afterAll(async () => {
    await Promise.all([sandbox.close(), cost.close(), gitlab.close()]);
  });

  it('runs the sync schedule without cost, then the cost schedule with cost alone, each with its own report and metrics', async () => {
    const httpPort = await freePort();
    const serve = new ServeProcess(
      cleanEnv({
        PORT_BASE_URL: sandbox.url,
        PORT_CLIENT_ID: 'serve',
        PORT_CLIENT_SECRET: 'serve-secret-0123',
        SYNC_INSTANCE: 'serve-cost',
        SOURCES: 'gitlab,cost',
        GITLAB_URL: gitlab.url,
        GITLAB_TOKEN: gitlab.token,
        GITLAB_GROUPS: 'acme/payments,acme/checkout',
        GITLAB_CHART_PROJECT: CHART,
        GITLAB_PIPELINE_PROJECT: PIPELINE,
        AWS_ACCESS_KEY_ID: 'AKIDWORKERFAKE',
        AWS_SECRET_ACCESS_KEY: 'worker-secret-fake',
        AWS_REGION: 'us-east-1',
        AWS_MAX_ATTEMPTS: '1',
        AWS_ENDPOINT_URL_COST_EXPLORER: cost.url,
        HTTP_PORT: String(httpPort),
        SYNC_SCHEDULE: NEVER,
        COST_SCHEDULE: NEVER,
      }),
    );
    try {
      await serve.waitForLog(isMsg('Sync finished'), 60_000, 2);
      const finished = serve.logged('Sync finished');
      const started = serve.logged('Scheduled run started');
      expect(started.map((l) => [l.schedule, l.sources])).toEqual([
        ['sync', ['gitlab']],
        ['cost', ['cost']],
      ]);
      expect(finished.map((l) => l.status)).toEqual(['success', 'success']);
      const runs = [...sandbox.store.entities('syncRun').values()].sort((a, b) =>
        String(a.properties.startedAt).localeCompare(String(b.properties.startedAt)),
      );
      expect(runs.map((r) => r.properties.sources)).toEqual([['gitlab'], ['cost']]);
      expect(sandbox.store.entities('cloudCost').size).toBeGreaterThan(0);
      const text = (await get(httpPort, '/metrics')).body;
      expect(sample(text, 'port_sync_runs_total', { schedule: 'sync', outcome: 'success' })).toBe(1);
      expect(sample(text, 'port_sync_runs_total', { schedule: 'cost', outcome: 'success' })).toBe(1);
      // Every Cost Explorer request is paid, the cost allocation tag check included.
      const paid = cost.requests.filter((r) => r.operation === 'GetCostAndUsage' || r.operation === 'ListCostAllocationTags').length;
      expect(paid).toBeGreaterThan(0);
      expect(sample(text, 'port_sync_cost_explorer_requests_total')).toBe(paid);
      serve.kill('SIGTERM');
      expect((await serve.exited).code).toBe(0);
    } finally {
      await serve.stop();
    }
  }, 90_000);
});
