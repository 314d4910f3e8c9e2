import { mergeRecord, replaceRecord, type WriteMeta } from './entity-record.js';
import { checkKnownKeys, checkProperties, checkRelations, type RelationTarget } from './entity-validation.js';
import { conflict, notFound } from './http-error.js';
import { booleanParam } from './query-params.js';
import type { Actor } from './router.js';
import type { MemoryStore } from './store.js';
import type { BlueprintDef, EntityInput, StoredEntity } from './types.js';

export interface WriteFlags {
  upsert: boolean;
  merge: boolean;
  createMissing: boolean;
  validationOnly: boolean;
}

/** Port: confirmed (SPEC query parameters of the entity write routes, all default false) */
export function writeFlags(query: URLSearchParams): WriteFlags {
  return {
    upsert: booleanParam(query, 'upsert'),
    merge: booleanParam(query, 'merge'),
    createMissing: booleanParam(query, 'create_missing_related_entities'),
    validationOnly: booleanParam(query, 'validation_only'),
  };
}

export function writeMeta(actor: Actor, now: () => number): WriteMeta {
  return { at: new Date(now()).toISOString(), by: actor.clientId, ...(actor.userAgent ? { datasource: actor.userAgent } : {}) };
}

export interface WriteOutcome {
  entity: StoredEntity;
  created: boolean;
}

/**
 * One entity through Port's create/upsert/merge rules: conflict check, the entity as it would be
 * stored, validation against the blueprint, relation targets, then the write (skipped for
 * validation_only).
 */
export function writeEntity(
  store: MemoryStore,
  blueprint: BlueprintDef,
  input: EntityInput,
  flags: WriteFlags,
  meta: WriteMeta,
): WriteOutcome {
  const entities = store.entities(blueprint.identifier);
  const existing = entities.get(input.identifier);
  // Port: confirmed (DOCS api.md — without upsert an existing identifier is a 409 CONFLICT)
  if (existing && !flags.upsert) {
    throw conflict(`Entity with identifier "${input.identifier}" already exists in blueprint "${blueprint.identifier}"`);
  }
  const next = existing && flags.merge ? mergeRecord(existing, input, meta) : replaceRecord(input, meta, existing);
  checkKnownKeys(blueprint, input);
  checkProperties(blueprint, next);
  const missing = missingTargets(store, checkRelations(blueprint, next), blueprint.identifier, next.identifier);
  const blocked = flags.createMissing ? missing.find((t) => !creatable(store, t)) : missing[0];
  if (blocked) throw missingTargetError(blocked);
  // Port: confirmed (SPEC validation_only — validate and return, write nothing)
  if (flags.validationOnly) return { entity: next, created: !existing };
  createTargets(store, missing, meta);
  entities.set(next.identifier, next);
  return { entity: next, created: !existing };
}

function missingTargets(store: MemoryStore, targets: RelationTarget[], blueprint: string, identifier: string): RelationTarget[] {
  const seen = new Set<string>();
  return targets.filter((t) => {
    const key = `${t.blueprint}\u0000${t.identifier}`;
    if (seen.has(key) || (t.blueprint === blueprint && t.identifier === identifier)) return false;
    seen.add(key);
    return !store.entities(t.blueprint).has(t.identifier);
  });
}

function missingTargetError(target: RelationTarget) {
  // Port: confirmed (OCEAN entities.py — 404 `not_found` for a missing related entity)
  return notFound(`Related entity "${target.identifier}" of blueprint "${target.blueprint}" (relation "${target.relation}") was not found`);
}

/**
 * create_missing_related_entities: each missing target becomes a bare entity. Port cannot create
 * them in protected system blueprints such as `_user` and `_team`.
 * Port: confirmed (DOCS configure-mapping.md)
 */
function creatable(store: MemoryStore, target: RelationTarget): boolean {
  return !target.blueprint.startsWith('_') && store.blueprints.has(target.blueprint);
}

function createTargets(store: MemoryStore, missing: RelationTarget[], meta: WriteMeta): void {
  for (const t of missing) store.entities(t.blueprint).set(t.identifier, replaceRecord({ identifier: t.identifier }, meta));
}
