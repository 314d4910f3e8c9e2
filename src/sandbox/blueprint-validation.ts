import { notFound, schemaError, validationError } from './http-error.js';
import type { MemoryStore } from './store.js';
import type { BlueprintDef } from './types.js';

/** Checks that need the rest of the catalog or the blueprint as a whole. */
export function checkBlueprint(store: MemoryStore, def: BlueprintDef): void {
  const own = def.identifier;
  for (const [id, relation] of Object.entries(def.relations)) {
    // Port: confirmed (SPEC; DOCS relate-blueprints.md — relation targets must already exist);
    // Port: assumed (open question 3; relation-target-blueprint-404)
    if (relation.target !== own && !store.blueprints.has(relation.target)) {
      throw notFound(`Relation "${id}" targets blueprint "${relation.target}", which was not found`);
    }
  }
  for (const [id, agg] of Object.entries(def.aggregationProperties)) {
    if (agg.target !== own && !store.blueprints.has(String(agg.target))) {
      throw notFound(`Aggregation property "${id}" targets blueprint "${String(agg.target)}", which was not found`);
    }
  }
  for (const key of def.schema.required) {
    if (!(key in def.schema.properties)) throw schemaError(`body/schema/required: "${key}" is not a property of the blueprint`);
  }
  for (const [id, property] of Object.entries(def.schema.properties)) {
    if (typeof property.pattern === 'string' && !compiles(property.pattern)) {
      throw schemaError(`body/schema/properties/${id}/pattern is not a valid regular expression`);
    }
  }
  for (const [id, mirror] of Object.entries(def.mirrorProperties)) {
    // Port: confirmed (SPEC — a mirror path is "relationId.propertyId")
    const [relation] = String(mirror.path).split('.');
    if (!relation || !(relation in def.relations))
      throw schemaError(`body/mirrorProperties/${id}/path must start with a relation of the blueprint`);
  }
}

/**
 * A property's type (single value vs array included) and a relation's cardinality cannot change
 * once entities use the blueprint.
 * Port: confirmed (DOCS properties.md, _limit_field_restriction.mdx — the type is permanent);
 * Port: assumed (open question 10; immutable-type-422) — refused with 422 only when entities exist.
 */
export function checkImmutableChanges(store: MemoryStore, before: BlueprintDef, after: BlueprintDef): void {
  if (store.entities(before.identifier).size === 0) return;
  for (const [id, next] of Object.entries(after.schema.properties)) {
    const prev = before.schema.properties[id];
    if (prev && prev.type !== next.type) {
      throw validationError(
        `The type of property "${id}" cannot be changed from "${prev.type}" to "${next.type}" while the blueprint has entities`,
      );
    }
  }
  for (const [id, next] of Object.entries(after.relations)) {
    const prev = before.relations[id];
    if (prev && prev.many !== next.many) {
      throw validationError(`Relation "${id}" cannot change between single and many while the blueprint has entities`);
    }
  }
}

/** Blueprints whose relations target `identifier` (other than itself). */
export function blueprintsTargeting(store: MemoryStore, identifier: string): string[] {
  return [...store.blueprints.values()]
    .filter((bp) => bp.identifier !== identifier && Object.values(bp.relations).some((r) => r.target === identifier))
    .map((bp) => bp.identifier);
}

function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
}
