import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGitlabFake } from '../gitlab-sandbox/index.js';
import { startKubernetesSandbox } from '../k8s-sandbox/index.js';
import type { Registry } from '../sources/registry.js';
import { SAMPLE_ALIASES } from './sample-estate.js';
import { SAMPLE_CHART_PROJECT, SAMPLE_GITLAB_GROUPS, SAMPLE_PIPELINE_PROJECT, sampleGitlab } from './sample-gitlab.js';
import { sampleKubeconfig, sampleWorkloads, SAMPLE_CLUSTER_ENVIRONMENTS } from './sample-kubernetes.js';
import { sampleRegistry, type SampleWeek } from './sample-sources.js';

export interface DemoEstate {
  /** The sources' settings (no Port settings): the local GitLab and Kubernetes, the sample's aliases. */
  env: Record<string, string>;
  registry: Registry;
  gitlab: Awaited<ReturnType<typeof startGitlabFake>>;
  cluster: Awaited<ReturnType<typeof startKubernetesSandbox>>;
  week: SampleWeek;
  /** Moves the estate to week 2: a chart upgraded (one commit in the monorepo), a workload degraded. */
  advance(week: 1 | 2): void;
  close(): Promise<void>;
}

/**
 * The sample estate running locally: a GitLab sandbox holding its repositories, a Kubernetes API
 * server running its workloads (reached through a kubeconfig), and the sample's aws and cost runs.
 * Used by the demo, and by tests that need the demo's estate (e.g. to save a snapshot of it).
 */
export async function startDemoEstate(): Promise<DemoEstate> {
  const gitlab = await startGitlabFake({ projects: sampleGitlab(1) });
  const cluster = await startKubernetesSandbox({ workloads: sampleWorkloads(1) });
  const dir = await mkdtemp(join(tmpdir(), 'port-sync-demo-'));
  const kubeconfig = join(dir, 'kubeconfig');
  await writeFile(kubeconfig, sampleKubeconfig(cluster), { mode: 0o600 });
  const week: SampleWeek = { week: 1 };
  const registry = sampleRegistry(week);
  return {
    env: {
      SOURCES: registry.ids.join(','),
      GITLAB_URL: gitlab.url,
      GITLAB_TOKEN: gitlab.token,
      GITLAB_GROUPS: SAMPLE_GITLAB_GROUPS.join(','),
      GITLAB_CHART_PROJECT: SAMPLE_CHART_PROJECT,
      GITLAB_PIPELINE_PROJECT: SAMPLE_PIPELINE_PROJECT,
      KUBERNETES_CLUSTERS: 'kubeconfig',
      KUBECONFIG: kubeconfig,
      K8S_CLUSTER_ENVIRONMENTS: SAMPLE_CLUSTER_ENVIRONMENTS,
      ...SAMPLE_ALIASES,
    },
    registry,
    gitlab,
    cluster,
    week,
    advance(next) {
      if (next === week.week) return;
      week.week = next;
      const payments = sampleGitlab(next).find((p) => p.path === 'acme/payments/payments')!;
      gitlab.estate.push(payments.path, payments.files);
      cluster.workloads = sampleWorkloads(next);
    },
    close: async () => {
      await Promise.all([gitlab.close(), cluster.close(), rm(dir, { recursive: true, force: true })]);
    },
  };
}
