import { loadConfig } from '../config.js';
import { ConfigError, ExitCode, ModelError } from '../errors.js';
import { createSyncSession } from '../session.js';
import { RUN_BLUEPRINT } from '../sync/plan.js';
import { schedulesOf } from '../worker/schedules.js';
import { startWorker, type Worker } from '../worker/worker.js';
import type { CommandContext } from './context.js';
import { checkModel } from './model.js';
import { portClientFor } from './port-client.js';

export interface ServeCommandOptions {
  modelDir: string;
}

/**
 * `port-sync serve`: the in-cluster worker. Configuration and model are checked before anything
 * starts (a bad cron expression exits 2 naming its variable); then the schedules run until
 * SIGTERM or SIGINT, which stop it within SHUTDOWN_TIMEOUT_S with exit code 0.
 */
export async function serveCommand(ctx: CommandContext, options: ServeCommandOptions): Promise<ExitCode> {
  const config = loadConfig(process.env);
  const { model, problems } = checkModel(options.modelDir);
  if (problems.length > 0) throw new ModelError(problems);
  const schedules = schedulesOf(config);
  if (schedules.length === 0) {
    throw new ConfigError(['SOURCES: no source is enabled; set SOURCES or the settings of a source (see README)']);
  }
  const port = portClientFor(config, ctx);
  const session = createSyncSession(config, { logger: ctx.logger, model, port });
  const worker = await startWorker(
    {
      schedules,
      runOnStart: config.serve.syncOnStart,
      runTimeoutSeconds: config.serve.runTimeoutSeconds,
      httpPort: config.httpPort,
    },
    {
      session,
      logger: ctx.logger,
      checkPort: async (signal) => void (await port.withSignal(signal).model.getBlueprint(RUN_BLUEPRINT)),
    },
  );
  await untilSignalled(ctx, worker, config.serve.shutdownTimeoutSeconds);
  ctx.logger.flush();
  // Keep-alive sockets of the HTTP clients must not hold the process once the worker has stopped.
  setTimeout(() => process.exit(process.exitCode ?? ExitCode.Ok), 200).unref();
  return ExitCode.Ok;
}

/**
 * Resolves once the worker has stopped after the first SIGTERM or SIGINT. Past SHUTDOWN_TIMEOUT_S
 * the process exits 0 anyway (the next run converges); a second signal exits at once.
 */
function untilSignalled(ctx: CommandContext, worker: Worker, shutdownTimeoutSeconds: number): Promise<void> {
  return new Promise((resolve) => {
    let signalled = false;
    const onSignal = (name: NodeJS.Signals) => {
      if (signalled) {
        ctx.logger.warn({ signal: name }, 'Second signal: exiting now');
        ctx.logger.flush();
        process.exit(ExitCode.Partial);
      }
      signalled = true;
      ctx.logger.info({ signal: name, shutdownTimeoutSeconds }, 'Shutting down');
      setTimeout(() => {
        ctx.logger.warn({ shutdownTimeoutSeconds }, 'SHUTDOWN_TIMEOUT_S reached: exiting with the run unfinished');
        ctx.logger.flush();
        process.exit(ExitCode.Ok);
      }, shutdownTimeoutSeconds * 1000).unref();
      void worker.stop(name).then(() => {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
        resolve();
      });
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}
