import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Harness, seedCatalog } from './support.js';

let h: Harness;
beforeEach(async () => {
  h = await Harness.start();
  seedCatalog(h.sandbox);
});
afterEach(() => h.close());

const LIST = '/v1/blueprints/service/scorecards';

const rule = (identifier: string, level: string, condition: Record<string, unknown> = { property: 'tier', operator: 'isNotEmpty' }) => ({
  identifier,
  title: identifier,
  level,
  query: { combinator: 'and', conditions: [condition] },
});

const scorecard = (rules: unknown[], extra: Record<string, unknown> = {}) => ({
  identifier: 'platform',
  title: 'Platform currency',
  rules,
  ...extra,
});

describe('scorecard validation', () => {
  it('creates a scorecard with the default levels', async () => {
    const reply = await h.call(
      'POST',
      LIST,
      scorecard([rule('known', 'Bronze'), rule('current', 'Gold', { property: 'tier', operator: '=', value: 'gold' })]),
    );
    expect(reply.status).toBe(201);
    expect(reply.body.scorecard.levels.map((l: { title: string }) => l.title)).toEqual(['Basic', 'Bronze', 'Silver', 'Gold']);
    expect(reply.body.scorecard.blueprint).toBe('service');
  });

  it.each([
    ['a level that is not one of the levels', scorecard([rule('r', 'Platinum')])],
    ['a rule on the first level', scorecard([rule('r', 'Basic')])],
    [
      'a rule on the first custom level',
      scorecard([rule('r', 'Low')], {
        levels: [
          { title: 'Low', color: 'red' },
          { title: 'High', color: 'green' },
        ],
      }),
    ],
    ['a condition on an unknown property', scorecard([rule('r', 'Gold', { property: 'nope', operator: 'isEmpty' })])],
    ['a condition on an unknown relation', scorecard([rule('r', 'Gold', { relation: 'nope', operator: 'isEmpty' })])],
    [
      'an operator a relation does not take',
      scorecard([rule('r', 'Gold', { relation: 'team', operator: 'between', value: { preset: 'today' } })]),
    ],
    ['a rule without conditions', scorecard([{ ...rule('r', 'Gold'), query: { combinator: 'and', conditions: [] } }])],
    ['an unknown top-level key', scorecard([rule('r', 'Gold')], { weight: 3 })],
    [
      'an unknown level color',
      scorecard([rule('r', 'High')], {
        levels: [
          { title: 'Low', color: 'red' },
          { title: 'High', color: 'mauve' },
        ],
      }),
    ],
    ['a duplicate rule identifier', scorecard([rule('r', 'Gold'), rule('r', 'Silver')])],
  ])('refuses %s with 422', async (_what, body) => {
    const reply = await h.call('POST', LIST, body);
    expect(reply.status).toBe(422);
    expect(h.sandbox.store.scorecards.get('service')?.size ?? 0).toBe(0);
  });

  it('accepts $-meta properties in conditions', async () => {
    expect((await h.call('POST', LIST, scorecard([rule('owned', 'Gold', { property: '$team', operator: 'isNotEmpty' })]))).status).toBe(
      201,
    );
  });
});

describe('scorecard routes', () => {
  it('lists, gets, replaces and deletes', async () => {
    await h.call('POST', LIST, scorecard([rule('known', 'Bronze')]));
    expect((await h.call('POST', LIST, scorecard([rule('known', 'Bronze')]))).status).toBe(409);
    expect((await h.call('GET', LIST)).body.scorecards).toHaveLength(1);
    expect((await h.call('GET', `${LIST}/platform`)).body.scorecard.identifier).toBe('platform');

    const put = await h.call('PUT', `${LIST}/platform`, { title: 'Renamed', rules: [rule('gold', 'Gold')] });
    expect(put.status).toBe(200);
    expect(put.body.scorecard).toMatchObject({ title: 'Renamed', rules: [expect.objectContaining({ identifier: 'gold' })] });

    const all = await h.call('GET', '/v1/scorecards');
    expect(all.body.scorecards.map((s: { identifier: string }) => s.identifier)).toEqual(['platform']);
    expect((await h.call('DELETE', `${LIST}/platform`)).status).toBe(200);
    expect((await h.call('GET', `${LIST}/platform`)).status).toBe(404);
  });

  it('PUT of an array upserts every scorecard, or none if one is invalid', async () => {
    const second = { ...scorecard([rule('r', 'Gold')]), identifier: 'second' };
    const bad = await h.call('PUT', LIST, [scorecard([rule('r', 'Gold')]), { ...second, rules: [rule('r', 'Basic')] }]);
    expect(bad.status).toBe(422);
    expect(h.sandbox.store.scorecards.get('service')?.size ?? 0).toBe(0);
    const ok = await h.call('PUT', LIST, [scorecard([rule('r', 'Gold')]), second]);
    expect(ok.status).toBe(200);
    expect(ok.body.scorecards).toHaveLength(2);
  });
});
