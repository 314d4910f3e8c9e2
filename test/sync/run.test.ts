import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/logger.js';
import { loadModel } from '../../src/model/load.js';
import { createPortClient } from '../../src/port/index.js';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { NO_PREVIOUS, type Source } from '../../src/domain/index.js';
import { applySync } from '../../src/sync/apply.js';
import { createSyncSession } from '../../src/session.js';
import { collectSources } from '../../src/sources/collect.js';
import { BUILTIN_REGISTRY } from '../../src/sources/registry.js';
import { COST_SCOPE, estateOf, runsOf } from '../support/estate.js';
import type { SourceRun } from '../../src/domain/index.js';

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
    await createSyncSession(d.config, d).run({ replay: runsOf(estateOf(1)) });
    for (let i = 0; i < 100; i += 1) {
      const at = new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString();
      sandbox.store.seedEntity('syncRun', {
        identifier: `runs-old-${i}`,
        properties: { startedAt: at, syncInstance: 'runs', syncScope: 'run' },
        relations: {},
      });
    }
    sandbox.store.seedEntity('syncRun', {
      identifier: 'other-old',
      properties: { startedAt: '2020-01-01T00:00:00Z', syncInstance: 'other', syncScope: 'run' },
      relations: {},
    });
    await createSyncSession(d.config, d).run({ replay: runsOf(estateOf(1)) });
    const runs = sandbox.store.entities('syncRun');
    const mine = [...runs.values()].filter((r) => r.properties.syncInstance === 'runs');
    expect(mine).toHaveLength(100);
    expect(runs.has('runs-old-0')).toBe(false);
    expect(runs.has('runs-old-1')).toBe(false);
    expect(runs.has('runs-old-2')).toBe(true);
    expect(runs.has('other-old')).toBe(true);
  });

  it('fails a source that throws as a whole and goes on with the others', async () => {
    const ok: Source = {
      id: 'aws',
      owns: {},
      collect: async () => ({ fragments: [], scopes: [{ scope: 'aws:1:eu-west-1', complete: true }], findings: [] }),
    };
    const broken: Source = {
      id: 'cost',
      owns: BUILTIN_REGISTRY.ownership('cost')!,
      collect: async () => Promise.reject(new Error('Cost Explorer answered 503')),
    };
    const runs = await collectSources([ok, broken], {
      logger: silentLogger(),
      now: new Date(),
      signal: new AbortController().signal,
      previous: NO_PREVIOUS,
    });
    expect(runs.map((r) => [r.id, r.result.scopes])).toEqual([
      ['aws', [{ scope: 'aws:1:eu-west-1', complete: true }]],
      ['cost', [{ scope: 'cost', complete: false, error: 'Cost Explorer answered 503' }]],
    ]);
  });

  it('counts only its own Port calls when the client lives on', async () => {
    const d = deps();
    const first = await createSyncSession(d.config, d).run({ replay: runsOf(estateOf(2)) });
    const second = await createSyncSession(d.config, d).run({ replay: runsOf(estateOf(2)) });
    expect(first.report.portCalls.writes).toBeGreaterThan(5);
    expect(second.report.portCalls.writes).toBe(0);
    expect(second.report.status).toBe('success');
  });

  it("takes back its own entity when a create meets it (a lost answer retried), but not a stranger's", async () => {
    const d = deps();
    await createSyncSession(d.config, d).run({ replay: runsOf(estateOf(1)) });
    sandbox.store.seedEntity('service', {
      identifier: 'landed',
      properties: { syncInstance: 'runs', syncScope: 'gitlab:acme' },
      relations: {},
    });
    sandbox.store.seedEntity('service', { identifier: 'theirs', properties: {}, relations: {} }, { createdBy: 'someone' });
    const create = (identifier: string) => ({
      entity: { identifier, properties: { syncInstance: 'runs', syncScope: 'gitlab:acme' } },
      definedBy: 'gitlab',
      changes: [],
    });
    const plan = {
      blueprint: 'service',
      creates: [create('landed'), create('theirs')],
      updates: [],
      unchanged: 0,
      deletes: [],
      kept: [],
      owned: 0,
    };
    const applied = await applySync([plan], ['service'], d.port, silentLogger(), 'runs');
    expect(applied.ownedByOthers).toEqual([{ blueprint: 'service', identifier: 'theirs' }]);
    expect(applied.byBlueprint.get('service')).toMatchObject({ created: 1, ownedByOthers: 1, failed: 0 });
  });

  it('in a run without cost, deletes the services and teams nothing names any more but those its months in Port name', async () => {
    const env = { PORT_BASE_URL: sandbox.url, PORT_CLIENT_ID: 'c', PORT_CLIENT_SECRET: 'secret-x', SYNC_INSTANCE: 'named' };
    const config = loadConfig({ ...env, SOURCES: 'aws,cost', AWS_REGIONS: 'eu-west-1' });
    const d = { ...deps('named'), config };
    const scope = 'aws:111122223333:eu-west-1';
    const aws = (tags: [string, string][]): SourceRun => ({
      id: 'aws',
      owns: BUILTIN_REGISTRY.ownership('aws')!,
      result: {
        scopes: [{ scope, complete: true }],
        findings: [],
        fragments: tags.map(([service, team], i) => ({
          blueprint: 'awsResource',
          identifier: `arn:aws:sqs:eu-west-1:111122223333:q-${i}`,
          scope,
          properties: { region: 'eu-west-1' },
          relations: { service, team, environment: 'prod' },
        })),
      },
    });
    const cost: SourceRun = {
      id: 'cost',
      owns: BUILTIN_REGISTRY.ownership('cost')!,
      result: {
        scopes: [{ scope: COST_SCOPE, complete: true }],
        findings: [],
        fragments: [
          {
            blueprint: 'cloudCost',
            identifier: 'billed@2026-11',
            scope: COST_SCOPE,
            properties: { amount: 5 },
            relations: { service: 'billed' },
          },
        ],
      },
    };
    const first = await createSyncSession(config, d).run({
      replay: [
        aws([
          ['checkout', 'web'],
          ['billed', 'finance'],
        ]),
        cost,
      ],
    });
    expect(first.report.status).toBe('success');
    expect([...sandbox.store.entities('service').keys()].sort()).toEqual(['billed', 'checkout']);

    // The sync schedule: aws alone. checkout is tagged no more; billed neither, but its month of cost names it.
    const { report } = await createSyncSession(config, d).run({ replay: [aws([['shop', 'web']])], sources: ['aws'] });
    expect(report.status).toBe('success');
    expect([...sandbox.store.entities('service').keys()].sort()).toEqual(['billed', 'shop']);
    expect([...sandbox.store.entities('team').keys()].sort()).toEqual(['finance', 'web']);
    expect(report.blueprints.service).toMatchObject({ deleted: 1, kept: 1 });
  });

  it('makes the service a tag names when no source defines it, and relates the resource to it', async () => {
    const estate = estateOf(1);
    estate.resources[0]!.service = 'Ghost ';
    const { report } = await createSyncSession(deps().config, deps()).run({ replay: runsOf(estate) });
    expect(report.status).toBe('success');
    expect(report.findings).toEqual([]);
    expect(report.servicesWithoutRepository).toBe(2); // svc-0, named by its cost, and ghost
    expect(sandbox.store.entities('awsResource').get(estate.resources[0]!.arn)?.relations.service).toBe('ghost');
    expect(sandbox.store.entities('service').get('ghost')?.properties).toMatchObject({
      hasRepository: false,
      chartLag: 'unknown',
      pipelineLag: 'unknown',
    });
  });
});
