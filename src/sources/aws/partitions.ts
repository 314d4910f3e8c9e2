import type { AccountTarget, Partition } from './types.js';

/**
 * Services whose resources the Tagging API returns only in the partition's global region (us-east-1
 * in `aws`), whatever region they serve: asking for them anywhere else costs calls and returns nothing.
 */
export const GLOBAL_SERVICES: ReadonlySet<string> = new Set(['cloudfront', 'route53', 'iam', 'globalaccelerator', 'waf', 'shield']);

/**
 * Where each ARN partition keeps its global services, so where their resources are listed (and so
 * their scope, e.g. `aws:<account>:us-east-1`).
 */
const GLOBAL_REGIONS: Readonly<Record<string, string>> = { aws: 'us-east-1', 'aws-us-gov': 'us-gov-west-1', 'aws-cn': 'cn-northwest-1' };

export function globalRegionOf(partition: string): string {
  return GLOBAL_REGIONS[partition] ?? 'us-east-1';
}

export function isGlobalType(resourceType: string): boolean {
  return GLOBAL_SERVICES.has(resourceType.split(':')[0] ?? '');
}

/** What one account x region listing reads. */
export interface PartitionPlan extends Partition {
  account: AccountTarget;
  /**
   * Tagging API type filters for this partition; null: no filter (every type, as AWS_RESOURCE_TYPES
   * set empty asks); []: nothing to read with the Tagging API here.
   */
  resourceTypes: string[] | null;
  /** Whether EKS clusters are listed here: only in the configured regions. */
  eks: boolean;
}

/**
 * accounts x regions. Global types go to the global region (us-east-1) only; when it is not among
 * the regions and global types are asked for, each account gets a partition there that reads only
 * those.
 */
export function planPartitions(
  accounts: readonly AccountTarget[],
  regions: readonly string[],
  resourceTypes: readonly string[],
  globalRegion = 'us-east-1',
): PartitionPlan[] {
  const unique = [...new Set(regions)];
  const filtered = resourceTypes.length > 0;
  const global = resourceTypes.filter(isGlobalType);
  const regional = resourceTypes.filter((t) => !isGlobalType(t));
  const plans: PartitionPlan[] = [];
  for (const account of accounts) {
    for (const region of unique) {
      const types = !filtered ? null : region === globalRegion ? [...resourceTypes] : regional;
      plans.push({ accountId: account.accountId, region, account, resourceTypes: types, eks: true });
    }
    if (filtered && global.length > 0 && !unique.includes(globalRegion)) {
      plans.push({ accountId: account.accountId, region: globalRegion, account, resourceTypes: global, eks: false });
    }
  }
  return plans;
}
