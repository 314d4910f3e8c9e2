import { isNamedBlueprint, joinCatalogInSlices, relationTargetsOf, type SourceDeclaration } from '../catalog/index.js';
import type { Config } from '../config.js';
import { Slicer, type SourceContext, type SourceRun } from '../domain/index.js';
import type { Logger } from '../logger.js';
import type { PortModel } from '../model/types.js';
import type { PortCallStats, PortClient } from '../port/index.js';
import { absentSources } from './absent-sources.js';
import { applySync, type AppliedSync } from './apply.js';
import { ownedReader } from './current.js';
import { guardDeletions } from './guard.js';
import { relationOrder } from './order.js';
import { RUN_BLUEPRINT, type SyncPlanOptions } from './plan.js';
import { readAndPlan } from './read-and-plan.js';
import { buildReport, recordRun, type ModelSummary, type SyncReport } from './report.js';
import type { BlueprintSyncPlan, CurrentEntity } from './types.js';

export interface SyncDeps {
  config: Pick<Config, 'syncInstance' | 'aliases' | 'deleteMaxRatio'>;
  /** The client of this run: its calls stop when the run's signal fires. */
  port: PortClient;
  /** The client the run report is written with, even after an abort; default `port`. */
  reportPort?: PortClient;
  logger: Logger;
  model: PortModel;
  now?: () => Date;
}

export interface SyncOptions {
  runId: string;
  startedAt: Date;
  dryRun: boolean;
  /** Blueprints whose deletion guard is lifted for this run. */
  allowDeletes: readonly string[];
  /**
   * SOURCES with what each writes: every one must run and complete before teams, environments and
   * services are deleted, and the join knows which blueprints this installation defines at all.
   */
  configuredSources: readonly SourceDeclaration[];
  /** The sources of this run, declared before they collect: what they own decides what is read. */
  running: readonly SourceDeclaration[];
  /** Collects the sources of this run (live, or replayed from a snapshot). */
  collect: (context: SourceContext) => Promise<SourceRun[]>;
  /**
   * The model step, which the session starts with the run: the sources collect while it applies
   * the model files, and Port's entities are read only once it is done. A failed model step stops
   * the collection and is the run's error.
   */
  model: Promise<ModelSummary>;
  /** Fires to abort the run: no new batch starts, nothing more is deleted. */
  signal: AbortSignal;
  /** The client's counters when the run began (its model step included); default now. */
  callsBefore?: PortCallStats;
}

export interface SyncOutcome {
  report: SyncReport;
  plans: BlueprintSyncPlan[];
}

/**
 * One run alongside the model step: collect, read what this instance owns, join, guard relations, plan,
 * guard deletions, write, and report. A dry run reads Port and writes nothing, its own report
 * included. An aborted run writes no new batch after the signal and deletes nothing more.
 */
export async function runSync(deps: SyncDeps, options: SyncOptions): Promise<SyncOutcome> {
  const now = deps.now ?? (() => new Date());
  const log = deps.logger.child({ runId: options.runId });
  const callsBefore = options.callsBefore ?? deps.port.stats();
  const relationTargets = relationTargetsOf(deps.model.blueprints);
  const declarations = unique([...options.configuredSources, ...options.running]);
  const blueprints = blueprintsToRead(deps.model, options.running, relationTargets);
  // The sources need nothing from Port's model: they collect while it is applied. A failed model
  // step stops them (its error is the run's); what they read of Port waits for the model.
  const modelFailed = new AbortController();
  const modelStep = options.model.catch((error: unknown) => {
    modelFailed.abort(error);
    throw error;
  });
  modelStep.catch(() => undefined);
  const owned = ownedReader(deps.port, blueprints, declarations, deps.config.syncInstance, modelStep);
  const signal = AbortSignal.any([options.signal, modelFailed.signal]);

  let runs = await options.collect({ logger: log, now: options.startedAt, signal, previous: { entities: owned.get } });
  if (options.signal.aborted) {
    const model = await modelStep.catch(() => undefined);
    return abortedAfterCollect(deps, options, model ?? NO_MODEL_CHANGES, runs, callsBefore, log);
  }
  const model = await modelStep;
  const previousServices = await owned.get('service');
  // The join, the comparisons and the plan let the event loop turn every slice: sockets, timers and
  // the worker's /healthz and /metrics are served during a run of 100k entities.
  const slicer = new Slicer();
  // The run keeps only what the report needs of the fragments; the join reads each one and lets it
  // go (from lists of the run's own: a replayed snapshot's runs stay whole for their caller).
  const fragmentCounts = Object.fromEntries(runs.map((r) => [r.id, r.result.fragments.length]));
  const joining = runs.map((run) => ({ ...run, result: { ...run.result, fragments: [...run.result.fragments] } }));
  runs = runs.map((run) => ({ ...run, result: { ...run.result, fragments: [] } }));
  const catalog = await joinCatalogInSlices(
    joining,
    {
      previousRelations: (blueprint, identifier) => (blueprint === 'service' ? previousServices.get(identifier)?.relations : undefined),
      aliases: deps.config.aliases,
      relationTargets,
      enabledSources: enabledSources(options.configuredSources, runs),
      modelProperties: modelPropertiesOf(deps.model),
      releaseFragments: true,
    },
    slicer,
  );
  const completedScopes = new Set(runs.flatMap((r) => r.result.scopes.filter((s) => s.complete).map((s) => s.scope)));
  const ranComplete = allComplete(options.configuredSources, runs);
  const absent = ranComplete
    ? await absentSources(options.configuredSources, new Set(runs.map((r) => r.id)), relationTargets, absentReader(deps, options))
    : undefined;
  const planOptions: SyncPlanOptions = {
    syncInstance: deps.config.syncInstance,
    completedScopes,
    allSourcesComplete: absent?.represented ?? false,
    namedElsewhere: absent?.named,
    blueprints,
    manyRelations: manyRelationsOf(deps.model),
  };
  const { plans: planned, relationFindings } = await readAndPlan({ deps, options, owned, catalog, relationTargets, planOptions, slicer });
  const { plans, refusals } = guardDeletions(planned, {
    maxRatio: deps.config.deleteMaxRatio,
    allowDeletes: new Set(options.allowDeletes),
  });
  const applied =
    options.dryRun || options.signal.aborted
      ? undefined
      : await apply(deps, plans, relationOrder(blueprints, relationTargets), log, options.signal);

  const report = buildReport({
    runId: options.runId,
    syncInstance: deps.config.syncInstance,
    dryRun: options.dryRun,
    aborted: options.signal.aborted,
    startedAt: options.startedAt,
    finishedAt: now(),
    runs,
    fragmentCounts,
    plans,
    desiredCounts: new Map([...catalog.entities].map(([bp, m]) => [bp, m.size])),
    servicesWithoutRepository: [...(catalog.entities.get('service')?.values() ?? [])].filter((s) => s.definedBy === 'catalog').length,
    applied,
    refusals,
    findings: [...runs.flatMap((r) => r.result.findings), ...catalog.findings, ...relationFindings],
    model,
    calls: callsSince(callsBefore, deps.port.stats()),
  });
  await finish(deps, report, log);
  return { report, plans };
}

/** The model step's summary when it did not finish: nothing known to have changed. */
export const NO_MODEL_CHANGES: ModelSummary = { created: 0, updated: 0, deleted: 0, unchanged: 0, failed: 0 };

/** A run aborted while its sources collected: nothing is planned or written; it reports what it collected. */
async function abortedAfterCollect(
  deps: SyncDeps,
  options: SyncOptions,
  model: ModelSummary,
  runs: SourceRun[],
  callsBefore: PortCallStats,
  log: Logger,
): Promise<SyncOutcome> {
  const report = buildReport({
    runId: options.runId,
    syncInstance: deps.config.syncInstance,
    dryRun: options.dryRun,
    aborted: true,
    startedAt: options.startedAt,
    finishedAt: (deps.now ?? (() => new Date()))(),
    runs,
    plans: [],
    desiredCounts: new Map(),
    refusals: [],
    findings: runs.flatMap((r) => r.result.findings),
    model,
    calls: callsSince(callsBefore, deps.port.stats()),
  });
  await finish(deps, report, log);
  return { report, plans: [] };
}

async function apply(deps: SyncDeps, plans: BlueprintSyncPlan[], order: string[], log: Logger, signal: AbortSignal): Promise<AppliedSync> {
  return applySync(plans, order, deps.port, log, deps.config.syncInstance, signal);
}

/** Writes the run's report (not for a dry run) and logs the summary line. */
export async function finish(deps: Pick<SyncDeps, 'port' | 'reportPort'>, report: SyncReport, log: Logger): Promise<void> {
  if (!report.dryRun) {
    const problem = await recordRun(deps.reportPort ?? deps.port, report);
    if (problem) {
      if (report.status === 'success') report.status = 'partial';
      report.findings.push({ source: 'sync', message: problem });
    }
  }
  log.info(summaryFields(report), report.dryRun ? 'Dry run finished' : report.status === 'aborted' ? 'Sync aborted' : 'Sync finished');
}

/** This run's Port calls, from a client that may outlive it (serve, the demo). */
export function callsSince(before: PortCallStats, after: PortCallStats): PortCallStats {
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

function unique(declarations: readonly SourceDeclaration[]): SourceDeclaration[] {
  return [...new Map(declarations.map((d) => [d.id, d])).values()];
}

/** SOURCES with what each writes, and any run outside them (a replayed snapshot names its own). */
function enabledSources(configured: readonly SourceDeclaration[], runs: readonly SourceRun[]): SourceDeclaration[] {
  return unique([...configured, ...runs.map(({ id, owns }) => ({ id, owns }))]);
}

/** Every source that ran completed every scope, and every configured source ran but those `absentSources` may stand for. */
function allComplete(configured: readonly SourceDeclaration[], runs: readonly SourceRun[]): boolean {
  const expected = configured.length > 0 ? configured.map((d) => d.id) : runs.map((r) => r.id);
  const ran = runs.filter((run) => expected.includes(run.id));
  return ran.length > 0 && ran.every((run) => run.result.scopes.length > 0 && run.result.scopes.every((s) => s.complete));
}

/** Reads what the configured sources that did not run defined, for `absentSources`. */
function absentReader(deps: SyncDeps, options: SyncOptions): (blueprint: string) => Promise<ReadonlyMap<string, CurrentEntity>> {
  const ran = new Set(options.running.map((source) => source.id));
  const blueprints = options.configuredSources
    .filter((source) => !ran.has(source.id))
    .flatMap((source) => Object.keys(source.owns))
    .filter((blueprint) => deps.model.blueprints.some((b) => b.identifier === blueprint));
  return ownedReader(deps.port, blueprints, options.configuredSources, deps.config.syncInstance).get;
}

/**
 * Model blueprints a run can change, known before the sources collect: those its sources own, and
 * the teams, environments and services their relations name (the join makes those).
 */
function blueprintsToRead(
  model: PortModel,
  running: readonly SourceDeclaration[],
  relationTargets: Record<string, Record<string, string>>,
): string[] {
  const wanted = new Set<string>();
  for (const { owns } of running) {
    for (const [blueprint, ownership] of Object.entries(owns)) {
      wanted.add(blueprint);
      for (const relation of ownership.relations) {
        const target = relationTargets[blueprint]?.[relation];
        if (target !== undefined && isNamedBlueprint(target)) wanted.add(target);
      }
    }
  }
  return model.blueprints.map((b) => b.identifier).filter((bp) => bp !== RUN_BLUEPRINT && wanted.has(bp));
}

function manyRelationsOf(model: PortModel): Record<string, ReadonlySet<string>> {
  return Object.fromEntries(
    model.blueprints.map((b) => [
      b.identifier,
      new Set(
        Object.entries((b.body.relations ?? {}) as Record<string, { many?: boolean }>)
          .filter(([, r]) => r.many)
          .map(([id]) => id),
      ),
    ]),
  );
}

function modelPropertiesOf(model: PortModel): Record<string, ReadonlySet<string>> {
  return Object.fromEntries(
    model.blueprints.map((b) => [
      b.identifier,
      new Set(Object.keys(((b.body.schema as { properties?: object } | undefined)?.properties ?? {}) as object)),
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
    servicesWithoutRepository: report.servicesWithoutRepository,
    deletionsRefused: report.deletionsRefused.map((r) => r.blueprint),
    failedScopes: Object.values(report.sources).flatMap((s) => s.failedScopes.map((f) => f.scope)),
    findings: report.findings.length,
    portCalls: report.portCalls,
  };
}
