import { DescribeClusterCommand, paginateListClusters, type Cluster, type EKSClient } from '@aws-sdk/client-eks';

/** One account x region, where a listing happens. */
export interface AccountRegion {
  accountId: string;
  region: string;
}

/** What EKS DescribeCluster returned, reduced to what the catalog and a Kubernetes client need. */
export interface EksCluster {
  name: string;
  arn: string;
  version?: string;
  platformVersion?: string;
  status?: string;
  /** The API server's URL. */
  endpoint?: string;
  /** `certificateAuthority.data`: the cluster CA as base64 PEM, to trust the endpoint's certificate. */
  certificateAuthority?: string;
  endpointPublicAccess?: boolean;
  endpointPrivateAccess?: boolean;
  authenticationMode?: string;
  tags: Record<string, string>;
  accountId: string;
  region: string;
}

/** ListClusters' largest page. */
const CLUSTERS_PER_PAGE = 100;

/**
 * Every EKS cluster of one account and region, described. Clusters are described one after
 * another: a region holds a handful, and callers already list regions in parallel. A cluster deleted
 * between the listing and its description no longer exists, so it is left out rather than failing
 * the listing. Every call carries `signal`, so an aborted run stops here with an AbortError.
 */
export async function listClusters(client: EKSClient, where: AccountRegion, signal?: AbortSignal): Promise<EksCluster[]> {
  const names: string[] = [];
  for await (const page of paginateListClusters({ client, pageSize: CLUSTERS_PER_PAGE }, {}, { abortSignal: signal })) {
    names.push(...(page.clusters ?? []));
  }
  const clusters: EksCluster[] = [];
  for (const name of new Set(names)) {
    const cluster = await describe(client, name, signal);
    if (cluster) clusters.push(eksCluster(cluster, name, where));
  }
  return clusters;
}

async function describe(client: EKSClient, name: string, signal?: AbortSignal): Promise<Cluster | undefined> {
  try {
    return (await client.send(new DescribeClusterCommand({ name }), { abortSignal: signal })).cluster;
  } catch (error) {
    if ((error as Error).name === 'ResourceNotFoundException') return undefined;
    throw error;
  }
}

function eksCluster(c: Cluster, name: string, where: AccountRegion): EksCluster {
  return {
    name: c.name ?? name,
    // EKS always returns the ARN; the fallback only keeps the type honest (mapping reports it).
    arn: c.arn ?? '',
    version: c.version,
    platformVersion: c.platformVersion,
    status: c.status,
    endpoint: c.endpoint,
    certificateAuthority: c.certificateAuthority?.data,
    endpointPublicAccess: c.resourcesVpcConfig?.endpointPublicAccess,
    endpointPrivateAccess: c.resourcesVpcConfig?.endpointPrivateAccess,
    authenticationMode: c.accessConfig?.authenticationMode,
    tags: c.tags ?? {},
    accountId: where.accountId,
    region: where.region,
  };
}
