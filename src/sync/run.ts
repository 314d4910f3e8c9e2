import { joinCatalog, relationTargetsOf, type SourceDeclaration } from '../catalog/index.js';
import { SOURCE_OWNERSHIP } from '../sources/registry.js';
import type { Config, SourceId } from '../config.js';
import { ModelError } from '../errors.js';
import type { Logger } from '../logger.js';
import { applyModelPlan } from '../model/apply.js';
import { planModel } from '../model/plan.js';
import { readRemoteModel } from '../model/remote.js';
import type { PortModel } from '../model/types.js';
import type { PortCallStats, PortClient } from '../port/index.js';
import { NO_PREVIOUS, type Source, type SourceContext, type SourceRun } from '../domain/index.js';
import { applySync } from './apply.js';
import { readOwned } from './current.js';
import { guardDeletions } from './guard.js';
import { relationOrder } from './order.js';
import { RUN_BLUEPRINT, planSync } from './plan.js';
import { buildReport, recordRun, runIdentifier, type ModelSummary, type SyncReport } from './report.js';
import type { BlueprintSyncPlan } from './types.js';

export interface SyncDeps {
  config: Config;
  port: PortClient;
  logger: Logger;
  model: PortModel;
  now?: () => Date;
}

export interface SyncOptions {
  dryRun: boolean;
  /** Blueprints whose deletion guard is lifted for this run. */
  allowDeletes: readonly string[];
  /** SOURCES: every one must run and complete before teams, environments and services are deleted. */
  configuredSources: readonly SourceId[];
  /** Collects the sources of this run (live, or replayed from a snapshot). */
  collect: (context: SourceContext) => Promise<SourceRun[]>;
}

export interface SyncOutcome {
  report: SyncReport;
  plans: BlueprintSyncPlan[];
}

/**
 * One run: apply the model, collect, join, read what this instance owns, plan, guard, write, and
 * report. A dry run reads Port and writes nothing, its own report included.
 */
export async function runSync(deps: SyncDeps, options: SyncOptions): Promise<SyncOutcome> {
  const now = deps.now ?? (() => new Date());
  const startedAt = now();
  const runId = runIdentifier(deps.config.syncInstance, startedAt);
  const log = deps.logger.child({ runId });
  const callsBefore = deps.port.stats();
  const model = await syncModel(deps, options.dryRun, log);

  const runs = await options.collect({ logger: log, now: startedAt, signal: new AbortController().signal, previous: NO_PREVIOUS });
  const relationTargets = relationTargetsOf(deps.model.blueprints);
  const catalog = joinCatalog(runs, {
    aliases: deps.config.aliases,
    relationTargets,
    enabledSources: enabledSources(options.configuredSources, runs),
  });
  const blueprints = blueprintsToRead(deps.model, runs, [...catalog.entities.keys()]);
  const current = await readOwned(deps.port, blueprints, runs, deps.config.syncInstance);

  const completedScopes = new Set(runs.flatMap((r) => r.result.scopes.filter((s) => s.complete).map((s) => s.scope)));
  const planned = planSync(catalog, current, {
    syncInstance: deps.config.syncInstance,
    completedScopes,
    allSourcesComplete: allComplete(options.configuredSources, runs),
    blueprints,
    manyRelations: manyRelationsOf(deps.model),
  });
  const { plans, refusals } = guardDeletions(planned, {
    maxRatio: deps.config.deleteMaxRatio,
    allowDeletes: new Set(options.allowDeletes),
  });
  const applied = options.dryRun ? undefined : await applySync(plans, relationOrder(blueprints, relationTargets), deps.port, log, deps.config.syncInstance);

  const findings = [...runs.flatMap((r) => r.result.findings), ...catalog.findings];
  const report = buildReport({
    runId,
    syncInstance: deps.config.syncInstance,
    dryRun: options.dryRun,
    startedAt,
    finishedAt: now(),
    runs,
    plans,
    desiredCounts: new Map([...catalog.entities].map(([bp, m]) => [bp, m.size])),
    applied,
    refusals,
    findings,
    model,
    calls: callsSince(callsBefore, deps.port.stats()),
  });
  if (!options.dryRun) {
    const problem = await recordRun(deps.port, report);
    if (problem) {
      report.status = 'partial';
      report.findings.push({ source: 'sync', message: problem });
    }
  }
  log.info(summaryFields(report), options.dryRun ? 'Dry run finished' : 'Sync finished');
  return { report, plans };
}

/** Applies the model files first (a dry run only plans them), so every blueprint the sync writes exists. */
async function syncModel(deps: SyncDeps, dryRun: boolean, log: Logger): Promise<ModelSummary> {
  const plan = planModel(deps.model, await readRemoteModel(deps.port, deps.model));
  const refused = plan.items.filter((i) => i.action === 'refused');
  if (refused.length > 0) throw new ModelError(refused.flatMap((i) => i.reasons.map((r) => `${i.file ?? i.identifier}: ${r}`)));
  const count = (action: string) => plan.items.filter((i) => i.action === action).length;
  if (dryRun) return { created: count('create'), updated: count('update'), deleted: 0, unchanged: count('unchanged'), failed: 0 };
  const applied = await applyModelPlan(plan, deps.port, log);
  return { created: applied.created, updated: applied.updated, deleted: applied.deleted, unchanged: applied.unchanged, failed: applied.failures.length };
}

/** Runs every source; one that throws fails as a whole (nothing of it is rewritten or deleted), the others go on. */
export async function collectSources(sources: readonly Source[], context: SourceContext): Promise<SourceRun[]> {
  return Promise.all(
    sources.map(async (source): Promise<SourceRun> => {
      try {
        return { id: source.id, owns: source.owns, result: await source.collect(context) };
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        context.logger.error({ err: error, source: source.id }, 'Source failed');
        return { id: source.id, owns: source.owns, result: { fragments: [], scopes: [{ scope: source.id, complete: false, error: message }], findings: [] } };
      }
    }),
  );
}

/** This run's Port calls, from a client that may outlive it (serve, the demo). */
function callsSince(before: PortCallStats, after: PortCallStats): PortCallStats {
  const byRoute = Object.fromEntries(Object.entries(after.byRoute).map(([route, n]) => [route, n - (before.byRoute[route] ?? 0)]));
  return {
    calls: after.calls - before.calls,
    reads: after.reads - before.reads,
    writes: after.writes - before.writes,
    retries: after.retries - before.retries,
    tokenFetches: after.tokenFetches - before.tokenFetches,
    waitedMs: after.waitedMs - before.waitedMs,
    byRoute,
  };
}

/**
 * SOURCES with what each writes, so the join knows which blueprints this installation defines at
 * all; undefined when a source's declaration is unknown (then the join stays conservative).
 */
function enabledSources(configured: readonly SourceId[], runs: readonly SourceRun[]): SourceDeclaration[] | undefined {
  const ids = configured.length > 0 ? configured : runs.map((r) => r.id);
  const declared = ids.map((id) => {
    const owns = runs.find((r) => r.id === id)?.owns ?? SOURCE_OWNERSHIP[id as SourceId];
    return owns ? { id, owns } : undefined;
  });
  return declared.every((d) => d !== undefined) ? (declared as SourceDeclaration[]) : undefined;
}

function allComplete(configured: readonly SourceId[], runs: readonly SourceRun[]): boolean {
  const expected = configured.length > 0 ? configured : runs.map((r) => r.id);
  return expected.every((id) => {
    const run = runs.find((r) => r.id === id);
    return run !== undefined && run.result.scopes.length > 0 && run.result.scopes.every((s) => s.complete);
  });
}

/** Model blueprints a run can change: those a source of this run owns, and those the catalog fills. */
function blueprintsToRead(model: PortModel, runs: readonly SourceRun[], inCatalog: readonly string[]): string[] {
  const wanted = new Set([...inCatalog, ...runs.flatMap((r) => Object.keys(r.owns))]);
  return model.blueprints.map((b) => b.identifier).filter((bp) => bp !== RUN_BLUEPRINT && wanted.has(bp));
}

function manyRelationsOf(model: PortModel): Record<string, ReadonlySet<string>> {
  return Object.fromEntries(
    model.blueprints.map((b) => [
      b.identifier,
      new Set(Object.entries((b.body.relations ?? {}) as Record<string, { many?: boolean }>).filter(([, r]) => r.many).map(([id]) => id)),
    ]),
  );
}

function summaryFields(report: SyncReport): Record<string, unknown> {
  const total = (key: 'created' | 'updated' | 'unchanged' | 'deleted' | 'failed' | 'ownedByOthers') =>
    Object.values(report.blueprints).reduce((n, b) => n + b[key], 0);
  return {
    status: report.status,
    dryRun: report.dryRun,
    durationSeconds: report.durationSeconds,
    created: total('created'),
    updated: total('updated'),
    unchanged: total('unchanged'),
    deleted: total('deleted'),
    failed: total('failed'),
    ownedByOthers: total('ownedByOthers'),
    deletionsRefused: report.deletionsRefused.map((r) => r.blueprint),
    failedScopes: Object.values(report.sources).flatMap((s) => s.failedScopes.map((f) => f.scope)),
    findings: report.findings.length,
    portCalls: report.portCalls,
  };
}
