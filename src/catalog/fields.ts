import type { SourceRun } from '../domain/index.js';
import type { DefinedDraft, Draft } from './merge.js';
import type { DesiredEntity, FieldKey, OwnedFields } from './types.js';

export interface FieldsContext {
  runs: readonly SourceRun[];
  completeSources: ReadonlySet<string>;
  relationTargets: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /**
   * One OwnedFields per blueprint and set of qualifying sources, shared by every entity that has
   * them: a large estate otherwise carries two Sets per entity. Shared, so never mutated; a rule
   * that changes an entity's fields replaces the object.
   */
  cache?: Map<string, OwnedFields>;
}

/**
 * The fields this run may write on the entity: those of each source that knows all it owns here,
 * because every scope of it completed or because a completed scope of it reported this entity.
 * A field of a source that knows nothing about the entity this run is left as it is in Port.
 */
export function ownedFieldsOf(draft: Draft, context: FieldsContext): OwnedFields {
  const contributed = new Set(draft.contributors.map((c) => c.source));
  const qualifying = context.runs.filter(
    (run) => run.owns[draft.blueprint] !== undefined && (context.completeSources.has(run.id) || contributed.has(run.id)),
  );
  const key = `${draft.blueprint}\u0000${qualifying.map((r) => r.id).join(',')}`;
  const cached = context.cache?.get(key);
  if (cached) return cached;
  const fields = { title: false, team: false, properties: new Set<string>(), relations: new Set<string>() };
  for (const run of qualifying) {
    const ownership = run.owns[draft.blueprint];
    if (!ownership) continue;
    fields.title ||= ownership.title === true;
    fields.team ||= ownership.team === true;
    for (const name of ownership.properties) fields.properties.add(name);
    // A relation the model lacks cannot be written, not even as a clear.
    const targets = context.relationTargets[draft.blueprint] ?? {};
    for (const name of ownership.relations) if (Object.hasOwn(targets, name)) fields.relations.add(name);
  }
  context.cache?.set(key, fields);
  return fields;
}

/** The draft as the entity the plan compares, values placed by field. */
export function toEntity(draft: DefinedDraft, fields: OwnedFields): DesiredEntity {
  const entity: DesiredEntity = {
    blueprint: draft.blueprint,
    identifier: draft.identifier,
    properties: {},
    relations: {},
    scope: draft.definer.scope,
    definedBy: draft.definer.source,
    fields,
  };
  for (const [field, value] of draft.values) place(entity, field, value);
  return entity;
}

function place(entity: DesiredEntity, field: FieldKey, value: unknown): void {
  if (field === 'title') entity.title = value as string;
  else if (field === 'team') entity.team = value as string[];
  else if (field.startsWith('properties.')) entity.properties[field.slice('properties.'.length)] = value;
  else entity.relations[field.slice('relations.'.length)] = value as string | string[] | null;
}
