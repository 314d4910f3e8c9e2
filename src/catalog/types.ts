import type { Finding, SourceRun } from '../domain/index.js';

/** The fields of an entity this run compares and writes. */
export interface OwnedFields {
  title: boolean;
  team: boolean;
  properties: ReadonlySet<string>;
  relations: ReadonlySet<string>;
}

/** One entity as the sources, joined, say it should be in Port. */
export interface DesiredEntity {
  blueprint: string;
  identifier: string;
  title?: string;
  team?: string[];
  properties: Record<string, unknown>;
  relations: Record<string, string | string[] | null>;
  /** `syncScope`: the scope of the fragment that made the entity exist (`catalog` for teams and environments seen in tags). */
  scope: string;
  /** The source whose fragment made it exist, or `catalog`. */
  definedBy: string;
  /**
   * Fields this run may compare and write: those owned by sources that ran and whose data about
   * this entity is complete. A field here that has no value is to be cleared.
   */
  fields: OwnedFields;
}

export interface Catalog {
  /** blueprint -> identifier -> entity */
  entities: Map<string, Map<string, DesiredEntity>>;
  findings: Finding[];
}

/** Which source, and which of its scopes, set a field of an entity. */
export interface FieldOrigin {
  source: string;
  scope: string;
}

/**
 * A field of an entity as rules and findings name it: `title`, `team`, `properties.<name>` or
 * `relations.<name>`.
 */
export type FieldKey = 'title' | 'team' | `properties.${string}` | `relations.${string}`;

/** What a join rule may read besides the catalog it works on. */
export interface RuleContext {
  readonly runs: readonly SourceRun[];
  /** blueprint -> relation identifier -> target blueprint. */
  readonly relationTargets: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** source id -> the scopes it reported complete in this run. */
  readonly completedScopes: ReadonlyMap<string, ReadonlySet<string>>;
  /** Sources that ran and whose every scope completed. */
  readonly completeSources: ReadonlySet<string>;
  /** Blueprints whose every defining source ran and completed: an identifier missing there really is missing. */
  readonly completeBlueprints: ReadonlySet<string>;
  /** A raw name or identifier as the join makes identifiers of `blueprint` ('' when it cannot be one). */
  identifierFor(blueprint: string, raw: string): string;
  /** The canonical name behind a team, environment or service identifier the join made. */
  nameOf(blueprint: string, identifier: string): string | undefined;
  /** The source and scope that set a field, undefined when the join or a rule did. */
  originOf(entity: DesiredEntity, field: FieldKey): FieldOrigin | undefined;
}

/** A small pure step run on the merged catalog (cross-source enrichment, integrity checks). */
export interface JoinRule {
  name: string;
  apply(catalog: Catalog, context: RuleContext): void;
}
