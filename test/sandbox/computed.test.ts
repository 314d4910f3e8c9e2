import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compileConditions } from '../../src/sandbox/search-query.js';
import type { StoredEntity } from '../../src/sandbox/index.js';
import { Harness, seedCatalog } from './support.js';

const NOW = Date.parse('2026-12-05T12:00:00Z');

const entity = (over: Partial<StoredEntity> = {}): StoredEntity => ({
  identifier: 'checkout',
  title: 'Checkout',
  team: ['payments'],
  properties: {
    tier: 'gold',
    cost: 120.5,
    isRunning: true,
    missingTags: ['owner', 'cost-center'],
    releasedAt: '2026-12-04T10:00:00Z',
  },
  relations: { team: 'payments', dependsOn: ['ledger', 'auth'] },
  createdAt: '2026-11-01T00:00:00Z',
  updatedAt: '2026-12-05T11:00:00Z',
  createdBy: 'sync',
  updatedBy: 'sync',
  ...over,
});

const passes = (condition: Record<string, unknown>, e: StoredEntity = entity()) =>
  compileConditions({ combinator: 'and', conditions: [condition] }, 'test', { now: () => NOW })(e, 'service');

describe('scorecard conditions: every operator Port documents for rules', () => {
  it.each([
    // property comparisons
    [{ property: 'tier', operator: '=', value: 'gold' }, true],
    [{ property: 'tier', operator: '=', value: 'silver' }, false],
    [{ property: 'tier', operator: '!=', value: 'silver' }, true],
    [{ property: 'tier', operator: '!=', value: 'gold' }, false],
    [{ property: 'cost', operator: '>', value: 100 }, true],
    [{ property: 'cost', operator: '>', value: 120.5 }, false],
    [{ property: 'cost', operator: '>=', value: 120.5 }, true],
    [{ property: 'cost', operator: '<', value: 120.5 }, false],
    [{ property: 'cost', operator: '<=', value: 120.5 }, true],
    [{ property: 'cost', operator: '<', value: 200 }, true],
    [{ property: 'missing', operator: '>', value: 0 }, false],
    [{ property: 'tier', operator: 'contains', value: 'ol' }, true],
    [{ property: 'tier', operator: 'contains', value: 'x' }, false],
    [{ property: 'missingTags', operator: 'contains', value: 'owner' }, true],
    [{ property: 'tier', operator: 'doesNotContains', value: 'x' }, true],
    [{ property: 'tier', operator: 'doesNotContains', value: 'ol' }, false],
    [{ property: 'tier', operator: 'beginsWith', value: 'go' }, true],
    [{ property: 'tier', operator: 'beginsWith', value: 'ld' }, false],
    [{ property: 'tier', operator: 'doesNotBeginsWith', value: 'ld' }, true],
    [{ property: 'tier', operator: 'doesNotBeginsWith', value: 'go' }, false],
    [{ property: 'tier', operator: 'endsWith', value: 'ld' }, true],
    [{ property: 'tier', operator: 'endsWith', value: 'go' }, false],
    [{ property: 'tier', operator: 'doesNotEndsWith', value: 'go' }, true],
    [{ property: 'tier', operator: 'doesNotEndsWith', value: 'ld' }, false],
    [{ property: 'tier', operator: 'in', value: ['gold', 'silver'] }, true],
    [{ property: 'tier', operator: 'in', value: ['bronze'] }, false],
    [{ property: 'missingTags', operator: 'containsAny', value: ['nope', 'cost-center'] }, true],
    [{ property: 'missingTags', operator: 'containsAny', value: ['nope'] }, false],
    [{ property: 'tier', operator: 'isNotEmpty' }, true],
    [{ property: 'language', operator: 'isNotEmpty' }, false],
    [{ property: 'language', operator: 'isEmpty' }, true],
    [{ property: 'tier', operator: 'isEmpty' }, false],
    [{ property: 'tier', operator: 'isEmpty', not: true }, true],
    [{ property: 'language', operator: 'isNotEmpty', not: true }, true],
    [{ property: 'isRunning', operator: '=', value: true }, true],
    [{ property: 'isRunning', operator: '=', value: false }, false],
    // dates: explicit ranges and presets (NOW is 2026-12-05T12:00Z, releasedAt the day before)
    [{ property: 'releasedAt', operator: 'between', value: { from: '2026-12-01T00:00:00Z', to: '2026-12-31T00:00:00Z' } }, true],
    [{ property: 'releasedAt', operator: 'between', value: { from: '2026-11-01T00:00:00Z', to: '2026-11-30T00:00:00Z' } }, false],
    [{ property: 'releasedAt', operator: 'notBetween', value: { from: '2026-11-01T00:00:00Z', to: '2026-11-30T00:00:00Z' } }, true],
    [{ property: 'releasedAt', operator: 'between', value: { preset: 'lastWeek' } }, true],
    [{ property: 'releasedAt', operator: 'between', value: { preset: 'today' } }, false],
    [{ property: 'releasedAt', operator: '=', value: { preset: 'yesterday' } }, true],
    [{ property: 'releasedAt', operator: 'notBetween', value: { preset: 'lastMonth' } }, false],
    [{ property: 'releasedAt', operator: 'between', value: { preset: 'nextWeek' } }, false],
    // relations
    [{ relation: 'team', operator: '=', value: 'payments' }, true],
    [{ relation: 'team', operator: '!=', value: 'payments' }, false],
    [{ relation: 'team', operator: 'beginsWith', value: 'pay' }, true],
    [{ relation: 'dependsOn', operator: 'contains', value: 'ledger' }, true],
    [{ relation: 'dependsOn', operator: 'in', value: ['auth'] }, true],
    [{ relation: 'dependsOn', operator: 'containsAny', value: ['x', 'y'] }, false],
    [{ relation: 'team', operator: 'isNotEmpty' }, true],
    [{ relation: 'gitlabProject', operator: 'isEmpty' }, true],
    [{ relation: 'gitlabProject', operator: 'isEmpty', not: true }, false],
    // $-meta properties
    [{ property: '$identifier', operator: '=', value: 'checkout' }, true],
    [{ property: '$title', operator: 'beginsWith', value: 'Check' }, true],
    [{ property: '$team', operator: 'in', value: ['payments'] }, true],
    [{ property: '$team', operator: 'contains', value: 'growth' }, false],
    [{ property: '$blueprint', operator: '=', value: 'service' }, true],
    [{ property: '$createdAt', operator: '<', value: '2026-12-01T00:00:00Z' }, true],
    [{ property: '$updatedAt', operator: 'between', value: { preset: 'today' } }, true],
    [{ property: '$icon', operator: 'isEmpty' }, true],
  ])('%j -> %s', (condition, expected) => {
    expect(passes(condition)).toBe(expected);
  });

  it.each([
    ['and: every condition', 'and', false],
    ['or: any condition', 'or', true],
  ])('%s', (_name, combinator, expected) => {
    const query = {
      combinator,
      conditions: [
        { property: 'tier', operator: '=', value: 'gold' },
        { property: 'cost', operator: '>', value: 1000 },
      ],
    };
    expect(compileConditions(query, 'q')(entity(), 'service')).toBe(expected);
  });

  it('refuses an unknown date preset and an unsupported condition by name', () => {
    expect(() => passes({ property: 'releasedAt', operator: 'between', value: { preset: 'lastDecade' } })).toThrow(/lastDecade/);
    expect(() => passes({ property: 'tier', operator: 'matchesRegex', value: '.*' })).toThrow(/not supported/);
  });
});

let h: Harness;
beforeEach(async () => {
  h = await Harness.start({ now: () => NOW });
  seedCatalog(h.sandbox);
});
afterEach(() => h.close());

const level = (title: string) => ({ title, color: 'gold' });
const rule = (identifier: string, lvl: string, conditions: Record<string, unknown>[]) => ({
  identifier,
  title: identifier,
  level: lvl,
  query: { combinator: 'and', conditions },
});

/** Bronze: a tier; Silver: cost known and under 500; Gold: tier gold. */
async function createScorecard(extra: Record<string, unknown> = {}): Promise<void> {
  const reply = await h.call('POST', '/v1/blueprints/service/scorecards', {
    identifier: 'readiness',
    title: 'Readiness',
    levels: ['Basic', 'Bronze', 'Silver', 'Gold'].map(level),
    rules: [
      rule('hasTier', 'Bronze', [{ property: 'tier', operator: 'isNotEmpty' }]),
      rule('costKnown', 'Silver', [{ property: 'cost', operator: 'isNotEmpty' }]),
      rule('costLow', 'Silver', [{ property: 'cost', operator: '<', value: 500 }]),
      rule('isGold', 'Gold', [{ property: 'tier', operator: '=', value: 'gold' }]),
    ],
    ...extra,
  });
  expect(reply.status).toBe(201);
}

const seed = (identifier: string, properties: Record<string, unknown>, relations: Record<string, string | string[]> = {}) =>
  h.sandbox.store.seedEntity('service', { identifier, properties, relations });

async function read(identifier: string, blueprint = 'service') {
  const reply = await h.call('GET', `/v1/blueprints/${blueprint}/entities/${identifier}`);
  expect(reply.status).toBe(200);
  return reply.body.entity;
}

describe('scorecards on entity reads: cumulative levels', () => {
  it.each([
    ['every rule passes', { tier: 'gold', cost: 10 }, 'Gold', []],
    ['Gold rule fails', { tier: 'silver', cost: 10 }, 'Silver', ['isGold']],
    ['a Silver rule fails, Gold passes: stays Bronze', { tier: 'gold', cost: 900 }, 'Bronze', ['costLow']],
    ['both Silver rules fail', { tier: 'bronze' }, 'Bronze', ['costKnown', 'costLow', 'isGold']],
    ['the Bronze rule fails, everything above passes: Basic', { cost: 10, tier: '' }, 'Basic', ['hasTier', 'isGold']],
    ['nothing passes: the first level', {}, 'Basic', ['hasTier', 'costKnown', 'costLow', 'isGold']],
  ])('%s', async (_name, properties, expectedLevel, failing) => {
    await createScorecard();
    seed('svc', properties);
    const { scorecards } = await read('svc');
    expect(scorecards.readiness.level).toBe(expectedLevel);
    expect(
      scorecards.readiness.rules.filter((r: { status: string }) => r.status === 'FAILURE').map((r: { identifier: string }) => r.identifier),
    ).toEqual(failing);
    expect(scorecards.readiness.rules).toHaveLength(4);
    expect(scorecards.readiness.rules[0]).toEqual({
      identifier: 'hasTier',
      status: failing.includes('hasTier') ? 'FAILURE' : 'SUCCESS',
      level: 'Bronze',
    });
  });

  it('levels without rules are reached once the levels below are', async () => {
    await h.call('POST', '/v1/blueprints/service/scorecards', {
      identifier: 'sparse',
      title: 'Sparse',
      levels: ['Basic', 'Bronze', 'Silver', 'Gold'].map(level),
      rules: [rule('hasTier', 'Silver', [{ property: 'tier', operator: 'isNotEmpty' }])],
    });
    seed('with', { tier: 'gold' });
    seed('without', {});
    expect((await read('with')).scorecards.sparse.level).toBe('Gold');
    expect((await read('without')).scorecards.sparse.level).toBe('Bronze');
  });

  it('the filter leaves entities out', async () => {
    await createScorecard({ filter: { combinator: 'and', conditions: [{ property: 'isRunning', operator: '=', value: true }] } });
    seed('running', { tier: 'gold', cost: 1, isRunning: true });
    seed('stopped', { tier: 'gold', cost: 1, isRunning: false });
    expect((await read('running')).scorecards.readiness.level).toBe('Gold');
    expect((await read('stopped')).scorecards).toEqual({});
  });

  it('follows changes: the result is recomputed after a write, and not returned when include leaves it out', async () => {
    await createScorecard();
    seed('svc', { tier: 'gold', cost: 10 });
    expect((await read('svc')).scorecards.readiness.level).toBe('Gold');
    const reply = await h.call('PATCH', '/v1/blueprints/service/entities/svc', { properties: { cost: 900 } });
    expect(reply.status).toBe(200);
    expect((await read('svc')).scorecards.readiness.level).toBe('Bronze');
    const search = await h.call('POST', '/v1/blueprints/service/entities/search', { include: ['$identifier', 'tier'] });
    expect(search.body.entities).toEqual([{ identifier: 'svc', properties: { tier: 'gold' } }]);
  });

  it('searches by scorecard level and by rule status', async () => {
    await createScorecard();
    seed('a', { tier: 'gold', cost: 10 });
    seed('b', { tier: 'silver', cost: 10 });
    seed('c', {});
    const ids = async (rules: unknown[]) =>
      (
        await h.call('POST', '/v1/blueprints/service/entities/search', { query: { combinator: 'and', rules }, include: ['$identifier'] })
      ).body.entities.map((e: { identifier: string }) => e.identifier);
    expect(await ids([{ scorecard: 'readiness', operator: '=', value: 'Silver' }])).toEqual(['b']);
    expect(await ids([{ scorecard: 'readiness', operator: 'in', value: ['Gold', 'Basic'] }])).toEqual(['a', 'c']);
    expect(await ids([{ scorecard: 'readiness', scorecardRule: 'isGold', operator: '=', value: 'FAILURE' }])).toEqual(['b', 'c']);
  });
});

describe('aggregation properties', () => {
  const addTeamAggregations = () =>
    h.sandbox.store.seedBlueprint({
      identifier: 'team',
      title: 'Team',
      schema: { properties: { budget: { type: 'number' } } },
      relations: { lead: { target: 'service', required: false, many: true } },
      aggregationProperties: {
        services: { title: 'Services', target: 'service', calculationSpec: { calculationBy: 'entities', func: 'count' } },
        running: {
          title: 'Running',
          target: 'service',
          calculationSpec: { calculationBy: 'entities', func: 'count' },
          query: { combinator: 'and', rules: [{ property: 'isRunning', operator: '=', value: true }] },
        },
        cost: { title: 'Cost', target: 'service', calculationSpec: { calculationBy: 'property', func: 'sum', property: 'cost' } },
        avgCost: {
          title: 'Avg',
          target: 'service',
          calculationSpec: { calculationBy: 'property', func: 'average', property: 'cost', averageOf: 'total' },
        },
        minCost: { title: 'Min', target: 'service', calculationSpec: { calculationBy: 'property', func: 'min', property: 'cost' } },
        maxCost: { title: 'Max', target: 'service', calculationSpec: { calculationBy: 'property', func: 'max', property: 'cost' } },
        medianCost: {
          title: 'Median',
          target: 'service',
          calculationSpec: { calculationBy: 'property', func: 'median', property: 'cost' },
        },
      },
    });

  it.each([
    [
      'three services, one not running, one without cost',
      'payments',
      { services: 3, running: 2, cost: 30, avgCost: 15, minCost: 10, maxCost: 20, medianCost: 15 },
    ],
    ['no service: count and sum are 0, the rest empty', 'growth', { services: 0, running: 0, cost: 0 }],
    ['one service', 'search', { services: 1, running: 0, cost: 7, avgCost: 7, minCost: 7, maxCost: 7, medianCost: 7 }],
  ])('over related entities pointing at it (%s)', async (_name, team, expected) => {
    addTeamAggregations();
    for (const t of ['payments', 'growth', 'search']) h.sandbox.store.seedEntity('team', { identifier: t });
    seed('a', { cost: 10, isRunning: true }, { team: 'payments' });
    seed('b', { cost: 20, isRunning: true }, { team: 'payments' });
    seed('c', { isRunning: false }, { team: 'payments' });
    seed('d', { cost: 7 }, { team: 'search' });
    expect((await read(team, 'team')).properties).toEqual(expected);
  });

  it('over entities it points at (the other direction), and a median over an even count', async () => {
    addTeamAggregations();
    seed('a', { cost: 10, isRunning: true });
    seed('b', { cost: 20 });
    seed('c', { cost: 40 });
    seed('d', { cost: 100 });
    h.sandbox.store.seedEntity('team', { identifier: 'platform', relations: { lead: ['a', 'b', 'c', 'd'] } });
    const { properties } = await read('platform', 'team');
    expect(properties).toMatchObject({ services: 4, running: 1, cost: 170, avgCost: 42.5, minCost: 10, maxCost: 100, medianCost: 30 });
  });

  it('is recomputed after a write to a related entity, and not before', async () => {
    addTeamAggregations();
    h.sandbox.store.seedEntity('team', { identifier: 'payments' });
    seed('a', { cost: 10 }, { team: 'payments' });
    expect((await read('payments', 'team')).properties.cost).toBe(10);
    const reply = await h.call('PATCH', '/v1/blueprints/service/entities/a', { properties: { cost: 25 } });
    expect(reply.status).toBe(200);
    expect((await read('payments', 'team')).properties.cost).toBe(25);
    const created = await h.call('POST', '/v1/blueprints/service/entities', {
      identifier: 'b',
      properties: { cost: 5 },
      relations: { team: 'payments' },
    });
    expect(created.status).toBe(201);
    expect((await read('payments', 'team')).properties).toMatchObject({ services: 2, cost: 30 });
  });

  it('follows a pathFilter through an intermediate blueprint, and is searchable', async () => {
    h.sandbox.store.seedBlueprint({ identifier: 'domain', title: 'Domain', schema: { properties: {} } });
    h.sandbox.store.seedBlueprint({
      identifier: 'team',
      title: 'Team',
      schema: { properties: {} },
      relations: { domain: { target: 'domain', required: false, many: false } },
    });
    h.sandbox.store.seedBlueprint({
      identifier: 'domain',
      title: 'Domain',
      schema: { properties: {} },
      aggregationProperties: {
        cost: {
          title: 'Cost',
          target: 'service',
          calculationSpec: { calculationBy: 'property', func: 'sum', property: 'cost' },
          pathFilter: [{ fromBlueprint: 'service', path: ['team', 'domain'] }],
        },
      },
    });
    h.sandbox.store.seedEntity('domain', { identifier: 'money' });
    h.sandbox.store.seedEntity('domain', { identifier: 'people' });
    h.sandbox.store.seedEntity('team', { identifier: 'payments', relations: { domain: 'money' } });
    h.sandbox.store.seedEntity('team', { identifier: 'hr', relations: { domain: 'people' } });
    seed('a', { cost: 5 }, { team: 'payments' });
    seed('b', { cost: 6 }, { team: 'payments' });
    seed('c', { cost: 100 }, { team: 'hr' });
    expect((await read('money', 'domain')).properties).toEqual({ cost: 11 });
    const search = await h.call('POST', '/v1/blueprints/domain/entities/search', {
      query: { combinator: 'and', rules: [{ property: 'cost', operator: '>', value: 50 }] },
      include: ['$identifier', 'cost'],
    });
    expect(search.body.entities).toEqual([{ identifier: 'people', properties: { cost: 100 } }]);
  });
});

describe('mirror properties', () => {
  it.each([
    ['a property of the related entity', 'team.budget', 'svc', 1000],
    ['a meta-property', 'team.$title', 'svc', 'Payments'],
    ['two hops', 'team.lead.$identifier', 'svc', undefined],
    ['through a many relation: every value', 'dependsOn.cost', 'svc', [3, 4]],
    ['a missing target leaves it empty', 'team.budget', 'orphan', undefined],
  ])('%s', async (_name, path, id, expected) => {
    h.sandbox.store.seedBlueprint({ identifier: 'team', title: 'Team', schema: { properties: { budget: { type: 'number' } } } });
    h.sandbox.store.seedBlueprint({
      identifier: 'service',
      title: 'Service',
      schema: { properties: { cost: { type: 'number' } } },
      relations: { team: { target: 'team', required: false, many: false }, dependsOn: { target: 'service', required: false, many: true } },
      mirrorProperties: { mirrored: { title: 'Mirrored', path } },
    });
    h.sandbox.store.seedEntity('team', { identifier: 'payments', title: 'Payments', properties: { budget: 1000 } });
    seed('x', { cost: 3 });
    seed('y', { cost: 4 });
    seed('svc', {}, { team: 'payments', dependsOn: ['x', 'y'] });
    seed('orphan', {}, { team: 'gone' });
    expect((await read(id)).properties.mirrored).toEqual(expected);
  });

  it('a scorecard rule reads a mirror property', async () => {
    h.sandbox.store.seedBlueprint({ identifier: 'team', title: 'Team', schema: { properties: { budget: { type: 'number' } } } });
    h.sandbox.store.seedBlueprint({
      identifier: 'service',
      title: 'Service',
      schema: { properties: {} },
      relations: { team: { target: 'team', required: false, many: false } },
      mirrorProperties: { teamBudget: { title: 'Team budget', path: 'team.budget' } },
    });
    h.sandbox.store.seedEntity('team', { identifier: 'rich', properties: { budget: 1000 } });
    h.sandbox.store.seedEntity('team', { identifier: 'poor', properties: { budget: 1 } });
    seed('a', {}, { team: 'rich' });
    seed('b', {}, { team: 'poor' });
    const reply = await h.call('POST', '/v1/blueprints/service/scorecards', {
      identifier: 'funded',
      title: 'Funded',
      levels: [level('Basic'), level('Bronze')],
      rules: [rule('budget', 'Bronze', [{ property: 'teamBudget', operator: '>=', value: 100 }])],
    });
    expect(reply.status).toBe(201);
    expect((await read('a')).scorecards.funded.level).toBe('Bronze');
    expect((await read('b')).scorecards.funded.level).toBe('Basic');
  });
});
