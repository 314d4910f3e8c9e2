import type { PortCallStats, PortClient, PortEntity } from '../port/index.js';
import type { Finding, ScopeResult, SourceRun } from '../domain/index.js';
import type { AppliedSync } from './apply.js';
import { RUN_BLUEPRINT } from './plan.js';
import type { BlueprintOutcome, BlueprintSyncPlan, DeletionRefusal, SyncFailure } from './types.js';

/** Run reports kept in Port per instance. */
export const RUNS_KEPT = 100;

export interface SourceSummary {
  scopes: number;
  completedScopes: number;
  failedScopes: ScopeResult[];
  fragments: number;
  findings: number;
  stats?: Record<string, number>;
}

export interface ModelSummary {
  created: number;
  updated: number;
  deleted: number;
  unchanged: number;
  failed: number;
}

export interface SyncReport {
  runId: string;
  syncInstance: string;
  dryRun: boolean;
  startedAt: string;
  finishedAt: string;
  durationSeconds: number;
  /**
   * `success`; `partial` when anything was skipped: a scope, an entity, a deletion; `aborted` when
   * the run was stopped (time limit, SIGTERM) before it finished.
   */
  status: 'success' | 'partial' | 'aborted';
  sources: Record<string, SourceSummary>;
  blueprints: Record<string, BlueprintOutcome & { toDelete: number; kept: number }>;
  ownedByOthers: { blueprint: string; identifier: string }[];
  deletionsRefused: DeletionRefusal[];
  failures: SyncFailure[];
  findings: Finding[];
  /** Services something names (a tag, a label, a cost group) that no repository source defines. */
  servicesWithoutRepository: number;
  model: ModelSummary;
  portCalls: { total: number; reads: number; writes: number; retries: number };
}

export interface ReportInput {
  runId: string;
  syncInstance: string;
  dryRun: boolean;
  aborted?: boolean;
  startedAt: Date;
  finishedAt: Date;
  runs: readonly SourceRun[];
  /** source id -> fragments it collected, when its fragments were released after the join. */
  fragmentCounts?: Readonly<Record<string, number>>;
  plans: readonly BlueprintSyncPlan[];
  desiredCounts: ReadonlyMap<string, number>;
  servicesWithoutRepository?: number;
  applied?: AppliedSync;
  refusals: readonly DeletionRefusal[];
  findings: readonly Finding[];
  model: ModelSummary;
  calls: PortCallStats;
}

export function buildReport(input: ReportInput): SyncReport {
  const blueprints: SyncReport['blueprints'] = {};
  for (const plan of input.plans) {
    const done = input.applied?.byBlueprint.get(plan.blueprint);
    // A dry run reports what it would write; a run aborted before it wrote reports nothing written.
    const unsent = input.dryRun ? 0 : plan.creates.length + plan.updates.length + plan.deletes.length;
    blueprints[plan.blueprint] = {
      blueprint: plan.blueprint,
      desired: input.desiredCounts.get(plan.blueprint) ?? 0,
      created: done ? done.created : input.dryRun ? plan.creates.length : 0,
      updated: done ? done.updated : input.dryRun ? plan.updates.length : 0,
      unchanged: plan.unchanged,
      deleted: done ? done.deleted : 0,
      failed: done?.failed ?? 0,
      ownedByOthers: done?.ownedByOthers ?? 0,
      notSent: done ? done.notSent : unsent,
      toDelete: plan.deletes.length,
      kept: plan.kept.length,
    };
  }
  const sources: SyncReport['sources'] = {};
  for (const run of input.runs) {
    const failed = run.result.scopes.filter((s) => !s.complete);
    sources[run.id] = {
      scopes: run.result.scopes.length,
      completedScopes: run.result.scopes.length - failed.length,
      failedScopes: failed,
      fragments: input.fragmentCounts?.[run.id] ?? run.result.fragments.length,
      findings: run.result.findings.length,
      ...(run.result.stats ? { stats: run.result.stats } : {}),
    };
  }
  const failures = input.applied?.failures ?? [];
  const ownedByOthers = input.applied?.ownedByOthers ?? [];
  const skipped =
    failures.length +
    ownedByOthers.length +
    input.refusals.length +
    input.model.failed +
    input.findings.filter((f) => f.kind !== 'integrity').length +
    Object.values(sources).reduce((n, s) => n + s.failedScopes.length, 0);
  return {
    runId: input.runId,
    syncInstance: input.syncInstance,
    dryRun: input.dryRun,
    startedAt: input.startedAt.toISOString(),
    finishedAt: input.finishedAt.toISOString(),
    durationSeconds: Math.round((input.finishedAt.getTime() - input.startedAt.getTime()) / 100) / 10,
    status: input.aborted ? 'aborted' : skipped > 0 ? 'partial' : 'success',
    sources,
    blueprints,
    ownedByOthers,
    deletionsRefused: [...input.refusals],
    failures,
    findings: [...input.findings],
    servicesWithoutRepository: input.servicesWithoutRepository ?? 0,
    model: input.model,
    portCalls: { total: input.calls.calls, reads: input.calls.reads, writes: input.calls.writes, retries: input.calls.retries },
  };
}

/** `<instance>-<UTC timestamp to the millisecond>`: sortable, unique per instance. */
export function runIdentifier(syncInstance: string, startedAt: Date): string {
  return `${syncInstance}-${startedAt.toISOString().replace(/[-:.]/g, '')}`;
}

/** The report as a `syncRun` entity. */
export function runEntity(report: SyncReport): PortEntity {
  return {
    identifier: report.runId,
    title: `${report.syncInstance} ${report.startedAt}`,
    properties: {
      startedAt: report.startedAt,
      finishedAt: report.finishedAt,
      status: report.status,
      durationSeconds: report.durationSeconds,
      dryRun: report.dryRun,
      sources: Object.keys(report.sources),
      counts: {
        sources: report.sources,
        blueprints: report.blueprints,
        model: report.model,
        ownedByOthers: report.ownedByOthers.length,
        failures: report.failures.length,
        findings: report.findings.length,
        servicesWithoutRepository: report.servicesWithoutRepository,
      },
      portCalls: report.portCalls.total,
      failedScopes: Object.values(report.sources).flatMap((s) => s.failedScopes.map((f) => f.scope)),
      deletionsRefused: Object.fromEntries(
        report.deletionsRefused.map((r) => [r.blueprint, { wouldDelete: r.wouldDelete, owned: r.owned, ratio: r.ratio, reason: r.reason }]),
      ),
      syncInstance: report.syncInstance,
      syncScope: 'run',
    },
  };
}

/**
 * Writes the run's report and keeps the newest RUNS_KEPT of this instance: the only write a run
 * that changed nothing makes. Returns a problem text, or undefined.
 */
export async function recordRun(port: PortClient, report: SyncReport): Promise<string | undefined> {
  const written = await port.entities.create(RUN_BLUEPRINT, [runEntity(report)]);
  const failure = written.failed[0];
  const query = { combinator: 'and', rules: [{ property: 'syncInstance', operator: '=', value: report.syncInstance }] };
  const runs = await port.entities.search(RUN_BLUEPRINT, { query, include: ['$identifier', 'startedAt'] });
  const old = runs
    .sort((a, b) => String(b.properties?.startedAt ?? '').localeCompare(String(a.properties?.startedAt ?? '')))
    .slice(RUNS_KEPT)
    .map((e) => e.identifier);
  if (old.length > 0) await port.entities.delete(RUN_BLUEPRINT, old);
  return failure ? `the run report ${report.runId} was not written: ${failure.message}` : undefined;
}
