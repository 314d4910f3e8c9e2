import type { Logger } from '../logger.js';
import type { EntityFailure, ItemList, PortClient, PortEntity, WriteResult } from '../port/index.js';
import type { BlueprintSyncPlan, PlannedWrite, SyncFailure } from './types.js';

export interface BlueprintApplied {
  created: number;
  updated: number;
  deleted: number;
  failed: number;
  ownedByOthers: number;
  /** Planned writes and deletes never sent because the run was aborted. */
  notSent: number;
}

export interface AppliedSync {
  byBlueprint: Map<string, BlueprintApplied>;
  failures: SyncFailure[];
  /** Identifiers another writer owns: reported, never overwritten. */
  ownedByOthers: { blueprint: string; identifier: string }[];
}

type Pending = { blueprint: string; operation: 'create' | 'update'; entity: PortEntity };

/**
 * Writes a plan: per blueprint in relation order (targets first), creates with `upsert=false` and
 * updates with `upsert=true&merge=true`, each batched by the client; then deletions in reverse
 * order. An entity Port refused for a relation target it does not have yet (a cycle between
 * blueprints) is tried once more after everything else. Failures are collected; the run goes on.
 * Once `signal` fires, nothing new is sent: the batch in flight finishes and nothing is deleted.
 */
export async function applySync(
  plans: readonly BlueprintSyncPlan[],
  order: readonly string[],
  port: PortClient,
  log: Logger,
  syncInstance: string,
  signal?: AbortSignal,
): Promise<AppliedSync> {
  const byBlueprint = new Map<string, BlueprintApplied>(
    plans.map((p) => [p.blueprint, { created: 0, updated: 0, deleted: 0, failed: 0, ownedByOthers: 0, notSent: 0 }]),
  );
  const result: AppliedSync = { byBlueprint, failures: [], ownedByOthers: [] };
  const plansInOrder = order.flatMap((bp) => plans.filter((p) => p.blueprint === bp));
  const retry: Pending[] = [];

  for (const plan of plansInOrder) {
    // An aborted run starts no new blueprint; the client itself sends no new batch after the signal.
    if (signal?.aborted) {
      byBlueprint.get(plan.blueprint)!.notSent += plan.creates.length + plan.updates.length;
      continue;
    }
    // Bodies are read as their batch is formed (a creation makes its body then), not all at once.
    const [created, updated] = await Promise.all([
      port.entities.create(plan.blueprint, bodiesOf(plan.creates)),
      port.entities.update(plan.blueprint, bodiesOf(plan.updates)),
    ]);
    retry.push(...record(result, plan, 'create', created, true));
    retry.push(...record(result, plan, 'update', updated, true));
  }
  for (const [blueprint, operation] of signal?.aborted ? [] : unique(retry)) {
    const entities = retry.filter((p) => p.blueprint === blueprint && p.operation === operation).map((p) => p.entity);
    log.info({ blueprint, operation, entities: entities.length }, 'Retrying entities whose relation targets were written later');
    const answer =
      operation === 'create' ? await port.entities.create(blueprint, entities) : await port.entities.update(blueprint, entities);
    const plan = plans.find((p) => p.blueprint === blueprint)!;
    record(result, plan, operation, answer, false);
  }

  if (signal?.aborted) {
    for (const plan of plans) byBlueprint.get(plan.blueprint)!.notSent += plan.deletes.length;
    log.warn({ reason: String(signal.reason) }, 'Run aborted: no further entity is written and nothing is deleted');
    return result;
  }
  await reclaimOwn(result, port, syncInstance);

  for (const plan of [...plansInOrder].reverse()) {
    if (plan.deletes.length === 0) continue;
    if (signal?.aborted) break;
    const answer = await port.entities.delete(plan.blueprint, plan.deletes);
    const counts = byBlueprint.get(plan.blueprint)!;
    counts.deleted += answer.deleted.length;
    counts.notSent += answer.notSent.length;
    counts.failed += answer.failed.length;
    result.failures.push(...answer.failed.map((f) => ({ ...f, operation: 'delete' as const })));
  }
  return result;
}

/**
 * A create whose answer was lost and that was retried meets its own entity and gets a 409; so does a
 * second run of the same instance started meanwhile. An identifier that turns out to carry our
 * owner key is ours after all, not another writer's: one search per blueprint, only when it happens.
 */
async function reclaimOwn(result: AppliedSync, port: PortClient, syncInstance: string): Promise<void> {
  for (const blueprint of new Set(result.ownedByOthers.map((o) => o.blueprint))) {
    const ids = result.ownedByOthers.filter((o) => o.blueprint === blueprint).map((o) => o.identifier);
    const query = {
      combinator: 'and',
      rules: [
        { property: '$identifier', operator: 'in', value: ids },
        { property: 'syncInstance', operator: '=', value: syncInstance },
      ],
    };
    const ours = new Set((await port.entities.search(blueprint, { query, include: ['$identifier'] })).map((e) => e.identifier));
    if (ours.size === 0) continue;
    const counts = result.byBlueprint.get(blueprint)!;
    counts.created += ours.size;
    counts.ownedByOthers -= ours.size;
    result.ownedByOthers = result.ownedByOthers.filter((o) => o.blueprint !== blueprint || !ours.has(o.identifier));
  }
}

/** Tallies one write answer; returns what is worth one more try (a relation target not there yet). */
function record(
  result: AppliedSync,
  plan: BlueprintSyncPlan,
  operation: 'create' | 'update',
  answer: WriteResult,
  mayRetry: boolean,
): Pending[] {
  const counts = result.byBlueprint.get(plan.blueprint)!;
  if (operation === 'create') counts.created += answer.written.length;
  else counts.updated += answer.written.length;
  counts.notSent += answer.notSent.length;
  const pending: Pending[] = [];
  const sent = retryable(operation === 'create' ? plan.creates : plan.updates, mayRetry ? answer.failed : []);
  for (const failure of answer.failed) {
    if (failure.ownedByOtherWriter) {
      counts.ownedByOthers += 1;
      result.ownedByOthers.push({ blueprint: plan.blueprint, identifier: failure.identifier });
    } else if (mayRetry && isMissingTarget(failure) && sent.has(failure.identifier)) {
      pending.push({ blueprint: plan.blueprint, operation, entity: sent.get(failure.identifier)! });
    } else {
      counts.failed += 1;
      result.failures.push({ ...failure, operation });
    }
  }
  return pending;
}

/** The bodies of writes as a list read one at a time. */
function bodiesOf(writes: readonly PlannedWrite[]): ItemList<PortEntity> {
  return { length: writes.length, at: (index) => writes[index]?.entity };
}

/** identifier -> body of the writes refused for a missing relation target, the only ones tried again. */
function retryable(writes: readonly PlannedWrite[], failed: readonly EntityFailure[]): Map<string, PortEntity> {
  const wanted = new Set(failed.filter(isMissingTarget).map((f) => f.identifier));
  const bodies = new Map<string, PortEntity>();
  if (wanted.size === 0) return bodies;
  for (const write of writes) {
    const body = write.entity;
    if (wanted.has(body.identifier)) bodies.set(body.identifier, body);
  }
  return bodies;
}

function isMissingTarget(failure: EntityFailure): boolean {
  return failure.status === 404 && failure.code === 'not_found';
}

function unique(pending: readonly Pending[]): [string, 'create' | 'update'][] {
  const seen = new Map<string, [string, 'create' | 'update']>();
  for (const p of pending) seen.set(`${p.blueprint}\u0000${p.operation}`, [p.blueprint, p.operation]);
  return [...seen.values()];
}
