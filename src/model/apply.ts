import { ModelError, PortApiError, isFatalPortError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { PortClient } from '../port/index.js';
import { canonicalJson, isObject } from './normalise.js';
import type { ModelPlan, PlanItem } from './plan.js';
import type { Json } from './types.js';

/** Sections that point at other blueprints' relations, added once every relation exists. */
const LATE_SECTIONS = ['mirrorProperties', 'aggregationProperties', 'ownership'] as const;
/** Sections that point at other blueprints, added once every blueprint exists. */
const RELATION_SECTIONS = ['relations', 'calculationProperties'] as const;

export interface ApplyFailure {
  kind: PlanItem['kind'];
  identifier: string;
  stage: string;
  message: string;
}

export interface ApplyReport {
  created: number;
  updated: number;
  deleted: number;
  unchanged: number;
  failures: ApplyFailure[];
  /** Port write calls made. */
  writes: number;
}

/**
 * Applies a plan in stages: blueprints without relations (so cycles between blueprints work), then
 * with relations, then with what depends on relations (mirror and aggregation properties), then
 * scorecards (one route per scorecard), then pages, and deletions last. A failure is recorded and
 * the rest goes on; only an unreachable Port or refused credentials stop it.
 */
export async function applyModelPlan(plan: ModelPlan, port: PortClient, log: Logger): Promise<ApplyReport> {
  const refused = plan.items.filter((i) => i.action === 'refused');
  if (refused.length > 0) {
    // Nothing of a plan Port cannot carry out is applied: half a model is worse than the old one.
    throw new ModelError(refused.flatMap((i) => i.reasons.map((r) => `${i.file ?? `${i.kind} ${i.identifier}`}: ${r}`)));
  }
  const writesBefore = port.stats().writes;
  const failures: ApplyFailure[] = [];
  const attempt = async (item: PlanItem, stage: string, call: () => Promise<unknown>): Promise<boolean> => {
    try {
      await call();
      return true;
    } catch (error) {
      if (!(error instanceof PortApiError) || isFatalPortError(error)) throw error;
      failures.push({ kind: item.kind, identifier: item.identifier, stage, message: error.message });
      log.error({ err: error, kind: item.kind, identifier: item.identifier, stage }, 'Model change failed');
      return false;
    }
  };

  const blueprints = plan.items.filter((i) => i.kind === 'blueprint' && (i.action === 'create' || i.action === 'update'));
  const failed = new Set<string>();
  // Port's state of each blueprint as this apply leaves it, to send each stage only if it changes something.
  const state = new Map<string, Json | undefined>(blueprints.map((i) => [i.identifier, i.current]));

  // Within a stage the calls do not depend on each other, so they go out a few at a time; the
  // stages stay in order. Dependent properties stay one at a time: a mirror may read another
  // blueprint's aggregation added in the same stage.
  await inParallel(
    blueprints.filter((i) => i.action === 'create'),
    async (item) => {
      const body = without(item.desired!, [...RELATION_SECTIONS, ...LATE_SECTIONS]);
      if (await attempt(item, 'create', () => port.model.createBlueprint(body))) state.set(item.identifier, body);
      else failed.add(item.identifier);
    },
  );
  for (const stage of ['relations', 'dependent properties'] as const) {
    await inParallel(
      blueprints.filter((i) => !failed.has(i.identifier)),
      async (item) => {
        const body = stage === 'relations' ? withSectionsOf(item.desired!, state.get(item.identifier), LATE_SECTIONS) : item.desired!;
        const now = state.get(item.identifier);
        if (now && canonicalJson(now) === canonicalJson(body)) return;
        if (await attempt(item, stage, () => port.model.replaceBlueprint(item.identifier, body))) state.set(item.identifier, body);
        else failed.add(item.identifier);
      },
      stage === 'relations' ? MODEL_CONCURRENCY : 1,
    );
  }

  await inParallel(
    plan.items.filter((i) => i.kind === 'scorecard' && (i.action === 'create' || i.action === 'update')),
    async (item) => {
      const bp = item.blueprint!;
      if (failed.has(bp)) {
        failures.push({ kind: 'scorecard', identifier: item.identifier, stage: 'scorecards', message: `skipped: blueprint ${bp} failed` });
        return;
      }
      await attempt(item, 'scorecards', () =>
        item.action === 'create'
          ? port.model.createScorecard(bp, item.desired!)
          : port.model.replaceScorecard(bp, item.identifier, item.desired!),
      );
    },
  );
  await inParallel(
    plan.items.filter((i) => i.kind === 'page' && (i.action === 'create' || i.action === 'update')),
    (item) =>
      attempt(item, 'pages', () =>
        item.action === 'create' ? port.model.createPage(item.desired!) : port.model.patchPage(item.identifier, item.desired!),
      ),
  );

  // Deletions go the other way round: pages, then scorecards, then blueprints.
  const deletions = plan.items.filter((i) => i.action === 'delete');
  for (const kind of ['page', 'scorecard', 'blueprint'] as const) {
    for (const item of deletions.filter((i) => i.kind === kind)) {
      await attempt(item, 'prune', () =>
        kind === 'page'
          ? port.model.deletePage(item.identifier)
          : kind === 'scorecard'
            ? port.model.deleteScorecard(item.blueprint!, item.identifier)
            : port.model.deleteBlueprint(item.identifier),
      );
    }
  }

  const failedIds = new Set(failures.map((f) => `${f.kind}:${f.identifier}`));
  const done = (action: string) => plan.items.filter((i) => i.action === action && !failedIds.has(`${i.kind}:${i.identifier}`)).length;
  return {
    created: done('create'),
    updated: done('update'),
    deleted: done('delete'),
    unchanged: plan.items.filter((i) => i.action === 'unchanged').length,
    failures,
    writes: port.stats().writes - writesBefore,
  };
}

function without(body: Json, keys: readonly string[]): Json {
  return Object.fromEntries(Object.entries(body).filter(([key]) => !keys.includes(key)));
}

/** `body` with the given sections as `source` has them (or absent). */
function withSectionsOf(body: Json, source: Json | undefined, keys: readonly string[]): Json {
  const out = without(body, keys);
  for (const key of keys) if (source && isObject(source) && source[key] !== undefined) out[key] = source[key];
  return out;
}

/** Model calls in flight at once within a stage: a handful, so a first apply takes a few round trips, not dozens. */
const MODEL_CONCURRENCY = 4;

/**
 * `work` for every item, at most `concurrency` at once, in order of start. Once one fails (a fatal
 * Port answer), no more start; the others in flight are waited for, then the first error is thrown.
 */
async function inParallel<T>(items: readonly T[], work: (item: T) => Promise<unknown>, concurrency = MODEL_CONCURRENCY): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (failure === undefined && next < items.length) {
      const item = items[next++]!;
      try {
        await work(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  if (failure) throw failure.error;
}
