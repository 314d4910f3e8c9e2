import type { EntityFailure, PortEntity } from '../port/index.js';

/** An entity this instance owns in Port, as read for comparison (only the compared fields). */
export interface CurrentEntity {
  identifier: string;
  title?: string | null;
  team?: string[];
  properties: Record<string, unknown>;
  relations: Record<string, string | string[] | null>;
}

export interface FieldDiff {
  field: string;
  before: unknown;
  after: unknown;
}

export interface PlannedWrite {
  entity: PortEntity;
  definedBy: string;
  /** For updates: the fields that change. */
  changes: FieldDiff[];
}

export interface BlueprintSyncPlan {
  blueprint: string;
  creates: PlannedWrite[];
  updates: PlannedWrite[];
  unchanged: number;
  /** Owned entities no source produced, in scopes that completed: to delete (before the ratio guard). */
  deletes: string[];
  /** Owned entities no source produced but kept, with why (their scope did not complete, ...). */
  kept: { identifier: string; reason: string }[];
  /** Entities this instance owned in Port before the run. */
  owned: number;
}

export interface DeletionRefusal {
  blueprint: string;
  wouldDelete: number;
  owned: number;
  ratio: number;
  maxRatio: number;
  reason: string;
}

export interface BlueprintOutcome {
  blueprint: string;
  desired: number;
  created: number;
  updated: number;
  unchanged: number;
  deleted: number;
  failed: number;
  ownedByOthers: number;
  /** Writes and deletes planned but never sent because the run was aborted. */
  notSent: number;
}

export interface SyncFailure extends EntityFailure {
  operation: 'create' | 'update' | 'delete';
}
