/**
 * The zod schemas of the model files: each file is exactly the body of Port's create route, so the
 * schemas follow Port's OpenAPI, made strict where Port is lenient (PORT-API.md 3-5).
 */
export {
  BlueprintBody,
  PropertyDef,
  RelationDef,
  MirrorDef,
  CalculationDef,
  AggregationDef,
  CalculationSpec,
  PROPERTY_TYPES,
} from './blueprint-schema.js';
export { ScorecardBody, ScorecardRule, ScorecardLevel, Condition, COMPARISON_OPERATORS, DEFAULT_LEVELS } from './scorecard-schema.js';
export { PageBody } from './page-schema.js';
export { Widget, DashboardWidget, Layout, OTHER_WIDGET_TYPES, type WidgetBody, type TableSettings } from './widget-schema.js';
export { EntitiesQuery, EntitiesRule, Dataset } from './query-schema.js';
export {
  BLUEPRINT_IDENTIFIER,
  PROPERTY_IDENTIFIER,
  SCORECARD_IDENTIFIER,
  PAGE_IDENTIFIER,
  IDENTIFIER_MAX,
  COLORS,
  Color,
  BlueprintId,
  PropertyId,
} from './schema-common.js';
