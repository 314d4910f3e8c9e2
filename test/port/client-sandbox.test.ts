import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createPortClient, type PortClient } from '../../src/port/index.js';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.js';

let sandbox: Sandbox;
let port: PortClient;

const teamBlueprint = {
  identifier: 'team',
  title: 'Team',
  schema: { properties: {} },
};
const serviceBlueprint = {
  identifier: 'service',
  title: 'Service',
  schema: {
    properties: {
      tier: { type: 'string', enum: ['gold', 'silver'] },
      lag: { type: 'number' },
      syncInstance: { type: 'string' },
    },
  },
  relations: { team: { target: 'team', required: false, many: false } },
};

beforeAll(async () => {
  sandbox = createSandbox();
  await sandbox.start();
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(async () => {
  sandbox.store.reset();
  sandbox.faults.clear();
  port = createPortClient({
    baseUrl: sandbox.url,
    clientId: 'sync-client',
    clientSecret: 'sync-secret',
    syncInstance: 'test-instance',
    http: { sleep: async () => {} },
  });
  await port.model.createBlueprint(teamBlueprint);
  await port.model.createBlueprint(serviceBlueprint);
  await port.entities.create('team', [{ identifier: 'payments', title: 'Payments' }]);
  sandbox.stats.reset();
});

const services = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    identifier: `svc-${String(i).padStart(4, '0')}`,
    title: `Service ${i}`,
    properties: { tier: 'gold', lag: i, syncInstance: 'test-instance' },
    relations: { team: 'payments' },
  }));

describe('Port client against the sandbox', () => {
  it('creates in bulk with at most 20 per call and reads everything back page by page', async () => {
    const result = await port.entities.create('service', services(45));
    expect(result.failed).toEqual([]);
    expect(result.written.every((w) => w.created)).toBe(true);
    expect(sandbox.stats.count({ route: 'POST /v1/blueprints/:blueprint/entities/bulk' })).toBe(3);
    expect(sandbox.store.entities('service').size).toBe(45);

    const found = await port.entities.search('service', { include: ['$identifier', 'lag'], limit: 20 });
    expect(found).toHaveLength(45);
    expect(found[0]).toMatchObject({ identifier: 'svc-0000', properties: { lag: 0 } });
    expect(found[0]).not.toHaveProperty('relations.team');
    expect(sandbox.stats.count({ route: 'POST /v1/blueprints/:blueprint/entities/search' })).toBe(3);
    expect(sandbox.stats.requests.at(-1)?.userAgent).toMatch(/^port-catalog-sync\/\d+\.\d+\.\d+ \(test-instance\)$/);
  });

  it('pages 2500 entities at 1000 per page', async () => {
    await port.entities.create('service', services(2500));
    sandbox.stats.reset();
    const found = await port.entities.search('service', { include: ['$identifier'] });
    expect(new Set(found.map((e) => e.identifier)).size).toBe(2500);
    expect(sandbox.stats.count({ route: 'POST /v1/blueprints/:blueprint/entities/search' })).toBe(3);
  });

  it('reports a create of an existing identifier as owned by another writer and lands the rest', async () => {
    sandbox.store.seedEntity(
      'service',
      { identifier: 'svc-0001', title: 'Made by hand', properties: {}, relations: {} },
      { createdBy: 'a-person' },
    );
    const result = await port.entities.create('service', services(3));
    expect(result.written.map((w) => w.identifier).sort()).toEqual(['svc-0000', 'svc-0002']);
    expect(result.failed).toMatchObject([{ identifier: 'svc-0001', status: 409, ownedByOtherWriter: true }]);
    expect(sandbox.store.entities('service').get('svc-0001')?.title).toBe('Made by hand');
  });

  it('maps the per-entity errors of a 207 back to the entities sent', async () => {
    sandbox.faults.failEntity('service', 'svc-0007', { statusCode: 422, error: 'invalid_value', message: 'injected failure' });
    const bad = services(10);
    bad[3]!.properties.tier = 'platinum';
    const result = await port.entities.update('service', bad);
    expect(result.failed.map((f) => f.identifier).sort()).toEqual(['svc-0003', 'svc-0007']);
    expect(result.failed.find((f) => f.identifier === 'svc-0007')).toMatchObject({ status: 422, message: 'injected failure' });
    expect(result.written).toHaveLength(8);
    expect(sandbox.store.entities('service').size).toBe(8);
  });

  it('updates with merge: fields not sent are kept, explicit null clears', async () => {
    await port.entities.create('service', services(1));
    await port.entities.update('service', [{ identifier: 'svc-0000', properties: { lag: null }, relations: { team: null } }]);
    const stored = sandbox.store.entities('service').get('svc-0000');
    expect(stored?.title).toBe('Service 0');
    expect(stored?.properties).toMatchObject({ tier: 'gold' });
    expect(stored?.properties.lag ?? null).toBeNull();
    expect(stored?.relations.team ?? null).toBeNull();
    const bulk = sandbox.stats.requests.find((r) => r.route === 'POST /v1/blueprints/:blueprint/entities/bulk' && r.query.merge === 'true');
    expect(bulk?.query).toMatchObject({ upsert: 'true', merge: 'true' });
  });

  it('retries a 429 with Retry-After and a dropped connection, then lands the write', async () => {
    sandbox.faults.add({ route: '/v1/blueprints/service/entities/bulk', status: 429, headers: { 'retry-after': '1' } });
    sandbox.faults.dropConnection({ route: '/v1/blueprints/service/entities/bulk' });
    const result = await port.entities.create('service', services(2));
    expect(result.written).toHaveLength(2);
    expect(port.stats().retries).toBe(2);
    expect(sandbox.store.entities('service').size).toBe(2);
  });

  it('gets a new token after the old one expires and carries on', async () => {
    await port.entities.create('service', services(1));
    const before = port.stats().tokenFetches;
    sandbox.faults.expireTokens();
    await port.entities.update('service', services(2));
    expect(port.stats().tokenFetches).toBe(before + 1);
    expect(sandbox.store.entities('service').size).toBe(2);
  });

  it('deletes in batches of 100 and names the entity whose dependents block the batch', async () => {
    await port.entities.create('service', services(250));
    await port.model.createBlueprint({
      identifier: 'workload',
      title: 'Workload',
      schema: { properties: {} },
      relations: { service: { target: 'service', required: false, many: false } },
    });
    await port.entities.create('workload', [{ identifier: 'w1', relations: { service: 'svc-0042' } }]);
    sandbox.stats.reset();
    const ids = services(250).map((s) => s.identifier);
    const result = await port.entities.delete('service', ids);
    expect(result.failed).toMatchObject([{ identifier: 'svc-0042', hasDependents: true }]);
    expect(result.deleted).toHaveLength(249);
    expect(sandbox.store.entities('service').size).toBe(1);
    expect(
      sandbox.stats.requests.every(
        (r) => r.route !== 'POST /v1/blueprints/:blueprint/bulk/entities/delete' || r.query.delete_dependents === 'false',
      ),
    ).toBe(true);
    // three batches of <=100, and the blocked one halved down to the blocker (7 more calls)
    expect(sandbox.stats.count({ route: 'POST /v1/blueprints/:blueprint/bulk/entities/delete' })).toBeLessThanOrEqual(3 + 14);
  });

  it('manages blueprints, scorecards and pages', async () => {
    expect((await port.model.listBlueprints()).map((b) => b.identifier).sort()).toEqual(['service', 'team']);
    expect(await port.model.getBlueprint('nope')).toBeUndefined();
    await port.model.patchBlueprint('service', { description: 'Deployable services' });
    expect((await port.model.getBlueprint('service'))?.description).toBe('Deployable services');
    await port.model.createScorecard('service', {
      identifier: 'currency',
      title: 'Currency',
      levels: [
        { title: 'Basic', color: 'paleBlue' },
        { title: 'Gold', color: 'gold' },
      ],
      rules: [
        {
          identifier: 'lagZero',
          title: 'No lag',
          level: 'Gold',
          query: { combinator: 'and', conditions: [{ property: 'lag', operator: '=', value: 0 }] },
        },
      ],
    });
    expect((await port.model.listScorecards('service')).map((s) => s.identifier)).toEqual(['currency']);
    await port.model.deleteScorecard('service', 'currency');
    expect(await port.model.listScorecards('service')).toEqual([]);
    await port.model.createPage({ identifier: 'finops', title: 'FinOps', type: 'dashboard', widgets: [] });
    expect((await port.model.getPage('finops'))?.title).toBe('FinOps');
    await port.model.deletePage('finops');
    expect(await port.model.getPage('finops')).toBeUndefined();
  });
});
