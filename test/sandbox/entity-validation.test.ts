import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Harness, bulk, seedCatalog } from './support.js';

let h: Harness;
beforeEach(async () => {
  h = await Harness.start();
  seedCatalog(h.sandbox);
});
afterEach(() => h.close());

const upsertOne = (entity: Record<string, unknown>, query: Record<string, boolean> = {}) =>
  h.call('POST', '/v1/blueprints/service/entities', { identifier: 'svc', ...entity }, { upsert: true, ...query });

describe('property values against the blueprint schema', () => {
  it.each([
    ['an unknown property', { properties: { colour: 'red' } }, 'colour'],
    ['an unknown relation', { relations: { owner: 'x' } }, 'owner'],
    ['a value outside the enum', { properties: { tier: 'platinum' } }, 'allowed values'],
    ['a malformed date-time', { properties: { releasedAt: '2026-13-45' } }, 'date-time'],
    ['a date without time', { properties: { releasedAt: '2026-01-01' } }, 'date-time'],
    ['a malformed url', { properties: { repoUrl: 'not a url' } }, 'url'],
    ['a malformed email', { properties: { owner: 'someone' } }, 'email'],
    ['a string for a number', { properties: { cost: '12' } }, 'number'],
    ['a number below minimum', { properties: { cost: -1 } }, '>= 0'],
    ['a string for a boolean', { properties: { isRunning: 'true' } }, 'boolean'],
    ['an array for an object', { properties: { labels: [] } }, 'object'],
    ['a wrong array item type', { properties: { missingTags: ['a', 1] } }, 'item 1'],
    ['a pattern mismatch', { properties: { slug: 'Not_Slug' } }, 'pattern'],
    ['a string over maxLength', { properties: { slug: 'a'.repeat(21) } }, '20 characters'],
  ])('rejects %s with 422', async (_what, entity, fragment) => {
    const reply = await upsertOne(entity);
    expect(reply.status).toBe(422);
    expect(reply.body.ok).toBe(false);
    expect(reply.body.message).toContain(fragment);
    expect(h.sandbox.store.entities('service').size).toBe(0);
  });

  it('accepts valid values of every type', async () => {
    const reply = await upsertOne({
      properties: {
        tier: 'gold',
        releasedAt: '2026-01-01T10:00:00.000Z',
        repoUrl: 'https://gitlab.example.com/a/b',
        owner: 'team@example.com',
        cost: 0,
        isRunning: false,
        labels: { a: 1 },
        missingTags: ['team'],
        slug: 'check-out',
      },
    });
    expect(reply.status).toBe(201);
  });

  it('enforces required properties, also against the merged result', async () => {
    h.sandbox.store.blueprints.get('service')!.schema.required = ['tier'];
    expect((await upsertOne({ properties: { cost: 1 } })).body.message).toContain('required property "tier"');
    expect((await upsertOne({ properties: { tier: 'gold' } })).status).toBe(201);
    expect((await upsertOne({ properties: { cost: 2 } }, { merge: true })).status).toBe(201);
    const cleared = await upsertOne({ properties: { tier: null } }, { merge: true });
    expect(cleared.status).toBe(422);
  });

  it('reports a validation failure per entity in a bulk request', async () => {
    const reply = await h.call(
      'POST',
      bulk('service'),
      { entities: [{ identifier: 'a' }, { identifier: 'b', properties: { colour: 'red' } }] },
      { upsert: true },
    );
    expect(reply.status).toBe(207);
    expect(reply.body.errors).toEqual([expect.objectContaining({ identifier: 'b', index: 1, statusCode: 422 })]);
  });
});

describe('identifiers', () => {
  it.each(['has space', '..', '.', 'a'.repeat(1001), 'semi;colon'])('rejects identifier %j as a route-schema error', async (identifier) => {
    const reply = await h.call('POST', '/v1/blueprints/service/entities', { identifier }, { upsert: true });
    expect(reply.status).toBe(422);
    expect(reply.body.message).toContain("The json provided does not match the route's schema");
  });

  it.each(['arn:aws:ec2:eu-west-1:1:instance/i-1', "o'brien", 'ünïcödé', 'a.b', 'x@y+z=w'])('accepts identifier %j', async (identifier) => {
    expect((await h.call('POST', '/v1/blueprints/service/entities', { identifier }, { upsert: true })).status).toBe(201);
  });
});

describe('relations', () => {
  it('answers 404 not_found for a missing target and writes nothing', async () => {
    const reply = await upsertOne({ relations: { team: 'ghost' } });
    expect(reply.status).toBe(404);
    expect(reply.body).toMatchObject({ ok: false, error: 'not_found' });
    expect(h.sandbox.store.entities('service').size).toBe(0);
  });

  it('reports a missing target per entity in bulk, and sees targets written earlier in the batch', async () => {
    const reply = await h.call(
      'POST',
      bulk('service'),
      {
        entities: [
          { identifier: 'a' },
          { identifier: 'b', relations: { dependsOn: ['a'] } },
          { identifier: 'c', relations: { dependsOn: ['a', 'zzz'] } },
        ],
      },
      { upsert: true },
    );
    expect(reply.status).toBe(207);
    expect(reply.body.errors).toEqual([expect.objectContaining({ identifier: 'c', index: 2, statusCode: 404, error: 'not_found' })]);
  });

  it('creates missing targets with create_missing_related_entities', async () => {
    const reply = await upsertOne({ relations: { team: 'platform', dependsOn: ['db'] } }, { create_missing_related_entities: true });
    expect(reply.status).toBe(201);
    expect(h.sandbox.store.entities('team').has('platform')).toBe(true);
    expect(h.sandbox.store.entities('service').has('db')).toBe(true);
  });

  it('checks relation cardinality', async () => {
    h.sandbox.store.seedEntity('team', { identifier: 't' });
    expect((await upsertOne({ relations: { team: ['t'] } })).status).toBe(422);
    expect((await upsertOne({ relations: { dependsOn: 'svc' } })).status).toBe(422);
    expect((await upsertOne({ relations: { team: 't', dependsOn: [] } })).status).toBe(201);
  });

  it('enforces required relations', async () => {
    h.sandbox.store.blueprints.get('service')!.relations.team!.required = true;
    expect((await upsertOne({})).body.message).toContain('required relation "team"');
  });
});
