import { withBlueprintDefaults } from './blueprint-defaults.js';
import { dropRemovedFields, mergeBlueprintPatch } from './blueprint-patch.js';
import { BlueprintBody } from './blueprint-schemas.js';
import { blueprintsTargeting, checkBlueprint, checkImmutableChanges } from './blueprint-validation.js';
import { conflict, hasDependents, schemaError } from './http-error.js';
import { requireBlueprint } from './lookups.js';
import type { Actor, RouteContext, RouteDef, RouteDeps } from './router.js';
import { parseRoute } from './schema-check.js';
import type { BlueprintDef, Json } from './types.js';

const ONE = '/v1/blueprints/:blueprint';

/** Blueprint CRUD (PORT-API.md 3). */
export function blueprintRoutes(deps: RouteDeps): RouteDef[] {
  const { store, now } = deps;

  /** Validates a full definition and stamps it; `previous` keeps the creation stamp. */
  const prepare = (body: unknown, actor: Actor, previous?: BlueprintDef): BlueprintDef => {
    const parsed = parseRoute(BlueprintBody, body);
    const at = new Date(now()).toISOString();
    const def = withBlueprintDefaults({
      ...parsed,
      createdAt: previous?.createdAt ?? at,
      createdBy: previous?.createdBy ?? actor.clientId,
      updatedAt: at,
      updatedBy: actor.clientId,
    });
    checkBlueprint(store, def);
    if (previous) checkImmutableChanges(store, previous, def);
    return def;
  };

  /** PUT and PATCH: the path names the blueprint; a different body identifier would be a rename. */
  const replace = (ctx: RouteContext, full: (current: BlueprintDef, body: Json) => Json) => {
    const current = requireBlueprint(store, ctx.params.blueprint ?? '');
    const body = (ctx.body ?? {}) as Json;
    if (body.identifier !== undefined && body.identifier !== current.identifier) {
      throw schemaError('body/identifier differs from the path (renaming blueprints is not supported by the sandbox)');
    }
    const def = prepare({ ...full(current, body), identifier: current.identifier }, ctx.actor, current);
    dropRemovedFields(store, current, def);
    store.blueprints.set(def.identifier, def);
    return { status: 200, body: { ok: true, blueprint: def } };
  };

  return [
    {
      method: 'GET',
      template: '/v1/blueprints',
      handle: () => ({ status: 200, body: { ok: true, blueprints: [...store.blueprints.values()] } }),
    },
    {
      method: 'POST',
      template: '/v1/blueprints',
      mutates: true,
      handle: (ctx) => {
        const def = prepare(ctx.body, ctx.actor);
        // Port: assumed (open question 3; conflict-409-identifier-taken)
        if (store.blueprints.has(def.identifier)) throw conflict(`Blueprint with identifier "${def.identifier}" already exists`);
        store.blueprints.set(def.identifier, def);
        // Port: confirmed (SPEC — 201 {ok, blueprint})
        return { status: 201, body: { ok: true, blueprint: def } };
      },
    },
    {
      method: 'GET',
      template: ONE,
      handle: (ctx) => ({ status: 200, body: { ok: true, blueprint: requireBlueprint(store, ctx.params.blueprint ?? '') } }),
    },
    // Port: confirmed (SPEC; TF copies aggregationProperties into PUT) — PUT replaces the whole definition.
    { method: 'PUT', template: ONE, mutates: true, handle: (ctx) => replace(ctx, (_current, body) => body) },
    { method: 'PATCH', template: ONE, mutates: true, handle: (ctx) => replace(ctx, mergeBlueprintPatch) },
    {
      method: 'DELETE',
      template: ONE,
      mutates: true,
      handle: (ctx) => {
        const blueprint = requireBlueprint(store, ctx.params.blueprint ?? '');
        const count = store.entities(blueprint.identifier).size;
        // Port: confirmed (TF — `has_dependents` while entities exist); Port: assumed (open question 3; has-dependents-409)
        if (count > 0) throw hasDependents(`Blueprint "${blueprint.identifier}" still has ${count} entities`);
        const targeting = blueprintsTargeting(store, blueprint.identifier);
        // Port: assumed (unlisted; blueprint-delete-targeted) — a blueprint other relations target is refused likewise.
        if (targeting.length > 0)
          throw hasDependents(`Blueprint "${blueprint.identifier}" is the target of relations of ${targeting.join(', ')}`);
        store.removeBlueprint(blueprint.identifier);
        return { status: 200, body: { ok: true } };
      },
    },
  ];
}
