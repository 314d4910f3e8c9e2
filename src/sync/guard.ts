import type { BlueprintSyncPlan, DeletionRefusal } from './types.js';

/** Below this many deletions a blueprint is never held back: small catalogs change in small steps. */
export const GUARD_MIN_DELETIONS = 5;

export interface GuardOptions {
  /** DELETE_MAX_RATIO: the largest share of a blueprint's owned entities one run may delete. */
  maxRatio: number;
  /** Blueprints named with `--allow-deletes` for this run. */
  allowDeletes: ReadonlySet<string>;
}

/**
 * Pure: holds back every deletion of a blueprint that would lose more than `maxRatio` of the
 * entities this instance owns there (and more than five), the signature of an upstream outage or a
 * misconfiguration rather than of real change. `--allow-deletes` lifts it for one run.
 */
export function guardDeletions(
  plans: readonly BlueprintSyncPlan[],
  options: GuardOptions,
): { plans: BlueprintSyncPlan[]; refusals: DeletionRefusal[] } {
  const refusals: DeletionRefusal[] = [];
  const guarded = plans.map((plan) => {
    const wouldDelete = plan.deletes.length;
    const ratio = plan.owned === 0 ? 0 : wouldDelete / plan.owned;
    if (wouldDelete <= GUARD_MIN_DELETIONS || ratio <= options.maxRatio || options.allowDeletes.has(plan.blueprint)) return plan;
    refusals.push({
      blueprint: plan.blueprint,
      wouldDelete,
      owned: plan.owned,
      ratio,
      maxRatio: options.maxRatio,
      reason: `would delete ${wouldDelete} of ${plan.owned} owned entities (${pct(ratio)}, more than DELETE_MAX_RATIO ${pct(options.maxRatio)}); nothing of ${plan.blueprint} was deleted. If this is real, run once with --allow-deletes ${plan.blueprint}`,
    });
    return {
      ...plan,
      deletes: [],
      kept: [...plan.kept, ...plan.deletes.map((identifier) => ({ identifier, reason: 'deletion refused by the ratio guard' }))],
    };
  });
  return { plans: guarded, refusals };
}

function pct(ratio: number): string {
  return `${Math.round(ratio * 1000) / 10}%`;
}
