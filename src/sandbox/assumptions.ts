/**
 * Every sandbox behaviour that Port's documentation does not settle (PORT-API.md "Open questions"
 * and details no source shows). The opt-in contract test checks each one against a real org; the
 * code marks each place with `Port: assumed (<open question or "unlisted">; <id>)`.
 */
export interface SandboxAssumption {
  id: string;
  /** The PORT-API.md open question it answers, when there is one. */
  openQuestion?: number;
  /** What is unknown about Port. */
  description: string;
  /** What the sandbox does meanwhile. */
  sandbox: string;
}

export const SANDBOX_ASSUMPTIONS: readonly SandboxAssumption[] = [
  {
    id: 'unknown-keys-rejected',
    openQuestion: 1,
    description: 'How Port treats entity property or relation keys the blueprint does not define.',
    sandbox: '422 invalid_entity for the entity (per entity in a bulk 207).',
  },
  {
    id: 'ratelimit-reset-epoch',
    openQuestion: 2,
    description: 'Whether x-ratelimit-reset is epoch seconds (docs) or seconds from now (Terraform provider).',
    sandbox: 'Epoch seconds, as the docs say.',
  },
  {
    id: 'retry-after-on-429',
    openQuestion: 2,
    description: 'Whether Port sends Retry-After with a 429, and the 429 body.',
    sandbox: 'Retry-After in seconds until the window resets; body {ok:false, error:"rate_limit_exceeded"}.',
  },
  {
    id: 'error-codes',
    openQuestion: 3,
    description: "Port's `error` codes other than not_found and has_dependents.",
    sandbox:
      '422 route schema: invalid_request; 422 blueprint schema: invalid_entity; 401: unauthorized / invalid_credentials; 413: request_too_large; 429: rate_limit_exceeded.',
  },
  {
    id: 'conflict-409-identifier-taken',
    openQuestion: 3,
    description: 'The body of a 409 for an identifier that exists (entity with upsert=false, blueprint, scorecard, page).',
    sandbox: '409 {error:"identifier_taken"}; per entity in a bulk 207.',
  },
  {
    id: 'has-dependents-409',
    openQuestion: 3,
    description: 'The status of a delete refused for dependents (entity, bulk delete, blueprint with entities).',
    sandbox: '409 {error:"has_dependents"}.',
  },
  {
    id: 'bad-json-400',
    openQuestion: 3,
    description: 'The answer to a body that is not JSON (Port lists no 400).',
    sandbox: '400 {error:"invalid_json"}.',
  },
  {
    id: 'search-cursor-422',
    openQuestion: 3,
    description: 'The answer to a `from` cursor Port did not issue.',
    sandbox: '422 invalid_request.',
  },
  {
    id: 'relation-target-blueprint-404',
    openQuestion: 3,
    description: 'The answer to a blueprint relation (or aggregation) whose target blueprint does not exist.',
    sandbox: '404 not_found.',
  },
  {
    id: 'bulk-all-failed-207',
    openQuestion: 4,
    description: 'The status when every entity of a bulk upsert fails, and `ok` on a 207.',
    sandbox: '207 with an empty `entities`; `ok` is false on every 207.',
  },
  {
    id: 'bulk-duplicates-sequential',
    openQuestion: 4,
    description: 'How a bulk request that names one identifier twice is handled.',
    sandbox: 'Entities are written in order: the second overwrites (upsert) or gets 409 (upsert=false).',
  },
  {
    id: 'bulk-item-schema-whole-request',
    openQuestion: 4,
    description:
      'Whether a bulk item that breaks the route schema (bad identifier, relation value shape) fails the request or only that item.',
    sandbox: 'The whole request fails with 422, like more than 20 items; blueprint-schema problems are per entity.',
  },
  {
    id: 'cross-search-unpaginated',
    openQuestion: 5,
    description: 'Pagination or a cap on POST /v1/entities/search.',
    sandbox: 'Every match in one answer.',
  },
  {
    id: 'datasource-any-user-agent',
    openQuestion: 6,
    description: 'Whether Port records $datasource for any User-Agent, not only Ocean and k8s-exporter ones.',
    sandbox: "Every write records the User-Agent as the entity's datasource ($datasource in queries).",
  },
  {
    id: 'token-expires-in-remaining',
    openQuestion: 7,
    description: 'expiresIn of a re-issued (still active) token.',
    sandbox: 'The remaining lifetime in seconds.',
  },
  {
    id: 'blueprint-patch-merges-maps',
    openQuestion: 10,
    description: 'Whether blueprint PATCH merges schema.properties, relations and the other keyed sections.',
    sandbox: 'Merged key by key; top-level keys and schema.required replace; nothing is removed.',
  },
  {
    id: 'immutable-type-422',
    openQuestion: 10,
    description:
      "The answer to changing a property type (single vs array included) or a relation's many; docs only say the type is permanent.",
    sandbox: '422 invalid_entity, only while the blueprint has entities.',
  },
  {
    id: 'page-put-replaces',
    openQuestion: 11,
    description: 'PUT /v1/pages/{id} is not in the spec.',
    sandbox: 'Replaces the page; answers {ok, identifier} like PATCH.',
  },
  {
    id: 'cross-search-needs-blueprint',
    openQuestion: 12,
    description: 'Whether POST /v1/entities/search requires a $blueprint rule.',
    sandbox: 'A top-level $blueprint `=`/`in` rule in an `and` query is required, else 422.',
  },
  {
    id: 'entity-post-201',
    description: 'The status of POST .../entities when it updates an existing entity or runs with validation_only.',
    sandbox: '201 {ok, entity} in every success case (the only success status the spec lists).',
  },
  {
    id: 'team-as-array',
    description: 'The form of `team` on reads when a single string was written.',
    sandbox: 'Always a list; [] when unset.',
  },
  {
    id: 'null-clears-key',
    description: 'How a cleared (explicit null) property or relation reads back.',
    sandbox: 'The key is absent from `properties` / `relations`.',
  },
  {
    id: 'include-is-exact',
    description: 'Whether include adds identifier (or other fields) not asked for.',
    sandbox: 'Only the named fields are returned.',
  },
  {
    id: 'blueprint-sections-defaulted',
    description: 'Whether blueprint reads carry empty relations / mirror / calculation / aggregation sections.',
    sandbox: 'Every section is present, {} when unset; schema.required defaults to [].',
  },
  {
    id: 'delete-dependents-transitive',
    description: 'Whether delete_dependents=true also deletes dependents of dependents.',
    sandbox: 'Transitively.',
  },
  {
    id: 'bulk-delete-missing-skipped',
    description: 'How bulk delete treats identifiers that do not exist.',
    sandbox: 'They are skipped: 200, left out of deletedEntities.',
  },
  {
    id: 'bulk-delete-dependents-in-batch',
    description: 'Whether a dependent that is itself in the same bulk delete blocks it.',
    sandbox: 'It does not; only dependents outside the batch block.',
  },
  {
    id: 'blueprint-delete-targeted',
    description: "Deleting a blueprint that another blueprint's relation targets.",
    sandbox: 'Refused with 409 has_dependents.',
  },
  {
    id: 'scorecard-references-checked',
    description: 'Whether scorecard conditions must name existing properties/relations, and which operators each takes.',
    sandbox:
      "Properties (plain, mirror, calculation, aggregation, $-meta) and relations must exist; operators per the spec's condition forms; else 422.",
  },
  {
    id: 'scorecards-put-upserts',
    description: 'Whether PUT .../scorecards (array) removes scorecards it does not name.',
    sandbox: 'It creates or replaces the named ones and keeps the rest; answers {ok, scorecards}.',
  },
  {
    id: 'page-widget-checks',
    description: 'How far Port validates dashboard widgets.',
    sandbox: 'Widget types must be known; a dashboard-widget layout may only place its own children, whose ids are unique; 422 otherwise.',
  },
  {
    id: 'scorecard-rule-status',
    openQuestion: 8,
    description: 'The literal values of a scorecard rule result `status` on entity reads.',
    sandbox: 'SUCCESS when the rule passes, FAILURE when it does not; scorecardsStats is not returned.',
  },
  {
    id: 'scorecard-filtered-absent',
    description: "How an entity that a scorecard's filter leaves out reads.",
    sandbox: 'It has no entry for that scorecard under `scorecards`.',
  },
  {
    id: 'condition-not-negates',
    description: 'What `not: true` does on a scorecard condition (the spec allows it on the empty operators).',
    sandbox: 'It negates the condition.',
  },
  {
    id: 'date-presets-rolling-utc',
    description: 'The exact ranges of date presets (time zone, calendar or rolling windows).',
    sandbox: 'today/tomorrow/yesterday are UTC days; last*/next* are rolling windows ending or starting now.',
  },
  {
    id: 'computed-in-properties',
    description: 'Where mirror and aggregation property values appear on entity reads.',
    sandbox: 'Under `properties`, next to the written ones; computed on read.',
  },
  {
    id: 'mirror-many-as-list',
    description: 'The value of a mirror property reached through a `many` relation, and of one whose target is missing.',
    sandbox: "A list of every reached entity's value (absent when none); absent when the target or value is missing.",
  },
  {
    id: 'aggregation-direct-paths',
    description: 'Which paths an aggregation without a pathFilter follows (docs: all paths, direct or indirect, both directions).',
    sandbox: 'Direct relations between the two blueprints, both directions; indirect paths need a pathFilter.',
  },
  {
    id: 'aggregation-empty-and-time-averages',
    description: 'Aggregation values over no entities, over non-number values, and averages per time period.',
    sandbox: 'count and sum are 0, min/max/average/median absent; non-numbers skipped; per-period averages are not computed.',
  },
];
