/** The data contract every room shares: catalog, sources, sync and sandbox read it; it imports nothing of ours. */
export type { EntityFragment, ScopeResult, SourceResult } from './fragments.js';
export type { Finding } from './findings.js';
export type { BlueprintOwnership, Ownership } from './ownership.js';
export { formatScope, parseScope, type Scope } from './scopes.js';
export { NO_PREVIOUS, type PreviousCatalog, type PreviousEntity, type Source, type SourceContext, type SourceRun } from './source.js';
export type { CoreSettings, Requirement, SettingGroup, SettingRow, SettingValues } from './settings.js';
export { canonicalName, nameToIdentifier, normaliseName, toIdentifier } from './identifiers.js';
export { canonicalJson, sortKeys } from './canonical-json.js';
export { Slicer, SLICE_MS, drive, driveInSlices, forEachInSlices, yieldToLoop, type SlicerOptions, type Steps } from './slices.js';
