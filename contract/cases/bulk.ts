import type { ContractCase } from '../case.js';
import { expectThat, judge, show } from '../check.js';
import { at, bulkErrors, list, statusCode, type Observed } from '../probe.js';
import { bulkPath, bulkSummary, entityPath, validateBulk } from './helpers.js';

const okAndCount = (o: Observed) => `${o.status} ok=${show(at(o.body, 'ok'))} entities=${list(at(o.body, 'entities')).length}`;

/** Per-entity successes as `index:created|updated`. */
const written = (o: Observed) =>
  list(at(o.body, 'entities')).map((e) => `${show(at(e, 'index'))}:${at(e, 'created') === true ? 'created' : 'updated'}`);

export const bulkCases: ContractCase[] = [
  {
    id: 'bulk-all-failed-207',
    async run(ctx) {
      const { scratch } = ctx;
      const bad = (n: number) => ({ identifier: scratch.id(`all-failed-${n}`), properties: { count: 'not a number' } });
      const all = await validateBulk(ctx, scratch.main, [bad(1), bad(2)]);
      const some = await validateBulk(ctx, scratch.main, [{ identifier: scratch.id('some-failed') }, bad(3)]);
      return judge([
        expectThat('every entity failing', okAndCount(all), '207 ok=false entities=0'),
        expectThat('one of two failing', okAndCount(some), '207 ok=false entities=1'),
      ]);
    },
  },
  {
    id: 'bulk-duplicates-sequential',
    async run(ctx) {
      const { scratch, probe } = ctx;
      // Real writes: validation_only stores nothing, so a second write could not see the first.
      const twice = scratch.id('dup-upsert');
      const upsert = await probe.call('POST', bulkPath(scratch.main), {
        query: { upsert: true },
        body: {
          entities: [
            { identifier: twice, title: 'first' },
            { identifier: twice, title: 'second' },
          ],
        },
      });
      const stored = await probe.call('GET', entityPath(scratch.main, twice));
      const created = scratch.id('dup-create');
      const create = await probe.call('POST', bulkPath(scratch.main), {
        query: { upsert: false },
        body: { entities: [{ identifier: created }, { identifier: created }] },
      });
      return judge([
        expectThat('upsert=true, same identifier twice', `${upsert.status} [${written(upsert).join(', ')}]`, '200 [0:created, 1:updated]'),
        expectThat('title stored', stored.status === 200 ? at(stored.body, 'entity.title') : statusCode(stored), 'second'),
        expectThat(
          'upsert=false, same identifier twice',
          `${create.status} [${written(create).join(', ')}] [${bulkErrors(create).join(', ')}]`,
          '207 [0:created] [1:409 identifier_taken]',
        ),
      ]);
    },
  },
  {
    id: 'bulk-item-schema-whole-request',
    async run(ctx) {
      const { scratch } = ctx;
      const good = { identifier: scratch.id('item-ok') };
      const badIdentifier = await validateBulk(ctx, scratch.main, [good, { identifier: scratch.id('has spaces in it') }]);
      const badRelation = await validateBulk(ctx, scratch.main, [
        good,
        { identifier: scratch.id('bad-relation'), relations: { single: 5 } },
      ]);
      return judge([
        expectThat('identifier with spaces in item 1', bulkSummary(badIdentifier), '422 invalid_request'),
        expectThat('relation value 5 in item 1', bulkSummary(badRelation), '422 invalid_request'),
      ]);
    },
  },
];
