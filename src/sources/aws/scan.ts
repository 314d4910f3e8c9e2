import type { Logger } from '../../logger.js';
import type { AwsClients, AwsCredentialsInput } from './clients.js';
import { listClusters } from './eks.js';
import { describeError } from './error-text.js';
import type { PartitionPlan } from './partitions.js';
import { looksRegionNotEnabled } from './regions.js';
import { listTaggedResources, type TaggingQuery } from './tagging.js';
import { partitionScope, type RawCluster, type RawTaggedResource } from './types.js';

/** How one partition's listing ended. */
export type PartitionOutcome =
  | { plan: PartitionPlan; status: 'complete'; resources: RawTaggedResource[]; clusters: RawCluster[] }
  | { plan: PartitionPlan; status: 'failed' | 'not-enabled'; error: string };

export interface ScanDeps {
  clients: AwsClients;
  /** The account's credentials: the worker's own, or the assumed role's. */
  credentials: AwsCredentialsInput;
  query: Omit<TaggingQuery, 'resourceTypes'>;
  log: Logger;
}

/**
 * Lists one account x region: tagged resources, then EKS clusters. Any failure fails the whole
 * partition (one scope covers both listings), and never another partition.
 */
export async function scanPartition(plan: PartitionPlan, deps: ScanDeps): Promise<PartitionOutcome> {
  const scope = partitionScope(plan);
  const tagging = deps.clients.tagging(plan.region, deps.credentials);
  const eks = deps.clients.eks(plan.region, deps.credentials);
  try {
    const resources = await listTaggedResources(tagging, plan, { ...deps.query, resourceTypes: plan.resourceTypes }, deps.log);
    const clusters = plan.eks ? await listClusters(eks, plan) : [];
    deps.log.debug({ scope, resources: resources.length, clusters: clusters.length }, 'AWS partition listed');
    return { plan, status: 'complete', resources, clusters };
  } catch (error) {
    if (looksRegionNotEnabled(error)) return { plan, status: 'not-enabled', error: describeError(error) };
    deps.log.warn({ err: error, scope }, 'AWS partition listing failed');
    return { plan, status: 'failed', error: describeError(error) };
  } finally {
    // Each client holds its own connection pool; a long run over many partitions would hoard sockets.
    tagging.destroy();
    eks.destroy();
  }
}
