import type { ContractCase } from '../case.js';
import { expectThat, judge } from '../check.js';
import { statusCode } from '../probe.js';
import { dashboardPage, scorecardBody, VALID_CONDITIONS } from './fixtures.js';
import { bulkPath, bulkSummary, entitiesPath, scorecardsPath } from './helpers.js';

export const conflictCases: ContractCase[] = [
  {
    id: 'conflict-409-identifier-taken',
    async run(ctx) {
      const { scratch, probe } = ctx;
      // The 409 needs the identifier to exist, so each second create follows a real first one.
      const entity = scratch.id('conflict');
      await scratch.entity(scratch.main, { identifier: entity });
      const single = await probe.call('POST', entitiesPath(scratch.main), { query: { upsert: false }, body: { identifier: entity } });
      const bulk = await probe.call('POST', bulkPath(scratch.main), {
        query: { upsert: false },
        body: { entities: [{ identifier: entity }] },
      });
      // The target's own definition: harmless even if Port took the create for a replace.
      const blueprint = await probe.call('POST', '/blueprints', { query: { create_catalog_page: false }, body: scratch.targetBody() });
      const scorecard = scorecardBody(scratch.id('sc-conflict'), VALID_CONDITIONS);
      await probe.ok('POST', scorecardsPath(scratch.main), { body: scorecard });
      const secondScorecard = await probe.call('POST', scorecardsPath(scratch.main), { body: scorecard });
      const page = dashboardPage(scratch.id('page-conflict'), 'Contract conflict');
      await probe.ok('POST', '/pages', { body: page });
      const secondPage = await probe.call('POST', '/pages', { body: page });
      return judge([
        expectThat('entity', statusCode(single), '409 identifier_taken'),
        expectThat('bulk', bulkSummary(bulk), '207 [0:409 identifier_taken]'),
        expectThat('blueprint', statusCode(blueprint), '409 identifier_taken'),
        expectThat('scorecard', statusCode(secondScorecard), '409 identifier_taken'),
        expectThat('page', statusCode(secondPage), '409 identifier_taken'),
      ]);
    },
  },
];
