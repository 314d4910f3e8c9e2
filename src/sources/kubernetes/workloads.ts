import {
  Observable,
  type AppsV1Api,
  type ObservableMiddleware,
  type RequestContext,
  type ResponseContext,
  type V1Deployment,
  type V1StatefulSet,
} from '@kubernetes/client-node';
import type { RawWorkload } from './types.js';

/** Objects per list page: the API server's recommended chunk, and what DESIGN.md section 8 sets. */
export const PAGE_LIMIT = 500;

/** A client for one cluster, asked again before each page so a token refreshed mid-listing is used. */
export type AppsClient = () => Promise<AppsV1Api>;

export interface ListOptions {
  excludeNamespaces: readonly string[];
  signal: AbortSignal;
}

/**
 * `metadata.namespace!=a,metadata.namespace!=b`: the API server leaves excluded namespaces out, so
 * a cluster whose system namespaces hold most objects sends only what is catalogued.
 */
export function namespaceSelector(exclude: readonly string[]): string | undefined {
  return exclude.length === 0 ? undefined : exclude.map((ns) => `metadata.namespace!=${ns}`).join(',');
}

type Page<T> = { items: T[]; metadata?: { _continue?: string } };
type Lister<T> = (api: AppsV1Api, request: { limit: number; _continue?: string; fieldSelector?: string }) => Promise<Page<T>>;

/** Deployments, then StatefulSets, of every namespace but the excluded ones, paged with continue tokens. */
export async function listWorkloads(client: AppsClient, options: ListOptions): Promise<{ workloads: RawWorkload[]; requests: number }> {
  const deployments = await listAll<V1Deployment>(
    client,
    (api, r) => api.listDeploymentForAllNamespaces(r, withSignal(options.signal)),
    options,
  );
  const statefulSets = await listAll<V1StatefulSet>(
    client,
    (api, r) => api.listStatefulSetForAllNamespaces(r, withSignal(options.signal)),
    options,
  );
  const excluded = new Set(options.excludeNamespaces);
  const workloads = [...deployments.items.map((d) => raw('Deployment', d)), ...statefulSets.items.map((s) => raw('StatefulSet', s))].filter(
    (w) => !excluded.has(w.namespace),
  );
  return { workloads, requests: deployments.requests + statefulSets.requests };
}

async function listAll<T>(client: AppsClient, list: Lister<T>, options: ListOptions): Promise<{ items: T[]; requests: number }> {
  const fieldSelector = namespaceSelector(options.excludeNamespaces);
  const items: T[] = [];
  let requests = 0;
  let token: string | undefined;
  do {
    options.signal.throwIfAborted();
    const page = await list(await client(), {
      limit: PAGE_LIMIT,
      ...(token ? { _continue: token } : {}),
      ...(fieldSelector ? { fieldSelector } : {}),
    });
    requests += 1;
    items.push(...page.items);
    token = page.metadata?._continue || undefined;
  } while (token);
  return { items, requests };
}

type CallOptions = Parameters<AppsV1Api['listDeploymentForAllNamespaces']>[1];

/** Carries the run's signal into the request, so an aborted run cancels a page in flight. */
function withSignal(signal: AbortSignal): CallOptions {
  const middleware: ObservableMiddleware = {
    pre: (context: RequestContext) => (context.setSignal(signal), new Observable(Promise.resolve(context))),
    post: (context: ResponseContext) => new Observable(Promise.resolve(context)),
  };
  return { middleware: [middleware], middlewareMergeStrategy: 'append' };
}

function raw(kind: RawWorkload['kind'], o: V1Deployment | V1StatefulSet): RawWorkload {
  const image = o.spec?.template.spec?.containers[0]?.image;
  return {
    kind,
    namespace: o.metadata?.namespace ?? '',
    name: o.metadata?.name ?? '',
    labels: o.metadata?.labels ?? {},
    ...(image ? { image } : {}),
    ...(o.spec?.replicas === undefined ? {} : { replicas: o.spec.replicas }),
    ...(o.status?.readyReplicas === undefined ? {} : { readyReplicas: o.status.readyReplicas }),
  };
}
