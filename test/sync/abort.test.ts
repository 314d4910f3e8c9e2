import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceRun } from '../../src/domain/index.js';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { AWS_OWNS } from '../../src/sources/aws/map.js';
import type { SyncReport } from '../../src/sync/report.js';
import { cleanEnv, runCli, startCli } from '../support/cli.js';

const SCOPE = 'aws:123456789012:eu-west-1';

/** n tagged queues of one account and region, as the aws source reports them; `release` changes their tags. */
function estate(n: number, release: string, skip = 0): SourceRun[] {
  const fragments = Array.from({ length: n - skip }, (_, i) => {
    const arn = `arn:aws:sqs:eu-west-1:123456789012:queue-${i + skip}`;
    const tags = { service: `svc-${i % 5}`, team: 'payments', environment: 'prod', release };
    return {
      blueprint: 'awsResource',
      identifier: arn,
      title: `queue-${i + skip}`,
      scope: SCOPE,
      properties: { arn, tags },
      relations: { service: tags.service, team: tags.team, environment: tags.environment },
    };
  });
  return [{ id: 'aws', owns: AWS_OWNS, result: { fragments, scopes: [{ scope: SCOPE, complete: true }], findings: [] } }];
}

describe('an aborted sync', () => {
  let sandbox: Sandbox;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const snapshot = async (name: string, runs: SourceRun[]) => {
    const file = join(dir, `${name}.json`);
    await writeFile(file, JSON.stringify({ version: 1, takenAt: '2026-12-01T00:00:00.000Z', runs }));
    return file;
  };
  const lastRun = () =>
    [...sandbox.store.entities('syncRun').values()].sort((a, b) =>
      String(b.properties.startedAt).localeCompare(String(a.properties.startedAt)),
    )[0];

  beforeAll(async () => {
    // Port answers slowly, so a signal lands while a batch is on the wire.
    sandbox = createSandbox({ latencyMs: 100 });
    await sandbox.start();
    dir = await mkdtemp(join(tmpdir(), 'pcs-abort-'));
    env = cleanEnv({ PORT_BASE_URL: sandbox.url, PORT_CLIENT_ID: 'abort', PORT_CLIENT_SECRET: 'abort-secret', SYNC_INSTANCE: 'abort' });
  });
  afterAll(() => sandbox.close());

  it('stops at a safe point on SIGTERM: exits 1, deletes nothing, and the next run converges', async () => {
    const first = await runCli(['sync', '--from-snapshot', await snapshot('first', estate(1000, 'r1')), '--json'], env, 60_000);
    expect(first.code).toBe(0);
    expect(sandbox.store.entities('awsResource').size).toBe(1000);

    // A week later: every queue's tags changed and ten queues are gone; Port answers slowly.
    const later = await snapshot('later', estate(1000, 'r2', 10));
    sandbox.stats.reset();
    const child = startCli(['sync', '--from-snapshot', later, '--json'], env);
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    const bulkWrites = () =>
      sandbox.stats.requests.filter((r) => r.method === 'POST' && r.path === '/v1/blueprints/awsResource/entities/bulk');
    await waitFor(() => bulkWrites().length > 0);
    child.kill('SIGTERM');
    const code = await exited;

    expect(code).toBe(1);
    const report = JSON.parse(stdout) as SyncReport;
    expect(report.status).toBe('aborted');
    expect(report.blueprints.awsResource?.deleted).toBe(0);
    expect(sandbox.stats.requests.filter((r) => r.path.endsWith('/bulk/entities/delete') && r.path.includes('awsResource'))).toEqual([]);
    expect(sandbox.store.entities('awsResource').size).toBe(1000);
    const updated = [...sandbox.store.entities('awsResource').values()].filter(
      (e) => (e.properties.tags as { release?: string }).release === 'r2',
    ).length;
    expect(updated).toBeGreaterThan(0);
    expect(updated).toBeLessThan(990);
    // Every batch that went out was answered and counted; the rest, and the deletes, were never sent.
    expect(report.blueprints.awsResource?.updated).toBe(updated);
    expect(report.blueprints.awsResource?.notSent).toBe(990 - updated + 10);
    expect(lastRun()?.properties.status).toBe('aborted');

    const again = await runCli(['sync', '--from-snapshot', later, '--json'], env, 60_000);
    expect(again.code).toBe(0);
    const resources = [...sandbox.store.entities('awsResource').values()];
    expect(resources).toHaveLength(990);
    expect(resources.every((e) => (e.properties.tags as { release?: string }).release === 'r2')).toBe(true);
    expect(sandbox.store.entities('service').size).toBe(5);
  }, 90_000);
});

async function waitFor(test: () => boolean, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!test()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
