import { z } from 'zod';
import type { TagFilter } from './types.js';
import { addProblem, quote, splitList } from './values.js';

type Ctx = z.core.$RefinementCtx;

// AWS tag keys and values cannot contain "," or "|", so both are safe separators.
const splitValues = (text: string): string[] =>
  text
    .split(/[,|]/)
    .map((value) => value.trim())
    .filter((value) => value !== '');

/** `key=v1|v2` or a bare `key` (present with any value). */
function fromText(text: string, path: PropertyKey[], ctx: Ctx): TagFilter | undefined {
  const at = text.indexOf('=');
  const key = (at < 0 ? text : text.slice(0, at)).trim();
  if (key === '') {
    addProblem(ctx, `${quote(text)} has no tag key before "="`, path);
    return undefined;
  }
  return { key, values: at < 0 ? [] : splitValues(text.slice(at + 1)) };
}

const filterObject = z.strictObject(
  {
    key: z.string({ error: 'expected a tag key' }).trim().min(1, { error: 'expected a tag key' }),
    values: z
      .union([z.string().transform(splitValues), z.array(z.string().trim())], {
        error: 'expected a list of tag values',
      })
      .nullish()
      .transform((values) => values ?? []),
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown key ${issue.keys.map(quote).join(', ')} (only key and values are allowed)`
        : 'expected a tag filter "key=v1|v2" or {key, values}',
  },
);

function fromItem(item: unknown, index: number, ctx: Ctx): TagFilter | undefined {
  if (typeof item === 'string') return fromText(item, [index], ctx);
  const result = filterObject.safeParse(item);
  if (result.success) return result.data;
  for (const issue of result.error.issues) addProblem(ctx, issue.message, [index, ...issue.path]);
  return undefined;
}

function noDuplicateKeys(filters: TagFilter[], ctx: Ctx): TagFilter[] {
  const seen = new Set<string>();
  for (const filter of filters) {
    if (seen.has(filter.key)) {
      addProblem(ctx, `tag key ${quote(filter.key)} is given twice; list its values once (key=v1|v2)`);
    }
    seen.add(filter.key);
  }
  return filters;
}

/** `key=v1|v2,other-key`, or in YAML a list of those strings or of `{key, values}`. */
export const tagFilters = z.unknown().transform((value, ctx) => {
  const items = splitList(value);
  if (!Array.isArray(items)) {
    addProblem(ctx, 'expected "key=v1|v2,other-key" or a list of {key, values}');
    return z.NEVER;
  }
  const filters = items.map((item: unknown, index) => fromItem(item, index, ctx));
  return noDuplicateKeys(
    filters.filter((filter) => filter !== undefined),
    ctx,
  );
});
