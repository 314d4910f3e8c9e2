import { z } from 'zod';
import { PROPERTY_IDENTIFIER, PROPERTY_IDENTIFIER_MAX, SCORECARD_IDENTIFIER, SCORECARD_IDENTIFIER_MAX } from './identifiers.js';

// Port: confirmed (SPEC scorecard condition forms and operator lists, PORT-API.md 4.3)
const COMPARISON = [
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
];
export const CONDITION_OPERATORS: Record<'property' | 'relation', ReadonlySet<string>> = {
  property: new Set([...COMPARISON, 'containsAny', 'in', 'between', 'notBetween', 'isEmpty', 'isNotEmpty']),
  relation: new Set([...COMPARISON, 'containsAny', 'in', 'isEmpty', 'isNotEmpty']),
};

const Condition = z.looseObject({
  property: z.string().optional(),
  relation: z.string().optional(),
  operator: z.string(),
  value: z.unknown().optional(),
  not: z.boolean().optional(),
});

const ConditionQuery = z.looseObject({
  combinator: z.enum(['and', 'or']),
  conditions: z.array(Condition).min(1),
});

// Port: confirmed (SPEC level colors)
const LevelColor = z.enum([
  'blue',
  'turquoise',
  'orange',
  'purple',
  'pink',
  'yellow',
  'green',
  'red',
  'gold',
  'silver',
  'paleBlue',
  'darkGray',
  'lightGray',
  'bronze',
  'lime',
  'olive',
  'brown',
]);

const Rule = z.looseObject({
  identifier: z.string().max(PROPERTY_IDENTIFIER_MAX).regex(PROPERTY_IDENTIFIER),
  title: z.string(),
  level: z.string(),
  description: z.string().optional(),
  query: ConditionQuery,
});

/** Port: confirmed (SPEC POST .../scorecards body: additionalProperties false; identifier, title, rules required) */
export const ScorecardBody = z.strictObject({
  identifier: z.string().max(SCORECARD_IDENTIFIER_MAX).regex(SCORECARD_IDENTIFIER),
  title: z.string(),
  filter: ConditionQuery.optional(),
  rules: z.array(Rule),
  levels: z.array(z.strictObject({ title: z.string(), color: LevelColor })).optional(),
  properties: z.record(z.string().regex(PROPERTY_IDENTIFIER), z.unknown()).optional(),
});

export type ScorecardInput = z.infer<typeof ScorecardBody>;
export type ScorecardCondition = z.infer<typeof Condition>;

/** Port: confirmed (DOCS concepts-and-structure.md — default levels, lowest first) */
export const DEFAULT_LEVELS = [
  { title: 'Basic', color: 'paleBlue' },
  { title: 'Bronze', color: 'bronze' },
  { title: 'Silver', color: 'silver' },
  { title: 'Gold', color: 'gold' },
] as const;
