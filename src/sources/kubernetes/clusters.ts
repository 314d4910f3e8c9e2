import { delimiter, join } from 'node:path';
import { homedir } from 'node:os';
import { KubeConfig } from '@kubernetes/client-node';
import pLimit from 'p-limit';
import {
  accountAccess,
  createAwsClients,
  describeAwsError,
  discoverAccounts,
  listClusters,
  type AwsClientOptions,
  type EksCluster,
} from '../../aws/index.js';
import { formatScope, type ScopeResult } from '../../domain/index.js';
import { SourceError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import { bearerClient, contextClient, inClusterClient } from './connect.js';
import type { KubernetesSettings } from './settings.js';
import { eksToken, tokenSource } from './token.js';
import type { ClusterIdentity } from './types.js';
import type { AppsClient } from './workloads.js';

/** A cluster to list: how the catalog names it, and a client (or why there is none). */
export interface ClusterTarget {
  identity: ClusterIdentity;
  client?: AppsClient;
  error?: string;
}

export interface Clusters {
  targets: ClusterTarget[];
  /** Scopes of the cluster discovery itself (an account x region whose EKS listing failed). */
  scopes: ScopeResult[];
  /** AWS operations sent (EKS mode). */
  awsCalls: number;
}

const EKS_ARN = /^arn:(aws[a-z-]*):eks:([a-z0-9-]+):(\d{12}):cluster\/(.+)$/;

/** A cluster named by a context or configured name: an EKS cluster ARN gives its account, region and name. */
export function identityFromName(key: string, environments: Readonly<Record<string, string>>, alias?: string): ClusterIdentity {
  const environment = environments[key] ?? (alias === undefined ? undefined : environments[alias]);
  const arn = [key, alias].map((n) => (n === undefined ? undefined : EKS_ARN.exec(n))).find((m) => m);
  const base: ClusterIdentity = arn ? { key, name: arn[4]!, accountId: arn[3]!, region: arn[2]!, arn: arn[0] } : { key, name: key };
  return environment === undefined ? base : { ...base, environment };
}

export interface DiscoverDeps {
  aws?: AwsClientOptions;
  log: Logger;
  signal: AbortSignal;
  /** Scopes (`k8s:<arn>`) of workloads written last time: a cluster EKS no longer lists completes empty. */
  previousScopes: ReadonlySet<string>;
  /** Prefix of the service account's mount path, for tests of the in-cluster mode. */
  serviceAccountRoot?: string;
}

export async function discoverClusters(settings: KubernetesSettings, deps: DiscoverDeps): Promise<Clusters> {
  if (settings.mode === 'in-cluster') {
    const identity = identityFromName(settings.clusterName, settings.clusterEnvironments);
    try {
      return { targets: [{ identity, client: inClusterClient(process.env, deps.serviceAccountRoot) }], scopes: [], awsCalls: 0 };
    } catch (error) {
      return {
        targets: [{ identity, error: `the in-cluster service account could not be read: ${message(error)}` }],
        scopes: [],
        awsCalls: 0,
      };
    }
  }
  if (settings.mode === 'kubeconfig') return { targets: kubeconfigClusters(settings), scopes: [], awsCalls: 0 };
  return eksClusters(settings, deps);
}

/** KUBECONFIG's files (joined by the path delimiter), or ~/.kube/config. */
export function kubeconfigFiles(setting: string | undefined): string[] {
  const files = (setting ?? '').split(delimiter).filter((file) => file !== '');
  return files.length > 0 ? files : [join(homedir(), '.kube', 'config')];
}

function loadKubeconfig(files: readonly string[]): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromFile(files[0]!);
  for (const file of files.slice(1)) {
    const more = new KubeConfig();
    more.loadFromFile(file);
    kc.mergeConfig(more, true);
  }
  return kc;
}

/** Every context of the kubeconfig, each a cluster; a file that cannot be read fails the source. */
function kubeconfigClusters(settings: KubernetesSettings): ClusterTarget[] {
  const files = kubeconfigFiles(settings.kubeconfig);
  let kc: KubeConfig;
  try {
    kc = loadKubeconfig(files);
  } catch (error) {
    throw new SourceError('kubernetes', 'kubernetes', `the kubeconfig ${files.join(delimiter)} could not be read: ${message(error)}`, {
      cause: error,
    });
  }
  return kc.getContexts().map((context) => {
    const identity = identityFromName(context.name, settings.clusterEnvironments, context.cluster);
    try {
      return { identity, client: contextClient(() => loadKubeconfig(files), context.name) };
    } catch (error) {
      return { identity, error: `context ${context.name} cannot be used: ${message(error)}` };
    }
  });
}

/**
 * Every EKS cluster of every account x region: DescribeCluster gives the endpoint and CA, and each
 * cluster gets a token signed with its account's credentials (the worker's own, or the assumed role's).
 */
async function eksClusters(settings: KubernetesSettings, deps: DiscoverDeps): Promise<Clusters> {
  const { access } = settings;
  const clients = createAwsClients(deps.aws);
  const home = access.regions[0]!;
  const sts = clients.sts(home);
  const limit = pLimit(settings.concurrency);
  try {
    const discovered = await discoverAccounts({
      access,
      clients,
      sts,
      region: home,
      log: deps.log,
      signal: deps.signal,
      source: 'kubernetes',
    });
    const session = { sts, externalId: access.externalId, sessionName: access.sessionName, signal: deps.signal };
    const scopes: ScopeResult[] = [...discovered.scopes];
    const targets: ClusterTarget[] = [];
    const listed = await Promise.all(
      discovered.accounts.map((account) =>
        limit(async () => {
          const got = await accountAccess(account, session, deps.log);
          return { account, got };
        }),
      ),
    );
    const partitions = listed.flatMap(({ account, got }) => access.regions.map((region) => ({ account, got, region })));
    const results = await Promise.all(
      partitions.map(({ account, got, region }) =>
        limit(async () => {
          const scope = formatScope({ kind: 'listing', source: 'kubernetes', key: `eks:${account.accountId}:${region}` });
          if ('error' in got) return { scope: { scope, complete: false, error: got.error } };
          const eks = clients.eks(region, got.credentials);
          try {
            const clusters = await listClusters(eks, { accountId: account.accountId, region }, deps.signal);
            return { scope: { scope, complete: true }, clusters, credentials: got.credentials };
          } catch (error) {
            deps.log.warn({ err: error, accountId: account.accountId, region }, 'EKS clusters could not be listed');
            return { scope: { scope, complete: false, error: `EKS ListClusters/DescribeCluster failed: ${describeAwsError(error)}` } };
          } finally {
            eks.destroy();
          }
        }),
      ),
    );
    for (const [i, result] of results.entries()) {
      scopes.push(result.scope);
      if (!result.clusters) continue;
      const { account, region } = partitions[i]!;
      for (const cluster of result.clusters) targets.push(eksTarget(cluster, settings, result.credentials));
      // A cluster that EKS no longer lists has no workloads: its scope completes, and they are deleted.
      const listedScopes = new Set(result.clusters.map((c) => formatScope({ kind: 'k8s', cluster: c.arn })));
      for (const gone of deps.previousScopes) {
        const m = EKS_ARN.exec(gone.slice('k8s:'.length));
        if (m && m[2] === region && m[3] === account.accountId && !listedScopes.has(gone)) scopes.push({ scope: gone, complete: true });
      }
    }
    return { targets, scopes, awsCalls: clients.calls() };
  } finally {
    sts.destroy();
  }
}

function eksTarget(
  cluster: EksCluster,
  settings: KubernetesSettings,
  credentials: Parameters<typeof eksToken>[0]['credentials'],
): ClusterTarget {
  const environment = cluster.tags[settings.environmentTag]?.trim();
  const identity: ClusterIdentity = {
    key: cluster.arn,
    name: cluster.name,
    accountId: cluster.accountId,
    region: cluster.region,
    arn: cluster.arn,
    ...(environment ? { environment } : {}),
  };
  if (!cluster.endpoint)
    return { identity, error: `EKS gives no endpoint for cluster ${cluster.name} (status ${cluster.status ?? 'unknown'})` };
  const token = tokenSource(() => eksToken({ clusterName: cluster.name, region: cluster.region, credentials }));
  return {
    identity,
    client: bearerClient({ name: cluster.name, server: cluster.endpoint, caData: cluster.certificateAuthority, token }),
  };
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
