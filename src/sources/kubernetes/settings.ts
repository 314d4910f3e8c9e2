import { z } from 'zod';
import { AWS_ACCESS_SETTINGS, type AwsAccessSettings } from '../../aws/settings.js';
import { defineSettings } from '../../config/define.js';
import { addProblem, integer, list, matching, oneOf, quote, scalar, splitList } from '../../config/values.js';

export const CLUSTER_MODES = ['eks', 'in-cluster', 'kubeconfig'] as const;
export type ClusterMode = (typeof CLUSTER_MODES)[number];

/** What the kubernetes source reads: how clusters are found, and what of them is catalogued. */
export interface KubernetesSettings {
  mode: ClusterMode;
  /** Label whose value names a workload's service; app.kubernetes.io/instance is the fallback. */
  serviceLabel: string;
  excludeNamespaces: string[];
  /** KUBECONFIG as Kubernetes tools read it (paths joined by `:`); unset: ~/.kube/config. */
  kubeconfig?: string;
  /** The in-cluster cluster's name in identifiers and its scope. */
  clusterName: string;
  /** cluster (context or in-cluster name) -> environment, for clusters that carry no EKS tags. */
  clusterEnvironments: Record<string, string>;
  concurrency: number;
  /** The shared AWS access: only the eks mode uses it. */
  access: AwsAccessSettings;
  /** The central environment tag key, read from an EKS cluster's tags. */
  environmentTag: string;
}

// A label key: an optional DNS-subdomain prefix and a name of up to 63 characters.
const LABEL_KEY = /^([a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const NAMESPACE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
// Cluster names in identifiers and scopes: a plain name, or an EKS cluster ARN.
const CLUSTER_NAME = /^[A-Za-z0-9][A-Za-z0-9_.@:/-]{0,199}$/;

/** `prod-context=production,dev=development`, or in YAML a mapping of cluster to environment. */
const clusterEnvironments = z.unknown().transform((value, ctx): Record<string, string> => {
  const entries: [unknown, unknown][] =
    typeof value === 'string'
      ? (splitList(value) as string[]).map((item) => {
          const at = item.lastIndexOf('=');
          return at < 0 ? [item, ''] : [item.slice(0, at).trim(), item.slice(at + 1).trim()];
        })
      : value !== null && typeof value === 'object' && !Array.isArray(value)
        ? Object.entries(value)
        : [];
  const map: Record<string, string> = {};
  for (const [cluster, environment] of entries) {
    if (typeof cluster !== 'string' || cluster === '') addProblem(ctx, `${quote(cluster)} is not a cluster name`);
    else if (typeof environment !== 'string' || environment.trim() === '') addProblem(ctx, `the environment of ${quote(cluster)} is empty`);
    else map[cluster] = environment.trim();
  }
  return map;
});

/**
 * Clusters listed at once. Each cluster is a few list calls of 500 objects; four at once keeps a
 * dozen clusters quick while bounding sockets and the memory of pages in flight.
 */
const DEFAULT_CONCURRENCY = '4';

export const KUBERNETES_SETTINGS = defineSettings({
  id: 'kubernetes',
  title: 'kubernetes source',
  uses: [AWS_ACCESS_SETTINGS],
  rows: {
    KUBERNETES_CLUSTERS: {
      yamlKey: 'kubernetes.clusters',
      default: 'eks',
      description:
        '`eks`: every EKS cluster of every account x region of the AWS access settings, reached with an IAM token; `in-cluster`: the cluster the worker runs in, with its service account; `kubeconfig`: every context of KUBECONFIG.',
      schema: oneOf(CLUSTER_MODES, 'a cluster mode'),
    },
    K8S_SERVICE_LABEL: {
      yamlKey: 'kubernetes.serviceLabel',
      default: 'app.kubernetes.io/name',
      description: 'Workload label that names its service; a workload without it falls back to `app.kubernetes.io/instance`.',
      schema: matching(LABEL_KEY, 'a Kubernetes label key'),
    },
    K8S_EXCLUDE_NAMESPACES: {
      yamlKey: 'kubernetes.excludeNamespaces',
      default: 'kube-system,kube-public,kube-node-lease',
      description: 'Namespaces whose workloads are not catalogued; an empty YAML list catalogues every namespace.',
      schema: list(matching(NAMESPACE, 'a namespace name')),
    },
    KUBECONFIG: {
      yamlKey: 'kubernetes.kubeconfig',
      defaultText: '~/.kube/config',
      description:
        'Kubeconfig file(s) read in the `kubeconfig` mode (several joined by `:`, as kubectl reads them); every context is a cluster.',
      schema: scalar.optional(),
    },
    K8S_CLUSTER_NAME: {
      yamlKey: 'kubernetes.clusterName',
      default: 'in-cluster',
      description:
        'Name of the cluster the worker runs in (`in-cluster` mode): the cluster part of workload identifiers and of its scope `k8s:<name>`.',
      schema: matching(CLUSTER_NAME, 'a cluster name'),
    },
    K8S_CLUSTER_ENVIRONMENTS: {
      yamlKey: 'kubernetes.clusterEnvironments',
      description:
        'Environment of clusters that carry no EKS tags (`in-cluster`, `kubeconfig`): `context=environment,...`; in YAML a mapping. EKS clusters use their environment tag.',
      schema: clusterEnvironments,
    },
    K8S_CONCURRENCY: {
      yamlKey: 'kubernetes.concurrency',
      default: DEFAULT_CONCURRENCY,
      description: 'Clusters listed at once, 1 to 16.',
      schema: integer(1, 16),
    },
  },
  enabledBy: ['KUBERNETES_CLUSTERS'],
  // EKS clusters are found per region, so the eks mode needs at least one.
  requires: [{ env: 'AWS_REGIONS', when: (values) => values.KUBERNETES_CLUSTERS === 'eks' }],
  read: (v, core, all): KubernetesSettings => ({
    mode: v.KUBERNETES_CLUSTERS,
    serviceLabel: v.K8S_SERVICE_LABEL,
    excludeNamespaces: v.K8S_EXCLUDE_NAMESPACES,
    kubeconfig: v.KUBECONFIG,
    clusterName: v.K8S_CLUSTER_NAME,
    clusterEnvironments: v.K8S_CLUSTER_ENVIRONMENTS ?? {},
    concurrency: v.K8S_CONCURRENCY,
    access: AWS_ACCESS_SETTINGS.read(all, core),
    environmentTag: core.tags.environment,
  }),
});
