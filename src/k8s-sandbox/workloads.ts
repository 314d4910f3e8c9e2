/** A Deployment or StatefulSet as the sandbox holds it; it is served as the API server would. */
export interface SandboxWorkload {
  kind: 'Deployment' | 'StatefulSet';
  namespace: string;
  name: string;
  labels?: Record<string, string>;
  /** Container images, first container first; none: a pod template without containers. */
  images?: string[];
  /** spec.replicas; omitted: the API server's default, 1. */
  replicas?: number;
  /** status.readyReplicas; 0 is omitted from the answer, as the API server omits it. */
  readyReplicas?: number;
}

export const LIST_KINDS = { deployments: 'Deployment', statefulsets: 'StatefulSet' } as const;
export type Resource = keyof typeof LIST_KINDS;

/** The object as `kubectl get -o json` shows it, reduced to what a lister reads. */
export function served(w: SandboxWorkload, index: number): Record<string, unknown> {
  const replicas = w.replicas ?? 1;
  const ready = w.readyReplicas ?? 0;
  return {
    apiVersion: 'apps/v1',
    kind: w.kind,
    metadata: {
      name: w.name,
      namespace: w.namespace,
      uid: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
      resourceVersion: String(1000 + index),
      creationTimestamp: '2026-01-05T10:00:00Z',
      ...(w.labels ? { labels: w.labels } : {}),
    },
    spec: {
      replicas,
      template: { spec: { containers: (w.images ?? []).map((image, i) => ({ name: i === 0 ? w.name : `sidecar-${i}`, image })) } },
    },
    status: {
      replicas,
      ...(ready > 0 ? { readyReplicas: ready } : {}),
      ...(w.kind === 'Deployment' && ready > 0 ? { availableReplicas: ready } : {}),
    },
  };
}

/**
 * `metadata.namespace=x` and `metadata.namespace!=x` terms, comma-separated, as the API server
 * accepts them for every resource; undefined for a selector it would refuse.
 */
export function namespaceFilter(selector: string | null): ((namespace: string) => boolean) | undefined {
  if (!selector) return () => true;
  const tests: ((namespace: string) => boolean)[] = [];
  for (const term of selector.split(',')) {
    const match = /^metadata\.namespace(!=|==|=)(.*)$/.exec(term.trim());
    if (!match) return undefined;
    const value = match[2]!;
    tests.push(match[1] === '!=' ? (ns) => ns !== value : (ns) => ns === value);
  }
  return (namespace) => tests.every((test) => test(namespace));
}
