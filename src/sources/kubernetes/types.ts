/** A Deployment or StatefulSet as listed, reduced to what the catalog reads. No mapping here. */
export interface RawWorkload {
  kind: 'Deployment' | 'StatefulSet';
  namespace: string;
  name: string;
  labels: Record<string, string>;
  /** The first container's image, when the pod template has one. */
  image?: string;
  /** spec.replicas; undefined when the API omitted it (its default is 1). */
  replicas?: number;
  /** status.readyReplicas; the API omits it at 0. */
  readyReplicas?: number;
}

/** A cluster as the catalog names it: where its workloads' identifiers and relations come from. */
export interface ClusterIdentity {
  /** What the scope names: the EKS cluster ARN, the kubeconfig context, or the in-cluster name. */
  key: string;
  /** The cluster part of workload identifiers. */
  name: string;
  /** Set for EKS clusters (found by EKS, or a context named by its ARN). */
  accountId?: string;
  region?: string;
  /** The eksCluster entity's identifier, for an EKS cluster. */
  arn?: string;
  /** The raw environment name (the cluster's environment tag, or the configured one). */
  environment?: string;
}
