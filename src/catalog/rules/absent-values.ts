import type { JoinRule } from '../types.js';

/**
 * A source that completed every scope and said nothing about an entity it owns a field of knows
 * the field's value: its declared `absent` value (no workload names the service: it is not
 * running). Only a property the source owns and no fragment set is given it, on every entity of
 * the blueprint, those the join made from a name too; in a run where the source did not complete,
 * the property is left as it is in Port.
 */
export const absentValues: JoinRule = {
  name: 'absent-values',
  apply(catalog, context) {
    for (const run of context.runs) {
      if (!context.completeSources.has(run.id)) continue;
      for (const [blueprint, ownership] of Object.entries(run.owns)) {
        const absent = Object.entries(ownership.absent ?? {}).filter(([name]) => ownership.properties.includes(name));
        if (absent.length === 0) continue;
        for (const entity of catalog.entities.get(blueprint)?.values() ?? []) {
          for (const [name, value] of absent) {
            if (entity.properties[name] !== undefined) continue;
            entity.properties[name] = value;
            // An entity the join made from a name has no fields of its own yet; fields are shared, so replaced.
            if (!entity.fields.properties.has(name)) {
              entity.fields = { ...entity.fields, properties: new Set([...entity.fields.properties, name]) };
            }
          }
        }
      }
    }
  },
};
