import type { Config, SourceId } from '../config.js';
import type { Logger } from '../logger.js';

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
  /** The scope whose listing produced this fragment, e.g. `aws:123456789012:eu-west-1`. */
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
  /** Why it did not complete (AccessDenied, throttled, ...): never a secret. */
  error?: string;
}

/** What a source writes on one blueprint. */
export interface BlueprintOwnership {
  /**
   * `define`: the source's fragments make entities exist. `enrich`: they only add the source's
   * fields to entities some defining source (or the join) makes exist.
   */
  mode: 'define' | 'enrich';
  properties: readonly string[];
  relations: readonly string[];
  /** The source sets the title (defining sources usually do). */
  title?: boolean;
  /** The source sets Port's `team` meta-field. */
  team?: boolean;
}

/** A problem with one item (a malformed tag, a YAML file, a dangling relation): reported, never fatal. */
export interface Finding {
  source: string;
  scope?: string;
  /** What it is about, e.g. `awsResource arn:aws:s3:::bucket` or `blueprints/service.json`. */
  subject?: string;
  message: string;
  /**
   * `integrity`: the estate disagrees with itself (a tag names a service no source defines). Reported
   * in every run until fixed upstream, it does not make the run partial. Anything else is an item
   * that was skipped or written without a bad value.
   */
  kind?: 'integrity';
}

export interface SourceResult {
  fragments: EntityFragment[];
  scopes: ScopeResult[];
  findings: Finding[];
  /** Counters worth reporting, e.g. paid Cost Explorer requests. */
  stats?: Record<string, number>;
}

export interface SourceContext {
  config: Config;
  logger: Logger;
  /** The run's clock: sources read it instead of Date.now(). */
  now: Date;
}

/** The contract every source implements: it declares what it owns and collects; it never talks to Port. */
export interface Source {
  readonly id: SourceId;
  readonly owns: Readonly<Record<string, BlueprintOwnership>>;
  collect(context: SourceContext): Promise<SourceResult>;
}

/** One source's part of a run: its declaration and what it collected (also the snapshot format). */
export interface SourceRun {
  id: SourceId;
  owns: Readonly<Record<string, BlueprintOwnership>>;
  result: SourceResult;
}
