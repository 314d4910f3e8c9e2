import { z } from 'zod';
import { Color, Combinator, ConditionDatePreset, DateRange, IDENTIFIER_MAX, PropertyId, SCORECARD_IDENTIFIER } from './schema-common.js';

/*
 * The body of POST /v1/blueprints/{bp}/scorecards (PORT-API.md 4.2-4.3). Port's top level is
 * already strict; the condition forms are made strict here too, so a misspelt key is reported.
 * Conditions compare against static values only: logic (semver, missing tags) is computed into
 * properties by the sync.
 */

export const COMPARISON_OPERATORS = [
  '=',
  '!=',
  '>',
  '<',
  '>=',
  '<=',
  'contains',
  'doesNotContains',
  'beginsWith',
  'doesNotBeginsWith',
  'endsWith',
  'doesNotEndsWith',
] as const;
const ComparisonValue = z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]);
const Name = z.string().min(1);

const PropertyBetween = z.strictObject({
  property: Name,
  operator: z.enum(['between', 'notBetween', '=']),
  value: z.union([DateRange, z.strictObject({ preset: ConditionDatePreset })]),
});
const PropertyIn = z.strictObject({ property: Name, operator: z.enum(['containsAny', 'in']), value: z.array(z.string()) });
const RelationIn = z.strictObject({ relation: Name, operator: z.enum(['containsAny', 'in']), value: z.array(z.string()) });
const PropertyComparison = z.strictObject({ property: Name, operator: z.enum(COMPARISON_OPERATORS), value: ComparisonValue });
const RelationComparison = z.strictObject({ relation: Name, operator: z.enum(COMPARISON_OPERATORS), value: ComparisonValue });
const PropertyEmpty = z.strictObject({ property: Name, operator: z.enum(['isEmpty', 'isNotEmpty']), not: z.boolean().optional() });
const RelationEmpty = z.strictObject({ relation: Name, operator: z.enum(['isEmpty', 'isNotEmpty']), not: z.boolean().optional() });

export const Condition = z.union([
  PropertyBetween,
  PropertyIn,
  RelationIn,
  PropertyComparison,
  RelationComparison,
  PropertyEmpty,
  RelationEmpty,
]);
export type Condition = z.infer<typeof Condition>;

const ConditionQuery = z.strictObject({ combinator: Combinator, conditions: z.array(Condition).min(1) });

export const ScorecardRule = z.strictObject({
  identifier: PropertyId,
  title: z.string().min(1),
  description: z.string().optional(),
  level: z.string().min(1),
  query: ConditionQuery,
});
export type ScorecardRule = z.infer<typeof ScorecardRule>;

export const ScorecardLevel = z.strictObject({ title: z.string().min(1), color: Color });
export type ScorecardLevel = z.infer<typeof ScorecardLevel>;

export const ScorecardBody = z.strictObject({
  identifier: z
    .string()
    .min(1)
    .max(IDENTIFIER_MAX)
    .regex(SCORECARD_IDENTIFIER, "must be a scorecard identifier: letters, digits and @ _ . + : \\ / = ' -"),
  title: z.string().min(1),
  levels: z.array(ScorecardLevel).optional(),
  filter: ConditionQuery.optional(),
  rules: z.array(ScorecardRule),
  properties: z.record(PropertyId, z.unknown()).optional(),
});
export type ScorecardBody = z.infer<typeof ScorecardBody>;

/** Port's levels when a scorecard names none (DOCS concepts-and-structure.md), lowest first. */
export const DEFAULT_LEVELS: readonly ScorecardLevel[] = [
  { title: 'Basic', color: 'paleBlue' },
  { title: 'Bronze', color: 'bronze' },
  { title: 'Silver', color: 'silver' },
  { title: 'Gold', color: 'gold' },
];
