import { validationError } from './http-error.js';
import { propertyProblem } from './property-validation.js';
import type { BlueprintDef, EntityInput, StoredEntity } from './types.js';

export interface RelationTarget {
  relation: string;
  blueprint: string;
  identifier: string;
}

/**
 * Rejects keys the blueprint does not define. Mirror, calculation and aggregation properties are
 * computed by Port, so writing one is an unknown key too.
 * Port: assumed (open question 1; unknown-keys-rejected)
 */
export function checkKnownKeys(blueprint: BlueprintDef, input: Pick<EntityInput, 'properties' | 'relations'>): void {
  for (const key of Object.keys(input.properties ?? {})) {
    if (!(key in blueprint.schema.properties)) {
      throw validationError(`property "${key}" is not defined on blueprint "${blueprint.identifier}"`);
    }
  }
  for (const key of Object.keys(input.relations ?? {})) {
    if (!(key in blueprint.relations)) {
      throw validationError(`relation "${key}" is not defined on blueprint "${blueprint.identifier}"`);
    }
  }
}

/** Property values and required properties of the entity as it would be stored. */
export function checkProperties(blueprint: BlueprintDef, entity: StoredEntity): void {
  for (const [key, value] of Object.entries(entity.properties)) {
    const def = blueprint.schema.properties[key];
    const problem = def ? propertyProblem(key, value, def) : undefined;
    if (problem) throw validationError(problem);
  }
  // Port: confirmed (SPEC schema.required; PORT-API.md 2.9)
  for (const key of blueprint.schema.required) {
    if (!(key in entity.properties)) throw validationError(`required property "${key}" is missing`);
  }
}

/**
 * Relation values fit the relation's cardinality, required relations are set; returns every target
 * the entity points at, for the existence check.
 */
export function checkRelations(blueprint: BlueprintDef, entity: StoredEntity): RelationTarget[] {
  const targets: RelationTarget[] = [];
  for (const [key, def] of Object.entries(blueprint.relations)) {
    const value = entity.relations[key];
    // Port: confirmed (SPEC relation `required`)
    if (def.required && (value === undefined || (Array.isArray(value) && value.length === 0))) {
      throw validationError(`required relation "${key}" is missing`);
    }
    if (value === undefined) continue;
    // Port: confirmed (SPEC entity body: a single relation takes an identifier, a many relation a list)
    if (def.many !== Array.isArray(value)) {
      throw validationError(`relation "${key}" must be ${def.many ? 'a list of identifiers' : 'a single identifier'}`);
    }
    for (const identifier of Array.isArray(value) ? value : [value]) targets.push({ relation: key, blueprint: def.target, identifier });
  }
  return targets;
}
