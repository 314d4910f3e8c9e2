import type { MemoryStore } from './store.js';
import type { BlueprintDef, Json } from './types.js';

const MAP_SECTIONS = ['relations', 'mirrorProperties', 'calculationProperties', 'aggregationProperties'] as const;

const asRecord = (value: unknown): Json => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {});

/**
 * PATCH: top-level keys replace, while `schema.properties` and the keyed sections merge key by key,
 * so a patch that names one property leaves the others alone.
 * Port: assumed (open question 10; blueprint-patch-merges-maps)
 */
export function mergeBlueprintPatch(current: BlueprintDef, patch: Json): Json {
  const merged: Json = { ...current, ...patch };
  if ('schema' in patch) {
    const schema = asRecord(patch.schema);
    merged.schema = {
      ...current.schema,
      ...schema,
      properties: { ...current.schema.properties, ...asRecord(schema.properties) },
    };
  }
  for (const section of MAP_SECTIONS) {
    if (section in patch) merged[section] = { ...current[section], ...asRecord(patch[section]) };
  }
  return merged;
}

/**
 * A property or relation removed from the blueprint loses its data on every entity, as the
 * Terraform provider warns for PUT. Port: confirmed (TF port/blueprint/resource.go, PORT-API.md 3.4)
 */
export function dropRemovedFields(store: MemoryStore, before: BlueprintDef, after: BlueprintDef): void {
  const properties = Object.keys(before.schema.properties).filter((id) => !(id in after.schema.properties));
  const relations = Object.keys(before.relations).filter((id) => !(id in after.relations));
  if (properties.length === 0 && relations.length === 0) return;
  for (const entity of store.entities(before.identifier).values()) {
    for (const id of properties) delete entity.properties[id];
    for (const id of relations) delete entity.relations[id];
  }
}
