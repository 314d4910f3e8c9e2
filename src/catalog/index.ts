/** The join (pure): one catalog of desired entities from every source's run. */
export { canonicalName, nameToIdentifier, normaliseName, toIdentifier } from '../domain/identifiers.js';
export { joinCatalog, joinCatalogInSlices, type JoinOptions } from './join.js';
export { relationTargetsOf, type BlueprintDefinition } from './relation-targets.js';
export { builtinRules, costTeamFromService, danglingRelations, namedEntities, teamFromTags } from './rules/index.js';
export type { Aliases } from './names.js';
export type { Catalog, DesiredEntity, FieldKey, FieldOrigin, JoinRule, OwnedFields, RuleContext, SourceDeclaration } from './types.js';
export { CATALOG_SCOPE, NAMED_ROLES, isNamedBlueprint, type NamedRole } from './roles.js';
