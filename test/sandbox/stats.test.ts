import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ENTITY_WRITE_ROUTES } from '../../src/sandbox/index.js';
import { Harness, USER_AGENT, bulk, seedCatalog } from './support.js';

let h: Harness;
beforeEach(async () => {
  h = await Harness.start();
  seedCatalog(h.sandbox);
});
afterEach(() => h.close());

const BULK_TEMPLATE = '/v1/blueprints/:blueprint/entities/bulk';
const BULK_ROUTE = `POST ${BULK_TEMPLATE}`;

describe('request stats', () => {
  it('records every request in order with its route template, query, body, status and User-Agent', async () => {
    await h.call('POST', bulk('service'), { entities: [{ identifier: 'a' }] }, { upsert: true, include: ['x', 'y'] });
    await h.raw('GET', '/v1/nowhere');
    const [token, write, unknown] = h.sandbox.stats.requests;
    expect(token).toMatchObject({ method: 'POST', route: 'POST /v1/auth/access_token', status: 200 });
    expect(write).toEqual({
      method: 'POST',
      path: '/v1/blueprints/service/entities/bulk',
      route: BULK_ROUTE,
      query: { upsert: 'true', include: ['x', 'y'] },
      body: { entities: [{ identifier: 'a' }] },
      status: 200,
      userAgent: USER_AGENT,
    });
    expect(unknown).toMatchObject({ route: 'GET *', status: 401 });
  });

  it('counts by route, by filter, and entity writes only', async () => {
    await h.call('POST', bulk('service'), { entities: [{ identifier: 'a' }] }, { upsert: true });
    await h.call('POST', bulk('service'), { entities: [{ identifier: 'b' }] }, { upsert: true });
    await h.call('PATCH', '/v1/blueprints/service/entities/a', { properties: { tier: 'gold' } });
    await h.call('POST', '/v1/blueprints/service/entities/search', {});
    await h.call('POST', '/v1/blueprints/service/bulk/entities/delete', { entities: ['b'] }, { delete_dependents: false });
    await h.call('GET', '/v1/blueprints');

    const stats = h.sandbox.stats;
    expect(stats.countByRoute()).toEqual({
      'POST /v1/auth/access_token': 1,
      [BULK_ROUTE]: 2,
      'PATCH /v1/blueprints/:blueprint/entities/:identifier': 1,
      'POST /v1/blueprints/:blueprint/entities/search': 1,
      'POST /v1/blueprints/:blueprint/bulk/entities/delete': 1,
      'GET /v1/blueprints': 1,
    });
    expect(stats.count()).toBe(7);
    expect(stats.count({ method: 'post' })).toBe(5);
    expect(stats.count({ route: BULK_ROUTE })).toBe(2);
    expect(stats.count({ route: BULK_TEMPLATE })).toBe(2);
    expect(stats.count({ route: `GET ${BULK_TEMPLATE}` })).toBe(0);
    expect(stats.count({ route: '/v1/blueprints/service/entities/a' })).toBe(1);
    expect(stats.writes()).toBe(4);
    expect(ENTITY_WRITE_ROUTES).toContain(BULK_ROUTE);
    stats.reset();
    expect(stats.count()).toBe(0);
  });
});

describe('admin routes', () => {
  it('serve health, stats and reset without a token, and are not recorded', async () => {
    await h.call('POST', bulk('service'), { entities: [{ identifier: 'a' }] }, { upsert: true });
    expect((await h.raw('GET', '/_sandbox/health')).body).toEqual({ ok: true });
    const stats = await h.raw('GET', '/_sandbox/stats');
    expect(stats.body).toEqual({ ok: true, total: 2, writes: 1, byRoute: { 'POST /v1/auth/access_token': 1, [BULK_ROUTE]: 1 } });
    expect((await h.raw('POST', '/_sandbox/reset')).status).toBe(200);
    expect(h.sandbox.store.blueprints.size).toBe(0);
    expect(h.sandbox.stats.requests).toHaveLength(0);
  });
});
