import type { Outcome } from './check.js';
import type { Probe } from './probe.js';
import type { Scratch } from './scratch.js';

export interface CaseContext {
  probe: Probe;
  scratch: Scratch;
  /** The User-Agent every write carries, which Port may record as $datasource. */
  userAgent: string;
  credentials: { clientId: string; clientSecret: string };
  /** How long the token probe waits between two token requests. */
  tokenWaitMs: number;
  /** Re-reads allowed for effects Port may apply a moment after answering (deletes). */
  patience: Patience;
}

export interface Patience {
  attempts: number;
  waitMs: number;
}

/** One probe of one sandbox assumption; `id` is the SANDBOX_ASSUMPTIONS id it checks. */
export interface ContractCase {
  id: string;
  run(ctx: CaseContext): Promise<Outcome>;
}
