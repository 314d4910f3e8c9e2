import { z } from 'zod';
import { EntitiesQuery } from './query-schema.js';
import { BlueprintId, Color, PropertyId } from './schema-common.js';

/*
 * The body of POST /v1/blueprints (PORT-API.md 3.2-3.3). Port tolerates unknown top-level keys;
 * our own files do not, so a typo fails validation instead of being silently ignored by Port.
 */

export const PROPERTY_TYPES = ['string', 'number', 'boolean', 'object', 'array'] as const;
const PropertyType = z.enum(PROPERTY_TYPES);

const PropertyFormat = z.enum([
  'date-time',
  'url',
  'email',
  'idn-email',
  'ipv4',
  'ipv6',
  'markdown',
  'yaml',
  'user',
  'team',
  'timer',
  'blueprints',
  'proto',
  'labeled-url',
]);
const DateFormat = z.enum(['relative', '12-hour', '24-hour', 'iso']);
const Spec = z.enum(['open-api', 'embedded-url', 'async-api']);
const EnumValue = z.union([z.string(), z.number()]);
const Count = z.number().int().min(0);

const SpecAuthentication = z.strictObject({
  clientId: z.string(),
  authorizationUrl: z.url(),
  tokenUrl: z.url(),
  authorizationScope: z.array(z.string()).optional(),
});

/** JSON-schema keywords Port documents for values (and for the items of an array). */
const valueKeywords = {
  format: PropertyFormat.optional(),
  enum: z.array(EnumValue).min(1).optional(),
  enumColors: z.record(z.string(), Color).optional(),
  pattern: z.string().optional(),
  minLength: Count.optional(),
  maxLength: Count.optional(),
  minimum: z.number().optional(),
  maximum: z.number().optional(),
};

const ItemsDef = z.strictObject({ type: PropertyType, ...valueKeywords });

export const PropertyDef = z.strictObject({
  type: PropertyType,
  title: z.string().max(100).optional(),
  description: z.string().optional(),
  icon: z.string().optional(),
  default: z.unknown().optional(),
  dateFormat: DateFormat.optional(),
  spec: Spec.optional(),
  specAuthentication: SpecAuthentication.optional(),
  items: ItemsDef.optional(),
  minItems: Count.optional(),
  maxItems: Count.optional(),
  ...valueKeywords,
});
export type PropertyDef = z.infer<typeof PropertyDef>;

export const RelationDef = z.strictObject({
  target: BlueprintId,
  title: z.string().max(100).optional(),
  description: z.string().optional(),
  // Port requires both flags in the body (no server default is applied on create).
  required: z.boolean(),
  many: z.boolean(),
  type: z.string().optional(),
});
export type RelationDef = z.infer<typeof RelationDef>;

export const MirrorDef = z.strictObject({
  path: z.string().regex(/^[A-Za-z0-9@_=$-]+(\.[A-Za-z0-9@_=$-]+)+$/, 'must be a dot path "relation.property" (relations may chain)'),
  title: z.string().max(100).optional(),
});
export type MirrorDef = z.infer<typeof MirrorDef>;

export const CalculationDef = z.strictObject({
  calculation: z.string().min(1),
  type: PropertyType,
  title: z.string().max(100).optional(),
  description: z.string().optional(),
  icon: z.string().optional(),
  format: PropertyFormat.exclude(['blueprints', 'timer']).optional(),
  dateFormat: DateFormat.optional(),
  spec: Spec.optional(),
  specAuthentication: SpecAuthentication.optional(),
  colorized: z.boolean().optional(),
  colors: z.record(z.string(), Color).optional(),
  items: z.strictObject({ type: PropertyType, format: PropertyFormat.optional() }).optional(),
});
export type CalculationDef = z.infer<typeof CalculationDef>;

const AverageOf = z.enum(['hour', 'day', 'week', 'month', 'total']);

/** Port's four calculation forms: count or average of entities; sum/min/max/median or average of a property. */
export const CalculationSpec = z.discriminatedUnion('calculationBy', [
  z.discriminatedUnion('func', [
    z.strictObject({ calculationBy: z.literal('entities'), func: z.literal('count') }),
    z.strictObject({
      calculationBy: z.literal('entities'),
      func: z.literal('average'),
      averageOf: AverageOf,
      measureTimeBy: z.string().optional(),
    }),
  ]),
  z.discriminatedUnion('func', [
    z.strictObject({ calculationBy: z.literal('property'), func: z.enum(['sum', 'min', 'max', 'median']), property: z.string().min(1) }),
    z.strictObject({
      calculationBy: z.literal('property'),
      func: z.literal('average'),
      property: z.string().min(1),
      averageOf: AverageOf,
      measureTimeBy: z.string().optional(),
    }),
  ]),
]);
export type CalculationSpec = z.infer<typeof CalculationSpec>;

export const AggregationDef = z.strictObject({
  title: z.string().min(1).max(100),
  target: BlueprintId,
  calculationSpec: CalculationSpec,
  description: z.string().optional(),
  icon: z.string().optional(),
  type: z.literal('number').optional(),
  query: EntitiesQuery.optional(),
  pathFilter: z
    .array(z.strictObject({ path: z.array(z.string().min(1)).min(1), fromBlueprint: BlueprintId.optional() }))
    .max(1)
    .optional(),
});
export type AggregationDef = z.infer<typeof AggregationDef>;

const Ownership = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('Direct'), title: z.string().max(100).optional() }),
  z.strictObject({ type: z.literal('Inherited'), path: z.string().min(1), title: z.string().max(100).optional() }),
]);

const ChangelogDestination = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('WEBHOOK'), url: z.url(), agent: z.boolean().optional() }),
  z.strictObject({ type: z.literal('KAFKA') }),
]);

export const BlueprintBody = z.strictObject({
  identifier: BlueprintId,
  title: z.string().min(1).max(100),
  description: z.string().max(200).optional(),
  icon: z.string().optional(),
  ownership: Ownership.optional(),
  schema: z.strictObject({
    properties: z.record(PropertyId, PropertyDef),
    required: z.array(z.string()).optional(),
  }),
  relations: z.record(PropertyId, RelationDef).optional(),
  mirrorProperties: z.record(PropertyId, MirrorDef).optional(),
  calculationProperties: z.record(PropertyId, CalculationDef).optional(),
  aggregationProperties: z.record(PropertyId, AggregationDef).optional(),
  changelogDestination: ChangelogDestination.optional(),
  includeInGlobalSearch: z.boolean().nullable().optional(),
});
export type BlueprintBody = z.infer<typeof BlueprintBody>;
