import { conflict, notFound, schemaError } from './http-error.js';
import { parsePage } from './page-validation.js';
import type { Actor, RouteContext, RouteDef, RouteDeps } from './router.js';
import type { Json } from './types.js';

const ONE = '/v1/pages/:page';

/** Pages and dashboards (PORT-API.md 5.1). */
export function pageRoutes(deps: RouteDeps): RouteDef[] {
  const { store, now } = deps;

  const stamp = (page: Json, actor: Actor, previous?: Json): Json => {
    const at = new Date(now()).toISOString();
    return {
      ...page,
      createdAt: previous?.createdAt ?? at,
      createdBy: previous?.createdBy ?? actor.clientId,
      updatedAt: at,
      updatedBy: actor.clientId,
    };
  };

  const existing = (ctx: RouteContext): Json => {
    const page = store.pages.get(ctx.params.page ?? '');
    if (!page) throw notFound(`Page with identifier "${ctx.params.page ?? ''}" was not found`);
    return page;
  };

  /** PATCH and PUT: the path names the page; the result is validated whole. */
  const update = (ctx: RouteContext, merge: boolean) => {
    const previous = existing(ctx);
    const body = (ctx.body ?? {}) as Json;
    if (body.identifier !== undefined && body.identifier !== previous.identifier)
      throw schemaError('body/identifier differs from the path');
    const next = parsePage({ ...(merge ? previous : {}), ...body, identifier: previous.identifier });
    store.pages.set(String(previous.identifier), stamp(next, ctx.actor, previous));
    // Port: confirmed (SPEC PATCH — {ok, identifier}); PUT answers alike: Port: assumed (open question 11; page-put-replaces)
    return { status: 200, body: { ok: true, identifier: previous.identifier } };
  };

  return [
    { method: 'GET', template: '/v1/pages', handle: () => ({ status: 200, body: { ok: true, pages: [...store.pages.values()] } }) },
    {
      method: 'POST',
      template: '/v1/pages',
      mutates: true,
      handle: (ctx) => {
        const page = parsePage(ctx.body);
        const identifier = String(page.identifier);
        // Port: assumed (open question 3; conflict-409-identifier-taken)
        if (store.pages.has(identifier)) throw conflict(`Page with identifier "${identifier}" already exists`);
        store.pages.set(identifier, stamp(page, ctx.actor));
        // Port: confirmed (TF page.go — 201 {ok, identifier}, not the page)
        return { status: 201, body: { ok: true, identifier } };
      },
    },
    // Port: confirmed (TF PortBody.Page — {ok, page})
    { method: 'GET', template: ONE, handle: (ctx) => ({ status: 200, body: { ok: true, page: existing(ctx) } }) },
    { method: 'PATCH', template: ONE, mutates: true, handle: (ctx) => update(ctx, true) },
    // Port: assumed (open question 11; page-put-replaces) — PUT replaces the page.
    { method: 'PUT', template: ONE, mutates: true, handle: (ctx) => update(ctx, false) },
    {
      method: 'DELETE',
      template: ONE,
      mutates: true,
      handle: (ctx) => {
        store.pages.delete(String(existing(ctx).identifier));
        return { status: 200, body: { ok: true } };
      },
    },
  ];
}
