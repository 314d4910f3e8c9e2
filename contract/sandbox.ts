import { randomBytes } from 'node:crypto';
import { createSandbox, type Sandbox } from '../src/sandbox/index.js';
import type { ContractSettings } from './runner.js';

export interface ContractSandbox {
  sandbox: Sandbox;
  settings: Pick<ContractSettings, 'baseUrl' | 'clientId' | 'clientSecret' | 'syncInstance'>;
}

/** Far above the few hundred calls the check makes: it only makes the sandbox send Port's x-ratelimit-* headers. */
const RATE_LIMIT = { limit: 1_000_000, periodSeconds: 300 };

/**
 * An in-process sandbox set up like a real org as far as the cases can tell: one accepted pair of
 * credentials (any pair would leave nothing for the bad-credentials probe to be refused), rate-limit
 * headers, and a team in `_team`, which every org has.
 */
export async function startContractSandbox(): Promise<ContractSandbox> {
  const credentials = { clientId: 'pcs-contract-sandbox', clientSecret: randomBytes(16).toString('hex') };
  const sandbox = createSandbox({ credentials, rateLimit: RATE_LIMIT });
  sandbox.store.seedBlueprint({ identifier: '_team', title: 'Team', schema: { properties: {} } });
  sandbox.store.seedEntity('_team', { identifier: 'platform', title: 'Platform' });
  const baseUrl = await sandbox.start();
  return { sandbox, settings: { baseUrl, ...credentials, syncInstance: 'contract-sandbox' } };
}
