import { NAMED_ROLES } from './roles.js';
import { canonicalName, nameToIdentifier, normaliseName, toIdentifier } from '../domain/identifiers.js';

export interface Aliases {
  team: Record<string, string>;
  environment: Record<string, string>;
}

/** Makes identifiers the way the join does, and remembers the canonical name behind each slug. */
export interface Namer {
  identifierFor(blueprint: string, raw: string): string;
  nameOf(blueprint: string, identifier: string): string | undefined;
}

/**
 * The configured maps are keyed on trimmed, lower-cased names; matching also collapses inner
 * whitespace, so keys and canonical names get the same treatment here.
 */
function normaliseAliases(map: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(map).map(([alias, canonical]) => [normaliseName(alias), normaliseName(canonical)]));
}

export function createNamer(aliases: Aliases): Namer {
  const maps: Record<string, Record<string, string>> = Object.fromEntries(
    Object.entries(NAMED_ROLES).map(([blueprint, role]) => [blueprint, role.aliases ? normaliseAliases(aliases[role.aliases]) : {}]),
  );
  const names = new Map<string, Map<string, string>>();
  // Tag values repeat across an estate (a few dozen teams on 100k resources): each is normalised once.
  const seen = new Map<string, Map<string, string>>();
  return {
    identifierFor(blueprint, raw) {
      const aliasMap = maps[blueprint];
      if (aliasMap === undefined) return toIdentifier(raw);
      const cache = seen.get(blueprint) ?? new Map<string, string>();
      seen.set(blueprint, cache);
      const hit = cache.get(raw);
      if (hit !== undefined) return hit;
      const name = canonicalName(raw, aliasMap);
      const identifier = nameToIdentifier(name);
      const known = names.get(blueprint) ?? new Map<string, string>();
      names.set(blueprint, known);
      if (identifier !== '' && !known.has(identifier)) known.set(identifier, name);
      cache.set(raw, identifier);
      return identifier;
    },
    nameOf: (blueprint, identifier) => names.get(blueprint)?.get(identifier),
  };
}
