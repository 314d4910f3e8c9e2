import { metaValue, targetsOf } from './computed-values.js';
import type { MemoryStore } from './store.js';
import type { StoredEntity } from './types.js';

/**
 * A mirror property: follow the relations of `path` ("rel1.rel2.property", the last segment a
 * property or a `$`-meta property) and read the property there.
 * Port: confirmed (DOCS mirror-property.md — chained relations, meta-properties with `$`);
 * Port: assumed (unlisted; mirror-many-as-list) — through a `many` relation (anywhere on the path)
 * the value is the list of every reached entity's value; a missing value or target leaves it empty.
 */
export function mirrorValue(store: MemoryStore, blueprint: string, entity: StoredEntity, path: string): unknown {
  const segments = path.split('.');
  const property = segments.pop() ?? '';
  let current: { bp: string; entity: StoredEntity }[] = [{ bp: blueprint, entity }];
  let many = false;
  for (const relation of segments) {
    const next: { bp: string; entity: StoredEntity }[] = [];
    for (const { bp, entity: e } of current) {
      const def = store.blueprints.get(bp)?.relations[relation];
      if (!def) return undefined;
      if (def.many) many = true;
      for (const id of targetsOf(e.relations[relation])) {
        const target = store.entities(def.target).get(id);
        if (target) next.push({ bp: def.target, entity: target });
      }
    }
    current = next;
  }
  const values = current
    .map(({ bp, entity: e }) => metaValue(bp, e, property)?.value ?? e.properties[property])
    .filter((v) => v !== undefined && v !== null);
  if (many) return values.length > 0 ? values : undefined;
  return values[0];
}
