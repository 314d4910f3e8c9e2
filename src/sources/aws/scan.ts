import { ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import {
  describeAwsError,
  isAbort,
  listClusters,
  looksRegionNotEnabled,
  type AwsClients,
  type AwsCredentialsInput,
} from '../../aws/index.js';
import type { Logger } from '../../logger.js';
import type { PartitionPlan } from './partitions.js';
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
  /** The run's signal: every call carries it, and an aborted run starts no further partition. */
  signal?: AbortSignal;
}

/**
 * Lists one account x region: tagged resources, then EKS clusters. Any failure fails the whole
 * partition (one scope covers both listings), and never another partition; an aborted listing is
 * a failure too, so its scope is never complete.
 */
export async function scanPartition(plan: PartitionPlan, deps: ScanDeps): Promise<PartitionOutcome> {
  if (deps.signal?.aborted) return { plan, status: 'failed', error: 'aborted before its listing started' };
  const scope = partitionScope(plan);
  const tagging = deps.clients.client(ResourceGroupsTaggingAPIClient, plan.region, deps.credentials);
  const eks = deps.clients.eks(plan.region, deps.credentials);
  try {
    const query = { ...deps.query, resourceTypes: plan.resourceTypes };
    const resources = await listTaggedResources(tagging, plan, query, deps.log, deps.signal);
    const clusters = plan.eks ? await listClusters(eks, plan, deps.signal) : [];
    deps.log.debug({ scope, resources: resources.length, clusters: clusters.length }, 'AWS partition listed');
    return { plan, status: 'complete', resources, clusters };
  } catch (error) {
    if (isAbort(error, deps.signal)) {
      deps.log.info({ scope }, 'AWS partition listing aborted');
      return { plan, status: 'failed', error: describeAwsError(error) };
    }
    if (looksRegionNotEnabled(error)) return { plan, status: 'not-enabled', error: describeAwsError(error) };
    deps.log.warn({ err: error, scope }, 'AWS partition listing failed');
    return { plan, status: 'failed', error: describeAwsError(error) };
  } finally {
    // Each client holds its own connection pool; a long run over many partitions would hoard sockets.
    tagging.destroy();
    eks.destroy();
  }
}
