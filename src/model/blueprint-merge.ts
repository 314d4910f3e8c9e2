import { isObject, normaliseBlueprint } from './normalise.js';
import type { Json } from './types.js';

/** Keyed sections of a blueprint: ours are added to or replace entries; others' entries stay. */
const KEYED_SECTIONS = ['relations', 'mirrorProperties', 'calculationProperties', 'aggregationProperties'] as const;

/**
 * The blueprint as it should be in Port: what Port has, with our definition laid over it. A
 * blueprint made by a person or another integration keeps its other properties, relations and
 * sections; ours are added or replace theirs entry by entry.
 */
export function mergeBlueprint(current: Json | undefined, ours: Json): Json {
  const base = current ? normaliseBlueprint(current) : {};
  const mine = normaliseBlueprint(ours);
  const merged: Json = { ...base };
  for (const [key, value] of Object.entries(mine)) {
    if (key !== 'schema' && !(KEYED_SECTIONS as readonly string[]).includes(key)) merged[key] = value;
  }
  const baseSchema = isObject(base.schema) ? base.schema : {};
  const mySchema = isObject(mine.schema) ? mine.schema : {};
  const required = [...new Set([...asStrings(baseSchema.required), ...asStrings(mySchema.required)])];
  merged.schema = {
    ...baseSchema,
    ...mySchema,
    properties: { ...asObject(baseSchema.properties), ...asObject(mySchema.properties) },
    ...(required.length > 0 ? { required } : {}),
  };
  if (required.length === 0) delete (merged.schema as Json).required;
  for (const section of KEYED_SECTIONS) {
    const entries = { ...asObject(base[section]), ...asObject(mine[section]) };
    if (Object.keys(entries).length > 0) merged[section] = entries;
  }
  return merged;
}

/**
 * Changes Port cannot make to a blueprint without losing data (PORT-API.md 3.4): a property's type
 * (array vs single value included) is permanent, and so is a relation's single vs many.
 */
export function impossibleChanges(current: Json | undefined, ours: Json): string[] {
  if (!current) return [];
  const before = normaliseBlueprint(current);
  const after = normaliseBlueprint(ours);
  const problems: string[] = [];
  const oldProps = asObject(asObject(before.schema).properties);
  for (const [id, def] of Object.entries(asObject(asObject(after.schema).properties))) {
    const old = oldProps[id];
    if (!isObject(old) || !isObject(def)) continue;
    if (old.type !== def.type) {
      problems.push(
        `schema.properties.${id}.type: Port cannot change a property's type (${String(old.type)} -> ${String(def.type)}); add a property under a new identifier, migrate the data, then remove the old one`,
      );
    }
  }
  const oldRels = asObject(before.relations);
  for (const [id, rel] of Object.entries(asObject(after.relations))) {
    const old = oldRels[id];
    if (!isObject(old) || !isObject(rel)) continue;
    if (Boolean(old.many) !== Boolean(rel.many)) {
      problems.push(
        `relations.${id}.many: Port cannot turn a ${old.many ? 'many' : 'single'} relation into a ${rel.many ? 'many' : 'single'} one; add a relation under a new identifier instead`,
      );
    }
    if (old.target !== rel.target) {
      problems.push(
        `relations.${id}.target: the relation points at ${String(old.target)} in Port; changing it to ${String(rel.target)} would orphan every related entity; add a relation under a new identifier instead`,
      );
    }
  }
  return problems;
}

function asObject(value: unknown): Json {
  return isObject(value) ? value : {};
}

function asStrings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
