import { z } from 'zod';
import { ENTITY_IDENTIFIER, ENTITY_IDENTIFIER_MAX, PROPERTY_IDENTIFIER } from './identifiers.js';

// Port: confirmed (SPEC POST .../entities requestBody; relation values share the entity pattern)
const EntityIdentifier = z
  .string('identifier must be a string (the sandbox does not resolve search identifiers)')
  .max(ENTITY_IDENTIFIER_MAX)
  .regex(ENTITY_IDENTIFIER, 'identifier does not match the entity identifier pattern');

const RelationValue = z.union(
  [EntityIdentifier, z.array(EntityIdentifier), z.null()],
  'relation value must be an identifier, a list of identifiers or null',
);
const Team = z.union([z.string(), z.array(z.string())]);

/**
 * Create/upsert/replace body. Top-level extra keys such as `blueprint` are tolerated.
 * Port: confirmed (SPEC additionalProperties: true on POST/bulk items/PUT)
 */
export const EntityBody = z.looseObject({
  identifier: EntityIdentifier,
  title: z.string().optional(),
  icon: z.string().optional(),
  team: Team.optional(),
  properties: z.record(z.string(), z.unknown()).optional(),
  relations: z.record(z.string(), RelationValue).optional(),
});

/** Port: confirmed (SPEC PATCH .../entities/{id}: additionalProperties false, nullable title/icon, key pattern) */
export const EntityPatchBody = z.strictObject({
  identifier: EntityIdentifier.optional(),
  title: z.string().nullable().optional(),
  icon: z.string().nullable().optional(),
  team: Team.nullable().optional(),
  properties: z.record(z.string().regex(PROPERTY_IDENTIFIER), z.unknown()).optional(),
  relations: z.record(z.string().regex(PROPERTY_IDENTIFIER), RelationValue).optional(),
});

/** Port: confirmed (SPEC bulk body: minItems 1, maxItems 20) */
export const BULK_UPSERT_MAX = 20;
export const BulkUpsertBody = z.looseObject({
  entities: z.array(EntityBody).min(1).max(BULK_UPSERT_MAX, `must NOT have more than ${BULK_UPSERT_MAX} items`),
});

/** Port: confirmed (SPEC bulk delete body: 1..100 identifiers, additionalProperties false) */
export const BULK_DELETE_MAX = 100;
export const BulkDeleteBody = z.strictObject({
  entities: z.array(z.string()).min(1).max(BULK_DELETE_MAX, `must NOT have more than ${BULK_DELETE_MAX} items`),
});

/** Port: confirmed (SPEC blueprint-scoped search body, additionalProperties false, limit 1..1000) */
export const SearchBody = z.strictObject({
  query: z.looseObject({}).optional(),
  include: z.array(z.string()).optional(),
  exclude: z.array(z.string()).optional(),
  limit: z.number().min(1).max(1000).optional(),
  from: z.string().optional(),
});

export type EntityBodyInput = z.infer<typeof EntityBody>;
