import { loadConfig } from '../config.js';
import { ExitCode, ModelError } from '../errors.js';
import { SAMPLE_ALIASES, sampleEstate } from '../demo/sample-estate.js';
import { createSandbox, type Sandbox } from '../sandbox/index.js';
import { createSyncSession } from '../session.js';
import { renderReport } from '../sync/render.js';
import type { CommandContext } from './context.js';
import { DEFAULT_MODEL_DIR, checkModel } from './model.js';
import { portClientFor } from './port-client.js';

/**
 * `port-sync demo`: the whole pipeline (model apply, join, plan, minimal writes, guarded deletes,
 * report) against a throwaway local sandbox, with the bundled sample estate as the sources' data:
 * a first sync, the same estate a week later, and a run in which nothing changed.
 */
export async function demoCommand(ctx: CommandContext): Promise<ExitCode> {
  const { model, problems } = checkModel(DEFAULT_MODEL_DIR);
  if (problems.length > 0) throw new ModelError(problems);
  const sandbox = createSandbox({ logger: ctx.logger });
  const url = await sandbox.start();
  try {
    const config = loadConfig({
      PORT_BASE_URL: url,
      PORT_CLIENT_ID: 'demo',
      PORT_CLIENT_SECRET: 'demo-secret',
      SYNC_INSTANCE: 'demo',
      ...SAMPLE_ALIASES,
    });
    const session = createSyncSession(config, { logger: ctx.logger, model, port: portClientFor(config, ctx) });
    ctx.print(`Local Port sandbox at ${url}; sample estate: 5 services, 3 teams, 2 AWS accounts, 1 EKS cluster, 2 months of cost\n`);
    let exit: ExitCode = ExitCode.Ok;
    for (const [title, week] of [
      ['First sync', 1],
      ['A week later: a chart upgraded, a bucket gone, a workload degraded', 2],
      ['Nothing changed since', 2],
    ] as const) {
      ctx.print(`== ${title}`);
      const { report } = await session.run({ replay: sampleEstate(week) });
      ctx.print(`${renderReport(report)}\n`);
      if (report.status !== 'success') exit = ExitCode.Partial;
    }
    ctx.print(catalogSummary(sandbox));
    return exit;
  } finally {
    await sandbox.close();
  }
}

function catalogSummary(sandbox: Sandbox): string {
  const services = [...sandbox.store.entities('service').values()];
  const behind = services.filter((s) => s.properties.chartLag === 'major' || s.properties.pipelineLag === 'major').map((s) => s.identifier);
  const resources = [...sandbox.store.entities('awsResource').values()];
  const nonCompliant = resources.filter((r) => r.properties.tagCompliant === false).length;
  const unhealthy = [...sandbox.store.entities('workload').values()].filter((w) => w.properties.health !== 'Healthy').map((w) => w.title);
  const mtd = services.reduce((sum, s) => sum + (typeof s.properties.costMonthToDate === 'number' ? s.properties.costMonthToDate : 0), 0);
  return [
    'What the catalog now says:',
    `  services a major version behind on chart or pipeline: ${behind.join(', ') || 'none'}`,
    `  AWS resources missing a required tag: ${nonCompliant} of ${resources.length}`,
    `  workloads not healthy: ${unhealthy.join(', ') || 'none'}`,
    `  cost this month to date across services: ${mtd.toFixed(2)} USD`,
  ].join('\n');
}
