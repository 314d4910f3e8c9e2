import type { Finding } from './findings.js';

/**
 * What one source says about one entity. The join merges the fragments of every source into one
 * entity per blueprint and identifier.
 */
export interface EntityFragment {
  blueprint: string;
  /**
   * The entity's identifier as the source knows it. For team, environment and service it is the
   * raw name (a tag value, a group name): the join normalises it and maps it through the aliases.
   * Any other identifier (an ARN, a workload path) is only made valid for Port.
   */
  identifier: string;
  title?: string;
  /** Port's own `team` meta-field (Port teams), only if the source owns it. */
  team?: string[];
  /** The scope whose listing produced this fragment, formatted by `formatScope`. */
  scope: string;
  properties?: Record<string, unknown>;
  /**
   * Relation values as the source knows them: raw names for relations to team, environment and
   * service (normalised like identifiers), identifiers for the others. null clears the relation.
   */
  relations?: Record<string, string | string[] | null>;
}

/** Whether one scope's listing completed in this run. */
export interface ScopeResult {
  scope: string;
  complete: boolean;
  /** Why it did not complete (AccessDenied, throttled, aborted, ...): never a secret. */
  error?: string;
}

export interface SourceResult {
  fragments: EntityFragment[];
  scopes: ScopeResult[];
  findings: Finding[];
  /** Counters worth reporting, e.g. paid Cost Explorer requests. */
  stats?: Record<string, number>;
}
