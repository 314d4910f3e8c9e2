import { FieldValues } from './field-values.js';
import type { BlueprintOwnership, EntityFragment, SourceRun } from '../domain/index.js';
import { describeEntity, subjectOf, type FindingLog } from './findings.js';
import type { Namer } from './names.js';
import type { ValuePool } from './pool.js';
import type { FieldKey } from './types.js';
import { showValue } from './values.js';

/** A fragment the join uses: from a completed scope, with a valid identifier and only owned fields. */
export interface UsedFragment {
  source: string;
  mode: BlueprintOwnership['mode'];
  blueprint: string;
  identifier: string;
  scope: string;
  /** Normalised values by field, in the order the fragment gave them. */
  values: FieldValues;
}

export interface FragmentContext {
  namer: Namer;
  relationTargets: Readonly<Record<string, Readonly<Record<string, string>>>>;
  completedScopes: ReadonlyMap<string, ReadonlySet<string>>;
  findings: FindingLog;
  /** Where the values of the catalog being built are kept, one copy each. */
  pool: ValuePool;
}

/** `property chartVersion`, `relation team`, `title`: how findings name a field. */
export function fieldLabel(field: FieldKey): string {
  if (field.startsWith('properties.')) return `property ${field.slice('properties.'.length)}`;
  if (field.startsWith('relations.')) return `relation ${field.slice('relations.'.length)}`;
  return field;
}

/**
 * The fragment as the join uses it, or undefined when it is dropped. A fragment of a scope that did
 * not complete is dropped silently: the scope's failure is reported with the source's run.
 */
export function useFragment(run: SourceRun, fragment: EntityFragment, context: FragmentContext): UsedFragment | undefined {
  if (!context.completedScopes.get(run.id)?.has(fragment.scope)) return undefined;
  const ownership = ownershipOf(run, fragment, context);
  if (!ownership) return undefined;
  const identifier = context.namer.identifierFor(fragment.blueprint, fragment.identifier);
  if (identifier === '') {
    context.findings.add({
      source: run.id,
      scope: fragment.scope,
      subject: fragment.blueprint,
      message: `a ${fragment.blueprint} has an identifier that is empty once normalised (${showValue(fragment.identifier)}); it is not written`,
    });
    return undefined;
  }
  const { pool } = context;
  const base = {
    source: run.id,
    mode: ownership.mode,
    blueprint: fragment.blueprint,
    identifier: pool.string(identifier),
    scope: pool.string(fragment.scope),
  };
  return { ...base, values: ownedValues({ run, fragment, context, identifier }, ownership) };
}

function ownershipOf(run: SourceRun, fragment: EntityFragment, context: FragmentContext): BlueprintOwnership | undefined {
  const ownership = run.owns[fragment.blueprint];
  if (ownership) return ownership;
  context.findings.once(`blueprint|${run.id}|${fragment.blueprint}`, {
    source: run.id,
    scope: fragment.scope,
    subject: fragment.blueprint,
    message: `the ${run.id} source declares no ownership of blueprint ${fragment.blueprint}; its ${fragment.blueprint} entities are not written`,
  });
  return undefined;
}

/** The fragment being read, its source and what the join knows: passed together to keep signatures short. */
interface Site {
  run: SourceRun;
  fragment: EntityFragment;
  context: FragmentContext;
  /** The fragment's normalised identifier. */
  identifier: string;
}

/** Field keys by name, made once: 100k fragments would otherwise build the same dozen strings each. */
const FIELD_KEYS = { properties: new Map<string, FieldKey>(), relations: new Map<string, FieldKey>() };

function fieldKey(kind: keyof typeof FIELD_KEYS, name: string): FieldKey {
  let key = FIELD_KEYS[kind].get(name);
  if (key === undefined) {
    key = `${kind}.${name}`;
    FIELD_KEYS[kind].set(name, key);
  }
  return key;
}

/** Every field the fragment sets that its source owns; the others are reported once per source and field. */
function ownedValues(site: Site, ownership: BlueprintOwnership): FieldValues {
  const { fragment } = site;
  const values = new FieldValues();
  const offer = (field: FieldKey, owned: boolean, value: unknown): void => {
    if (value === undefined) return;
    if (owned) values.set(field, site.context.pool.value(value));
    else reportUnowned(site, field);
  };
  offer('title', ownership.title === true, fragment.title);
  offer('team', ownership.team === true, fragment.team);
  for (const [name, value] of Object.entries(fragment.properties ?? {})) {
    offer(fieldKey('properties', name), ownership.properties.includes(name), value);
  }
  for (const [name, value] of Object.entries(fragment.relations ?? {})) {
    if (!ownership.relations.includes(name)) reportUnowned(site, `relations.${name}`);
    else if (value !== undefined) addRelation(site, name, value, values);
  }
  return values;
}

function reportUnowned({ run, fragment, context }: Site, field: FieldKey): void {
  context.findings.once(`field|${run.id}|${fragment.blueprint}|${field}`, {
    source: run.id,
    scope: fragment.scope,
    subject: fragment.blueprint,
    message: `the ${run.id} source sets ${fieldLabel(field)} of ${fragment.blueprint} without declaring it; the value is not written`,
  });
}

/** Adds the relation's normalised value, unless the model has no such relation. */
function addRelation(site: Site, name: string, value: unknown, values: FieldValues): void {
  const { run, fragment, context } = site;
  const target = context.relationTargets[fragment.blueprint]?.[name];
  if (target === undefined) {
    context.findings.once(`relation|${run.id}|${fragment.blueprint}|${name}`, {
      source: run.id,
      scope: fragment.scope,
      subject: fragment.blueprint,
      message: `relation ${name} of ${fragment.blueprint} is not in the model; the ${run.id} source's values for it are not written`,
    });
    return;
  }
  const normalise = (raw: unknown): string | null => {
    const identifier = targetIdentifier(site, name, target, raw);
    return identifier === null ? null : context.pool.string(identifier);
  };
  const key = fieldKey('relations', name);
  if (value === null) values.set(key, null);
  else if (Array.isArray(value)) values.set(key, unique(value.map(normalise)));
  else values.set(key, normalise(value));
}

/** Many-relation values that name one target once, in the order first given. */
function unique(values: (string | null)[]): string[] {
  return [...new Set(values.filter((value): value is string => value !== null))];
}

/** A tag value that cannot become an identifier leaves the relation empty and is reported; the entity stays. */
function targetIdentifier({ run, fragment, context, identifier }: Site, name: string, target: string, raw: unknown): string | null {
  const value = typeof raw === 'string' ? context.namer.identifierFor(target, raw) : '';
  if (value !== '') return value;
  context.findings.add({
    source: run.id,
    scope: fragment.scope,
    subject: subjectOf(fragment.blueprint, identifier),
    message:
      `relation ${name} of ${describeEntity(fragment.blueprint, identifier)} has the value ${showValue(raw)}, ` +
      `which cannot become an identifier of ${target}; the relation is left empty`,
  });
  return null;
}
