import type { EntityInput, RelationValue, StoredEntity } from './types.js';

/** Who wrote, and when: Port keeps these on every entity (PORT-API.md 2.1, 7.3). */
export interface WriteMeta {
  at: string;
  by: string;
  datasource?: string;
}

// Port: assumed (unlisted; team-as-array) — reads return `team` as a list whatever form was written.
export function normalizeTeam(team: EntityInput['team']): string[] {
  if (team === undefined || team === null) return [];
  return Array.isArray(team) ? [...team] : [team];
}

/** A cleared value is dropped. Port: assumed (unlisted; null-clears-key) */
function withoutNulls<T>(record: Record<string, T | null> | undefined): Record<string, T> {
  const out: Record<string, T> = {};
  for (const [key, value] of Object.entries(record ?? {})) {
    if (value !== null && value !== undefined) out[key] = value;
  }
  return out;
}

function stamp(
  meta: WriteMeta,
  previous?: StoredEntity,
): Pick<StoredEntity, 'createdAt' | 'createdBy' | 'updatedAt' | 'updatedBy' | 'datasource'> {
  // Port: confirmed (OCEAN entities.py, user-agent.md) — the writer's User-Agent becomes $datasource;
  // Port: assumed (open question 6; datasource-any-user-agent) — for any User-Agent, not only Ocean's.
  return {
    createdAt: previous?.createdAt ?? meta.at,
    createdBy: previous?.createdBy ?? meta.by,
    updatedAt: meta.at,
    updatedBy: meta.by,
    ...(meta.datasource !== undefined ? { datasource: meta.datasource } : {}),
  };
}

function optional<K extends 'title' | 'icon'>(key: K, value: string | null | undefined): Partial<Record<K, string>> {
  return value === null || value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}

/**
 * Create, or replace an existing entity: fields not in the request are dropped.
 * Port: confirmed (DOCS api.md, "upsert=true ... override the entire entity")
 */
export function replaceRecord(input: EntityInput, meta: WriteMeta, previous?: StoredEntity): StoredEntity {
  return {
    identifier: input.identifier,
    ...optional('title', input.title),
    ...optional('icon', input.icon),
    team: normalizeTeam(input.team),
    properties: withoutNulls(input.properties),
    relations: withoutNulls<string | string[]>(input.relations),
    ...stamp(meta, previous),
  };
}

/**
 * Update only the provided fields; an explicit null clears a field.
 * Port: confirmed (DOCS api.md, "upsert=true&merge=true ... only the provided fields"; DESIGN 5)
 */
export function mergeRecord(existing: StoredEntity, input: EntityInput, meta: WriteMeta): StoredEntity {
  const pick = (key: 'title' | 'icon') => (input[key] === undefined ? existing[key] : input[key]);
  const relations: Record<string, RelationValue> = { ...existing.relations, ...input.relations };
  return {
    identifier: existing.identifier,
    ...optional('title', pick('title')),
    ...optional('icon', pick('icon')),
    team: input.team === undefined ? [...existing.team] : normalizeTeam(input.team),
    properties: withoutNulls({ ...existing.properties, ...input.properties }),
    relations: withoutNulls<string | string[]>(relations),
    ...stamp(meta, existing),
  };
}
