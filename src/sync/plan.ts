import { isNamedBlueprint } from '../catalog/roles.js';
import { drive, type Steps } from '../domain/index.js';
import type { Catalog, DesiredEntity } from '../catalog/types.js';
import type { PortEntity } from '../port/index.js';
import { sameValue } from './compare.js';
import type { BlueprintSyncPlan, CurrentEntity, FieldDiff, PlannedWrite } from './types.js';

/** Run reports are deleted by their retention rule only. */
export const RUN_BLUEPRINT = 'syncRun';

export interface SyncPlanOptions {
  syncInstance: string;
  /** Every scope that completed in this run. */
  completedScopes: ReadonlySet<string>;
  /**
   * Every source in SOURCES ran and every one of its scopes completed, or is known by what it last
   * wrote (`absentSources`).
   */
  allSourcesComplete: boolean;
  /** Teams, environments and services the entities of sources that did not run still name. */
  namedElsewhere?: ReadonlyMap<string, ReadonlyMap<string, string>>;
  /** Blueprints whose owned entities were read (the others are left alone). */
  blueprints: readonly string[];
  /** Many-relations, compared as sets: blueprint -> relation identifiers. */
  manyRelations?: Record<string, ReadonlySet<string>>;
}

/**
 * Pure: what the catalog asks of Port, against what this instance owns there now, per blueprint.
 * Only fields this run may write are compared; unchanged entities cost nothing.
 */
export function planSync(
  catalog: Catalog,
  current: ReadonlyMap<string, ReadonlyMap<string, CurrentEntity>>,
  options: SyncPlanOptions,
): BlueprintSyncPlan[] {
  return options.blueprints.map((blueprint) =>
    drive(
      planSteps(
        blueprint,
        catalog.entities.get(blueprint) ?? new Map<string, DesiredEntity>(),
        current.get(blueprint) ?? new Map<string, CurrentEntity>(),
        options,
      ),
    ),
  );
}

/** One blueprint's plan from its whole current state, as steps that may pause. */
export function* planSteps(
  blueprint: string,
  desired: ReadonlyMap<string, DesiredEntity>,
  owned: ReadonlyMap<string, CurrentEntity>,
  options: SyncPlanOptions,
): Steps<BlueprintSyncPlan> {
  const planner = new BlueprintPlanner(blueprint, desired, options);
  // Updates in the catalog's order, then deletions in Port's, then creations in the catalog's.
  for (const entity of desired.values()) {
    const existing = owned.get(entity.identifier);
    if (existing) planner.owned(existing);
    yield;
  }
  for (const entity of owned.values()) {
    if (!desired.has(entity.identifier)) planner.owned(entity);
    yield;
  }
  return yield* planner.finish();
}

/**
 * The plan of one blueprint, built while its owned entities are read: each is compared with what the
 * catalog wants as it arrives and only what differs is kept (the update, or the identifier to
 * delete), so a large blueprint's current state is never held whole. `finish` adds the creations.
 */
export class BlueprintPlanner {
  private readonly plan: BlueprintSyncPlan;
  private readonly seen = new Set<string>();
  private readonly many: ReadonlySet<string>;

  constructor(
    readonly blueprint: string,
    private readonly desired: ReadonlyMap<string, DesiredEntity>,
    private readonly options: SyncPlanOptions,
  ) {
    this.plan = { blueprint, creates: [], updates: [], unchanged: 0, deletes: [], kept: [], owned: 0 };
    this.many = options.manyRelations?.[blueprint] ?? new Set<string>();
  }

  /** One entity this instance owns in Port, as read (each once). */
  owned(existing: CurrentEntity): void {
    this.plan.owned += 1;
    const entity = this.desired.get(existing.identifier);
    if (!entity) {
      const reason = keepReason(this.blueprint, existing, this.options);
      if (reason) this.plan.kept.push({ identifier: existing.identifier, reason });
      else this.plan.deletes.push(existing.identifier);
      return;
    }
    this.seen.add(entity.identifier);
    const update = changesOf(entity, existing, this.options.syncInstance, this.many);
    if (update) this.plan.updates.push(update);
    else this.plan.unchanged += 1;
  }

  /** Once every owned entity was given: what Port does not have is created. Pauses per entity. */
  *finish(): Steps<BlueprintSyncPlan> {
    for (const entity of this.desired.values()) {
      if (!this.seen.has(entity.identifier)) this.plan.creates.push(creation(entity, this.options.syncInstance));
      yield;
    }
    this.seen.clear();
    return this.plan;
  }
}

/** Why an owned entity that no source produced must stay, or undefined when it may go. */
function keepReason(blueprint: string, entity: CurrentEntity, options: SyncPlanOptions): string | undefined {
  if (blueprint === RUN_BLUEPRINT) return 'run reports are kept by their retention rule';
  // Teams, environments and services are named by several sources: deleted only after a full, complete run.
  if (isNamedBlueprint(blueprint)) {
    if (!options.allSourcesComplete) return 'deleted only in a run where every source ran and completed';
    const source = options.namedElsewhere?.get(blueprint)?.get(entity.identifier);
    return source === undefined ? undefined : `named by what the ${source} source last wrote (it did not run)`;
  }
  const scope = entity.properties.syncScope;
  if (typeof scope !== 'string' || !scope) return 'it has no syncScope';
  return options.completedScopes.has(scope) ? undefined : `its scope ${scope} did not complete in this run`;
}

function creation(entity: DesiredEntity, syncInstance: string): PlannedWrite {
  return new PlannedCreation(entity, syncInstance);
}

/**
 * A creation whose body is made when it is read: a first sync of 100k entities would otherwise hold
 * a second copy of every entity's fields from the plan until its batch is sent.
 */
class PlannedCreation implements PlannedWrite {
  readonly changes: FieldDiff[] = [];

  constructor(
    private readonly desired: DesiredEntity,
    private readonly syncInstance: string,
  ) {}

  get definedBy(): string {
    return this.desired.definedBy;
  }

  get entity(): PortEntity {
    return creationBody(this.desired, this.syncInstance);
  }
}

function creationBody(entity: DesiredEntity, syncInstance: string): PortEntity {
  const initial = entity.createOnly;
  const properties: Record<string, unknown> = {};
  for (const [key, value] of Object.entries({ ...initial?.properties, ...entity.properties }))
    if (value !== undefined && value !== null) properties[key] = value;
  properties.syncInstance = syncInstance;
  properties.syncScope = entity.scope;
  const relations: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries({ ...initial?.relations, ...entity.relations }))
    if (value !== null && value !== undefined) relations[key] = value;
  const body: PortEntity = { identifier: entity.identifier, properties, relations };
  const title = entity.title ?? initial?.title;
  if (title !== undefined) body.title = title;
  if (entity.team !== undefined) body.team = entity.team;
  return body;
}

/** The update that brings `existing` to `entity`, field by field, or undefined when nothing differs. */
function changesOf(
  entity: DesiredEntity,
  existing: CurrentEntity,
  syncInstance: string,
  many: ReadonlySet<string>,
): PlannedWrite | undefined {
  const body: PortEntity = { identifier: entity.identifier };
  const changes: FieldDiff[] = [];
  const properties: Record<string, unknown> = {};
  const relations: Record<string, string | string[] | null> = {};

  if (entity.fields.title && !sameValue(existing.title, entity.title)) {
    body.title = entity.title ?? null;
    changes.push({ field: 'title', before: existing.title ?? null, after: entity.title ?? null });
  }
  if (entity.fields.team && !sameValue(existing.team, entity.team, { unordered: true })) {
    body.team = entity.team ?? [];
    changes.push({ field: 'team', before: existing.team ?? [], after: entity.team ?? [] });
  }
  const compare = (key: string, value: unknown): void => {
    if (sameValue(existing.properties[key], value)) return;
    // A value that disappeared is cleared explicitly: merge keeps whatever is not sent.
    properties[key] = value ?? null;
    changes.push({ field: `properties.${key}`, before: existing.properties[key] ?? null, after: value ?? null });
  };
  for (const key of entity.fields.properties) compare(key, entity.properties[key]);
  compare('syncInstance', syncInstance);
  compare('syncScope', entity.scope);
  for (const key of entity.fields.relations) {
    const value = entity.relations[key] ?? null;
    if (sameValue(existing.relations[key], value, { unordered: many.has(key) })) continue;
    relations[key] = value;
    changes.push({ field: `relations.${key}`, before: existing.relations[key] ?? null, after: value });
  }
  if (changes.length === 0) return undefined;
  if (Object.keys(properties).length > 0) body.properties = properties;
  if (Object.keys(relations).length > 0) body.relations = relations;
  return { entity: body, definedBy: entity.definedBy, changes };
}
