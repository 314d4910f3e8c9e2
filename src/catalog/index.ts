/** The join (pure): one catalog of desired entities from every source's run. */
export { canonicalName, nameToIdentifier, normaliseName, toIdentifier } from '../domain/identifiers.js';
export { joinCatalog, type JoinOptions } from './join.js';
export { relationTargetsOf, type BlueprintDefinition } from './relation-targets.js';
export { builtinRules, danglingRelations, teamsAndEnvironments } from './rules/index.js';
export type { SourceDeclaration } from './completeness.js';
export type { Aliases } from './names.js';
export type { Catalog, DesiredEntity, FieldKey, FieldOrigin, JoinRule, OwnedFields, RuleContext } from './types.js';
