import { AppsV1Api, KubeConfig } from '@kubernetes/client-node';
import type { AppsClient } from './workloads.js';

/** A cluster reached at its endpoint, trusting its CA, with a bearer token made on demand. */
export interface BearerCluster {
  name: string;
  server: string;
  /** The cluster CA, base64 PEM (EKS `certificateAuthority.data`, a kubeconfig's `certificate-authority-data`). */
  caData?: string;
  token: () => Promise<string>;
}

/**
 * A client whose token is asked for before every page: a token that was refreshed (it aged out
 * mid-listing) gives a new client, otherwise the same one serves every page.
 */
export function bearerClient(cluster: BearerCluster): AppsClient {
  let current: { token: string; api: AppsV1Api } | undefined;
  return async () => {
    const token = await cluster.token();
    if (current?.token === token) return current.api;
    const kc = new KubeConfig();
    kc.loadFromOptions({
      clusters: [
        { name: cluster.name, server: cluster.server, ...(cluster.caData ? { caData: cluster.caData } : {}), skipTLSVerify: false },
      ],
      users: [{ name: 'port-sync', token }],
      contexts: [{ name: cluster.name, cluster: cluster.name, user: 'port-sync' }],
      currentContext: cluster.name,
    });
    current = { token, api: kc.makeApiClient(AppsV1Api) };
    return current.api;
  };
}

/** A client for one context of a loaded kubeconfig (its own auth: token, client certificate or exec). */
export function contextClient(load: () => KubeConfig, context: string): AppsClient {
  const kc = load();
  kc.setCurrentContext(context);
  const api = kc.makeApiClient(AppsV1Api);
  return () => Promise.resolve(api);
}

/**
 * The pod's service account: its token file is read by the client, so kubelet's rotation is
 * followed. `root` prefixes the service account's mount path (tests; unset in a pod).
 */
export function inClusterClient(env: NodeJS.ProcessEnv = process.env, root = ''): AppsClient {
  if (!env.KUBERNETES_SERVICE_HOST || !env.KUBERNETES_SERVICE_PORT) {
    throw new Error('KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT are not set: the worker is not running in a pod');
  }
  const kc = new KubeConfig();
  kc.loadFromCluster(root);
  const api = kc.makeApiClient(AppsV1Api);
  return () => Promise.resolve(api);
}
