import { dependentsOf, deleteCascade } from './dependents.js';
import { EntityBody, EntityPatchBody } from './entity-schemas.js';
import { entityJson, entityRead, entityReader } from './entity-view.js';
import { writeEntity, writeFlags, writeMeta } from './entity-writer.js';
import { hasDependents, schemaError } from './http-error.js';
import { requireBlueprint, requireEntity } from './lookups.js';
import { booleanParam, listParam } from './query-params.js';
import type { RouteContext, RouteDef, RouteDeps } from './router.js';
import { parseRoute } from './schema-check.js';
import type { EntityInput, StoredEntity } from './types.js';

const ENTITY = '/v1/blueprints/:blueprint/entities/:identifier';

/** Single-entity routes, the unpaginated list and the count (PORT-API.md 2.3, 2.5, 2.6). */
export function entityRoutes(deps: RouteDeps): RouteDef[] {
  const { store, now } = deps;

  const view = (ctx: RouteContext, blueprint: string, entity: StoredEntity) =>
    entityRead(store, blueprint, entity, listParam(ctx.query, 'include'), listParam(ctx.query, 'exclude'));

  /** The path names the entity; a body identifier that differs would be a rename, which the sandbox does not do. */
  const bodyFor = (ctx: RouteContext, input: { identifier?: string }): EntityInput => {
    if (input.identifier !== undefined && input.identifier !== ctx.params.identifier) {
      throw schemaError('body/identifier differs from the path (renaming entities is not supported by the sandbox)');
    }
    return { ...input, identifier: ctx.params.identifier ?? '' };
  };

  return [
    {
      method: 'POST',
      template: '/v1/blueprints/:blueprint/entities',
      mutates: true,
      handle: (ctx) => {
        const blueprint = requireBlueprint(store, ctx.params.blueprint ?? '');
        const flags = writeFlags(ctx.query);
        const input = parseRoute(EntityBody, ctx.body);
        const { entity } = writeEntity(store, blueprint, input, flags, writeMeta(ctx.actor, now));
        // Port: confirmed (SPEC — 201 {ok, entity}; OCEAN reads result["entity"]);
        // Port: assumed (unlisted; entity-post-201) — also for an update and for validation_only.
        return { status: 201, body: { ok: true, entity: entityJson(blueprint.identifier, entity) } };
      },
    },
    {
      method: 'GET',
      template: ENTITY,
      handle: (ctx) => {
        const blueprint = requireBlueprint(store, ctx.params.blueprint ?? '');
        const entity = requireEntity(store, blueprint.identifier, ctx.params.identifier ?? '');
        return { status: 200, body: { ok: true, entity: view(ctx, blueprint.identifier, entity) } };
      },
    },
    {
      method: 'PUT',
      template: ENTITY,
      mutates: true,
      handle: (ctx) => {
        const blueprint = requireBlueprint(store, ctx.params.blueprint ?? '');
        // Port: confirmed (port-docs PR #106 — PUT errors when the entity does not exist)
        requireEntity(store, blueprint.identifier, ctx.params.identifier ?? '');
        const input = bodyFor(ctx, parseRoute(EntityBody.partial({ identifier: true }), ctx.body));
        const flags = { ...writeFlags(ctx.query), upsert: true, merge: false };
        const { entity } = writeEntity(store, blueprint, input, flags, writeMeta(ctx.actor, now));
        return { status: 200, body: { ok: true, entity: entityJson(blueprint.identifier, entity) } };
      },
    },
    {
      method: 'PATCH',
      template: ENTITY,
      mutates: true,
      handle: (ctx) => {
        const blueprint = requireBlueprint(store, ctx.params.blueprint ?? '');
        requireEntity(store, blueprint.identifier, ctx.params.identifier ?? '');
        const input = bodyFor(ctx, parseRoute(EntityPatchBody, ctx.body));
        const flags = { ...writeFlags(ctx.query), upsert: true, merge: true };
        const { entity } = writeEntity(store, blueprint, input, flags, writeMeta(ctx.actor, now));
        return { status: 200, body: { ok: true, entity: entityJson(blueprint.identifier, entity) } };
      },
    },
    {
      method: 'DELETE',
      template: ENTITY,
      mutates: true,
      handle: (ctx) => {
        const blueprint = requireBlueprint(store, ctx.params.blueprint ?? '');
        const entity = requireEntity(store, blueprint.identifier, ctx.params.identifier ?? '');
        const dependents = dependentsOf(store, blueprint.identifier, new Set([entity.identifier]));
        if (dependents.length > 0 && !booleanParam(ctx.query, 'delete_dependents')) {
          const first = dependents[0]!;
          throw hasDependents(
            `Entity "${entity.identifier}" has dependent entities (e.g. "${first.identifier}" of blueprint "${first.blueprint}")`,
          );
        }
        deleteCascade(store, blueprint.identifier, [entity.identifier]);
        return { status: 200, body: { ok: true } };
      },
    },
    {
      method: 'GET',
      template: '/v1/blueprints/:blueprint/entities',
      handle: (ctx) => {
        const blueprint = requireBlueprint(store, ctx.params.blueprint ?? '');
        const entities = [...store.entities(blueprint.identifier).values()].map(
          entityReader(store, blueprint.identifier, listParam(ctx.query, 'include'), listParam(ctx.query, 'exclude')),
        );
        return { status: 200, body: { ok: true, entities } };
      },
    },
    {
      method: 'GET',
      template: '/v1/blueprints/:blueprint/entities-count',
      handle: (ctx) => {
        const blueprint = requireBlueprint(store, ctx.params.blueprint ?? '');
        return { status: 200, body: { ok: true, count: store.entities(blueprint.identifier).size } };
      },
    },
  ];
}
