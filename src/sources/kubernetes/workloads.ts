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

/**
 * The longest one list page may take. A cluster whose endpoint swallows packets (a private EKS
 * endpoint out of the worker's reach) would otherwise hold the run until RUN_TIMEOUT_S aborts every
 * source; a page of 500 objects takes well under a second from a healthy API server.
 */
export const PAGE_TIMEOUT_MS = 30_000;

export interface ListOptions {
  excludeNamespaces: readonly string[];
  signal: AbortSignal;
  /** Per page; default PAGE_TIMEOUT_MS. */
  pageTimeoutMs?: number;
}

/** A page that got no complete answer in time: the cluster's scope says so. */
export class PageTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`the API server did not answer a list page within ${timeoutMs / 1000} s`);
    this.name = 'PageTimeoutError';
  }
}

/**
 * `metadata.namespace!=a,metadata.namespace!=b`: the API server leaves excluded namespaces out, so
 * a cluster whose system namespaces hold most objects sends only what is catalogued.
 */
export function namespaceSelector(exclude: readonly string[]): string | undefined {
  return exclude.length === 0 ? undefined : exclude.map((ns) => `metadata.namespace!=${ns}`).join(',');
}

type Page<T> = { items: T[]; metadata?: { _continue?: string } };
type Request = { limit: number; _continue?: string; fieldSelector?: string };
type Lister<T> = (api: AppsV1Api, request: Request, signal: AbortSignal) => Promise<Page<T>>;

/** Deployments, then StatefulSets, of every namespace but the excluded ones, paged with continue tokens. */
export async function listWorkloads(client: AppsClient, options: ListOptions): Promise<{ workloads: RawWorkload[]; requests: number }> {
  const deployments = await listAll<V1Deployment>(
    client,
    (api, r, signal) => api.listDeploymentForAllNamespaces(r, withSignal(signal)),
    options,
  );
  const statefulSets = await listAll<V1StatefulSet>(
    client,
    (api, r, signal) => api.listStatefulSetForAllNamespaces(r, withSignal(signal)),
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
  const timeoutMs = options.pageTimeoutMs ?? PAGE_TIMEOUT_MS;
  do {
    options.signal.throwIfAborted();
    const request = { limit: PAGE_LIMIT, ...(token ? { _continue: token } : {}), ...(fieldSelector ? { fieldSelector } : {}) };
    const page = await withPageTimeout(timeoutMs, options.signal, async (signal) => list(await client(), request, signal));
    requests += 1;
    items.push(...page.items);
    token = page.metadata?._continue || undefined;
  } while (token);
  return { items, requests };
}

/**
 * One page within `timeoutMs`: the request is aborted then, and not waited for any longer even if the
 * client does not stop it (a timer, not AbortSignal.timeout, whose combined signal Node may collect
 * before it fires).
 */
async function withPageTimeout<T>(timeoutMs: number, run: AbortSignal, call: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const timeout = new AbortController();
  const signal = AbortSignal.any([run, timeout.signal]);
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      timeout.abort();
      reject(new PageTimeoutError(timeoutMs));
    }, timeoutMs);
  });
  const answer = call(signal);
  try {
    return await Promise.race([answer, expired]);
  } catch (error) {
    if (timeout.signal.aborted && !run.aborted) throw new PageTimeoutError(timeoutMs);
    throw error;
  } finally {
    clearTimeout(timer);
    answer.catch(() => {}); // settled later by the abort: nobody waits for it any more
    expired.catch(() => {});
  }
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
