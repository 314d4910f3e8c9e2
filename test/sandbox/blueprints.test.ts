import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLIENT, Harness, seedCatalog } from './support.js';

let h: Harness;
beforeEach(async () => {
  h = await Harness.start();
  seedCatalog(h.sandbox);
});
afterEach(() => h.close());

const blueprint = (identifier: string, extra: Record<string, unknown> = {}) => ({
  identifier,
  title: identifier,
  schema: { properties: { name: { type: 'string' } } },
  ...extra,
});

describe('creating blueprints', () => {
  it('creates one with defaulted sections and stamps', async () => {
    const reply = await h.call(
      'POST',
      '/v1/blueprints',
      blueprint('workload', { relations: { service: { target: 'service', required: false, many: false } } }),
    );
    expect(reply.status).toBe(201);
    expect(reply.body.blueprint).toMatchObject({
      identifier: 'workload',
      mirrorProperties: {},
      aggregationProperties: {},
      schema: { required: [] },
      createdBy: CLIENT.clientId,
    });
    const list = await h.call('GET', '/v1/blueprints');
    expect(list.body.blueprints.map((b: { identifier: string }) => b.identifier)).toEqual(['team', 'service', 'workload']);
  });

  it.each([
    ['a bad identifier', blueprint('has space')],
    ['an identifier over 100 characters', blueprint('b'.repeat(101))],
    ['a property identifier with a dot', blueprint('x', { schema: { properties: { 'a.b': { type: 'string' } } } })],
    ['an unknown property type', blueprint('x', { schema: { properties: { a: { type: 'date' } } } })],
    ['a relation without many', blueprint('x', { relations: { t: { target: 'team', required: false } } })],
    ['a required entry that is no property', blueprint('x', { schema: { properties: {}, required: ['nope'] } })],
    ['a missing title', { identifier: 'x', schema: { properties: {} } }],
  ])('refuses %s with 422', async (_what, body) => {
    const reply = await h.call('POST', '/v1/blueprints', body);
    expect(reply.status).toBe(422);
    expect(h.sandbox.store.blueprints.has('x')).toBe(false);
  });

  it('refuses a relation to a blueprint that does not exist, and a duplicate', async () => {
    const missing = await h.call(
      'POST',
      '/v1/blueprints',
      blueprint('x', { relations: { t: { target: 'ghost', required: false, many: false } } }),
    );
    expect(missing.status).toBe(404);
    expect((await h.call('POST', '/v1/blueprints', blueprint('team'))).status).toBe(409);
  });
});

describe('changing blueprints', () => {
  it('refuses a property type change once entities exist, allows it before', async () => {
    const changed = (type: string) => ({ ...h.sandbox.store.blueprints.get('service')!, schema: { properties: { tier: { type } } } });
    h.sandbox.store.seedEntity('service', { identifier: 's', properties: { tier: 'gold' } });
    const refused = await h.call('PUT', '/v1/blueprints/service', changed('number'));
    expect(refused.status).toBe(422);
    expect(refused.body.message).toContain('tier');
    const toArray = await h.call('PATCH', '/v1/blueprints/service', { schema: { properties: { tier: { type: 'array' } } } });
    expect(toArray.status).toBe(422);
    expect(h.sandbox.store.blueprints.get('service')!.schema.properties.tier!.type).toBe('string');

    h.sandbox.store.entities('service').clear();
    expect((await h.call('PUT', '/v1/blueprints/service', changed('number'))).status).toBe(200);
  });

  it('refuses turning a single relation into a many one once entities exist', async () => {
    h.sandbox.store.seedEntity('service', { identifier: 's' });
    const reply = await h.call('PATCH', '/v1/blueprints/service', { relations: { team: { target: 'team', required: false, many: true } } });
    expect(reply.status).toBe(422);
  });

  it('PATCH merges properties and relations key by key', async () => {
    const reply = await h.call('PATCH', '/v1/blueprints/service', { schema: { properties: { chartVersion: { type: 'string' } } } });
    expect(reply.status).toBe(200);
    const props = Object.keys(reply.body.blueprint.schema.properties);
    expect(props).toContain('tier');
    expect(props).toContain('chartVersion');
    expect(Object.keys(reply.body.blueprint.relations)).toEqual(['team', 'dependsOn']);
  });

  it('PUT replaces: an omitted property is gone, with its data', async () => {
    h.sandbox.store.seedEntity('service', { identifier: 's', properties: { tier: 'gold', cost: 1 } });
    const def = h.sandbox.store.blueprints.get('service')!;
    const { cost: _dropped, ...properties } = def.schema.properties;
    const reply = await h.call('PUT', '/v1/blueprints/service', { identifier: 'service', title: 'Service', schema: { properties } });
    expect(reply.status).toBe(200);
    expect(reply.body.blueprint.relations).toEqual({});
    expect(h.sandbox.store.entities('service').get('s')?.properties).toEqual({ tier: 'gold' });
  });
});

describe('deleting blueprints', () => {
  it('refuses while entities exist or while another blueprint relates to it', async () => {
    h.sandbox.store.seedEntity('team', { identifier: 'payments' });
    expect((await h.call('DELETE', '/v1/blueprints/team')).body).toMatchObject({ ok: false, error: 'has_dependents' });
    h.sandbox.store.entities('team').clear();
    expect((await h.call('DELETE', '/v1/blueprints/team')).body).toMatchObject({ error: 'has_dependents' });
    expect((await h.call('DELETE', '/v1/blueprints/service')).status).toBe(200);
    expect((await h.call('DELETE', '/v1/blueprints/team')).status).toBe(200);
    expect((await h.call('GET', '/v1/blueprints/team')).status).toBe(404);
  });
});
