import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Harness, seedCatalog } from './support.js';

let h: Harness;
beforeEach(async () => {
  h = await Harness.start();
  seedCatalog(h.sandbox);
});
afterEach(() => h.close());

const SEARCH = '/v1/blueprints/service/entities/search';
const ids = (reply: { body: { entities: { identifier: string }[] } }) => reply.body.entities.map((e) => e.identifier).sort();

describe('paginated blueprint search', () => {
  it('pages through 2500 entities with limit 1000 and include', async () => {
    for (let i = 0; i < 2500; i += 1) {
      h.sandbox.store.seedEntity('service', {
        identifier: `svc-${String(i).padStart(4, '0')}`,
        title: `S${i}`,
        properties: { tier: 'gold', cost: i },
      });
    }
    const seen: string[] = [];
    const sizes: number[] = [];
    let from: string | undefined;
    do {
      const reply = await h.call('POST', SEARCH, { limit: 1000, include: ['$identifier', 'cost'], ...(from ? { from } : {}) });
      expect(reply.status).toBe(200);
      sizes.push(reply.body.entities.length);
      for (const e of reply.body.entities) {
        expect(Object.keys(e).sort()).toEqual(['identifier', 'properties']);
        expect(Object.keys(e.properties)).toEqual(['cost']);
        seen.push(e.identifier);
      }
      from = reply.body.next;
    } while (from);
    expect(sizes).toEqual([1000, 1000, 500]);
    expect(new Set(seen).size).toBe(2500);
  });

  it('defaults to 200 per page and omits next on the last page', async () => {
    for (let i = 0; i < 201; i += 1) h.sandbox.store.seedEntity('service', { identifier: `s${i}` });
    const first = await h.call('POST', SEARCH, {});
    expect(first.body.entities).toHaveLength(200);
    expect(typeof first.body.next).toBe('string');
    const last = await h.call('POST', SEARCH, { from: first.body.next });
    expect(last.body.entities).toHaveLength(1);
    expect(last.body).not.toHaveProperty('next');
  });

  it('keeps paging correctly when entities are added between pages', async () => {
    for (const id of ['b', 'd', 'f']) h.sandbox.store.seedEntity('service', { identifier: id });
    const first = await h.call('POST', SEARCH, { limit: 2 });
    h.sandbox.store.seedEntity('service', { identifier: 'a' });
    const second = await h.call('POST', SEARCH, { limit: 2, from: first.body.next });
    expect([...ids(first), ...ids(second)]).toEqual(['b', 'd', 'f']);
  });

  it('returns $-meta fields asked for, and drops excluded ones', async () => {
    h.sandbox.store.seedEntity('service', { identifier: 'x', title: 'X', team: ['t1'], properties: { tier: 'gold', cost: 1 } });
    const inc = await h.call('POST', SEARCH, { include: ['$identifier', '$title', '$team', '$updatedAt', 'tier'] });
    expect(inc.body.entities[0]).toEqual({
      identifier: 'x',
      title: 'X',
      team: ['t1'],
      updatedAt: expect.any(String),
      properties: { tier: 'gold' },
    });
    const exc = await h.call('POST', SEARCH, { exclude: ['cost', '$createdAt'] });
    expect(exc.body.entities[0].properties).toEqual({ tier: 'gold' });
    expect(exc.body.entities[0]).not.toHaveProperty('createdAt');
  });

  it('refuses a limit over 1000, an unknown body key and a foreign cursor', async () => {
    expect((await h.call('POST', SEARCH, { limit: 1001 })).status).toBe(422);
    expect((await h.call('POST', SEARCH, { size: 10 })).status).toBe(422);
    expect((await h.call('POST', SEARCH, { from: 'bogus' })).status).toBe(422);
  });
});

describe('query rules', () => {
  beforeEach(() => {
    const s = h.sandbox.store;
    s.seedEntity('service', {
      identifier: 'api-a',
      title: 'Alpha',
      team: ['payments'],
      properties: { tier: 'gold', cost: 10, language: 'go', missingTags: [] },
    });
    s.seedEntity('service', {
      identifier: 'api-b',
      title: 'Beta',
      team: ['search'],
      properties: { tier: 'silver', cost: 20, language: 'typescript', missingTags: ['env'] },
    });
    s.seedEntity('service', { identifier: 'web-c', title: 'Gamma', properties: { tier: 'bronze', cost: 30 } });
  });
  const search = (rules: unknown[], combinator = 'and') => h.call('POST', SEARCH, { query: { combinator, rules } });

  it.each([
    [[{ property: 'tier', operator: '=', value: 'gold' }], ['api-a']],
    [[{ property: 'tier', operator: '!=', value: 'gold' }], ['api-b', 'web-c']],
    [[{ property: 'tier', operator: 'in', value: ['gold', 'bronze'] }], ['api-a', 'web-c']],
    [[{ property: 'tier', operator: 'notIn', value: ['gold', 'bronze'] }], ['api-b']],
    [[{ property: 'language', operator: 'contains', value: 'script' }], ['api-b']],
    [[{ property: '$identifier', operator: 'beginsWith', value: 'api-' }], ['api-a', 'api-b']],
    [[{ property: 'language', operator: 'isEmpty' }], ['web-c']],
    [[{ property: 'missingTags', operator: 'isNotEmpty' }], ['api-b']],
    [[{ property: '$title', operator: '=', value: 'Gamma' }], ['web-c']],
    [[{ property: '$team', operator: 'in', value: ['search'] }], ['api-b']],
    [[{ property: 'cost', operator: '>=', value: 20 }], ['api-b', 'web-c']],
    [
      [
        { property: '$blueprint', operator: '=', value: 'service' },
        {
          combinator: 'or',
          rules: [
            { property: 'tier', operator: '=', value: 'gold' },
            { property: 'cost', operator: '=', value: 30 },
          ],
        },
      ],
      ['api-a', 'web-c'],
    ],
  ])('rules %j match %j', async (rules, expected) => {
    const reply = await search(rules);
    expect(reply.status).toBe(200);
    expect(ids(reply)).toEqual(expected);
  });

  it('matches $datasource against the writer User-Agent', async () => {
    await h.call('POST', '/v1/blueprints/service/entities', { identifier: 'written' }, { upsert: true });
    const reply = await search([{ property: '$datasource', operator: 'beginsWith', value: 'port-catalog-sync/' }]);
    expect(ids(reply)).toEqual(['written']);
  });

  it('refuses malformed queries and operators it does not implement', async () => {
    expect((await h.call('POST', SEARCH, { query: { rules: [] } })).status).toBe(422);
    expect((await search([{ property: 'tier', operator: 'in', value: 'gold' }])).status).toBe(422);
    const unsupported = await search([{ operator: 'relatedTo', blueprint: 'team', value: 'x' }]);
    expect(unsupported.status).toBe(422);
    expect(unsupported.body.message).toContain('not supported by the sandbox');
  });
});

describe('cross-blueprint search', () => {
  it('searches the blueprints named by a $blueprint rule, with include paths', async () => {
    h.sandbox.store.seedEntity('team', { identifier: 'payments' });
    h.sandbox.store.seedEntity('service', { identifier: 'svc', properties: { tier: 'gold' } });
    const reply = await h.call(
      'POST',
      '/v1/entities/search',
      { combinator: 'and', rules: [{ property: '$blueprint', operator: 'in', value: ['team', 'service'] }] },
      { include: ['identifier', 'blueprint'] },
    );
    expect(reply.status).toBe(200);
    expect(reply.body.matchingBlueprints).toEqual(['team', 'service']);
    expect(reply.body.entities).toEqual([
      { identifier: 'payments', blueprint: 'team' },
      { identifier: 'svc', blueprint: 'service' },
    ]);
  });

  it('refuses a query without a $blueprint rule', async () => {
    const reply = await h.call('POST', '/v1/entities/search', {
      combinator: 'and',
      rules: [{ property: '$identifier', operator: '=', value: 'x' }],
    });
    expect(reply.status).toBe(422);
  });
});
