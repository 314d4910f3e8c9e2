import { loadConfig } from '../config.js';
import { ConfigError, ExitCode, ModelError } from '../errors.js';
import { createSyncSession } from '../session.js';
import { loadSnapshot, saveSnapshot } from '../sources/snapshot.js';
import { renderReport, renderSyncPlan } from '../sync/render.js';
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

/** `port-sync sync`: one full run, or with --dry-run a read-only plan of one. SIGINT/SIGTERM abort it safely. */
export async function syncCommand(ctx: CommandContext, options: SyncCommandOptions): Promise<ExitCode> {
  const config = loadConfig(process.env);
  const { model, problems } = checkModel(options.modelDir);
  if (problems.length > 0) throw new ModelError(problems);
  const requested = options.sources
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const replay = options.fromSnapshot ? await loadSnapshot(options.fromSnapshot) : undefined;
  if (!replay && config.sources.length === 0 && !requested?.length) {
    throw new ConfigError([
      'SOURCES: no source is enabled; set SOURCES or the settings of a source (see README), or replay one with --from-snapshot',
    ]);
  }
  const session = createSyncSession(config, { logger: ctx.logger, model, port: portClientFor(config, ctx) });
  const { report, plans } = await withShutdownSignal(ctx, (signal) =>
    session.run({
      dryRun: options.dryRun ?? false,
      allowDeletes: options.allowDeletes,
      sources: requested,
      replay,
      signal,
      onCollected: options.saveSnapshot ? (runs, takenAt) => saveSnapshot(options.saveSnapshot!, runs, takenAt) : undefined,
    }),
  );
  if (options.json) ctx.print(JSON.stringify(report, null, 2));
  else {
    if (report.dryRun) ctx.print(`${renderSyncPlan(plans, options.verbose ?? false)}\n`);
    ctx.print(renderReport(report));
  }
  return report.status === 'success' ? ExitCode.Ok : ExitCode.Partial;
}

/**
 * The first SIGINT or SIGTERM aborts the run at a safe point (the Port batch in flight finishes,
 * nothing more is written or deleted, the run reports itself); a second one exits at once.
 */
async function withShutdownSignal<T>(ctx: CommandContext, body: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const onSignal = (name: NodeJS.Signals) => {
    if (controller.signal.aborted) {
      ctx.logger.warn({ signal: name }, 'Second signal: exiting now');
      process.exit(ExitCode.Partial);
    }
    ctx.logger.warn({ signal: name }, 'Aborting the run: the Port batch in flight finishes, nothing more is written or deleted');
    controller.abort(name);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    return await body(controller.signal);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
