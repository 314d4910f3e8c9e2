import { describe, expect, it } from 'vitest';
import type { Catalog, DesiredEntity } from '../../src/catalog/types.js';
import { sameValue } from '../../src/sync/compare.js';
import { guardDeletions } from '../../src/sync/guard.js';
import { relationOrder } from '../../src/sync/order.js';
import { planSync, type SyncPlanOptions } from '../../src/sync/plan.js';
import type { BlueprintSyncPlan, CurrentEntity } from '../../src/sync/types.js';

const desired = (id: string, over: Partial<DesiredEntity> = {}): DesiredEntity => ({
  blueprint: 'awsResource',
  identifier: id,
  title: id,
  properties: { region: 'eu-west-1' },
  relations: { service: 'checkout' },
  scope: 'aws:1:eu-west-1',
  definedBy: 'aws',
  fields: { title: true, team: false, properties: new Set(['region', 'tags']), relations: new Set(['service']) },
  ...over,
});
const current = (id: string, over: Partial<CurrentEntity> = {}): CurrentEntity => ({
  identifier: id,
  title: id,
  properties: { region: 'eu-west-1', syncInstance: 'me', syncScope: 'aws:1:eu-west-1' },
  relations: { service: 'checkout' },
  ...over,
});
const catalogOf = (...entities: DesiredEntity[]): Catalog => ({
  entities: new Map([['awsResource', new Map(entities.map((e) => [e.identifier, e]))]]),
  findings: [],
});
const options = (over: Partial<SyncPlanOptions> = {}): SyncPlanOptions => ({
  syncInstance: 'me',
  completedScopes: new Set(['aws:1:eu-west-1']),
  allSourcesComplete: true,
  blueprints: ['awsResource'],
  ...over,
});
const plan1 = (catalog: Catalog, owned: CurrentEntity[], over: Partial<SyncPlanOptions> = {}) =>
  planSync(catalog, new Map([['awsResource', new Map(owned.map((e) => [e.identifier, e]))]]), options(over))[0]!;

describe('sameValue', () => {
  it.each([
    [undefined, null, true],
    [null, '', false],
    ['2026-11-01T00:00:00Z', '2026-11-01T00:00:00.000Z', true],
    [['b', 'a'], ['a', 'b'], false],
    [{ a: 1, b: 2 }, { b: 2, a: 1 }, true],
    [12.5, 12.5, true],
    [0, null, false],
  ])('sameValue(%j, %j) is %s', (a, b, expected) => {
    expect(sameValue(a, b)).toBe(expected);
  });
  it('compares many-relations as sets when asked', () => {
    expect(sameValue(['b', 'a'], ['a', 'b'], { unordered: true })).toBe(true);
  });
});

describe('planSync', () => {
  it('creates with the owner keys and no empty relations', () => {
    const p = plan1(catalogOf(desired('a', { relations: { service: 'checkout', team: null } })), []);
    expect(p.creates.map((c) => c.entity)).toEqual([
      {
        identifier: 'a',
        title: 'a',
        properties: { region: 'eu-west-1', syncInstance: 'me', syncScope: 'aws:1:eu-west-1' },
        relations: { service: 'checkout' },
      },
    ]);
  });

  it('leaves an identical entity alone', () => {
    const p = plan1(catalogOf(desired('a')), [current('a')]);
    expect(p).toMatchObject({ creates: [], updates: [], unchanged: 1, deletes: [] });
  });

  it('sends only what changed, clears what disappeared with null, and moves the scope', () => {
    const p = plan1(
      catalogOf(desired('a', { properties: {}, relations: {}, scope: 'aws:1:us-east-1' })),
      [current('a', { properties: { region: 'eu-west-1', tags: { a: 1 }, syncInstance: 'me', syncScope: 'aws:1:eu-west-1' } })],
      {
        completedScopes: new Set(['aws:1:eu-west-1', 'aws:1:us-east-1']),
      },
    );
    expect(p.updates[0]?.entity).toEqual({
      identifier: 'a',
      properties: { region: null, tags: null, syncScope: 'aws:1:us-east-1' },
      relations: { service: null },
    });
  });

  it('compares only the fields this run owns', () => {
    const d = desired('a', {
      properties: { region: 'x', costMonthToDate: 5 },
      fields: { title: false, team: false, properties: new Set(['region']), relations: new Set() },
    });
    const p = plan1(catalogOf(d), [
      current('a', {
        title: 'something else',
        relations: { service: 'other' },
        properties: { region: 'x', costMonthToDate: 1, syncInstance: 'me', syncScope: 'aws:1:eu-west-1' },
      }),
    ]);
    expect(p.unchanged).toBe(1);
  });

  it.each([
    ['a scope that completed', 'aws:1:eu-west-1', true, []],
    ['a scope that failed', 'aws:1:us-east-1', false, ['its scope aws:1:us-east-1 did not complete in this run']],
  ])('deletes an owned entity nobody produced in %s', (_name, scope, deleted, reasons) => {
    const p = plan1(catalogOf(), [current('gone', { properties: { syncInstance: 'me', syncScope: scope } })]);
    expect(p.deletes).toEqual(deleted ? ['gone'] : []);
    expect(p.kept.map((k) => k.reason)).toEqual(reasons);
  });

  it('deletes teams, environments and services only after a complete run of every source', () => {
    const owned = new Map([['team', new Map([['old', current('old', { properties: { syncScope: 'catalog' } })]])]]);
    const run = (allSourcesComplete: boolean) =>
      planSync({ entities: new Map(), findings: [] }, owned, options({ blueprints: ['team'], allSourcesComplete }))[0]!;
    expect(run(true).deletes).toEqual(['old']);
    expect(run(false).deletes).toEqual([]);
    expect(run(false).kept[0]?.reason).toBe('deleted only in a run where every source ran and completed');
  });

  it('keeps a team that what a source which did not run last wrote still names', () => {
    const owned = new Map([
      [
        'team',
        new Map([
          ['old', current('old', { properties: { syncScope: 'catalog' } })],
          ['billed', current('billed', { properties: { syncScope: 'catalog' } })],
        ]),
      ],
    ]);
    const namedElsewhere = new Map([['team', new Map([['billed', 'cost']])]]);
    const p = planSync({ entities: new Map(), findings: [] }, owned, options({ blueprints: ['team'], namedElsewhere }))[0]!;
    expect(p.deletes).toEqual(['old']);
    expect(p.kept).toEqual([{ identifier: 'billed', reason: 'named by what the cost source last wrote (it did not run)' }]);
  });

  it('never deletes run reports', () => {
    const owned = new Map([['syncRun', new Map([['r1', current('r1', { properties: { syncScope: 'run' } })]])]]);
    const p = planSync(
      { entities: new Map(), findings: [] },
      owned,
      options({ blueprints: ['syncRun'], completedScopes: new Set(['run']) }),
    )[0]!;
    expect(p.deletes).toEqual([]);
  });
});

describe('guardDeletions', () => {
  const planWith = (owned: number, deletes: number, blueprint = 'awsResource'): BlueprintSyncPlan => ({
    blueprint,
    creates: [],
    updates: [],
    unchanged: owned - deletes,
    deletes: Array.from({ length: deletes }, (_, i) => `e${i}`),
    kept: [],
    owned,
  });
  it.each([
    // owned, deletes, maxRatio, allowed, refused
    [100, 20, 0.2, false, false],
    [100, 21, 0.2, false, true],
    [10, 5, 0.2, false, false], // five or fewer: never held back
    [10, 6, 0.2, false, true],
    [10, 6, 0.2, true, false],
    [10, 10, 1, false, false],
    [10, 6, 0, false, true],
  ])('owned %i, deleting %i, ratio %f, allowed %s: refused %s', (owned, deletes, maxRatio, allowed, refused) => {
    const { plans, refusals } = guardDeletions([planWith(owned, deletes)], {
      maxRatio,
      allowDeletes: new Set(allowed ? ['awsResource'] : []),
    });
    expect(refusals.length > 0).toBe(refused);
    expect(plans[0]!.deletes).toHaveLength(refused ? 0 : deletes);
    if (refused) expect(plans[0]!.kept).toHaveLength(deletes);
  });
  it('says what it refused, with the numbers', () => {
    const { refusals } = guardDeletions([planWith(30, 20, 'service')], { maxRatio: 0.2, allowDeletes: new Set() });
    expect(refusals[0]?.reason).toBe(
      'would delete 20 of 30 owned entities (66.7%, more than DELETE_MAX_RATIO 20%); nothing of service was deleted. If this is real, run once with --allow-deletes service',
    );
  });
});

describe('relationOrder', () => {
  it('puts targets first and survives a cycle', () => {
    const order = relationOrder(['awsResource', 'service', 'team', 'environment'], {
      awsResource: { service: 'service', team: 'team', environment: 'environment' },
      service: { team: 'team' },
      team: { lead: 'service' },
    });
    expect(order.indexOf('team')).toBeLessThan(order.indexOf('awsResource'));
    expect(order.indexOf('service')).toBeLessThan(order.indexOf('awsResource'));
    expect(order.indexOf('environment')).toBeLessThan(order.indexOf('awsResource'));
    expect(order).toHaveLength(4);
  });
});
