import type { Finding, Ownership, SourceRun } from '../domain/index.js';

/** A source as far as the join goes: its id and what it owns, whether or not it ran. */
export interface SourceDeclaration {
  id: string;
  owns: Ownership;
}

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
  /**
   * Values sent only when the entity is created, never compared: what the join believes of an entity
   * whose defining source did not run (a service's name and team from tags before its repository
   * source has spoken).
   */
  createOnly?: {
    title?: string;
    properties?: Record<string, unknown>;
    relations?: Record<string, string | string[] | null>;
  };
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
  /**
   * What every source of this installation writes, whether it ran or not (SOURCES and the runs);
   * undefined when a declaration is unknown, and then rules stay conservative.
   */
  readonly declarations: readonly SourceDeclaration[] | undefined;
  /** blueprint -> its property identifiers in the model, when known: values for others are not sent. */
  readonly modelProperties: Readonly<Record<string, ReadonlySet<string>>> | undefined;
  /** An entity's relations as this installation last wrote them in Port; undefined when not known. */
  previousRelations(blueprint: string, identifier: string): Readonly<Record<string, unknown>> | undefined;
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
  /**
   * The same work written as steps that may pause (domain/slices.ts), for a rule that visits every
   * entity: a run's join then lets the event loop turn during it. When given, it is what a join runs.
   */
  steps?(catalog: Catalog, context: RuleContext): Generator<void, void, void>;
}
