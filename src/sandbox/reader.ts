import { entityRead, entityReader } from './entity-view.js';
import { compileQuery } from './search-query.js';
import type { MemoryStore } from './store.js';
import type { BlueprintDef, Json } from './types.js';

/**
 * The catalog as Port's reads return it (computed properties and scorecards included), for code
 * running in the sandbox's process: the preview and its page. Read-only.
 */
export interface SandboxReader {
  blueprints(): BlueprintDef[];
  scorecards(blueprint: string): Json[];
  pages(): Json[];
  /** Entities of a blueprint, in identifier order, that match a Port query (all when none). */
  entities(blueprint: string, query?: unknown): Json[];
  entity(blueprint: string, identifier: string): Json | undefined;
}

export function createReader(store: MemoryStore): SandboxReader {
  return {
    blueprints: () => [...store.blueprints.values()],
    scorecards: (blueprint) => [...(store.scorecards.get(blueprint)?.values() ?? [])],
    pages: () => [...store.pages.values()],
    entities: (blueprint, query) => {
      const map = store.entities(blueprint);
      const matches = query === undefined ? undefined : compileQuery(query, 'query', store.computed.queryContext);
      const read = entityReader(store, blueprint);
      const out: Json[] = [];
      for (const id of map.sortedIdentifiers()) {
        const e = map.get(id);
        if (e && (!matches || matches(e, blueprint))) out.push(read(e));
      }
      return out;
    },
    entity: (blueprint, identifier) => {
      const e = store.entities(blueprint).get(identifier);
      return e ? entityRead(store, blueprint, e) : undefined;
    },
  };
}
