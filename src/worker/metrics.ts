import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { SyncReport } from '../sync/report.js';
import type { ScheduleName } from './schedules.js';

/** How a run ended, as `port_sync_runs_total` counts it. */
export type RunOutcome = 'success' | 'partial' | 'failed' | 'aborted';

// Runs take from seconds (no change) to the 1500 s default time limit; buckets span that range.
const DURATION_BUCKETS = [1, 5, 15, 30, 60, 120, 300, 600, 900, 1500, 3600];

/**
 * The worker's Prometheus metrics, in a registry of its own (never prom-client's global one), fed
 * from each run's report. The contract is DESIGN.md section 7; README says what to alert on.
 */
export class WorkerMetrics {
  readonly registry = new Registry();
  private readonly runs: Counter<'schedule' | 'outcome'>;
  private readonly duration: Histogram<'schedule'>;
  private readonly lastSuccess: Gauge<'schedule'>;
  private readonly entities: Counter<'blueprint' | 'action'>;
  private readonly portRequests: Counter;
  private readonly deletionsRefused: Counter<'blueprint'>;
  private readonly costExplorerRequests: Counter;
  private readonly ticksSkipped: Counter<'schedule'>;
  private readonly inProgress: Gauge<'schedule'>;

  constructor(schedules: readonly ScheduleName[]) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    this.runs = new Counter({
      name: 'port_sync_runs_total',
      help: 'Runs by schedule and outcome (success, partial, failed, aborted).',
      labelNames: ['schedule', 'outcome'],
      registers,
    });
    this.duration = new Histogram({
      name: 'port_sync_run_duration_seconds',
      help: 'Wall time of each run, model apply included.',
      labelNames: ['schedule'],
      buckets: DURATION_BUCKETS,
      registers,
    });
    this.lastSuccess = new Gauge({
      name: 'port_sync_last_success_timestamp_seconds',
      help: 'Unix time at which the last run of the schedule finished with outcome success or partial.',
      labelNames: ['schedule'],
      registers,
    });
    this.entities = new Counter({
      name: 'port_sync_entities_total',
      help: 'Entities written to Port by blueprint and action (created, updated, deleted, failed).',
      labelNames: ['blueprint', 'action'],
      registers,
    });
    this.portRequests = new Counter({ name: 'port_sync_port_requests_total', help: 'Requests made to the Port API.', registers });
    this.deletionsRefused = new Counter({
      name: 'port_sync_deletions_refused_total',
      help: 'Runs in which the deletion guard refused to delete entities of the blueprint.',
      labelNames: ['blueprint'],
      registers,
    });
    this.costExplorerRequests = new Counter({
      name: 'port_sync_cost_explorer_requests_total',
      help: 'Paid Cost Explorer requests made by the cost source.',
      registers,
    });
    this.ticksSkipped = new Counter({
      name: 'port_sync_ticks_skipped_total',
      help: 'Schedule ticks skipped because a run of the same schedule was running or waiting.',
      labelNames: ['schedule'],
      registers,
    });
    this.inProgress = new Gauge({
      name: 'port_sync_run_in_progress',
      help: '1 while a run of the schedule is in progress.',
      labelNames: ['schedule'],
      registers,
    });
    // Series exist from the start, so rate() and absent() see zeros rather than nothing.
    for (const schedule of schedules) {
      for (const outcome of ['success', 'partial', 'failed', 'aborted'] as const) this.runs.inc({ schedule, outcome }, 0);
      this.ticksSkipped.inc({ schedule }, 0);
      this.duration.zero({ schedule });
      this.inProgress.set({ schedule }, 0);
    }
    this.portRequests.inc(0);
    this.costExplorerRequests.inc(0);
  }

  started(schedule: ScheduleName): void {
    this.inProgress.set({ schedule }, 1);
  }

  /** A run that ended: with its report, or without one when it failed before it could report. */
  finished(schedule: ScheduleName, outcome: RunOutcome, seconds: number, report: SyncReport | undefined, at: Date): void {
    this.inProgress.set({ schedule }, 0);
    this.runs.inc({ schedule, outcome });
    this.duration.observe({ schedule }, seconds);
    if (outcome === 'success' || outcome === 'partial') this.lastSuccess.set({ schedule }, at.getTime() / 1000);
    if (report) this.fromReport(report);
  }

  tickSkipped(schedule: ScheduleName): void {
    this.ticksSkipped.inc({ schedule });
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  private fromReport(report: SyncReport): void {
    // A dry run reports what it would write: only what reached Port is counted.
    for (const [blueprint, outcome] of Object.entries(report.dryRun ? {} : report.blueprints)) {
      for (const action of ['created', 'updated', 'deleted', 'failed'] as const) {
        if (outcome[action] > 0) this.entities.inc({ blueprint, action }, outcome[action]);
      }
    }
    this.portRequests.inc(report.portCalls.total);
    for (const refusal of report.deletionsRefused) this.deletionsRefused.inc({ blueprint: refusal.blueprint });
    const paid = report.sources.cost?.stats?.paidRequests ?? 0;
    if (paid > 0) this.costExplorerRequests.inc(paid);
  }
}
