import { setTimeout as delay } from 'node:timers/promises';
import type { CaseContext, Patience } from '../case.js';
import { at, bulkErrors, list, seg, statusCode, type Observed } from '../probe.js';
import type { Json } from '../scratch.js';

export const blueprintPath = (bp: string) => `/blueprints/${seg(bp)}`;
export const entitiesPath = (bp: string) => `${blueprintPath(bp)}/entities`;
export const entityPath = (bp: string, id: string) => `${entitiesPath(bp)}/${seg(id)}`;
export const bulkPath = (bp: string) => `${entitiesPath(bp)}/bulk`;
export const bulkDeletePath = (bp: string) => `${blueprintPath(bp)}/bulk/entities/delete`;
export const searchPath = (bp: string) => `${entitiesPath(bp)}/search`;
export const scorecardsPath = (bp: string) => `${blueprintPath(bp)}/scorecards`;

/** A single create that lands nothing. `upsert` is sent explicitly: the spec marks it required. */
export function validateEntity(ctx: CaseContext, bp: string, entity: Json): Promise<Observed> {
  return ctx.probe.call('POST', entitiesPath(bp), { query: { upsert: true, validation_only: true }, body: entity });
}

export function validateBulk(ctx: CaseContext, bp: string, entities: Json[]): Promise<Observed> {
  return ctx.probe.call('POST', bulkPath(bp), { query: { upsert: true, validation_only: true }, body: { entities } });
}

/** A bulk answer as `207 [1:422 invalid_entity]`, or `422 invalid_request` when the whole request failed. */
export function bulkSummary(o: Observed): string {
  return Array.isArray(at(o.body, 'errors')) ? `${o.status} [${bulkErrors(o).join(', ')}]` : statusCode(o);
}

/** Entities of a search answer, or the status when there was no answer to count. */
export function countOf(o: Observed): number | string {
  return o.status === 200 ? list(at(o.body, 'entities')).length : statusCode(o);
}

export function keys(value: unknown): string[] {
  return value !== null && typeof value === 'object' ? Object.keys(value).sort() : [];
}

/** Accepted means any success status: where the sandbox's claim is the refusal, not the 2xx code. */
export const accepted = (o: Observed): string => (o.status < 300 ? 'accepted' : statusCode(o));

/**
 * Reads until the answer is the expected one or the attempts run out. For effects Port may apply
 * a moment after it answers (deletes), so a slow Port is not mistaken for a different one.
 */
export async function settle<T>(read: () => Promise<T>, expected: T, patience: Patience): Promise<T> {
  let value = await read();
  for (let i = 1; i < patience.attempts && value !== expected; i += 1) {
    await delay(patience.waitMs);
    value = await read();
  }
  return value;
}

/** The same `and` query the cross-blueprint search takes, from `[property, operator, value]` rules. */
export function query(...rules: [string, string, unknown][]): Json {
  return { combinator: 'and', rules: rules.map(([property, operator, value]) => ({ property, operator, value })) };
}
