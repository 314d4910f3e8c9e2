import type { ContractCase } from '../case.js';
import { expectThat, judge } from '../check.js';
import { at, list, statusCode, type Observed } from '../probe.js';
import { blueprintPath, bulkDeletePath, entityPath, settle } from './helpers.js';

const deleted = (o: Observed) => `${statusCode(o)} [${list(at(o.body, 'deletedEntities')).map(String).sort().join(', ')}]`;

export const deleteCases: ContractCase[] = [
  {
    id: 'has-dependents-409',
    async run(ctx) {
      const { scratch, probe } = ctx;
      const target = scratch.id('dep-target');
      await scratch.entity(scratch.target, { identifier: target });
      await scratch.entity(scratch.main, { identifier: scratch.id('dep-main'), relations: { single: target } });
      const single = await probe.call('DELETE', entityPath(scratch.target, target), { query: { delete_dependents: false } });
      const bulk = await probe.call('POST', bulkDeletePath(scratch.target), {
        query: { delete_dependents: false },
        body: { entities: [target] },
      });
      // A blueprint of its own, so a Port that did delete it would not take the shared ones along.
      const occupied = await scratch.blueprint('occupied', { schema: { properties: {} } });
      await scratch.entity(occupied, { identifier: scratch.id('occupant') });
      const blueprint = await probe.call('DELETE', blueprintPath(occupied));
      const after = await probe.call('GET', entityPath(scratch.target, target));
      return judge([
        expectThat('entity delete', statusCode(single), '409 has_dependents'),
        expectThat('bulk delete', statusCode(bulk), '409 has_dependents'),
        expectThat('blueprint delete with entities', statusCode(blueprint), '409 has_dependents'),
        expectThat('entity after the refusals', after.status, 200),
      ]);
    },
  },
  {
    id: 'delete-dependents-transitive',
    async run(ctx) {
      const { scratch, probe } = ctx;
      const [a, b, c] = [scratch.id('chain-a'), scratch.id('chain-b'), scratch.id('chain-c')];
      await scratch.entity(scratch.target, { identifier: a });
      await scratch.entity(scratch.target, { identifier: b, relations: { peer: a } });
      await scratch.entity(scratch.main, { identifier: c, relations: { single: b } });
      await probe.ok('DELETE', entityPath(scratch.target, a), { query: { delete_dependents: true } });
      const status = (bp: string, id: string) =>
        settle(async () => (await probe.call('GET', entityPath(bp, id))).status, 404, ctx.patience);
      return judge([
        expectThat('direct dependent', await status(scratch.target, b), 404),
        expectThat('dependent of the dependent', await status(scratch.main, c), 404),
      ]);
    },
  },
  {
    id: 'bulk-delete-missing-skipped',
    async run(ctx) {
      const { scratch, probe } = ctx;
      const present = scratch.id('bd-present');
      await scratch.entity(scratch.target, { identifier: present });
      const res = await probe.call('POST', bulkDeletePath(scratch.target), {
        query: { delete_dependents: false },
        body: { entities: [present, scratch.id('bd-never-created')] },
      });
      return judge([expectThat('one present, one unknown', deleted(res), `200 [${present}]`)]);
    },
  },
  {
    id: 'bulk-delete-dependents-in-batch',
    async run(ctx) {
      const { scratch, probe } = ctx;
      const [p, q, r] = [scratch.id('batch-p'), scratch.id('batch-q'), scratch.id('batch-r')];
      await scratch.entity(scratch.target, { identifier: p });
      await scratch.entity(scratch.target, { identifier: q, relations: { peer: p } });
      await scratch.entity(scratch.target, { identifier: r });
      await scratch.entity(scratch.target, { identifier: scratch.id('batch-s'), relations: { peer: r } });
      const together = await probe.call('POST', bulkDeletePath(scratch.target), {
        query: { delete_dependents: false },
        body: { entities: [p, q] },
      });
      // The control: the same shape with the dependent left out must be refused, or nothing blocks at all.
      const alone = await probe.call('POST', bulkDeletePath(scratch.target), {
        query: { delete_dependents: false },
        body: { entities: [r] },
      });
      return judge([
        expectThat('dependent inside the batch', deleted(together), `200 [${[p, q].sort().join(', ')}]`),
        expectThat('dependent outside the batch', statusCode(alone), '409 has_dependents'),
      ]);
    },
  },
];
