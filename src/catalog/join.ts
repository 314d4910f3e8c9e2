import type { SourceRun } from '../domain/index.js';
import { completeBlueprintsOf, completedScopesOf, completeSourcesOf } from './completeness.js';
import { ownedFieldsOf, toEntity } from './fields.js';
import { FindingLog } from './findings.js';
import { useFragment, type FragmentContext, type UsedFragment } from './fragments.js';
import { definedDrafts, mergeFragments, originOf, type Draft } from './merge.js';
import { createNamer, type Aliases, type Namer } from './names.js';
import { builtinRules } from './rules/index.js';
import type { Catalog, DesiredEntity, JoinRule, RuleContext, SourceDeclaration } from './types.js';

export type { JoinRule, RuleContext } from './types.js';

export interface JoinOptions {
  aliases: Aliases;
  /** blueprint -> relation identifier -> target blueprint, read from the model files. */
  relationTargets: Record<string, Record<string, string>>;
  /** The rules run after the merge, in order; default the built-in list (source rules go before it). */
  rules?: readonly JoinRule[];
  /**
   * Every source enabled in SOURCES with what it owns, whether it ran or not. A blueprint is
   * complete only when all its defining sources ran and completed; without this list only the
   * runs are known, and a blueprint no run defines is not taken as complete.
   */
  enabledSources?: readonly SourceDeclaration[];
  /** blueprint -> its property identifiers in the model: the join sends no value for another. */
  modelProperties?: Readonly<Record<string, ReadonlySet<string>>>;
  /**
   * blueprint -> identifier -> relations as this installation last wrote them (the read-only view of
   * previous entities), for rules that fall back on what a source that did not run said.
   */
  previousRelations?: (blueprint: string, identifier: string) => Readonly<Record<string, unknown>> | undefined;
}

/**
 * Pure: one catalog from every source's run. Fragments of scopes that did not complete are left
 * out, so their entities are neither rewritten nor deleted; entities exist only if a source defines
 * them, except teams, environments and services, which exist wherever they are named.
 */
export function joinCatalog(runs: readonly SourceRun[], options: JoinOptions): Catalog {
  const findings = new FindingLog();
  const state: JoinState = {
    namer: createNamer(options.aliases),
    completedScopes: completedScopesOf(runs),
    completeSources: completeSourcesOf(runs),
    origins: new WeakMap(),
  };
  const fragments = usedFragments(runs, { ...state, relationTargets: options.relationTargets, findings });
  const catalog: Catalog = { entities: new Map(), findings: findings.list };
  const fieldsContext = { ...state, runs, relationTargets: options.relationTargets, cache: new Map() };
  for (const draft of definedDrafts(mergeFragments(fragments, findings), findings)) {
    const entity = toEntity(draft, ownedFieldsOf(draft, fieldsContext));
    state.origins.set(entity, draft);
    entitiesOf(catalog, draft.blueprint).set(draft.identifier, entity);
  }
  const context = ruleContext(runs, options, state);
  for (const rule of options.rules ?? builtinRules) rule.apply(catalog, context);
  return catalog;
}

function usedFragments(runs: readonly SourceRun[], context: FragmentContext): UsedFragment[] {
  return runs.flatMap((run) => run.result.fragments.flatMap((fragment) => useFragment(run, fragment, context) ?? []));
}

function entitiesOf(catalog: Catalog, blueprint: string): Map<string, DesiredEntity> {
  const entities = catalog.entities.get(blueprint) ?? new Map<string, DesiredEntity>();
  catalog.entities.set(blueprint, entities);
  return entities;
}

interface JoinState {
  namer: Namer;
  completedScopes: ReadonlyMap<string, ReadonlySet<string>>;
  completeSources: ReadonlySet<string>;
  origins: WeakMap<DesiredEntity, Draft>;
}

function ruleContext(runs: readonly SourceRun[], options: JoinOptions, state: JoinState): RuleContext {
  const { relationTargets } = options;
  const blueprints = new Set([
    ...Object.keys(relationTargets),
    ...Object.values(relationTargets).flatMap((targets) => Object.values(targets)),
  ]);
  return {
    runs,
    relationTargets,
    completedScopes: state.completedScopes,
    completeSources: state.completeSources,
    completeBlueprints: completeBlueprintsOf(blueprints, runs, state.completeSources, options.enabledSources),
    declarations: options.enabledSources ? declared(options.enabledSources, runs) : undefined,
    modelProperties: options.modelProperties,
    previousRelations: (blueprint, identifier) => options.previousRelations?.(blueprint, identifier),
    identifierFor: (blueprint, raw) => state.namer.identifierFor(blueprint, raw),
    nameOf: (blueprint, identifier) => state.namer.nameOf(blueprint, identifier),
    originOf: (entity, field) => {
      const draft = state.origins.get(entity);
      return draft ? originOf(draft, field) : undefined;
    },
  };
}

/** SOURCES with what each writes, and any run outside them (a replayed snapshot), each once. */
function declared(enabled: readonly SourceDeclaration[], runs: readonly SourceRun[]): SourceDeclaration[] {
  const ids = new Set(enabled.map((source) => source.id));
  return [...enabled, ...runs.filter((run) => !ids.has(run.id)).map(({ id, owns }) => ({ id, owns }))];
}
