import type { CaseContext, ContractCase } from '../case.js';
import { expectThat, judge, show } from '../check.js';
import { at } from '../probe.js';
import type { Json } from '../scratch.js';
import { entityPath, scorecardsPath, settle } from './helpers.js';

/*
 * What Port computes on read: scorecard results, mirror and aggregation properties. Port may
 * compute them a moment after the write (aggregations are also recalculated periodically), so
 * every read settles within the check's patience before it is compared.
 */

const DAY_MS = 86_400_000;

/** One rule per condition, all at Bronze, on a new scorecard of the main blueprint. */
async function scorecardWith(ctx: CaseContext, name: string, rules: Record<string, Json>, filter?: Json): Promise<string> {
  const id = ctx.scratch.id(name);
  await ctx.probe.ok('POST', scorecardsPath(ctx.scratch.main), {
    body: {
      identifier: id,
      title: id,
      ...(filter ? { filter } : {}),
      rules: Object.entries(rules).map(([rule, condition]) => ({
        identifier: rule,
        title: rule,
        level: 'Bronze',
        query: { combinator: 'and', conditions: [condition] },
      })),
    },
  });
  return id;
}

/** An entity of the main blueprint, really written (scorecards are computed on stored entities). */
async function mainEntity(ctx: CaseContext, name: string, properties: Json): Promise<string> {
  const id = ctx.scratch.id(name);
  await ctx.scratch.entity(ctx.scratch.main, { identifier: id, properties });
  return id;
}

/** `rule=STATUS` for each rule of one scorecard on one entity, `absent` when the entity has no result for it. */
async function ruleStatuses(ctx: CaseContext, entity: string, scorecard: string): Promise<string> {
  const read = await ctx.probe.call('GET', entityPath(ctx.scratch.main, entity));
  if (read.status !== 200) return `read ${read.status}`;
  const result = at(read.body, `entity.scorecards.${scorecard}`);
  if (result === undefined) return 'absent';
  const rules = at(result, 'rules');
  if (!Array.isArray(rules)) return `no rules: ${show(result)}`;
  return rules.map((r) => `${show(at(r, 'identifier'))}=${show(at(r, 'status'))}`).join(',');
}

const statuses = (ctx: CaseContext, entity: string, scorecard: string, expected: string) =>
  settle(() => ruleStatuses(ctx, entity, scorecard), expected, ctx.patience);

/** Computed properties of an entity, as `name=value` for the names asked. */
async function propertiesOf(ctx: CaseContext, blueprint: string, entity: string, names: string[]): Promise<string> {
  const read = await ctx.probe.call('GET', entityPath(blueprint, entity));
  if (read.status !== 200) return `read ${read.status}`;
  return names.map((n) => `${n}=${show(at(read.body, `entity.properties.${n}`))}`).join(',');
}

/**
 * root -(toB, many)-> b -(toC)-> c, with aggregations on root over b (direct) and c (through b).
 * root1 points at b1 (n 5), which points at c1; root2 points at nothing.
 */
async function aggregationCatalog(ctx: CaseContext, name: string): Promise<{ root: string; root1: string; root2: string }> {
  const { scratch } = ctx;
  const c = await scratch.blueprint(`${name}-c`, { schema: { properties: {} } });
  const b = await scratch.blueprint(`${name}-b`, {
    schema: { properties: { n: { type: 'number' } } },
    relations: { toC: { target: c, required: false, many: false } },
  });
  const count = { calculationBy: 'entities', func: 'count' };
  const root = await scratch.blueprint(`${name}-root`, {
    schema: { properties: {} },
    relations: { toB: { target: b, required: false, many: true } },
    aggregationProperties: {
      bCount: { title: 'b count', target: b, calculationSpec: count },
      cCount: { title: 'c count', target: c, calculationSpec: count },
      nSum: { title: 'n sum', target: b, calculationSpec: { calculationBy: 'property', func: 'sum', property: 'n' } },
      nMin: { title: 'n min', target: b, calculationSpec: { calculationBy: 'property', func: 'min', property: 'n' } },
    },
  });
  await scratch.entity(c, { identifier: scratch.id(`${name}-c1`) });
  await scratch.entity(b, { identifier: scratch.id(`${name}-b1`), properties: { n: 5 }, relations: { toC: scratch.id(`${name}-c1`) } });
  const root1 = scratch.id(`${name}-r1`);
  const root2 = scratch.id(`${name}-r2`);
  await scratch.entity(root, { identifier: root1, relations: { toB: [scratch.id(`${name}-b1`)] } });
  await scratch.entity(root, { identifier: root2 });
  return { root, root1, root2 };
}

export const computedCases: ContractCase[] = [
  {
    id: 'scorecard-rule-status',
    async run(ctx) {
      const scorecard = await scorecardWith(ctx, 'sc-status', { countAtLeastOne: { property: 'count', operator: '>=', value: 1 } });
      const passing = await mainEntity(ctx, 'sc-status-pass', { count: 5 });
      const failing = await mainEntity(ctx, 'sc-status-fail', { count: 0 });
      return judge([
        expectThat('count 5', await statuses(ctx, passing, scorecard, 'countAtLeastOne=SUCCESS'), 'countAtLeastOne=SUCCESS'),
        expectThat('count 0', await statuses(ctx, failing, scorecard, 'countAtLeastOne=FAILURE'), 'countAtLeastOne=FAILURE'),
      ]);
    },
  },
  {
    id: 'scorecard-filtered-absent',
    async run(ctx) {
      const filter = { combinator: 'and', conditions: [{ property: 'count', operator: '>=', value: 1 }] };
      const scorecard = await scorecardWith(ctx, 'sc-filter', { enabled: { property: 'enabled', operator: '=', value: true } }, filter);
      const inside = await mainEntity(ctx, 'sc-filter-in', { count: 5, enabled: true });
      const outside = await mainEntity(ctx, 'sc-filter-out', { count: 0, enabled: true });
      // The control first: the entity the filter keeps has a result, so the other's absence is the filter's doing.
      return judge([
        expectThat('kept by the filter', await statuses(ctx, inside, scorecard, 'enabled=SUCCESS'), 'enabled=SUCCESS'),
        expectThat('left out by the filter', await ruleStatuses(ctx, outside, scorecard), 'absent'),
      ]);
    },
  },
  {
    id: 'condition-not-negates',
    async run(ctx) {
      const scorecard = await scorecardWith(ctx, 'sc-not', { notEmpty: { property: 'stage', operator: 'isEmpty', not: true } });
      const withStage = await mainEntity(ctx, 'sc-not-stage', { stage: 'dev' });
      const without = await mainEntity(ctx, 'sc-not-none', {});
      return judge([
        expectThat('isEmpty not:true, stage dev', await statuses(ctx, withStage, scorecard, 'notEmpty=SUCCESS'), 'notEmpty=SUCCESS'),
        expectThat('isEmpty not:true, no stage', await statuses(ctx, without, scorecard, 'notEmpty=FAILURE'), 'notEmpty=FAILURE'),
      ]);
    },
  },
  {
    id: 'date-presets-rolling-utc',
    async run(ctx) {
      const scorecard = await scorecardWith(ctx, 'sc-preset', {
        lastWeek: { property: 'seenAt', operator: 'between', value: { preset: 'lastWeek' } },
      });
      const now = Date.now();
      const recent = await mainEntity(ctx, 'sc-preset-recent', { seenAt: new Date(now - 6.5 * DAY_MS).toISOString() });
      const old = await mainEntity(ctx, 'sc-preset-old', { seenAt: new Date(now - 8 * DAY_MS).toISOString() });
      return judge([
        expectThat('lastWeek, 6.5 days ago', await statuses(ctx, recent, scorecard, 'lastWeek=SUCCESS'), 'lastWeek=SUCCESS'),
        expectThat('lastWeek, 8 days ago', await statuses(ctx, old, scorecard, 'lastWeek=FAILURE'), 'lastWeek=FAILURE'),
      ]);
    },
  },
  {
    id: 'computed-in-properties',
    async run(ctx) {
      const { scratch } = ctx;
      const bp = await scratch.blueprint('mirror-in', {
        schema: { properties: {} },
        relations: { single: { target: scratch.target, required: false, many: false } },
        mirrorProperties: { targetName: { title: 'Target name', path: 'single.name' } },
      });
      const id = scratch.id('mirror-in-e');
      await scratch.entity(bp, { identifier: id, relations: { single: scratch.targetEntity } });
      const expected = 'targetName=zero';
      return judge([
        expectThat(
          'mirror of the target name',
          await settle(() => propertiesOf(ctx, bp, id, ['targetName']), expected, ctx.patience),
          expected,
        ),
      ]);
    },
  },
  {
    id: 'mirror-many-as-list',
    async run(ctx) {
      const { scratch } = ctx;
      const second = scratch.id('mirror-t1');
      await scratch.entity(scratch.target, { identifier: second, properties: { name: 'one' } });
      const bp = await scratch.blueprint('mirror-many', {
        schema: { properties: {} },
        relations: { many: { target: scratch.target, required: false, many: true } },
        mirrorProperties: { names: { title: 'Names', path: 'many.name' } },
      });
      const both = scratch.id('mirror-many-both');
      const none = scratch.id('mirror-many-none');
      await scratch.entity(bp, { identifier: both, relations: { many: [scratch.targetEntity, second] } });
      await scratch.entity(bp, { identifier: none });
      const expected = 'names=["zero","one"]';
      return judge([
        expectThat('two targets', await settle(() => propertiesOf(ctx, bp, both, ['names']), expected, ctx.patience), expected),
        expectThat('no target', await propertiesOf(ctx, bp, none, ['names']), 'names=(absent)'),
      ]);
    },
  },
  {
    id: 'aggregation-direct-paths',
    async run(ctx) {
      const { root, root1 } = await aggregationCatalog(ctx, 'agg-paths');
      // bCount settles first: it shows the aggregations have been computed, so cCount is Port's answer.
      const direct = await settle(() => propertiesOf(ctx, root, root1, ['bCount']), 'bCount=1', ctx.patience);
      return judge([
        expectThat('over a direct relation', direct, 'bCount=1'),
        expectThat('over two relations, no pathFilter', await propertiesOf(ctx, root, root1, ['cCount']), 'cCount=0'),
      ]);
    },
  },
  {
    id: 'aggregation-empty-and-time-averages',
    async run(ctx) {
      const { root, root1, root2 } = await aggregationCatalog(ctx, 'agg-empty');
      const names = ['bCount', 'nSum', 'nMin'];
      const related = await settle(() => propertiesOf(ctx, root, root1, names), 'bCount=1,nSum=5,nMin=5', ctx.patience);
      return judge([
        expectThat('one related entity', related, 'bCount=1,nSum=5,nMin=5'),
        expectThat('none related', await propertiesOf(ctx, root, root2, names), 'bCount=0,nSum=0,nMin=(absent)'),
      ]);
    },
  },
];
