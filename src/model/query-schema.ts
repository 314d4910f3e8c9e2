import { z } from 'zod';
import { BlueprintId, Combinator, ContextValue, DateRange, QueryDatePreset } from './schema-common.js';

/*
 * Port's entities query (OpenAPI `/schemas/entitiesQuery`, PORT-API.md 2.8): the language of
 * widget datasets, table filters and aggregation queries. Each rule form is strict, as Port's is.
 */

const RuleProperty = z.union([z.string().min(1), ContextValue]);
const Scalar = z.union([z.null(), z.string(), z.number(), z.boolean()]);

const DateRule = z.strictObject({
  property: RuleProperty,
  operator: z.enum(['between', 'notBetween', '=']),
  value: z.union([DateRange, z.strictObject({ preset: QueryDatePreset }), ContextValue]),
});

const EmptyRule = z.strictObject({ property: z.string().min(1), operator: z.enum(['isEmpty', 'isNotEmpty']) });

const NumberRule = z.strictObject({
  property: RuleProperty,
  operator: z.enum(['>', '>=', '<', '<=']),
  value: z.union([z.number(), z.iso.datetime({ offset: true }), ContextValue]),
});

const ExpiredRule = z.strictObject({ property: z.string().min(1), operator: z.enum(['isExpired', 'isNotExpired']) });

export const STRING_RULE_OPERATORS = [
  '=',
  '!=',
  'containsAny',
  'contains',
  'doesNotContains',
  'beginsWith',
  'doesNotBeginsWith',
  'endsWith',
  'doesNotEndsWith',
  'in',
  'notIn',
] as const;

const StringRule = z.strictObject({
  property: RuleProperty,
  operator: z.enum(STRING_RULE_OPERATORS),
  value: z.union([Scalar, z.array(z.string()), z.array(z.number()), z.array(z.boolean()), ContextValue]),
});

const RelationRule = z.strictObject({
  operator: z.literal('relatedTo'),
  blueprint: BlueprintId,
  value: z.union([z.string(), z.array(z.string())]),
  direction: z.enum(['upstream', 'downstream']).optional(),
  required: z.boolean().optional(),
});

const PropertySchemaRule = z.strictObject({
  propertySchema: z.strictObject({
    type: z.string(),
    format: z.string().optional(),
    items: z.strictObject({ type: z.string(), format: z.string().optional() }).optional(),
  }),
  operator: z.enum(['=', '!=', 'contains']),
  value: Scalar.optional(),
});

const PathStep = z.union([
  z.string().min(1),
  z.strictObject({ relation: z.string().min(1), maxHops: z.number().int().min(1).max(15).optional() }),
]);

const MatchAnyRule = z.strictObject({
  property: z.union([z.strictObject({ path: z.array(PathStep).min(1), fromBlueprint: z.string().optional() }), RuleProperty]),
  operator: z.literal('matchAny'),
  value: z.union([z.array(z.string()), z.string(), ContextValue]),
});

export const EntitiesRule = z.union([
  DateRule,
  EmptyRule,
  NumberRule,
  ExpiredRule,
  StringRule,
  RelationRule,
  PropertySchemaRule,
  MatchAnyRule,
]);
export type EntitiesRule = z.infer<typeof EntitiesRule>;

export interface EntitiesQuery {
  combinator: 'and' | 'or';
  rules: Array<EntitiesRule | EntitiesQuery>;
}

export const EntitiesQuery: z.ZodType<EntitiesQuery> = z.lazy(() =>
  z.strictObject({ combinator: Combinator, rules: z.array(z.union([EntitiesRule, EntitiesQuery])) }),
);

/** Number-chart datasets may also be a bare list of rules (Port's own dashboards use that form). */
export const Dataset = z.union([z.array(z.union([EntitiesRule, EntitiesQuery])), EntitiesQuery]);
export type Dataset = z.infer<typeof Dataset>;
