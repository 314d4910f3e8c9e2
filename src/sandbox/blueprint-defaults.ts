import type { BlueprintDef, Json, PropertyDef, RelationDef } from './types.js';

const asRecord = (value: unknown): Json => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {});

/**
 * A blueprint as Port returns it: every section present, empty when unset, so readers never meet
 * `undefined` where Port gives `{}`. Port: assumed (unlisted; blueprint-sections-defaulted)
 */
export function withBlueprintDefaults(def: Json & { identifier: string }): BlueprintDef {
  const schema = asRecord(def.schema);
  const relations = asRecord(def.relations) as Record<string, Partial<RelationDef>>;
  return {
    ...def,
    identifier: def.identifier,
    title: typeof def.title === 'string' ? def.title : def.identifier,
    schema: {
      ...schema,
      properties: asRecord(schema.properties) as Record<string, PropertyDef>,
      required: Array.isArray(schema.required) ? (schema.required as string[]) : [],
    },
    relations: Object.fromEntries(
      Object.entries(relations).map(([id, r]) => [
        id,
        { ...r, target: String(r.target), required: r.required === true, many: r.many === true },
      ]),
    ),
    mirrorProperties: asRecord(def.mirrorProperties) as Record<string, Json>,
    calculationProperties: asRecord(def.calculationProperties) as Record<string, Json>,
    aggregationProperties: asRecord(def.aggregationProperties) as Record<string, Json>,
  };
}
