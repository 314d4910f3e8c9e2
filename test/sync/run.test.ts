import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/logger.js';
import { loadModel } from '../../src/model/load.js';
import { createPortClient } from '../../src/port/index.js';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { NO_PREVIOUS, type Source } from '../../src/domain/index.js';
import { applySync } from '../../src/sync/apply.js';
import { collectSources, runSync } from '../../src/sync/run.js';
import { estateOf, gitlabOwns, runsOf } from '../support/estate.js';

let sandbox: Sandbox;
const model = loadModel(new URL('../../', import.meta.url).pathname).model;

beforeAll(async () => {
  sandbox = createSandbox();
  await sandbox.start();
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.store.reset());

function deps(instance = 'runs') {
  const config = loadConfig({ PORT_BASE_URL: sandbox.url, PORT_CLIENT_ID: 'c', PORT_CLIENT_SECRET: 'secret-x', SYNC_INSTANCE: instance });
  const port = createPortClient({ baseUrl: sandbox.url, clientId: 'c', clientSecret: 'secret-x', syncInstance: instance });
  return { config, port, logger: silentLogger(), model };
}

describe('runSync', () => {
  it('keeps the newest 100 run reports of its own instance and no more', async () => {
    const d = deps();
    await runSync(d, { dryRun: false, allowDeletes: [], configuredSources: [], collect: async () => runsOf(estateOf(1)) });
    for (let i = 0; i < 100; i += 1) {
      const at = new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString();
      sandbox.store.seedEntity('syncRun', { identifier: `runs-old-${i}`, properties: { startedAt: at, syncInstance: 'runs', syncScope: 'run' }, relations: {} });
    }
    sandbox.store.seedEntity('syncRun', { identifier: 'other-old', properties: { startedAt: '2020-01-01T00:00:00Z', syncInstance: 'other', syncScope: 'run' }, relations: {} });
    await runSync(d, { dryRun: false, allowDeletes: [], configuredSources: [], collect: async () => runsOf(estateOf(1)) });
    const runs = sandbox.store.entities('syncRun');
    const mine = [...runs.values()].filter((r) => r.properties.syncInstance === 'runs');
    expect(mine).toHaveLength(100);
    expect(runs.has('runs-old-0')).toBe(false);
    expect(runs.has('runs-old-1')).toBe(false);
    expect(runs.has('runs-old-2')).toBe(true);
    expect(runs.has('other-old')).toBe(true);
  });

  it('fails a source that throws as a whole and goes on with the others', async () => {
    const ok: Source = { id: 'aws', owns: {}, collect: async () => ({ fragments: [], scopes: [{ scope: 'aws:1:eu-west-1', complete: true }], findings: [] }) };
    const broken: Source = { id: 'gitlab', owns: gitlabOwns, collect: async () => Promise.reject(new Error('GitLab answered 503')) };
    const runs = await collectSources([ok, broken], { logger: silentLogger(), now: new Date(), signal: new AbortController().signal, previous: NO_PREVIOUS });
    expect(runs.map((r) => [r.id, r.result.scopes])).toEqual([
      ['aws', [{ scope: 'aws:1:eu-west-1', complete: true }]],
      ['gitlab', [{ scope: 'gitlab', complete: false, error: 'GitLab answered 503' }]],
    ]);
  });

  it('counts only its own Port calls when the client lives on', async () => {
    const d = deps();
    const first = await runSync(d, { dryRun: false, allowDeletes: [], configuredSources: [], collect: async () => runsOf(estateOf(2)) });
    const second = await runSync(d, { dryRun: false, allowDeletes: [], configuredSources: [], collect: async () => runsOf(estateOf(2)) });
    expect(first.report.portCalls.writes).toBeGreaterThan(5);
    expect(second.report.portCalls.writes).toBe(0);
    expect(second.report.status).toBe('success');
  });

  it('takes back its own entity when a create meets it (a lost answer retried), but not a stranger\'s', async () => {
    const d = deps();
    await runSync(d, { dryRun: false, allowDeletes: [], configuredSources: [], collect: async () => runsOf(estateOf(1)) });
    sandbox.store.seedEntity('service', { identifier: 'landed', properties: { syncInstance: 'runs', syncScope: 'gitlab:acme' }, relations: {} });
    sandbox.store.seedEntity('service', { identifier: 'theirs', properties: {}, relations: {} }, { createdBy: 'someone' });
    const create = (identifier: string) => ({ entity: { identifier, properties: { syncInstance: 'runs', syncScope: 'gitlab:acme' } }, definedBy: 'gitlab', changes: [] });
    const plan = { blueprint: 'service', creates: [create('landed'), create('theirs')], updates: [], unchanged: 0, deletes: [], kept: [], owned: 0 };
    const applied = await applySync([plan], ['service'], d.port, silentLogger(), 'runs');
    expect(applied.ownedByOthers).toEqual([{ blueprint: 'service', identifier: 'theirs' }]);
    expect(applied.byBlueprint.get('service')).toMatchObject({ created: 1, ownedByOthers: 1, failed: 0 });
  });

  it('reports a tag naming a service no source defines without making the run partial', async () => {
    const estate = estateOf(1);
    estate.resources[0]!.service = 'ghost';
    const { report } = await runSync(deps(), { dryRun: false, allowDeletes: [], configuredSources: [], collect: async () => runsOf(estate) });
    expect(report.status).toBe('success');
    expect(report.findings).toMatchObject([{ kind: 'integrity', message: expect.stringContaining('points at service "ghost" that no source defines') }]);
    expect(sandbox.store.entities('awsResource').get(estate.resources[0]!.arn)?.relations.service).toBeUndefined();
  });
});
