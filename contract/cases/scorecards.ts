import type { ContractCase } from '../case.js';
import { expectThat, judge } from '../check.js';
import { at, list } from '../probe.js';
import type { Json } from '../scratch.js';
import { scorecardBody, VALID_CONDITIONS } from './fixtures.js';
import { accepted, scorecardsPath } from './helpers.js';

export const scorecardCases: ContractCase[] = [
  {
    id: 'scorecard-references-checked',
    async run(ctx) {
      const { scratch, probe } = ctx;
      const attempt = (name: string, conditions: Json[]) =>
        probe.call('POST', scorecardsPath(scratch.main), { body: scorecardBody(scratch.id(name), conditions) });
      const property = await attempt('sc-no-property', [{ property: 'pcsUndefined', operator: '=', value: 'x' }]);
      const relation = await attempt('sc-no-relation', [{ relation: 'pcsUndefined', operator: 'isNotEmpty' }]);
      const operator = await attempt('sc-bad-operator', [{ relation: 'single', operator: 'between', value: { preset: 'lastWeek' } }]);
      // The control: the same body naming what exists must pass, or every refusal above is noise.
      const valid = await attempt('sc-valid', VALID_CONDITIONS);
      return judge([
        expectThat('unknown property', property.status, 422),
        expectThat('unknown relation', relation.status, 422),
        expectThat('between on a relation', operator.status, 422),
        expectThat('existing property, $team and relation', accepted(valid), 'accepted'),
      ]);
    },
  },
  {
    id: 'scorecards-put-upserts',
    async run(ctx) {
      const { scratch, probe } = ctx;
      const kept = scratch.id('sc-kept');
      const named = scratch.id('sc-put');
      await probe.ok('POST', scorecardsPath(scratch.main), { body: scorecardBody(kept, VALID_CONDITIONS) });
      const put = await probe.call('PUT', scorecardsPath(scratch.main), { body: [scorecardBody(named, VALID_CONDITIONS)] });
      const listed = await probe.ok('GET', scorecardsPath(scratch.main));
      const ids = list(at(listed.body, 'scorecards')).map((s) => at(s, 'identifier'));
      return judge([
        expectThat(
          'PUT [one new scorecard]',
          `${put.status} scorecards=${Array.isArray(at(put.body, 'scorecards')) ? 'list' : 'absent'}`,
          '200 scorecards=list',
        ),
        expectThat('the one named', ids.includes(named) ? 'present' : 'absent', 'present'),
        expectThat('the one not named', ids.includes(kept) ? 'kept' : 'removed', 'kept'),
      ]);
    },
  },
];
