import type { Json } from './types.js';

export { canonicalJson, sortKeys } from '../domain/index.js';

/** Fields Port adds to what it stores: never part of a definition we own. */
const META_KEYS = new Set(['createdAt', 'createdBy', 'updatedAt', 'updatedBy', 'id', 'ok']);

/** Sections a blueprint read carries even when empty; an empty one means the same as none. */
const BLUEPRINT_SECTIONS = ['relations', 'mirrorProperties', 'calculationProperties', 'aggregationProperties'] as const;

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A copy without meta fields, nulls and empty sections, relation flags made explicit. */
export function normaliseBlueprint(body: Json): Json {
  const out = withoutMeta(body);
  for (const section of BLUEPRINT_SECTIONS) {
    if (isObject(out[section]) && Object.keys(out[section]).length === 0) delete out[section];
  }
  if (isObject(out.schema)) {
    const schema = { ...out.schema };
    if (Array.isArray(schema.required) && schema.required.length === 0) delete schema.required;
    if (!isObject(schema.properties)) schema.properties = {};
    out.schema = schema;
  }
  if (isObject(out.relations)) {
    out.relations = Object.fromEntries(
      Object.entries(out.relations).map(([id, rel]) => [id, isObject(rel) ? { required: false, many: false, ...rel } : rel]),
    );
  }
  return out;
}

/** A scorecard as defined: without meta fields and the blueprint Port echoes back. */
export function normaliseScorecard(body: Json): Json {
  const out = withoutMeta(body);
  delete out.blueprint;
  return out;
}

export function normalisePage(body: Json): Json {
  return withoutMeta(body);
}

function withoutMeta(body: Json): Json {
  return Object.fromEntries(Object.entries(body).filter(([key, value]) => !META_KEYS.has(key) && value !== null && value !== undefined));
}

/**
 * Whether `actual` already says everything `wanted` says. Objects may carry more keys than
 * wanted (Port adds its own); arrays must match item by item, in order.
 */
export function covers(actual: unknown, wanted: unknown): boolean {
  if (Array.isArray(wanted)) {
    return Array.isArray(actual) && actual.length === wanted.length && wanted.every((w, i) => covers(actual[i], w));
  }
  if (isObject(wanted)) {
    return isObject(actual) && Object.entries(wanted).every(([key, w]) => w === undefined || covers(actual[key], w));
  }
  return actual === wanted;
}
