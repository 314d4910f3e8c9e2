import type { Json } from '../sandbox/index.js';

/** A column or chart property of a widget, read from an entity as Port reads it. */
export function fieldOf(entity: Json, name: string): unknown {
  switch (name) {
    case '$identifier':
      return entity.identifier;
    case '$title':
      return entity.title ?? entity.identifier;
    case '$team':
      return entity.team;
    case '$icon':
      return entity.icon;
    case '$blueprint':
      return entity.blueprint;
    case '$createdAt':
    case '$updatedAt':
    case '$createdBy':
    case '$updatedBy':
      return entity[name.slice(1)];
  }
  const properties = (entity.properties ?? {}) as Json;
  if (name in properties) return properties[name];
  const relations = (entity.relations ?? {}) as Json;
  if (name in relations) return relations[name];
  const scorecards = (entity.scorecards ?? {}) as Record<string, { level?: string }>;
  return scorecards[name]?.level;
}

/** A widget's `property#x`, `relation#x` or `scorecard#x` as the value it reads from an entity. */
export function chartFieldOf(entity: Json, ref: string): unknown {
  const [kind, name = ''] = ref.split('#', 2);
  if (kind === 'relation') return ((entity.relations ?? {}) as Json)[name];
  if (kind === 'scorecard') return ((entity.scorecards ?? {}) as Record<string, { level?: string }>)[name]?.level;
  return ((entity.properties ?? {}) as Json)[name];
}

/** A value as one line of text. */
export function display(value: unknown): string {
  if (value === undefined || value === null || value === '') return '';
  if (Array.isArray(value)) return value.map(display).join(', ');
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Math.round(value * 100) / 100);
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
