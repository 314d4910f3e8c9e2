import { conflict, notFound, schemaError } from './http-error.js';
import { requireBlueprint } from './lookups.js';
import type { Actor, RouteContext, RouteDef, RouteDeps } from './router.js';
import { ScorecardBody } from './scorecard-schemas.js';
import { checkScorecard } from './scorecard-validation.js';
import { parseRoute } from './schema-check.js';
import type { Json } from './types.js';

const LIST = '/v1/blueprints/:blueprint/scorecards';
const ONE = '/v1/blueprints/:blueprint/scorecards/:scorecard';

/**
 * Scorecard routes (PORT-API.md 4.1). Bodies are {ok, scorecard} / {ok, scorecards}.
 * Port: confirmed (TF PortBody.Scorecard; K8S ResponseBody.Scorecard)
 */
export function scorecardRoutes(deps: RouteDeps): RouteDef[] {
  const { store, now } = deps;

  /** Validates a scorecard for `blueprint` and stamps it; `previous` keeps the creation stamp. */
  const prepare = (blueprint: string, body: unknown, actor: Actor, where: string, previous?: Json): Json => {
    const def = requireBlueprint(store, blueprint);
    const parsed = parseRoute(ScorecardBody, body, where);
    const levels = checkScorecard(def, parsed);
    const at = new Date(now()).toISOString();
    return {
      ...parsed,
      levels,
      blueprint,
      createdAt: previous?.createdAt ?? at,
      createdBy: previous?.createdBy ?? actor.clientId,
      updatedAt: at,
      updatedBy: actor.clientId,
    };
  };

  const existing = (ctx: RouteContext): Json => {
    const blueprint = requireBlueprint(store, ctx.params.blueprint ?? '').identifier;
    const found = store.scorecardsOf(blueprint).get(ctx.params.scorecard ?? '');
    if (!found) throw notFound(`Scorecard "${ctx.params.scorecard ?? ''}" was not found on blueprint "${blueprint}"`);
    return found;
  };

  const list = (blueprint: string) => [...store.scorecardsOf(blueprint).values()];

  return [
    {
      method: 'POST',
      template: LIST,
      mutates: true,
      handle: (ctx) => {
        const blueprint = ctx.params.blueprint ?? '';
        const scorecard = prepare(blueprint, ctx.body, ctx.actor, 'body');
        // Port: assumed (open question 3; conflict-409-identifier-taken)
        if (store.scorecardsOf(blueprint).has(String(scorecard.identifier)))
          throw conflict(`Scorecard "${String(scorecard.identifier)}" already exists`);
        store.scorecardsOf(blueprint).set(String(scorecard.identifier), scorecard);
        return { status: 201, body: { ok: true, scorecard } };
      },
    },
    {
      method: 'PUT',
      template: LIST,
      mutates: true,
      handle: (ctx) => {
        const blueprint = ctx.params.blueprint ?? '';
        if (!Array.isArray(ctx.body)) throw schemaError('body must be an array of scorecards');
        const map = store.scorecardsOf(requireBlueprint(store, blueprint).identifier);
        // All are checked before any is stored, so one bad scorecard changes nothing.
        // Port: assumed (unlisted; scorecards-put-upserts) — scorecards not in the array are kept.
        const scorecards = ctx.body.map((body: unknown, i) =>
          prepare(blueprint, body, ctx.actor, `body/${i}`, map.get(String((body as Json)?.identifier))),
        );
        for (const scorecard of scorecards) map.set(String(scorecard.identifier), scorecard);
        return { status: 200, body: { ok: true, scorecards } };
      },
    },
    {
      method: 'GET',
      template: LIST,
      handle: (ctx) => ({
        status: 200,
        body: { ok: true, scorecards: list(requireBlueprint(store, ctx.params.blueprint ?? '').identifier) },
      }),
    },
    { method: 'GET', template: ONE, handle: (ctx) => ({ status: 200, body: { ok: true, scorecard: existing(ctx) } }) },
    {
      method: 'PUT',
      template: ONE,
      mutates: true,
      handle: (ctx) => {
        const previous = existing(ctx);
        const body = { identifier: previous.identifier, ...((ctx.body ?? {}) as Json) };
        if (body.identifier !== previous.identifier) throw schemaError('body/identifier differs from the path');
        const scorecard = prepare(ctx.params.blueprint ?? '', body, ctx.actor, 'body', previous);
        store.scorecardsOf(ctx.params.blueprint ?? '').set(String(scorecard.identifier), scorecard);
        return { status: 200, body: { ok: true, scorecard } };
      },
    },
    {
      method: 'DELETE',
      template: ONE,
      mutates: true,
      handle: (ctx) => {
        const found = existing(ctx);
        store.scorecardsOf(ctx.params.blueprint ?? '').delete(String(found.identifier));
        return { status: 200, body: { ok: true } };
      },
    },
    {
      method: 'GET',
      template: '/v1/scorecards',
      handle: () => ({ status: 200, body: { ok: true, scorecards: [...store.scorecards.values()].flatMap((m) => [...m.values()]) } }),
    },
  ];
}
