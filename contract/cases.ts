import type { ContractCase } from './case.js';
import { blueprintCases } from './cases/blueprints.js';
import { bulkCases } from './cases/bulk.js';
import { computedCases } from './cases/computed.js';
import { conflictCases } from './cases/conflicts.js';
import { deleteCases } from './cases/deletes.js';
import { entityCases } from './cases/entities.js';
import { pageCases } from './cases/pages.js';
import { scorecardCases } from './cases/scorecards.js';
import { searchCases } from './cases/search.js';
import { transportCases } from './cases/transport.js';

/** One case per SANDBOX_ASSUMPTIONS id (test/contract.test.ts holds the two lists together). */
export const CONTRACT_CASES: readonly ContractCase[] = [
  ...entityCases,
  ...bulkCases,
  ...deleteCases,
  ...conflictCases,
  ...blueprintCases,
  ...searchCases,
  ...scorecardCases,
  ...computedCases,
  ...pageCases,
  ...transportCases,
];
