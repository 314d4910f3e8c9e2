/**
 * Identifier patterns of Port's route schemas (PORT-API.md 2.2). The `u` flag matters: `\p{L}`
 * admits letters of any script, as Port's JSON-schema patterns do.
 */

// Port: confirmed (SPEC, Aug 2026; the Jan 2026 docs lack the apostrophe)
export const ENTITY_IDENTIFIER = /^(?!\.{1,2}$)[\p{L}0-9@_.+:\\/='-]+$/u;
// Port: confirmed (SPEC)
export const ENTITY_IDENTIFIER_MAX = 1000;

// Port: confirmed (SPEC; DOCS create-a-blueprint.api.mdx)
export const BLUEPRINT_IDENTIFIER = /^(?!\.{1,2}$)[\p{L}0-9@_.+:\\/-]+$/u;
export const BLUEPRINT_IDENTIFIER_MAX = 100;

// Port: confirmed (SPEC blueprint body propertyNames; scorecard rule identifiers share it)
export const PROPERTY_IDENTIFIER = /^[A-Za-z0-9@_=-]+$/;
export const PROPERTY_IDENTIFIER_MAX = 100;

// Port: confirmed (SPEC scorecards body: the entity pattern, at most 100 characters)
export const SCORECARD_IDENTIFIER = ENTITY_IDENTIFIER;
export const SCORECARD_IDENTIFIER_MAX = 100;

// Port: confirmed (SPEC /v1/pages body)
export const PAGE_IDENTIFIER =
  /^(?!\.{1,2}$)(?:[A-Za-z0-9@_.:/=-]|\$team\b|\$users\b|\$user\b|\$AuditLog\b|\$run\b|\$RunsHistory\b|\$home)*$/;

export function isEntityIdentifier(value: unknown): value is string {
  return typeof value === 'string' && value.length <= ENTITY_IDENTIFIER_MAX && ENTITY_IDENTIFIER.test(value);
}
