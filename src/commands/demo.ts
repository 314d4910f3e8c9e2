import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config.js';
import { ExitCode, ModelError } from '../errors.js';
import { SAMPLE_ALIASES } from '../demo/sample-estate.js';
import { SAMPLE_CHART_PROJECT, SAMPLE_GITLAB_GROUPS, SAMPLE_PIPELINE_PROJECT, sampleGitlab } from '../demo/sample-gitlab.js';
import { sampleRegistry, type SampleWeek } from '../demo/sample-sources.js';
import { sampleKubeconfig, sampleWorkloads, SAMPLE_CLUSTER_ENVIRONMENTS } from '../demo/sample-kubernetes.js';
import { startGitlabFake } from '../gitlab-sandbox/index.js';
import { startKubernetesSandbox } from '../k8s-sandbox/index.js';
import { createSandbox, type Sandbox } from '../sandbox/index.js';
import { createSyncSession } from '../session.js';
import { renderReport } from '../sync/render.js';
import type { CommandContext } from './context.js';
import { DEFAULT_MODEL_DIR, checkModel } from './model.js';
import { portClientFor } from './port-client.js';

/**
 * `port-sync demo`: the whole pipeline (model apply, join, plan, minimal writes, guarded deletes,
 * report) against a throwaway local Port sandbox. The real gitlab source reads a local GitLab
 * sandbox holding the sample's repositories, the real kubernetes source a local Kubernetes API
 * server running the sample's workloads (through a kubeconfig, as on a laptop); the sample's aws and
 * cost runs stand in for the rest. A first sync, the same estate a week later, and a run in which
 * nothing changed.
 */
export async function demoCommand(ctx: CommandContext): Promise<ExitCode> {
  const { model, problems } = checkModel(DEFAULT_MODEL_DIR);
  if (problems.length > 0) throw new ModelError(problems);
  const sandbox = createSandbox({ logger: ctx.logger });
  const url = await sandbox.start();
  const gitlab = await startGitlabFake({ projects: sampleGitlab(1) });
  const cluster = await startKubernetesSandbox({ workloads: sampleWorkloads(1) });
  const dir = await mkdtemp(join(tmpdir(), 'port-sync-demo-'));
  try {
    const kubeconfig = join(dir, 'kubeconfig');
    await writeFile(kubeconfig, sampleKubeconfig(cluster), { mode: 0o600 });
    const clock: SampleWeek = { week: 1 };
    const registry = sampleRegistry(clock);
    const config = loadConfig(
      {
        PORT_BASE_URL: url,
        PORT_CLIENT_ID: 'demo',
        PORT_CLIENT_SECRET: 'demo-secret',
        SYNC_INSTANCE: 'demo',
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
      { registry },
    );
    const session = createSyncSession(config, { logger: ctx.logger, model, port: portClientFor(config, ctx), registry });
    ctx.print(`Local Port sandbox at ${url}, local GitLab at ${gitlab.url}, local Kubernetes API at ${cluster.url}`);
    ctx.print(
      'Sample estate: 5 services in 4 GitLab projects (one a monorepo), 3 teams, 2 AWS accounts, 1 EKS cluster, 2 months of cost\n',
    );
    let exit: ExitCode = ExitCode.Ok;
    for (const [title, week] of [
      ['First sync', 1],
      ['A week later: a chart upgraded (one commit in the monorepo), a bucket gone, a workload degraded', 2],
      ['Nothing changed since', 2],
    ] as const) {
      if (week !== clock.week) {
        clock.week = week;
        const payments = sampleGitlab(week).find((p) => p.path === 'acme/payments/payments')!;
        gitlab.estate.push(payments.path, payments.files);
        cluster.workloads = sampleWorkloads(week);
      }
      gitlab.reset();
      cluster.reset();
      ctx.print(`== ${title}`);
      const { report } = await session.run();
      ctx.print(renderReport(report));
      const counts = gitlab.counts();
      ctx.print(`  GitLab: ${counts.total} requests, ${counts.tree} tree pages and ${counts.raw} files read`);
      ctx.print(`  Kubernetes: ${cluster.requests.length} list requests\n`);
      if (report.status !== 'success') exit = ExitCode.Partial;
    }
    ctx.print(catalogSummary(sandbox));
    return exit;
  } finally {
    await Promise.all([sandbox.close(), gitlab.close(), cluster.close(), rm(dir, { recursive: true, force: true })]);
  }
}

function catalogSummary(sandbox: Sandbox): string {
  const services = [...sandbox.store.entities('service').values()];
  const behind = services.filter((s) => s.properties.chartLag === 'major' || s.properties.pipelineLag === 'major').map((s) => s.identifier);
  const resources = [...sandbox.store.entities('awsResource').values()];
  const nonCompliant = resources.filter((r) => r.properties.tagCompliant === false).length;
  const unhealthy = [...sandbox.store.entities('workload').values()].filter((w) => w.properties.health !== 'Healthy').map((w) => w.title);
  const notRunning = services
    .filter((s) => s.properties.isRunning === false)
    .map((s) => s.identifier)
    .sort();
  const mtd = services.reduce((sum, s) => sum + (typeof s.properties.costMonthToDate === 'number' ? s.properties.costMonthToDate : 0), 0);
  const version = (v: unknown, lag: unknown) => `${typeof v === 'string' ? v : '?'} (${String(lag ?? 'unknown')})`;
  const lags = services
    .filter((s) => s.properties.hasRepository === true)
    .map(
      (s) =>
        `    ${s.identifier.padEnd(16)} chart ${version(s.properties.chartVersion, s.properties.chartLag).padEnd(18)} pipeline ${version(s.properties.pipelineVersion, s.properties.pipelineLag)}`,
    );
  return [
    'What the catalog now says:',
    '  services, with the chart and pipeline versions their repositories pin (from GitLab):',
    ...lags.sort(),
    `  services a major version behind on chart or pipeline: ${behind.join(', ') || 'none'}`,
    `  AWS resources missing a required tag: ${nonCompliant} of ${resources.length}`,
    `  workloads not healthy: ${unhealthy.join(', ') || 'none'}`,
    `  services not running (no Healthy workload, from Kubernetes): ${notRunning.join(', ') || 'none'}`,
    `  cost this month to date across services: ${mtd.toFixed(2)} USD`,
  ].join('\n');
}
