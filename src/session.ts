import type { SourceDeclaration } from './catalog/index.js';
import type { Config } from './config.js';
import type { SourceRun } from './domain/index.js';
import type { Logger } from './logger.js';
import { applyModelStep } from './model/step.js';
import type { PortModel } from './model/types.js';
import type { PortClient } from './port/index.js';
import { collectSources } from './sources/collect.js';
import { BUILTIN_REGISTRY, createSources, selectSources, type Registry } from './sources/registry.js';
import type { SourceDeps } from './sources/types.js';
import { buildReport, runIdentifier, type ModelSummary } from './sync/report.js';
import { callsSince, finish, NO_MODEL_CHANGES, runSync, type SyncOutcome } from './sync/run.js';

export interface SessionDeps {
  logger: Logger;
  /** The model files, loaded and checked. */
  model: PortModel;
  port: PortClient;
  /** The sources this build has; the configuration must have been loaded with the same registry. */
  registry?: Registry;
  /** Handed to every source factory besides its logger (the AWS client seam of tests). */
  sourceDeps?: Omit<SourceDeps, 'logger'>;
  now?: () => Date;
}

export interface RunOptions {
  dryRun?: boolean;
  /** Blueprints whose deletion guard is lifted for this run. */
  allowDeletes?: readonly string[];
  /** `--sources`: a subset of SOURCES for this run (default every enabled source). */
  sources?: readonly string[];
  /** What sources collected in an earlier run (`--from-snapshot`), replayed instead of collecting. */
  replay?: readonly SourceRun[];
  /** Called with what the sources collected, before it is joined (`--save-snapshot`). */
  onCollected?: (runs: readonly SourceRun[], takenAt: Date) => Promise<void>;
  /** Aborts the run: time limit, SIGTERM. */
  signal?: AbortSignal;
}

export interface SyncSession {
  run(options?: RunOptions): Promise<SyncOutcome>;
}

/**
 * The composition root: configuration, model and Port client in, one `run` out, used by `sync`, the
 * demo, the benchmark (and `preview` and `serve`). A run is two visible steps: the model files are
 * applied (while the sources collect), then the catalog is synced. Sources are built once, on first use, by their factories.
 */
export function createSyncSession(config: Config, deps: SessionDeps): SyncSession {
  const now = deps.now ?? (() => new Date());
  const registry = deps.registry ?? BUILTIN_REGISTRY;
  const built = new Map<string, ReturnType<typeof createSources>[number]>();
  const sourcesFor = (ids: readonly string[]) => {
    const missing = ids.filter((id) => !built.has(id));
    for (const source of createSources(missing, config, { ...deps.sourceDeps, logger: deps.logger }, registry))
      built.set(source.id, source);
    return ids.map((id) => built.get(id)!);
  };
  const configured: SourceDeclaration[] = config.sources.map((id) => ({ id, owns: registry.ownership(id) ?? {} }));

  return {
    async run(options = {}) {
      const startedAt = now();
      const runId = runIdentifier(config.syncInstance, startedAt);
      const log = deps.logger.child({ runId });
      const signal = options.signal ?? new AbortController().signal;
      const dryRun = options.dryRun ?? false;
      const replay = options.replay?.filter((run) => !options.sources?.length || options.sources.includes(run.id));
      const sources = replay ? [] : sourcesFor(selectSources(config, options.sources, registry));
      const running: SourceDeclaration[] = replay
        ? replay.map(({ id, owns }) => ({ id, owns }))
        : sources.map(({ id, owns }) => ({ id, owns }));
      // The run's view of the client: nothing new starts once the signal fires, and it logs with the runId.
      const port = deps.port.withSignal(signal, log);
      const callsBefore = port.stats();
      let model: ModelSummary | undefined;
      try {
        // The model step runs while the sources collect; runSync reads Port only once it is done.
        const modelStep = applyModelStep(port, deps.model, dryRun, log).then((summary) => (model = summary));
        return await runSync(
          { config, port, reportPort: deps.port, logger: deps.logger, model: deps.model, now },
          {
            runId,
            startedAt,
            dryRun,
            allowDeletes: options.allowDeletes ?? [],
            configuredSources: configured,
            running,
            model: modelStep,
            signal,
            callsBefore,
            collect: async (context) => {
              const runs = replay ? [...replay] : await collectSources(sources, context);
              await options.onCollected?.(runs, startedAt);
              return runs;
            },
          },
        );
      } catch (error) {
        if (!signal.aborted) throw error;
        // Aborted before the run could report itself: it still leaves a report of what it did.
        const report = buildReport({
          runId,
          syncInstance: config.syncInstance,
          dryRun,
          aborted: true,
          startedAt,
          finishedAt: now(),
          runs: [],
          plans: [],
          desiredCounts: new Map(),
          refusals: [],
          findings: [{ source: 'sync', message: `the run was aborted (${String(signal.reason)})` }],
          model: model ?? NO_MODEL_CHANGES,
          calls: callsSince(callsBefore, deps.port.stats()),
        });
        await finish({ port: deps.port }, report, log);
        return { report, plans: [] };
      }
    },
  };
}
