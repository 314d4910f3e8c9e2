import pLimit from 'p-limit';
import type { EntityFragment, ScopeResult, SourceContext, SourceResult } from '../../domain/index.js';
import { sourceLogger } from '../log.js';
import { discoverClusters, type ClusterTarget } from './clusters.js';
import { describeClusterError } from './errors.js';
import type { KubernetesSourceDeps } from './index.js';
import { clusterScope, mapWorkload, runningServices, type ClusterWorkloads } from './map.js';
import type { KubernetesSettings } from './settings.js';
import { listWorkloads } from './workloads.js';

/** One run of the kubernetes source: the clusters found, each listed (loaded only when the source runs). */
export async function collectKubernetes(
  settings: KubernetesSettings,
  deps: KubernetesSourceDeps,
  context: SourceContext,
): Promise<SourceResult> {
  const log = sourceLogger(context, 'kubernetes');
  const { signal } = context;
  const previousWorkloads = await context.previous.entities('workload');
  const previousScopes = new Set(
    [...previousWorkloads.values()].map((w) => w.properties.syncScope).filter((s): s is string => typeof s === 'string'),
  );
  const discovered = await discoverClusters(settings, {
    ...(deps.aws ? { aws: deps.aws } : {}),
    ...(deps.serviceAccountRoot === undefined ? {} : { serviceAccountRoot: deps.serviceAccountRoot }),
    log,
    signal,
    previousScopes,
  });
  const limit = pLimit(settings.concurrency);
  let requests = 0;
  const listed = await Promise.all(
    discovered.targets.map((target) =>
      limit(async (): Promise<{ target: ClusterTarget; result: ClusterWorkloads; scope: ScopeResult }> => {
        const scope = clusterScope(target.identity);
        const failed = (error: string) => {
          log.warn({ scope, error }, 'Kubernetes cluster could not be listed; its workloads keep what they were');
          return { target, result: { cluster: target.identity }, scope: { scope, complete: false, error } };
        };
        if (!target.client) return failed(target.error ?? 'no client');
        if (signal.aborted) return failed(`aborted: ${String(signal.reason)}`);
        try {
          const got = await listWorkloads(target.client, {
            excludeNamespaces: settings.excludeNamespaces,
            signal,
            ...(deps.pageTimeoutMs === undefined ? {} : { pageTimeoutMs: deps.pageTimeoutMs }),
          });
          requests += got.requests;
          const workloads = got.workloads.map((w) => mapWorkload(w, target.identity, settings.serviceLabel));
          return { target, result: { cluster: target.identity, workloads }, scope: { scope, complete: true } };
        } catch (error) {
          return failed(describeClusterError(error, signal));
        }
      }),
    ),
  );
  const fragments: EntityFragment[] = listed.flatMap(({ result }) => (result.workloads ?? []).map((w) => w.fragment));
  fragments.push(...runningServices(listed.map((l) => l.result)));
  const scopes = [...discovered.scopes, ...listed.map((l) => l.scope)];
  const stats = {
    clusters: listed.length,
    clustersFailed: listed.filter((l) => !l.scope.complete).length,
    workloads: listed.reduce((n, l) => n + (l.result.workloads?.length ?? 0), 0),
    requests,
    ...(settings.mode === 'eks' ? { awsCalls: discovered.awsCalls } : {}),
  };
  log.info({ ...stats, mode: settings.mode }, 'Kubernetes clusters scanned');
  return { fragments, scopes, findings: [], stats };
}
