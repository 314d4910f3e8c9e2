import type { ContractCase } from '../case.js';
import { expectThat, judge } from '../check.js';
import { at, seg } from '../probe.js';
import type { Json } from '../scratch.js';
import { dashboardPage, note } from './fixtures.js';
import { accepted, keys } from './helpers.js';

export const pageCases: ContractCase[] = [
  {
    id: 'page-put-replaces',
    async run(ctx) {
      const { scratch, probe } = ctx;
      const id = scratch.id('page-put');
      await probe.ok('POST', '/pages', { body: { ...dashboardPage(id, 'Contract first'), description: 'Dropped by the PUT' } });
      const put = await probe.call('PUT', `/pages/${seg(id)}`, { body: dashboardPage(id, 'Contract second') });
      const page = at((await probe.ok('GET', `/pages/${seg(id)}`)).body, 'page');
      return judge([
        expectThat('PUT status', put.status, 200),
        expectThat('PUT answer fields', keys(put.body), ['identifier', 'ok']),
        expectThat('title after PUT', at(page, 'title'), 'Contract second'),
        expectThat('description left out of the PUT', at(page, 'description') === undefined ? 'absent' : 'present', 'absent'),
      ]);
    },
  },
  {
    id: 'page-widget-checks',
    async run(ctx) {
      const { scratch, probe } = ctx;
      // Each attempt has its own identifier, so a page Port wrongly accepts cannot turn the next into a 409.
      const create = (name: string, children: Json[], columns?: string[]) =>
        probe.call('POST', '/pages', { body: dashboardPage(scratch.id(name), 'Contract widgets', children, columns) });
      const unknownType = await create('widgets-unknown', [{ id: 'pcsOdd', type: 'pcs-contract-no-such-widget' }]);
      const stray = await create('widgets-stray', [note('pcsA')], ['pcsA', 'pcsElsewhere']);
      const twice = await create('widgets-twice', [note('pcsA'), note('pcsA')], ['pcsA']);
      const valid = await create('widgets-valid', [note('pcsA')]);
      return judge([
        expectThat('unknown widget type', unknownType.status, 422),
        expectThat('layout placing a widget that is not a child', stray.status, 422),
        expectThat('two children with one id', twice.status, 422),
        expectThat('a valid dashboard', accepted(valid), 'accepted'),
      ]);
    },
  },
];
