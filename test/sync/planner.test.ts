import { describe, expect, it } from 'vitest';
import type { DesiredEntity } from '../../src/catalog/types.js';
import { drive } from '../../src/domain/index.js';
import { BlueprintPlanner, planSync, type SyncPlanOptions } from '../../src/sync/plan.js';
import type { BlueprintSyncPlan, CurrentEntity } from '../../src/sync/types.js';

const desired = (id: string, region = 'eu-west-1'): DesiredEntity => ({
  blueprint: 'awsResource',
  identifier: id,
  title: id,
  properties: { region },
  relations: { service: 'checkout' },
  scope: 'aws:1:eu-west-1',
  definedBy: 'aws',
  fields: { title: true, team: false, properties: new Set(['region']), relations: new Set(['service']) },
});
const current = (id: string, region = 'eu-west-1', scope = 'aws:1:eu-west-1'): CurrentEntity => ({
  identifier: id,
  title: id,
  properties: { region, syncInstance: 'me', syncScope: scope },
  relations: { service: 'checkout' },
});
const OPTIONS: SyncPlanOptions = {
  syncInstance: 'me',
  completedScopes: new Set(['aws:1:eu-west-1']),
  allSourcesComplete: true,
  blueprints: ['awsResource'],
};

/** Wanted: a (same), b (region changed), c (new); owned: a, b, d (gone, deletable), e (scope not complete: kept). */
const WANTED = new Map(['a', 'b', 'c'].map((id) => [id, desired(id, id === 'b' ? 'us-east-1' : 'eu-west-1')]));
const OWNED = [current('a'), current('b'), current('d'), current('e', 'eu-west-1', 'aws:2:eu-west-1')];

/** The plan's outcome without the order of its lists (a streamed plan follows Port's page order). */
function outcome(plan: BlueprintSyncPlan) {
  const ids = (list: { entity: { identifier: string } }[]) => list.map((w) => w.entity.identifier).sort();
  return {
    creates: ids(plan.creates),
    updates: plan.updates.map((u) => [u.entity.identifier, u.changes]).sort(),
    unchanged: plan.unchanged,
    deletes: [...plan.deletes].sort(),
    kept: [...plan.kept].sort((x, y) => x.identifier.localeCompare(y.identifier)),
    owned: plan.owned,
  };
}

describe('BlueprintPlanner: a plan built while pages are read', () => {
  const whole = planSync(
    { entities: new Map([['awsResource', WANTED]]), findings: [] },
    new Map([['awsResource', new Map(OWNED.map((e) => [e.identifier, e]))]]),
    OPTIONS,
  )[0]!;

  it.each([
    ['in one page', [OWNED]],
    ['a page at a time, reversed', [...OWNED].reverse().map((e) => [e])],
    ['in two pages', [OWNED.slice(0, 3), OWNED.slice(3)]],
  ])('plans the same as planSync over the whole current state, %s', (_, pages) => {
    const planner = new BlueprintPlanner('awsResource', WANTED, OPTIONS);
    for (const page of pages) for (const entity of page) planner.owned(entity);
    expect(outcome(drive(planner.finish()))).toEqual(outcome(whole));
  });

  it('keeps only what differs: one update, one creation, one deletion, one kept, the unchanged counted', () => {
    expect(outcome(whole)).toEqual({
      creates: ['c'],
      updates: [['b', [{ field: 'properties.region', before: 'eu-west-1', after: 'us-east-1' }]]],
      unchanged: 1,
      deletes: ['d'],
      kept: [{ identifier: 'e', reason: 'its scope aws:2:eu-west-1 did not complete in this run' }],
      owned: 4,
    });
  });

  it('makes a creation body each time it is read, from the entity as the catalog has it', () => {
    const planner = new BlueprintPlanner('awsResource', new Map([['c', desired('c')]]), OPTIONS);
    const [creation] = drive(planner.finish()).creates;
    expect(creation?.entity).toEqual({
      identifier: 'c',
      title: 'c',
      properties: { region: 'eu-west-1', syncInstance: 'me', syncScope: 'aws:1:eu-west-1' },
      relations: { service: 'checkout' },
    });
    expect(creation?.entity).not.toBe(creation?.entity);
    expect(creation?.definedBy).toBe('aws');
  });
});
