import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLIENT, Harness, USER_AGENT, bulk, seedCatalog } from './support.js';

let h: Harness;
let clock: number;
beforeEach(async () => {
  clock = Date.UTC(2026, 0, 1);
  h = await Harness.start({ now: () => clock });
  seedCatalog(h.sandbox);
});
afterEach(() => h.close());

const services = () => h.sandbox.store.entities('service');
const many = (n: number) => Array.from({ length: n }, (_, i) => ({ identifier: `svc-${i}`, properties: { tier: 'gold' } }));

describe('bulk upsert limits', () => {
  it('refuses more than 20 entities with 422 and writes none', async () => {
    const reply = await h.call('POST', bulk('service'), { entities: many(21) }, { upsert: true });
    expect(reply.status).toBe(422);
    expect(reply.body).toMatchObject({ ok: false, message: expect.stringContaining("does not match the route's schema") });
    expect(services().size).toBe(0);
    const ok = await h.call('POST', bulk('service'), { entities: many(20) }, { upsert: true });
    expect(ok.status).toBe(200);
    expect(services().size).toBe(20);
  });

  it('refuses a body over 1 MiB with 413 before parsing it', async () => {
    const big = 'x'.repeat(1024 * 1024);
    const reply = await h.raw('POST', bulk('service'), {
      query: { upsert: true },
      headers: { authorization: `Bearer ${await h.token()}` },
      rawBody: `{"entities":[{"identifier":"a","properties":{"language":"${big}"}}]}`,
    });
    expect(reply.status).toBe(413);
    expect(reply.body).toMatchObject({ ok: false, message: 'Request body is too large (limit is 1MiB)' });
    expect(services().size).toBe(0);
    // Not JSON at all, and still 413: the size is checked on the raw bytes.
    const notJson = await h.raw('POST', bulk('service'), {
      headers: { authorization: `Bearer ${await h.token()}` },
      rawBody: '{'.repeat(1024 * 1024 + 1),
    });
    expect(notJson.status).toBe(413);
  });
});

describe('bulk upsert per-entity results', () => {
  it('answers 207 with each failure at its index while the others land', async () => {
    h.sandbox.faults.failEntity('service', 'svc-1', { statusCode: 500, error: 'internal_error', message: 'boom' });
    const entities = many(5);
    entities[3] = { identifier: 'svc-3', properties: { tier: 'platinum' } };
    const reply = await h.call('POST', bulk('service'), { entities }, { upsert: true, merge: true });
    expect(reply.status).toBe(207);
    expect(reply.body.errors).toEqual([
      { identifier: 'svc-1', index: 1, statusCode: 500, error: 'internal_error', message: 'boom' },
      { identifier: 'svc-3', index: 3, statusCode: 422, error: 'invalid_entity', message: expect.stringContaining('tier') },
    ]);
    expect(reply.body.entities).toEqual([
      { identifier: 'svc-0', index: 0, created: true },
      { identifier: 'svc-2', index: 2, created: true },
      { identifier: 'svc-4', index: 4, created: true },
    ]);
    expect([...services().keys()].sort()).toEqual(['svc-0', 'svc-2', 'svc-4']);
    // The injected failure was used up: the retry lands.
    const retry = await h.call('POST', bulk('service'), { entities: [entities[1]] }, { upsert: true });
    expect(retry.status).toBe(200);
  });

  it('reports created false for entities that existed', async () => {
    h.sandbox.store.seedEntity('service', { identifier: 'svc-0' });
    const reply = await h.call('POST', bulk('service'), { entities: many(2) }, { upsert: true });
    expect(reply.body.entities.map((e: { created: boolean }) => e.created)).toEqual([false, true]);
  });
});

describe('create without upsert', () => {
  it('answers 409 for an existing identifier on the single route', async () => {
    h.sandbox.store.seedEntity('service', { identifier: 'taken', properties: { tier: 'gold' } });
    const reply = await h.call(
      'POST',
      '/v1/blueprints/service/entities',
      { identifier: 'taken', properties: { tier: 'silver' } },
      { upsert: false },
    );
    expect(reply.status).toBe(409);
    expect(reply.body).toMatchObject({ ok: false, error: 'identifier_taken' });
    expect(services().get('taken')?.properties.tier).toBe('gold');
  });

  it('reports 409 per entity in a bulk request', async () => {
    h.sandbox.store.seedEntity('service', { identifier: 'svc-1' });
    const reply = await h.call('POST', bulk('service'), { entities: many(3) });
    expect(reply.status).toBe(207);
    expect(reply.body.errors).toEqual([
      expect.objectContaining({ identifier: 'svc-1', index: 1, statusCode: 409, error: 'identifier_taken' }),
    ]);
    expect(reply.body.entities.map((e: { index: number }) => e.index)).toEqual([0, 2]);
  });
});

describe('upsert, merge and replace', () => {
  const seed = () =>
    h.sandbox.store.seedEntity('team', { identifier: 'payments' }) &&
    h.sandbox.store.seedEntity('service', {
      identifier: 'checkout',
      title: 'Checkout',
      team: 'payments',
      properties: { tier: 'gold', cost: 10, language: 'go' },
      relations: { team: 'payments' },
    });

  it('merge updates only the fields sent, and an explicit null clears', async () => {
    seed();
    const reply = await h.call(
      'POST',
      bulk('service'),
      { entities: [{ identifier: 'checkout', properties: { cost: 12, language: null }, relations: { team: null } }] },
      { upsert: true, merge: true },
    );
    expect(reply.status).toBe(200);
    const stored = services().get('checkout')!;
    expect(stored.properties).toEqual({ tier: 'gold', cost: 12 });
    expect(stored.relations).toEqual({});
    expect(stored.title).toBe('Checkout');
    expect(stored.team).toEqual(['payments']);
  });

  it('upsert without merge replaces the entity and keeps only the creation stamp', async () => {
    seed();
    const created = services().get('checkout')!;
    clock += 60_000;
    await h.call('POST', '/v1/blueprints/service/entities', { identifier: 'checkout', properties: { cost: 3 } }, { upsert: true });
    const stored = services().get('checkout')!;
    expect(stored.properties).toEqual({ cost: 3 });
    expect(stored.relations).toEqual({});
    expect(stored.title).toBeUndefined();
    expect(stored.team).toEqual([]);
    expect(stored.createdAt).toBe(created.createdAt);
    expect(stored.updatedAt).toBe(new Date(clock).toISOString());
  });

  it('records the writer as updatedBy and its User-Agent as datasource', async () => {
    const reply = await h.call('POST', '/v1/blueprints/service/entities', { identifier: 'new-svc', title: 'New' }, { upsert: true });
    expect(reply.status).toBe(201);
    expect(reply.body.entity).toMatchObject({
      identifier: 'new-svc',
      title: 'New',
      blueprint: 'service',
      createdBy: CLIENT.clientId,
      updatedBy: CLIENT.clientId,
    });
    expect(services().get('new-svc')?.datasource).toBe(USER_AGENT);
  });

  it('validation_only validates and writes nothing', async () => {
    const ok = await h.call('POST', bulk('service'), { entities: many(2) }, { upsert: true, validation_only: true });
    expect(ok.status).toBe(200);
    const bad = await h.call(
      'POST',
      '/v1/blueprints/service/entities',
      { identifier: 'x', properties: { tier: 'nope' } },
      { upsert: true, validation_only: true },
    );
    expect(bad.status).toBe(422);
    expect(services().size).toBe(0);
  });

  it('refuses a non-boolean flag as a route-schema error', async () => {
    const reply = await h.call('POST', bulk('service'), { entities: many(1) }, { upsert: 'yes' });
    expect(reply.status).toBe(422);
  });
});

describe('single-entity routes', () => {
  it('gets, replaces, patches and deletes by URL-decoded identifier', async () => {
    const id = 'arn:aws:s3:::bucket/key=1';
    h.sandbox.store.seedEntity('service', { identifier: id, properties: { tier: 'gold', cost: 1 } });
    const path = `/v1/blueprints/service/entities/${encodeURIComponent(id)}`;
    expect((await h.call('GET', path)).body.entity).toMatchObject({ identifier: id, properties: { tier: 'gold', cost: 1 } });

    const patched = await h.call('PATCH', path, { properties: { cost: 2 } });
    expect(patched.status).toBe(200);
    expect(services().get(id)?.properties).toEqual({ tier: 'gold', cost: 2 });

    const put = await h.call('PUT', path, { properties: { tier: 'silver' } });
    expect(put.status).toBe(200);
    expect(services().get(id)?.properties).toEqual({ tier: 'silver' });

    expect((await h.call('DELETE', path)).status).toBe(200);
    expect(services().has(id)).toBe(false);
    expect((await h.call('GET', path)).body).toMatchObject({ ok: false, error: 'not_found' });
    expect((await h.call('PUT', path, { properties: {} })).status).toBe(404);
  });

  it('answers 404 not_found for an unknown blueprint', async () => {
    const reply = await h.call('POST', bulk('nope'), { entities: many(1) }, { upsert: true });
    expect(reply.status).toBe(404);
    expect(reply.body).toEqual({ ok: false, error: 'not_found', message: expect.any(String) });
  });

  it('lists and counts entities', async () => {
    await h.call('POST', bulk('service'), { entities: many(3) }, { upsert: true });
    expect((await h.call('GET', '/v1/blueprints/service/entities-count')).body).toEqual({ ok: true, count: 3 });
    const list = await h.call('GET', '/v1/blueprints/service/entities', undefined, { include: 'identifier' });
    expect(list.body.entities).toEqual([{ identifier: 'svc-0' }, { identifier: 'svc-1' }, { identifier: 'svc-2' }]);
  });
});
