import { loadConfig, type Config } from '../config.js';
import { ConfigError, ExitCode, ModelError } from '../errors.js';
import { createSources, selectSources } from '../sources/registry.js';
import { loadSnapshot, saveSnapshot } from '../sources/snapshot.js';
import type { SourceRun } from '../domain/index.js';
import { renderReport, renderSyncPlan } from '../sync/render.js';
import { collectSources, runSync } from '../sync/run.js';
import type { CommandContext } from './context.js';
import { checkModel } from './model.js';
import { portClientFor } from './port-client.js';

export interface SyncCommandOptions {
  dryRun?: boolean;
  sources?: string;
  json?: boolean;
  verbose?: boolean;
  allowDeletes: string[];
  saveSnapshot?: string;
  fromSnapshot?: string;
  modelDir: string;
}

/** `port-sync sync`: one full run, or with --dry-run a read-only plan of one. */
export async function syncCommand(ctx: CommandContext, options: SyncCommandOptions): Promise<ExitCode> {
  const config = loadConfig(process.env);
  const { model, problems } = checkModel(options.modelDir);
  if (problems.length > 0) throw new ModelError(problems);
  const requested = options.sources?.split(',').map((s) => s.trim()).filter(Boolean);
  const collect = await collector(config, ctx, options, requested);
  const port = portClientFor(config, ctx);

  const { report, plans } = await runSync(
    { config, port, logger: ctx.logger, model },
    {
      dryRun: options.dryRun ?? false,
      allowDeletes: options.allowDeletes,
      configuredSources: config.sources,
      collect: async (context) => {
        const runs = await collect(context);
        if (options.saveSnapshot) await saveSnapshot(options.saveSnapshot, runs, context.now);
        return runs;
      },
    },
  );
  if (options.json) ctx.print(JSON.stringify(report, null, 2));
  else {
    if (report.dryRun) ctx.print(`${renderSyncPlan(plans, options.verbose ?? false)}\n`);
    ctx.print(renderReport(report));
  }
  return report.status === 'success' ? ExitCode.Ok : ExitCode.Partial;
}

/** Where this run's source data comes from: a snapshot, or the live sources SOURCES/--sources name. */
async function collector(
  config: Config,
  ctx: CommandContext,
  options: SyncCommandOptions,
  requested: string[] | undefined,
): Promise<(context: Parameters<typeof collectSources>[1]) => Promise<SourceRun[]>> {
  if (options.fromSnapshot) {
    const runs = await loadSnapshot(options.fromSnapshot);
    const picked = requested ? runs.filter((r) => requested.includes(r.id)) : runs;
    return async () => picked;
  }
  const ids = selectSources(config, requested);
  if (ids.length === 0) {
    throw new ConfigError(['SOURCES: no source is enabled; set SOURCES or the settings of a source (see README), or replay one with --from-snapshot']);
  }
  const sources = createSources(ids, config, { logger: ctx.logger });
  return (context) => collectSources(sources, context);
}
