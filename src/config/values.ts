import { validate as isCronExpression } from 'node-cron';
import { z } from 'zod';

/** How values are quoted in problems; never used for secrets. */
export const quote = (value: unknown): string => JSON.stringify(value);

type Ctx = z.core.$RefinementCtx;

export function addProblem(ctx: Ctx, message: string, path: PropertyKey[] = []): void {
  ctx.addIssue({ code: 'custom', message, path });
}

/**
 * One value, trimmed. The YAML file is read with every scalar as a string, so a value means the
 * same in the file as in the environment (account ids keep their leading zeros).
 */
export const scalar = z.string({ error: 'expected a single value, not a list or mapping' }).trim();

/** Splits a comma-separated string; a YAML list is taken as it is, item by item. */
export function splitList(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** A list from a comma-separated string or a YAML list, duplicates dropped. */
export function list<T>(item: z.ZodType<T, string>) {
  const items = z.array(item, { error: 'expected a list or a comma-separated string' });
  return z.preprocess(splitList, items).transform((values) => [...new Set(values)]);
}

export function matching(pattern: RegExp, what: string) {
  return scalar.refine((value) => pattern.test(value), {
    error: (issue) => `${quote(issue.input)} is not ${what}`,
  });
}

/** One of a fixed set, matched case-insensitively and returned in its canonical spelling. */
export function oneOf<const T extends readonly string[]>(values: T, what: string) {
  return scalar.transform((value, ctx): T[number] => {
    const found = values.find((candidate) => candidate.toLowerCase() === value.toLowerCase());
    if (found !== undefined) return found;
    addProblem(ctx, `${quote(value)} is not ${what}; use one of ${values.join(', ')}`);
    return z.NEVER;
  });
}

export function integer(min: number, max: number) {
  return scalar.transform((value, ctx) => {
    const n = /^\d+$/.test(value) ? Number(value) : Number.NaN;
    if (n >= min && n <= max) return n;
    addProblem(ctx, `${quote(value)} is not a whole number from ${min} to ${max}`);
    return z.NEVER;
  });
}

const TRUE_WORDS = ['true', 'yes', 'on', '1'];
const FALSE_WORDS = ['false', 'no', 'off', '0'];

/** true/false (also yes/no, on/off, 1/0), case-insensitive. */
export function boolean() {
  return scalar.transform((value, ctx) => {
    const word = value.toLowerCase();
    if (TRUE_WORDS.includes(word)) return true;
    if (FALSE_WORDS.includes(word)) return false;
    addProblem(ctx, `${quote(value)} is not true or false`);
    return z.NEVER;
  });
}

export function fraction() {
  return scalar.transform((value, ctx) => {
    const n = /^(\d+(\.\d*)?|\.\d+)$/.test(value) ? Number(value) : Number.NaN;
    if (n >= 0 && n <= 1) return n;
    addProblem(ctx, `${quote(value)} is not a number from 0 to 1`);
    return z.NEVER;
  });
}

export function cronExpression() {
  return scalar.refine((value) => isCronExpression(value), {
    error: (issue) => `${quote(issue.input)} is not a cron expression ([second] minute hour day-of-month month day-of-week, UTC)`,
  });
}
