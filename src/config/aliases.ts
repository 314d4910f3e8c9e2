import { z } from 'zod';
import { addProblem, quote } from './values.js';

interface AliasEntry {
  canonical: string;
  aliases: string[];
  /** Position in a YAML mapping, for problems. */
  path: PropertyKey[];
}

type Ctx = z.core.$RefinementCtx;

/** Tag values and group names are matched on this form everywhere (DESIGN.md section 4). */
export const normaliseName = (name: string): string => name.trim().toLowerCase();

const splitAliases = (text: string): string[] => text.split(/[,|]/);

/** `payments=pay|payment-team,checkout=co`; a name without `=` is a canonical with no aliases. */
function entriesFromText(text: string): AliasEntry[] {
  return text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '')
    .map((item) => {
      const at = item.indexOf('=');
      if (at < 0) return { canonical: item, aliases: [], path: [] };
      return { canonical: item.slice(0, at), aliases: item.slice(at + 1).split('|'), path: [] };
    });
}

/** YAML `{canonical: [alias, ...]}`; the aliases may also be one comma-separated string. */
function entriesFromMapping(mapping: Record<string, unknown>, ctx: Ctx): AliasEntry[] {
  return Object.entries(mapping).flatMap(([canonical, value]) => {
    if (value === null || value === undefined) return [{ canonical, aliases: [], path: [canonical] }];
    if (typeof value === 'string') return [{ canonical, aliases: splitAliases(value), path: [canonical] }];
    if (Array.isArray(value) && value.every((alias) => typeof alias === 'string')) {
      return [{ canonical, aliases: value, path: [canonical] }];
    }
    addProblem(ctx, 'expected a list of alias names', [canonical]);
    return [];
  });
}

function aliasEntries(value: unknown, ctx: Ctx): AliasEntry[] {
  if (typeof value === 'string') return entriesFromText(value);
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    return entriesFromMapping(value as Record<string, unknown>, ctx);
  }
  addProblem(ctx, 'expected a mapping of canonical name to aliases, or "canonical=alias|alias,..."');
  return [];
}

/** Normalised alias -> canonical; one alias claimed by two canonicals cannot be resolved. */
function toAliasMap(entries: AliasEntry[], ctx: Ctx): Record<string, string> {
  const map = new Map<string, string>();
  for (const entry of entries) {
    const canonical = normaliseName(entry.canonical);
    if (canonical === '') {
      addProblem(ctx, `an entry has aliases but no canonical name before them`, entry.path);
      continue;
    }
    const names = [canonical, ...entry.aliases.map(normaliseName).filter((alias) => alias !== '')];
    for (const alias of names) {
      const claimed = map.get(alias);
      if (claimed !== undefined && claimed !== canonical) {
        const both = `${quote(claimed)} and ${quote(canonical)}`;
        addProblem(ctx, `${quote(alias)} is an alias of both ${both}`, entry.path);
      } else {
        map.set(alias, canonical);
      }
    }
  }
  return Object.fromEntries(map);
}

export const aliases = z.unknown().transform((value, ctx) => toAliasMap(aliasEntries(value, ctx), ctx));
