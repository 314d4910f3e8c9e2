import type { MemoryStore } from './store.js';

export interface EntityRef {
  blueprint: string;
  identifier: string;
}

/**
 * Entities whose relations point at any of `identifiers` in `blueprint`: Port's "dependent
 * entities", which block a delete unless delete_dependents is set.
 * Port: confirmed (SPEC DELETE entity and bulk delete, delete_dependents)
 */
export function dependentsOf(store: MemoryStore, blueprint: string, identifiers: ReadonlySet<string>): EntityRef[] {
  const found: EntityRef[] = [];
  for (const bp of store.blueprints.values()) {
    const relations = Object.entries(bp.relations)
      .filter(([, r]) => r.target === blueprint)
      .map(([id]) => id);
    if (relations.length === 0) continue;
    for (const entity of store.entities(bp.identifier).values()) {
      const pointsAt = relations.some((rel) => {
        const value = entity.relations[rel];
        return Array.isArray(value) ? value.some((v) => identifiers.has(v)) : value !== undefined && identifiers.has(value);
      });
      if (pointsAt) found.push({ blueprint: bp.identifier, identifier: entity.identifier });
    }
  }
  return found;
}

/**
 * Deletes the entities and, transitively, everything that depends on them (delete_dependents=true).
 * Port: assumed (unlisted; delete-dependents-transitive)
 */
export function deleteCascade(store: MemoryStore, blueprint: string, identifiers: readonly string[]): void {
  let frontier: EntityRef[] = identifiers.map((identifier) => ({ blueprint, identifier }));
  while (frontier.length > 0) {
    for (const ref of frontier) store.entities(ref.blueprint).delete(ref.identifier);
    const byBlueprint = new Map<string, Set<string>>();
    for (const ref of frontier) byBlueprint.set(ref.blueprint, (byBlueprint.get(ref.blueprint) ?? new Set()).add(ref.identifier));
    frontier = [...byBlueprint].flatMap(([bp, ids]) => dependentsOf(store, bp, ids));
  }
}
