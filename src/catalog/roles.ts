import { formatScope } from '../domain/index.js';

/**
 * Blueprints the join makes from names: an entity exists for every normalised name a relation (a
 * tag, a workload label, a cost group, a repository folder) gives, whether or not a source defines
 * it. Several sources name them, so they are deleted only after a run where every source in SOURCES
 * ran and completed. Declared here once; names, completeness, the rules and the plan read it.
 */
export interface NamedRole {
  /** Names are mapped through the configured aliases of this kind (services have none). */
  aliases: 'team' | 'environment' | undefined;
  /**
   * Values an entity of this blueprint takes when the run knows that no source defines it (every
   * source that could define it ran and completed without it): a service with no repository.
   */
  undefinedValues: Readonly<Record<string, unknown>>;
  /** Its team comes from the teams that entities naming it are tagged with (most common wins). */
  teamFromTags: boolean;
  /**
   * A source may define it (a repository source defines services). Blueprints no source can define
   * are always fully known to the join: it makes every one of them from what is named.
   */
  definable: boolean;
}

export const NAMED_ROLES: Readonly<Record<string, NamedRole>> = {
  team: { aliases: 'team', undefinedValues: {}, teamFromTags: false, definable: false },
  environment: { aliases: 'environment', undefinedValues: {}, teamFromTags: false, definable: false },
  service: {
    aliases: undefined,
    undefinedValues: { hasRepository: false, chartLag: 'unknown', pipelineLag: 'unknown' },
    teamFromTags: true,
    definable: true,
  },
};

/** Blueprints whose entities the join makes from names. */
export const NAMED_BLUEPRINTS: ReadonlySet<string> = new Set(Object.keys(NAMED_ROLES));

export function isNamedBlueprint(blueprint: string): boolean {
  return NAMED_BLUEPRINTS.has(blueprint);
}

/** The scope and definer of an entity the join made from names. */
export const CATALOG_SCOPE = formatScope({ kind: 'catalog' });
