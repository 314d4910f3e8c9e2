import { notFound } from './http-error.js';
import type { MemoryStore } from './store.js';
import type { BlueprintDef, StoredEntity } from './types.js';

/** Port: confirmed (SPEC 404 "A resource with the provided identifier was not found") */
export function requireBlueprint(store: MemoryStore, identifier: string): BlueprintDef {
  const blueprint = store.blueprints.get(identifier);
  if (!blueprint) throw notFound(`Blueprint with identifier "${identifier}" was not found`);
  return blueprint;
}

export function requireEntity(store: MemoryStore, blueprint: string, identifier: string): StoredEntity {
  const entity = store.entities(blueprint).get(identifier);
  if (!entity) throw notFound(`Entity with identifier "${identifier}" was not found in blueprint "${blueprint}"`);
  return entity;
}
