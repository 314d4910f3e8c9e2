import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Harness, seedCatalog } from './support.js';

let h: Harness;
beforeEach(async () => {
  h = await Harness.start();
  seedCatalog(h.sandbox);
  const s = h.sandbox.store;
  for (const id of ['payments', 'search', 'idle']) s.seedEntity('team', { identifier: id });
  s.seedEntity('service', { identifier: 'checkout', relations: { team: 'payments' } });
  s.seedEntity('service', { identifier: 'cart', relations: { team: 'payments', dependsOn: ['checkout'] } });
});
afterEach(() => h.close());

const BULK_DELETE = '/v1/blueprints/team/bulk/entities/delete';
const teams = () => [...h.sandbox.store.entities('team').keys()].sort();

describe('bulk delete', () => {
  it('refuses the whole batch when one entity has dependents and delete_dependents is false', async () => {
    const reply = await h.call('POST', BULK_DELETE, { entities: ['idle', 'payments', 'search'] }, { delete_dependents: false });
    expect(reply.status).toBe(409);
    expect(reply.body).toMatchObject({ ok: false, error: 'has_dependents' });
    expect(teams()).toEqual(['idle', 'payments', 'search']);
  });

  it('deletes entities without dependents and names them', async () => {
    const reply = await h.call('POST', BULK_DELETE, { entities: ['idle', 'search', 'never-existed'] }, { delete_dependents: false });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ ok: true, deletedEntities: ['idle', 'search'] });
    expect(teams()).toEqual(['payments']);
  });

  it('deletes dependents too, transitively, with delete_dependents=true', async () => {
    const reply = await h.call('POST', BULK_DELETE, { entities: ['payments'] }, { delete_dependents: true });
    expect(reply.status).toBe(200);
    expect(h.sandbox.store.entities('service').size).toBe(0);
  });

  it('lets a batch hold both an entity and its dependent', async () => {
    const reply = await h.call(
      'POST',
      '/v1/blueprints/service/bulk/entities/delete',
      { entities: ['checkout', 'cart'] },
      { delete_dependents: false },
    );
    expect(reply.status).toBe(200);
    expect(reply.body.deletedEntities).toEqual(['checkout', 'cart']);
  });

  it('refuses more than 100 identifiers and unknown body keys', async () => {
    const ids = Array.from({ length: 101 }, (_, i) => `t${i}`);
    expect((await h.call('POST', BULK_DELETE, { entities: ids }, { delete_dependents: false })).status).toBe(422);
    expect((await h.call('POST', BULK_DELETE, { entities: ['idle'], force: true }, { delete_dependents: false })).status).toBe(422);
    expect((await h.call('POST', BULK_DELETE, { entities: [] }, { delete_dependents: false })).status).toBe(422);
    expect(teams()).toHaveLength(3);
  });
});

describe('single delete', () => {
  it('refuses an entity with dependents unless delete_dependents is set', async () => {
    const path = '/v1/blueprints/service/entities/checkout';
    expect((await h.call('DELETE', path)).body).toMatchObject({ error: 'has_dependents' });
    expect((await h.call('DELETE', path, undefined, { delete_dependents: true })).status).toBe(200);
    expect(h.sandbox.store.entities('service').size).toBe(0);
  });

  it('answers 404 for an entity that is gone', async () => {
    expect((await h.call('DELETE', '/v1/blueprints/team/entities/ghost')).status).toBe(404);
  });
});
