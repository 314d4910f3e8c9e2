import type { FieldValues } from './field-values.js';
import { drive, driveInSlices, type Slicer, type SourceRun, type Steps } from '../domain/index.js';
import { completeBlueprintsOf, completedScopesOf, completeSourcesOf } from './completeness.js';
import { ownedFieldsOf, toEntity } from './fields.js';
import { FindingLog } from './findings.js';
import { useFragment, type FragmentContext, type UsedFragment } from './fragments.js';
import { definedDrafts, mergeSteps, originOf, type DraftOrigins } from './merge.js';
import { createNamer, type Aliases, type Namer } from './names.js';
import { ValuePool } from './pool.js';
import { builtinRules } from './rules/index.js';
import type { Catalog, DesiredEntity, FieldKey, JoinRule, RuleContext, SourceDeclaration } from './types.js';

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
  /**
   * The join may let go of each fragment as soon as it has read it: it empties the runs' fragment
   * lists as it goes, so a large estate's fragments and its catalog are not held whole at once.
   * For a caller that owns those lists and has counted them (a sync run); rules then see none.
   */
  releaseFragments?: boolean;
}

/**
 * Pure: one catalog from every source's run. Fragments of scopes that did not complete are left
 * out, so their entities are neither rewritten nor deleted; entities exist only if a source defines
 * them, except teams, environments and services, which exist wherever they are named.
 */
export function joinCatalog(runs: readonly SourceRun[], options: JoinOptions): Catalog {
  return drive(joinSteps(runs, options));
}

/** joinCatalog, letting the event loop turn whenever the slicer's slice is used up (a run's join). */
export function joinCatalogInSlices(runs: readonly SourceRun[], options: JoinOptions, slicer: Slicer): Promise<Catalog> {
  return driveInSlices(joinSteps(runs, options), slicer);
}

function* joinSteps(runs: readonly SourceRun[], options: JoinOptions): Steps<Catalog> {
  const findings = new FindingLog();
  const state: JoinState = {
    namer: createNamer(options.aliases),
    completedScopes: completedScopesOf(runs),
    completeSources: completeSourcesOf(runs),
    origins: new WeakMap(),
  };
  const pool = new ValuePool();
  const context = { ...state, relationTargets: options.relationTargets, findings, pool };
  // Each fragment is read, merged into its draft and let go before the next: the drafts hold what
  // the fragments said.
  const drafts = yield* mergeSteps(usedFragments(runs, context, options.releaseFragments === true), findings);
  const catalog: Catalog = { entities: new Map(), findings: findings.list };
  const fieldsContext = { ...state, runs, relationTargets: options.relationTargets, cache: new Map() };
  const fieldSets = new FieldSets();
  for (const draft of definedDrafts(drafts, findings)) {
    const entity = toEntity(draft, ownedFieldsOf(draft, fieldsContext));
    // The values now live on the entity; what rules ask of their origin needs only which fields there were.
    state.origins.set(entity, { contributors: draft.contributors, laterOrigins: draft.laterOrigins, values: fieldSets.of(draft.values) });
    entitiesOf(catalog, draft.blueprint).set(draft.identifier, entity);
    yield;
  }
  drafts.clear();
  const rules = ruleContext(runs, options, state);
  for (const rule of options.rules ?? builtinRules) {
    if (rule.steps) yield* rule.steps(catalog, rules);
    else rule.apply(catalog, rules);
    yield;
  }
  return catalog;
}

/** The fragments the join uses, in runs order, each made when it is read; `release` empties each run's list behind it. */
function* usedFragments(runs: readonly SourceRun[], context: FragmentContext, release: boolean): Generator<UsedFragment, void, void> {
  for (const run of runs) {
    const fragments = run.result.fragments;
    for (let index = 0; index < fragments.length; index += 1) {
      const one = useFragment(run, fragments[index]!, context);
      if (release) (fragments as unknown[])[index] = undefined;
      if (one) yield one;
    }
    if (release) (fragments as unknown[]).length = 0;
  }
}

/**
 * One set of field keys per distinct list of fields: entities of one source and blueprint set the
 * same fields, so 100k entities share a handful of sets instead of keeping a map of values each.
 */
class FieldSets {
  private readonly sets = new Map<string, ReadonlySet<FieldKey>>();

  of(values: FieldValues): ReadonlySet<FieldKey> {
    const keys = values.keys();
    const key = keys.join('\n');
    let set = this.sets.get(key);
    if (!set) {
      set = new Set(keys);
      this.sets.set(key, set);
    }
    return set;
  }
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
  origins: WeakMap<DesiredEntity, DraftOrigins>;
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
