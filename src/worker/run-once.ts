import { ModelError, PortApiError, PortAuthError, PortSyncError, PortUnreachableError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { SyncSession } from '../session.js';
import type { SyncReport } from '../sync/report.js';
import type { RunOutcome, WorkerMetrics } from './metrics.js';
import type { ReadinessState } from './readiness.js';
import type { Schedule } from './schedules.js';

export interface RunDeps {
  session: SyncSession;
  logger: Logger;
  metrics: WorkerMetrics;
  readiness: ReadinessState;
  /** RUN_TIMEOUT_S in milliseconds. */
  runTimeoutMs: number;
  /** Fires on SIGTERM/SIGINT: the run in progress stops at a safe point. */
  shutdown: AbortSignal;
  now: () => Date;
}

/**
 * One run of a schedule through the session (model apply first, then the schedule's sources),
 * aborted through its signal after RUN_TIMEOUT_S or at shutdown. It never throws: a failed run is
 * logged and counted, and the worker goes on to the next tick.
 */
export async function runOnce(schedule: Schedule, deps: RunDeps): Promise<RunOutcome> {
  const log = deps.logger.child({ schedule: schedule.name });
  const timeout = new AbortController();
  const seconds = Math.round(deps.runTimeoutMs / 1000);
  const timer = setTimeout(() => timeout.abort(`RUN_TIMEOUT_S exceeded (${seconds} s)`), deps.runTimeoutMs);
  const signal = AbortSignal.any([deps.shutdown, timeout.signal]);
  const startedAt = deps.now();
  deps.metrics.started(schedule.name);
  log.info({ sources: schedule.sources }, 'Scheduled run started');
  let outcome: RunOutcome;
  let report: SyncReport | undefined;
  try {
    ({ report } = await deps.session.run({ sources: schedule.sources, signal }));
    outcome = report.status;
    deps.readiness.portReached();
    if (outcome === 'aborted') log.warn({ reason: String(signal.reason) }, 'Scheduled run aborted');
  } catch (error) {
    outcome = signal.aborted ? 'aborted' : 'failed';
    noteReadiness(error, deps.readiness);
    const fields = { outcome, ...(signal.aborted ? { reason: String(signal.reason) } : {}) };
    if (error instanceof PortSyncError) {
      const details = error instanceof PortApiError ? error.toJSON() : {};
      log.error({ ...details, ...fields, errorType: error.name }, `Scheduled run failed: ${error.message}`);
    } else {
      log.error({ err: error, ...fields }, 'Scheduled run failed');
    }
  } finally {
    clearTimeout(timer);
  }
  const finishedAt = deps.now();
  deps.metrics.finished(schedule.name, outcome, (finishedAt.getTime() - startedAt.getTime()) / 1000, report, finishedAt);
  return outcome;
}

/** Port refusing or unreachable makes the worker unready; any answer from Port makes it ready again. */
function noteReadiness(error: unknown, readiness: ReadinessState): void {
  if (error instanceof PortAuthError || error instanceof PortUnreachableError) readiness.portFailed(error.message);
  else if (error instanceof PortApiError || error instanceof ModelError) readiness.portReached();
}
