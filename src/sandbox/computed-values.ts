import type { StoredEntity } from './types.js';

/** Reads a property of an entity, plain or computed (mirror, aggregation). */
export type PropertyReader = (blueprint: string, entity: StoredEntity, name: string) => unknown;

/** Reads plain properties only: what a store without computed values answers. */
export const plainProperty: PropertyReader = (_bp, e, name) => e.properties[name];

/** A `$`-meta property (PORT-API.md 2.1, plus `$datasource` as Ocean queries it); undefined for other names. */
export function metaValue(blueprint: string, e: StoredEntity, name: string): { value: unknown } | undefined {
  switch (name) {
    case '$identifier':
      return { value: e.identifier };
    case '$title':
      return { value: e.title };
    case '$icon':
      return { value: e.icon };
    case '$team':
      return { value: e.team };
    case '$blueprint':
      return { value: blueprint };
    case '$createdAt':
    case '$updatedAt':
    case '$createdBy':
    case '$updatedBy':
    case '$datasource':
      return { value: e[name.slice(1) as 'createdAt' | 'updatedAt' | 'createdBy' | 'updatedBy' | 'datasource'] };
    default:
      return undefined;
  }
}

/** Relation targets as a list, whatever the relation's cardinality. */
export const targetsOf = (value: string | string[] | undefined): string[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];
