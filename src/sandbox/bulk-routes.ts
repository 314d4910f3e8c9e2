import { dependentsOf, deleteCascade } from './dependents.js';
import { BulkDeleteBody, BulkUpsertBody } from './entity-schemas.js';
import { writeEntity, writeFlags, writeMeta, type WriteFlags } from './entity-writer.js';
import type { WriteMeta } from './entity-record.js';
import { hasDependents, SandboxHttpError } from './http-error.js';
import { requireBlueprint } from './lookups.js';
import { booleanParam } from './query-params.js';
import type { RouteDef, RouteDeps } from './router.js';
import { parseRoute } from './schema-check.js';
import type { BlueprintDef, EntityInput } from './types.js';

interface BulkSuccess {
  identifier: string;
  index: number;
  created: boolean;
}

interface BulkError {
  identifier: string;
  index: number;
  statusCode: number;
  error: string;
  message: string;
}

/** Bulk upsert and bulk delete (PORT-API.md 2.4, 2.6). */
export function bulkRoutes(deps: RouteDeps): RouteDef[] {
  const { store, faults, now } = deps;

  /** One entity of the batch: an injected failure, or the write with its own error caught. */
  const writeOne = (
    blueprint: BlueprintDef,
    input: EntityInput,
    index: number,
    flags: WriteFlags,
    meta: WriteMeta,
  ): BulkSuccess | BulkError => {
    const injected = faults.takeEntity(blueprint.identifier, input.identifier);
    if (injected) return { identifier: input.identifier, index, ...injected };
    try {
      return { identifier: input.identifier, index, created: writeEntity(store, blueprint, input, flags, meta).created };
    } catch (error) {
      if (!(error instanceof SandboxHttpError)) throw error;
      return { identifier: input.identifier, index, statusCode: error.status, error: error.code, message: error.message };
    }
  };

  return [
    {
      method: 'POST',
      template: '/v1/blueprints/:blueprint/entities/bulk',
      mutates: true,
      handle: (ctx) => {
        const blueprint = requireBlueprint(store, ctx.params.blueprint ?? '');
        const flags = writeFlags(ctx.query);
        // Port: confirmed (SPEC — more than 20 items fails the whole request with 422);
        // Port: assumed (open question 4; bulk-item-schema-whole-request) — so does any item that breaks the route schema.
        const { entities: inputs } = parseRoute(BulkUpsertBody, ctx.body);
        const meta = writeMeta(ctx.actor, now);
        // In order, so an entity may relate to one earlier in the batch; a repeated identifier is
        // written twice. Port: assumed (open question 4; bulk-duplicates-sequential)
        const results = inputs.map((input, index) => writeOne(blueprint, input, index, flags, meta));
        const entities = results.filter((r): r is BulkSuccess => 'created' in r);
        const errors = results.filter((r): r is BulkError => 'statusCode' in r);
        // Port: confirmed (SPEC — 200 when all succeeded, 207 otherwise, same body)
        // Port: assumed (open question 4; bulk-all-failed-207) — 207 even when every entity failed; ok is false then.
        return { status: errors.length === 0 ? 200 : 207, body: { ok: errors.length === 0, entities, errors } };
      },
    },
    {
      method: 'POST',
      template: '/v1/blueprints/:blueprint/bulk/entities/delete',
      mutates: true,
      handle: (ctx) => {
        const blueprint = requireBlueprint(store, ctx.params.blueprint ?? '');
        const deleteDependents = booleanParam(ctx.query, 'delete_dependents');
        const { entities: requested } = parseRoute(BulkDeleteBody, ctx.body);
        const map = store.entities(blueprint.identifier);
        // Port: assumed (unlisted; bulk-delete-missing-skipped) — unknown identifiers are left out of deletedEntities.
        const present = [...new Set(requested)].filter((id) => map.has(id));
        const batch = new Set(present);
        // Port: assumed (unlisted; bulk-delete-dependents-in-batch) — a dependent that is itself in the batch does not block it.
        const blocking = dependentsOf(store, blueprint.identifier, batch).filter(
          (d) => d.blueprint !== blueprint.identifier || !batch.has(d.identifier),
        );
        if (blocking.length > 0 && !deleteDependents) {
          // Port: confirmed (SPEC — "the entire operation will fail and no entities will be deleted")
          const first = blocking[0]!;
          throw hasDependents(
            `Cannot delete: entity "${first.identifier}" of blueprint "${first.blueprint}" depends on the entities being deleted`,
          );
        }
        deleteCascade(store, blueprint.identifier, present);
        return { status: 200, body: { ok: true, deletedEntities: present } };
      },
    },
  ];
}
