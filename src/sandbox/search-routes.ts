import { SearchBody } from './entity-schemas.js';
import { entityReader, namesToPaths } from './entity-view.js';
import { schemaError } from './http-error.js';
import { requireBlueprint } from './lookups.js';
import { listParam } from './query-params.js';
import type { RouteDef, RouteDeps } from './router.js';
import { parseRoute } from './schema-check.js';
import { decodeCursor, encodeCursor, indexAfter } from './search-cursor.js';
import { blueprintsNamed, compileQuery, type EntityPredicate } from './search-query.js';
import type { EntityMap } from './entity-map.js';
import type { StoredEntity } from './types.js';

// Port: confirmed (SPEC blueprint-scoped search, limit default 200)
const DEFAULT_LIMIT = 200;

const matchAll: EntityPredicate = () => true;

/** Blueprint-scoped paginated search and the cross-blueprint search (PORT-API.md 2.7). */
export function searchRoutes(deps: RouteDeps): RouteDef[] {
  const { store } = deps;
  return [
    {
      method: 'POST',
      template: '/v1/blueprints/:blueprint/entities/search',
      handle: (ctx) => {
        const blueprint = requireBlueprint(store, ctx.params.blueprint ?? '');
        const body = parseRoute(SearchBody, ctx.body ?? {});
        const matches = body.query ? compileQuery(body.query, 'body/query', store.computed.queryContext) : matchAll;
        const start = body.from === undefined ? undefined : decodeCursor(blueprint.identifier, body.from);
        const { page, next } = collectPage(store.entities(blueprint.identifier), start, Math.floor(body.limit ?? DEFAULT_LIMIT), (e) =>
          matches(e, blueprint.identifier),
        );
        const cursor = next === undefined ? undefined : encodeCursor(blueprint.identifier, next);
        const include = body.include ? namesToPaths(blueprint, body.include) : undefined;
        const exclude = body.exclude ? namesToPaths(blueprint, body.exclude) : undefined;
        const entities = page.map(entityReader(store, blueprint.identifier, include, exclude));
        // Port: confirmed (SPEC — {ok, next?, entities}; `next` is passed back as `from`)
        return { status: 200, body: cursor === undefined ? { ok: true, entities } : { ok: true, next: cursor, entities } };
      },
    },
    {
      method: 'POST',
      template: '/v1/entities/search',
      handle: (ctx) => {
        const matches = compileQuery(ctx.body, 'body', store.computed.queryContext);
        // Port: assumed (open question 12; cross-search-needs-blueprint) — a top-level $blueprint rule is required.
        const named = blueprintsNamed(ctx.body);
        if (!named) throw schemaError('body must contain a top-level {"property": "$blueprint", "operator": "=" | "in"} rule');
        const matchingBlueprints = named.filter((bp) => store.blueprints.has(bp));
        const include = listParam(ctx.query, 'include');
        const exclude = listParam(ctx.query, 'exclude');
        // Port: assumed (open question 5; cross-search-unpaginated) — no pagination and no cap on this route.
        const entities = matchingBlueprints.flatMap((bp) =>
          [...store.entities(bp).values()].filter((e) => matches(e, bp)).map(entityReader(store, bp, include, exclude)),
        );
        return { status: 200, body: { ok: true, matchingBlueprints, entities } };
      },
    },
  ];
}

/**
 * One page in identifier order after `after`. The scan goes one match past a full page only to
 * learn whether more exist, so the last page carries no `next`.
 */
function collectPage(
  map: EntityMap,
  after: string | undefined,
  limit: number,
  matches: (e: StoredEntity) => boolean,
): { page: StoredEntity[]; next?: string } {
  const sorted = map.sortedIdentifiers();
  const page: StoredEntity[] = [];
  for (let i = after === undefined ? 0 : indexAfter(sorted, after); i < sorted.length; i += 1) {
    const entity = map.get(sorted[i] ?? '');
    if (!entity || !matches(entity)) continue;
    if (page.length === limit) return { page, next: page[page.length - 1]?.identifier };
    page.push(entity);
  }
  return { page };
}
