import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startKubernetesSandbox, type KubernetesSandbox, type SandboxWorkload } from '../src/k8s-sandbox/index.js';
import type { PortModel } from '../src/model/types.js';
import { BULK_UPSERT_MAX_ENTITIES } from '../src/port/batch.js';
import { PAGE_LIMIT } from '../src/sources/kubernetes/workloads.js';
import type { BenchOptions } from './options.js';
import { SandboxProcess } from './sandbox-process.js';
import { sourceSession } from './session.js';
import { formatRows } from './table.js';

/** One StatefulSet for every four Deployments; a service per three workloads. */
const STATEFUL_EVERY = 5;
const WORKLOADS_PER_SERVICE = 3;

export interface KubernetesResult {
  clusters: number;
  workloads: number;
  scenario: string;
  /** List requests the API servers answered (every page of every kind, every cluster). */
  requests: number;
  /** ⌈Deployments/500⌉ + ⌈StatefulSets/500⌉ per cluster: the fewest list pages. */
  floor: number;
  /** Most distinct bearer tokens one cluster saw in the run (one per cluster is the rule). */
  tokensPerCluster: number;
  entityWrites: number;
  entityWritesFloor: number;
  wallMs: number;
  problems: string[];
}

/**
 * The kubernetes source at scale: `workloads` Deployments and StatefulSets spread over `clusters`
 * local HTTPS API servers, read through one kubeconfig (a context per cluster, its own token), and
 * synced to the sandbox: a first run, then a run with nothing changed.
 */
export async function measureKubernetes(
  workloads: number,
  clusters: number,
  options: BenchOptions,
  model: PortModel,
  progress: (line: string) => void,
): Promise<KubernetesResult[]> {
  const sandbox = await SandboxProcess.start({ latencyMs: options.latencyMs, rateLimit: options.rateLimit });
  const dir = await mkdtemp(join(tmpdir(), 'pcs-bench-k8s-'));
  const seen = Array.from({ length: clusters }, () => new Set<string>());
  const servers: KubernetesSandbox[] = [];
  try {
    for (let c = 0; c < clusters; c += 1) {
      const token = `bench-cluster-${c}-token-0123456789`;
      servers.push(
        await startKubernetesSandbox({
          workloads: clusterEstate(c, clusters, workloads),
          token,
          verify: (presented) => {
            seen[c]!.add(presented);
            return presented === token ? 'ok' : 'unauthorized';
          },
        }),
      );
    }
    const kubeconfig = join(dir, 'config');
    await writeFile(kubeconfig, kubeconfigOf(servers));
    const { session } = sourceSession(
      sandbox.url,
      'bench-k8s',
      { SOURCES: 'kubernetes', KUBERNETES_CLUSTERS: 'kubeconfig', KUBECONFIG: kubeconfig },
      options,
      model,
    );
    const floor = servers.reduce((n, s) => n + pagesOf(s.workloads, 'Deployment') + pagesOf(s.workloads, 'StatefulSet'), 0);
    const results: KubernetesResult[] = [];
    for (const scenario of ['first run', 'no change'] as const) {
      for (const server of servers) server.reset();
      for (const tokens of seen) tokens.clear();
      await sandbox.measureStart();
      const started = performance.now();
      const { report } = await session.run();
      const wallMs = performance.now() - started;
      const measured = await sandbox.measureEnd();
      const created = Object.values(report.blueprints).reduce((n, b) => n + b.created, 0);
      const entityWritesFloor =
        1 +
        Object.values(report.blueprints).reduce(
          (n, b) => n + Math.ceil(b.created / BULK_UPSERT_MAX_ENTITIES) + Math.ceil(b.updated / BULK_UPSERT_MAX_ENTITIES),
          0,
        );
      const problems = [
        ...(report.status === 'success'
          ? []
          : [`status ${report.status}: ${report.findings[0]?.message ?? report.failures[0]?.message ?? ''}`]),
        ...(measured.entities.workload === workloads
          ? []
          : [`the sandbox holds ${measured.entities.workload} workloads, expected ${workloads}`]),
        ...(scenario === 'no change' && created + report.blueprints.workload!.updated > 0
          ? ['a run with nothing changed wrote entities']
          : []),
      ];
      results.push({
        clusters,
        workloads,
        scenario,
        requests: servers.reduce((n, s) => n + s.requests.length, 0),
        floor,
        tokensPerCluster: Math.max(...seen.map((tokens) => tokens.size)),
        entityWrites: measured.entityWrites,
        entityWritesFloor,
        wallMs,
        problems,
      });
      progress(
        `kubernetes ${workloads} over ${clusters} clusters, ${scenario}: ${results.at(-1)!.requests} API requests in ${(wallMs / 1000).toFixed(1)} s`,
      );
    }
    return results;
  } finally {
    await Promise.all([...servers.map((s) => s.close()), sandbox.close(), rm(dir, { recursive: true, force: true })]);
  }
}

function pagesOf(workloads: readonly SandboxWorkload[], kind: SandboxWorkload['kind']): number {
  return Math.max(1, Math.ceil(workloads.filter((w) => w.kind === kind).length / PAGE_LIMIT));
}

/** Cluster `c`'s share of the estate: workloads i with i % clusters === c, in 20 namespaces. */
function clusterEstate(c: number, clusters: number, total: number): SandboxWorkload[] {
  const estate: SandboxWorkload[] = [];
  for (let i = c; i < total; i += clusters) {
    const service = `svc-${Math.floor(i / WORKLOADS_PER_SERVICE)}`;
    const ready = i % 10 === 0 ? 0 : 2;
    estate.push({
      kind: i % STATEFUL_EVERY === 0 ? 'StatefulSet' : 'Deployment',
      namespace: `team-${i % 20}`,
      name: `${service}-${i}`,
      labels: { 'app.kubernetes.io/name': service, 'helm.sh/chart': `acme-service-4.${i % 4}.0` },
      images: [`registry.example.com/acme/${service}:1.${i % 7}.0`],
      replicas: 2,
      readyReplicas: ready,
    });
  }
  return estate;
}

/** A kubeconfig as kubectl writes it: a cluster, a user (its own token) and a context per server. */
function kubeconfigOf(servers: readonly KubernetesSandbox[]): string {
  const q = (value: string) => JSON.stringify(value);
  const names = servers.map((_, c) => `bench-${c}`);
  return [
    'apiVersion: v1',
    'kind: Config',
    `current-context: ${q(names[0]!)}`,
    'clusters:',
    ...servers.map((s, c) => `- name: ${q(names[c]!)}\n  cluster:\n    server: ${q(s.url)}\n    certificate-authority-data: ${s.caData}`),
    'users:',
    ...servers.map((s, c) => `- name: ${q(names[c]!)}\n  user:\n    token: ${q(s.token)}`),
    'contexts:',
    ...names.map((name) => `- name: ${q(name)}\n  context:\n    cluster: ${q(name)}\n    user: ${q(name)}`),
    '',
  ].join('\n');
}

export function formatKubernetesTable(results: readonly KubernetesResult[]): string {
  return formatRows(
    ['clusters', 'workloads', 'scenario', 'API requests', 'floor', 'tokens per cluster', 'entity writes/floor', 'wall s'],
    results.map((r) => [
      String(r.clusters),
      String(r.workloads),
      r.scenario,
      String(r.requests),
      String(r.floor),
      String(r.tokensPerCluster),
      `${r.entityWrites}/${r.entityWritesFloor}`,
      (r.wallMs / 1000).toFixed(1),
    ]),
    [2],
  );
}
