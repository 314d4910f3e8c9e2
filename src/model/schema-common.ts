import { z } from 'zod';

/*
 * Building blocks shared by the blueprint, scorecard and page schemas. Patterns and lists are
 * Port's, from its OpenAPI route schemas (PORT-API.md 2.2 and 3.3); the `u` flag matters where
 * Port writes `\p{L}` (a letter of any script).
 */

export const BLUEPRINT_IDENTIFIER = /^(?!\.{1,2}$)[\p{L}0-9@_.+:\\/-]+$/u;
export const PROPERTY_IDENTIFIER = /^[A-Za-z0-9@_=-]+$/;
/** Scorecards share the entity identifier pattern. */
export const SCORECARD_IDENTIFIER = /^(?!\.{1,2}$)[\p{L}0-9@_.+:\\/='-]+$/u;
export const PAGE_IDENTIFIER =
  /^(?!\.{1,2}$)(?:[A-Za-z0-9@_.:/=-]|\$team\b|\$users\b|\$user\b|\$AuditLog\b|\$run\b|\$RunsHistory\b|\$home)*$/;

/** Port's limit for blueprint, property, scorecard and rule identifiers. */
export const IDENTIFIER_MAX = 100;

export const COLORS = [
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
] as const;
export const Color = z.enum(COLORS);

export const BlueprintId = z
  .string()
  .min(1)
  .max(IDENTIFIER_MAX)
  .regex(BLUEPRINT_IDENTIFIER, 'must be a blueprint identifier: letters, digits and @ _ . + : \\ / -');

export const PropertyId = z
  .string()
  .min(1)
  .max(IDENTIFIER_MAX)
  .regex(PROPERTY_IDENTIFIER, 'must match ^[A-Za-z0-9@_=-]+$ (ASCII letters, digits, @ _ = -)');

export const Combinator = z.enum(['and', 'or']);

/** The date presets of scorecard conditions (a shorter list than queries take). */
export const ConditionDatePreset = z.enum([
  'today',
  'tomorrow',
  'yesterday',
  'lastWeek',
  'last2Weeks',
  'lastMonth',
  'last3Months',
  'last6Months',
  'last12Months',
]);

export const QueryDatePreset = z.enum([
  'today',
  'tomorrow',
  'yesterday',
  'lastDay',
  'lastWeek',
  'last2Weeks',
  'lastMonth',
  'last3Months',
  'last6Months',
  'last12Months',
  'last2Years',
  'last3Years',
  'nextDay',
  'nextWeek',
  'next2Weeks',
  'nextMonth',
  'next3Months',
  'next6Months',
  'next12Months',
]);

export const DateRange = z.strictObject({ from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }) });

/** Port's `{{user}}` context values; only meaningful with a user context, but valid anywhere a query is. */
export const ContextValue = z.strictObject({ property: z.string().min(1), context: z.enum(['user', 'userTeams']) });
