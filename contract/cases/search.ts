import type { ContractCase } from '../case.js';
import { expectThat, judge, SetupError } from '../check.js';
import { at, statusCode } from '../probe.js';
import { bulkPath, countOf, query, searchPath } from './helpers.js';

/** One past the blueprint-scoped search's default page of 200 (PORT-API.md 2.7), so a hidden default page would show. */
const SEARCH_ENTITIES = 201;
/** Port's bulk upsert takes at most 20 entities (PORT-API.md 2.4). */
const BULK_MAX = 20;

export const searchCases: ContractCase[] = [
  {
    id: 'search-cursor-422',
    async run(ctx) {
      const { scratch, probe } = ctx;
      const res = await probe.call('POST', searchPath(scratch.main), { body: { limit: 1, from: scratch.id('not-a-cursor') } });
      return judge([expectThat('from: a cursor never issued', statusCode(res), '422 invalid_request')]);
    },
  },
  {
    id: 'cross-search-unpaginated',
    async run(ctx) {
      const { scratch, probe } = ctx;
      const bp = await scratch.blueprint('many', { schema: { properties: {} } });
      const ids = Array.from({ length: SEARCH_ENTITIES }, (_, i) => scratch.id(`many-${String(i).padStart(3, '0')}`));
      for (let i = 0; i < ids.length; i += BULK_MAX) {
        const entities = ids.slice(i, i + BULK_MAX).map((identifier) => ({ identifier }));
        const res = await probe.ok('POST', bulkPath(bp), { query: { upsert: true }, body: { entities } });
        if (res.status !== 200) throw new SetupError(`bulk upsert of search fixtures answered ${res.status}`);
      }
      const res = await probe.call('POST', '/entities/search', { body: query(['$blueprint', '=', bp]) });
      return judge([
        expectThat(`entities of ${SEARCH_ENTITIES} in one answer`, countOf(res), SEARCH_ENTITIES),
        expectThat('next cursor', at(res.body, 'next') === undefined ? 'absent' : 'present', 'absent'),
      ]);
    },
  },
  {
    id: 'cross-search-needs-blueprint',
    async run(ctx) {
      const { scratch, probe } = ctx;
      const without = await probe.call('POST', '/entities/search', { body: query(['$identifier', '=', scratch.targetEntity]) });
      const withRule = await probe.call('POST', '/entities/search', {
        body: query(['$blueprint', '=', scratch.target], ['$identifier', '=', scratch.targetEntity]),
      });
      return judge([
        expectThat('no $blueprint rule', without.status, 422),
        expectThat('with a $blueprint rule: matches', countOf(withRule), 1),
      ]);
    },
  },
];
