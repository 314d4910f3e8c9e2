import type { Finding, ScopeResult } from '../../domain/index.js';
import type { PartitionOutcome } from './scan.js';
import { partitionScope } from './types.js';

export interface SettledPartition {
  outcome: PartitionOutcome;
  scope: ScopeResult;
  finding?: Finding;
}

/**
 * Turns outcomes into scope results. A region that looks not enabled counts as complete with no
 * resources (it has none) only when another region of the same account completed in this run: the
 * account's credentials demonstrably work, so the refusal is the region's. Otherwise the same
 * answer may be broken credentials, and the partition is skipped as incomplete, so nothing that came
 * from that region is ever deleted on that evidence. Both cases are reported as a finding.
 */
export function settlePartitions(outcomes: readonly PartitionOutcome[]): SettledPartition[] {
  const working = new Map<string, string[]>();
  for (const o of outcomes) {
    if (o.status === 'complete') working.set(o.plan.accountId, [...(working.get(o.plan.accountId) ?? []), o.plan.region]);
  }
  return outcomes.map((outcome) => {
    const scope = partitionScope(outcome.plan);
    if (outcome.status === 'complete') return { outcome, scope: { scope, complete: true } };
    if (outcome.status === 'failed') return { outcome, scope: { scope, complete: false, error: outcome.error } };
    const { accountId, region } = outcome.plan;
    const elsewhere = working.get(accountId) ?? [];
    if (elsewhere.length > 0) {
      const message = `region ${region} is not enabled in account ${accountId} (${outcome.error}); skipped with nothing to list, as the account's credentials work in ${elsewhere.join(', ')}`;
      return { outcome, scope: { scope, complete: true }, finding: { source: 'aws', scope, message } };
    }
    const message = `region ${region} looks not enabled in account ${accountId} (${outcome.error}), but no other region of the account answered to confirm it; skipped as incomplete`;
    return { outcome, scope: { scope, complete: false, error: message }, finding: { source: 'aws', scope, message } };
  });
}
