import { DescribeClusterCommand, paginateListClusters, type Cluster, type EKSClient } from '@aws-sdk/client-eks';
import type { Partition, RawCluster } from './types.js';

/** ListClusters' largest page. */
const CLUSTERS_PER_PAGE = 100;

/**
 * Every EKS cluster of one partition, described. Clusters are described one after another: a
 * region holds a handful, and the partitions already run in parallel. A cluster deleted between
 * the listing and its description no longer exists, so it is left out rather than failing the
 * partition.
 */
export async function listClusters(client: EKSClient, partition: Partition): Promise<RawCluster[]> {
  const names: string[] = [];
  for await (const page of paginateListClusters({ client, pageSize: CLUSTERS_PER_PAGE }, {})) names.push(...(page.clusters ?? []));
  const clusters: RawCluster[] = [];
  for (const name of new Set(names)) {
    const cluster = await describe(client, name);
    if (cluster) clusters.push(rawCluster(cluster, name, partition));
  }
  return clusters;
}

async function describe(client: EKSClient, name: string): Promise<Cluster | undefined> {
  try {
    return (await client.send(new DescribeClusterCommand({ name }))).cluster;
  } catch (error) {
    if ((error as Error).name === 'ResourceNotFoundException') return undefined;
    throw error;
  }
}

function rawCluster(c: Cluster, name: string, partition: Partition): RawCluster {
  return {
    name: c.name ?? name,
    // EKS always returns the ARN; the fallback only keeps the type honest (mapping reports it).
    arn: c.arn ?? '',
    version: c.version,
    platformVersion: c.platformVersion,
    status: c.status,
    endpoint: c.endpoint,
    endpointPublicAccess: c.resourcesVpcConfig?.endpointPublicAccess,
    endpointPrivateAccess: c.resourcesVpcConfig?.endpointPrivateAccess,
    authenticationMode: c.accessConfig?.authenticationMode,
    tags: c.tags ?? {},
    accountId: partition.accountId,
    region: partition.region,
  };
}
