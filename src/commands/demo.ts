import { loadConfig } from '../config.js';
import { startDemoEstate } from '../demo/demo-estate.js';
import { ExitCode, ModelError } from '../errors.js';
import { previewSummary } from '../preview/summary.js';
import { renderPreview } from '../preview/render.js';
import { createSandbox } from '../sandbox/index.js';
import { createSyncSession } from '../session.js';
import { renderReport } from '../sync/render.js';
import type { CommandContext } from './context.js';
import { DEFAULT_MODEL_DIR, checkModel } from './model.js';
import { portClientFor } from './port-client.js';
import { DEFAULT_PREVIEW_PORT, servePreview } from './preview.js';

/**
 * `port-sync demo`: the whole pipeline (model apply, join, plan, minimal writes, guarded deletes,
 * report) against a throwaway local Port sandbox. The real gitlab source reads a local GitLab
 * sandbox holding the sample's repositories, the real kubernetes source a local Kubernetes API
 * server running the sample's workloads (through a kubeconfig, as on a laptop); the sample's aws and
 * cost runs stand in for the rest. A first sync, the same estate a week later, and a run in which
 * nothing changed.
 */
export async function demoCommand(ctx: CommandContext, options: { serve?: boolean; port?: number } = {}): Promise<ExitCode> {
  const { model, problems } = checkModel(DEFAULT_MODEL_DIR);
  if (problems.length > 0) throw new ModelError(problems);
  const sandbox = createSandbox({ logger: ctx.logger });
  const url = await sandbox.start();
  const estate = await startDemoEstate();
  try {
    const config = loadConfig(
      { PORT_BASE_URL: url, PORT_CLIENT_ID: 'demo', PORT_CLIENT_SECRET: 'demo-secret', SYNC_INSTANCE: 'demo', ...estate.env },
      { registry: estate.registry },
    );
    const session = createSyncSession(config, { logger: ctx.logger, model, port: portClientFor(config, ctx), registry: estate.registry });
    ctx.print(`Local Port sandbox at ${url}, local GitLab at ${estate.gitlab.url}, local Kubernetes API at ${estate.cluster.url}`);
    ctx.print(
      'Sample estate: 5 services in 4 GitLab projects (one a monorepo), 3 teams, 2 AWS accounts, 1 EKS cluster, 2 months of cost\n',
    );
    let exit: ExitCode = ExitCode.Ok;
    for (const [title, week] of [
      ['First sync', 1],
      ['A week later: a chart upgraded (one commit in the monorepo), a bucket gone, a workload degraded', 2],
      ['Nothing changed since', 2],
    ] as const) {
      estate.advance(week);
      estate.gitlab.reset();
      estate.cluster.reset();
      ctx.print(`== ${title}`);
      const { report } = await session.run();
      ctx.print(renderReport(report));
      const counts = estate.gitlab.counts();
      ctx.print(`  GitLab: ${counts.total} requests, ${counts.tree} tree pages and ${counts.raw} files read`);
      ctx.print(`  Kubernetes: ${estate.cluster.requests.length} list requests\n`);
      if (report.status !== 'success') exit = ExitCode.Partial;
    }
    ctx.print('What the catalog now shows in Port (the preview: scorecards and dashboards computed as Port computes them):\n');
    ctx.print(renderPreview(previewSummary(sandbox.reader)));
    if (options.serve) await servePreview(ctx, sandbox, options.port ?? DEFAULT_PREVIEW_PORT);
    else
      ctx.print(
        '\nTo look at it as pictures: npm run demo -- --serve, then open the address it prints. For your own estate: port-sync preview --serve (README, "Preview before you apply").',
      );
    return exit;
  } finally {
    await Promise.all([sandbox.close(), estate.close()]);
  }
}
