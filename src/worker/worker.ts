import type { Logger } from '../logger.js';
import type { SyncSession } from '../session.js';
import { startSchedules, type Ticker } from './cron.js';
import { startHealthServer, type HealthServer } from './http-server.js';
import { WorkerMetrics } from './metrics.js';
import { RunQueue } from './queue.js';
import { ReadinessState } from './readiness.js';
import { runOnce } from './run-once.js';
import type { Schedule, ScheduleName } from './schedules.js';

export interface WorkerSettings {
  schedules: readonly Schedule[];
  /** SYNC_ON_START: a run of each schedule as soon as the worker starts, sync first. */
  runOnStart: boolean;
  runTimeoutSeconds: number;
  httpPort: number;
  /** Interface the health server listens on; every one by default. */
  httpHost?: string;
}

export interface WorkerDeps {
  session: SyncSession;
  logger: Logger;
  /** One read from Port, to know readiness when no run happens at start. */
  checkPort?: (signal: AbortSignal) => Promise<void>;
  now?: () => Date;
}

export interface Worker {
  readonly metrics: WorkerMetrics;
  readonly readiness: ReadinessState;
  /** The health server's port (HTTP_PORT, or the one chosen for 0). */
  readonly port: number;
  /**
   * Stops the schedules, aborts the run in progress at a safe point (its Port batch in flight
   * finishes, nothing more is written or deleted), waits for it, and closes the HTTP server.
   */
  stop(reason: string): Promise<void>;
}

/**
 * `serve`: the schedules feed one queue, so runs never overlap; each run is bounded by
 * RUN_TIMEOUT_S; a failed run is logged and counted and the next tick runs as usual.
 */
export async function startWorker(settings: WorkerSettings, deps: WorkerDeps): Promise<Worker> {
  const now = deps.now ?? (() => new Date());
  const log = deps.logger.child({ component: 'worker' });
  const metrics = new WorkerMetrics(settings.schedules.map((s) => s.name));
  const readiness = new ReadinessState(now);
  const shutdown = new AbortController();
  const byName = new Map(settings.schedules.map((s) => [s.name, s]));
  const runDeps = { session: deps.session, logger: deps.logger, metrics, readiness, shutdown: shutdown.signal, now };
  const queue = new RunQueue(async (name: ScheduleName) => {
    await runOnce(byName.get(name)!, { ...runDeps, runTimeoutMs: settings.runTimeoutSeconds * 1000 });
  });

  const offer = (schedule: Schedule, why: 'tick' | 'start'): void => {
    const running = queue.current;
    const result = queue.offer(schedule.name);
    if (result === 'skipped') {
      if (shutdown.signal.aborted) return;
      metrics.tickSkipped(schedule.name);
      log.warn({ schedule: schedule.name, running }, 'Tick skipped: a run of this schedule is running or waiting');
    } else if (result === 'queued') {
      log.info({ schedule: schedule.name, running, why }, 'Run waits for the run in progress');
    }
  };

  const server: HealthServer = await startHealthServer(settings.httpPort, { readiness, metrics, logger: log }, settings.httpHost);
  let ticker: Ticker;
  try {
    ticker = startSchedules(settings.schedules, (schedule) => offer(schedule, 'tick'), log);
  } catch (error) {
    await server.close();
    throw error;
  }
  log.info(
    {
      schedules: settings.schedules.map(({ name, expression, sources }) => ({ name, expression, sources })),
      runOnStart: settings.runOnStart,
    },
    'Worker started',
  );
  if (settings.runOnStart) for (const schedule of settings.schedules) offer(schedule, 'start');
  else if (deps.checkPort) void checkPort(deps.checkPort, readiness, shutdown.signal, log);

  let stopping: Promise<void> | undefined;
  return {
    metrics,
    readiness,
    port: server.port,
    stop(reason) {
      stopping ??= (async () => {
        ticker.stop();
        readiness.shuttingDown();
        const running = queue.current;
        if (running) log.warn({ reason, running }, 'Stopping: the run in progress is aborted at a safe point');
        else log.info({ reason }, 'Stopping');
        shutdown.abort(reason);
        await queue.close();
        await server.close();
        log.info({ reason }, 'Worker stopped');
      })();
      return stopping;
    },
  };
}

async function checkPort(
  check: (signal: AbortSignal) => Promise<void>,
  readiness: ReadinessState,
  signal: AbortSignal,
  log: Logger,
): Promise<void> {
  try {
    await check(signal);
    readiness.portReached();
  } catch (error) {
    if (signal.aborted) return;
    const reason = error instanceof Error ? error.message : String(error);
    readiness.portFailed(reason);
    log.warn({ reason }, 'Port could not be reached');
  }
}
