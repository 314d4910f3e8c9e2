import { formatScope, type BlueprintOwnership, type EntityFragment } from '../../domain/index.js';
import type { ClusterIdentity, RawWorkload } from './types.js';

/** What the kubernetes source writes: it defines workloads and owns a service's `isRunning`. */
export const KUBERNETES_OWNS: Record<string, BlueprintOwnership> = {
  workload: {
    mode: 'define',
    title: true,
    properties: ['kind', 'namespace', 'image', 'imageTag', 'replicas', 'readyReplicas', 'health', 'chartName', 'chartVersion'],
    relations: ['service', 'eksCluster', 'environment'],
  },
  // A complete run that names a service in no workload knows it is not running.
  service: { mode: 'enrich', properties: ['isRunning'], relations: [], absent: { isRunning: false } },
};

/** The label Helm sets on what it installs: `<chart name>-<chart version>`. */
export const CHART_LABEL = 'helm.sh/chart';
/** The service label's fallback: Helm's release name, by the recommended labels. */
export const INSTANCE_LABEL = 'app.kubernetes.io/instance';

export type Health = 'Healthy' | 'Degraded' | 'Down';

/** Healthy when every desired replica is ready, Degraded when some are, Down when none (or none are desired). */
export function healthOf(replicas: number, ready: number): Health {
  if (ready <= 0 || replicas <= 0) return 'Down';
  return ready >= replicas ? 'Healthy' : 'Degraded';
}

// The version is the first `-` followed by a semver that runs to the end (names hold dashes too).
const CHART = /^(.+?)-(v?\d+\.\d+\.\d+(?:[-_.][0-9A-Za-z._-]*)?)$/;

/** Chart name and version from `helm.sh/chart`; a value without a version is all name. */
export function chartOf(label: string | undefined): { chartName: string | null; chartVersion: string | null } {
  const value = label?.trim() ?? '';
  if (value === '') return { chartName: null, chartVersion: null };
  const match = CHART.exec(value);
  // Helm writes `+` (build metadata) as `_`, since labels cannot hold `+`.
  return match ? { chartName: match[1]!, chartVersion: match[2]!.replace(/_/g, '+') } : { chartName: value, chartVersion: null };
}

/** The tag of an image reference (`repo:tag`, `repo:tag@sha256:...`, `repo@sha256:...`), `latest` when none. */
export function imageTagOf(image: string): string {
  const [name, digest] = image.split('@');
  const lastSlash = name!.lastIndexOf('/');
  const colon = name!.lastIndexOf(':');
  if (colon > lastSlash) return name!.slice(colon + 1);
  return digest ?? 'latest';
}

/** The service a workload's labels name: the configured label, else Helm's instance label. */
export function serviceOf(labels: Readonly<Record<string, string>>, serviceLabel: string): string | null {
  for (const key of [serviceLabel, INSTANCE_LABEL]) {
    const value = labels[key]?.trim();
    if (value) return value;
  }
  return null;
}

/**
 * `<account>/<region>/<cluster>/<namespace>/<kind>/<name>` for an EKS cluster;
 * `<cluster>/<namespace>/<kind>/<name>` for a cluster with no AWS account (a context, in-cluster).
 */
export function workloadIdentifier(cluster: ClusterIdentity, w: Pick<RawWorkload, 'namespace' | 'kind' | 'name'>): string {
  const where = cluster.accountId && cluster.region ? [cluster.accountId, cluster.region, cluster.name] : [cluster.name];
  return [...where, w.namespace, w.kind, w.name].join('/');
}

export interface MappedWorkload {
  fragment: EntityFragment;
  /** The raw service name the workload's labels give, if any. */
  service: string | null;
  health: Health;
}

/** One workload entity from a listed Deployment or StatefulSet. */
export function mapWorkload(raw: RawWorkload, cluster: ClusterIdentity, serviceLabel: string): MappedWorkload {
  const replicas = raw.replicas ?? 1;
  const ready = raw.readyReplicas ?? 0;
  const health = healthOf(replicas, ready);
  const service = serviceOf(raw.labels, serviceLabel);
  const fragment: EntityFragment = {
    blueprint: 'workload',
    identifier: workloadIdentifier(cluster, raw),
    title: raw.name,
    scope: clusterScope(cluster),
    properties: {
      kind: raw.kind,
      namespace: raw.namespace,
      image: raw.image ?? null,
      imageTag: raw.image ? imageTagOf(raw.image) : null,
      replicas,
      readyReplicas: ready,
      health,
      ...chartOf(raw.labels[CHART_LABEL]),
    },
    relations: { service, eksCluster: cluster.arn ?? null, environment: cluster.environment?.trim() || null },
  };
  return { fragment, service, health };
}

export function clusterScope(cluster: Pick<ClusterIdentity, 'key'>): string {
  return formatScope({ kind: 'k8s', cluster: cluster.key });
}

export interface ClusterWorkloads {
  cluster: ClusterIdentity;
  /** Undefined when the cluster's listing did not complete. */
  workloads?: readonly MappedWorkload[];
}

/**
 * `isRunning` per service a workload names, one fragment each (in the scope of a complete cluster
 * that names it): true when a Healthy workload names it in a cluster that completed. While a
 * cluster is incomplete, a service that looks stopped is left out: it may run in that cluster. A
 * service no workload names is set false by the join once every cluster completed (`absent`).
 */
export function runningServices(clusters: readonly ClusterWorkloads[]): EntityFragment[] {
  const running = new Map<string, { name: string; scope: string; running: boolean }>();
  for (const { cluster, workloads } of clusters) {
    if (!workloads) continue;
    for (const w of workloads) {
      if (w.service === null) continue;
      // `Checkout` and `checkout` are one service: one fragment, so the join sees no disagreement.
      const key = normal(w.service);
      const seen = running.get(key);
      const healthy = w.health === 'Healthy';
      if (!seen) running.set(key, { name: w.service, scope: clusterScope(cluster), running: healthy });
      else if (healthy && !seen.running) running.set(key, { ...seen, scope: clusterScope(cluster), running: true });
    }
  }
  const allComplete = clusters.every((c) => c.workloads !== undefined);
  return [...running.values()]
    .filter((state) => state.running || allComplete)
    .map((state) => ({ blueprint: 'service', identifier: state.name, scope: state.scope, properties: { isRunning: state.running } }));
}

const normal = (name: string): string => name.trim().toLowerCase();
