export { createSandbox } from './server.js';
export { SANDBOX_ASSUMPTIONS, type SandboxAssumption } from './assumptions.js';
export { ENTITY_WRITE_ROUTES } from './stats.js';
export { MAX_BODY_BYTES } from './request-body.js';
export type { SandboxReader } from './reader.js';
export { compileQuery, blueprintsNamed } from './search-query.js';
export { calculate } from './aggregation.js';
export { DEFAULT_LEVELS } from './scorecard-schemas.js';
export type { ScorecardResult, RuleResult } from './scorecard-eval.js';
export { BULK_DELETE_MAX, BULK_UPSERT_MAX } from './entity-schemas.js';
export type {
  BlueprintDef,
  EntityFault,
  EntityInput,
  FaultMatch,
  Json,
  PropertyDef,
  RecordedRequest,
  RelationDef,
  ResponseFault,
  RouteFilter,
  Sandbox,
  SandboxFaults,
  SandboxOptions,
  SandboxState,
  SandboxStats,
  SandboxStore,
  StoredEntity,
} from './types.js';
