import type { z } from 'zod';
import type { ModelProblem } from './types.js';

/** The `path` of a problem about a whole file. */
export const WHOLE_FILE = '(file)';

/** `['schema', 'properties', 'chartLag', 'enum', 2]` -> `schema.properties.chartLag.enum[2]`. */
export function renderPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (/^[A-Za-z_$@][\w$@=-]*$/.test(String(key))) out += out ? `.${String(key)}` : String(key);
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out || WHOLE_FILE;
}

export function problem(file: string, path: readonly PropertyKey[], message: string): ModelProblem {
  return { file, path: renderPath(path), message };
}

/** The parts of a zod issue this renders; zod's own union type is wider than what is read here. */
interface IssueLike {
  code: string;
  path: PropertyKey[];
  message: string;
  keys?: string[];
  errors?: IssueLike[][];
  issues?: IssueLike[];
  options?: unknown[];
  values?: unknown[];
}

/** Every zod issue as a problem, with a path into the file and a message a person can act on. */
export function zodProblems(file: string, error: z.ZodError, prefix: readonly PropertyKey[] = []): ModelProblem[] {
  return (error.issues as unknown as IssueLike[]).flatMap((issue) => render(file, issue, prefix));
}

function render(file: string, issue: IssueLike, prefix: readonly PropertyKey[]): ModelProblem[] {
  const path = [...prefix, ...issue.path];
  switch (issue.code) {
    case 'unrecognized_keys':
      return (issue.keys ?? []).map((key) => problem(file, [...path, key], `unknown key "${key}"`));
    case 'invalid_key':
      return [
        problem(
          file,
          path,
          `invalid key "${String(path[path.length - 1])}": ${(issue.issues ?? []).map(tidy).join('; ') || 'not allowed'}`,
        ),
      ];
    case 'invalid_union': {
      if (!issue.errors || issue.errors.length === 0) {
        const options = (issue.options ?? []).map((o) => JSON.stringify(o)).join(', ');
        return [problem(file, path, options ? `must be one of ${options}` : tidy(issue))];
      }
      const shared = sharedRejection(issue.errors);
      if (shared) return [problem(file, [...path, shared.key], `must be one of ${shared.values.map((v) => JSON.stringify(v)).join(', ')}`)];
      // The branch that failed least is the one the author meant; its issues say what to fix.
      const best = [...issue.errors].sort((a, b) => score(a) - score(b))[0] ?? [];
      return best.flatMap((inner) => render(file, inner, path));
    }
    default:
      return [problem(file, path, tidy(issue))];
  }
}

/**
 * How unlike a union branch the value is: a wrong discriminating value or foreign keys weigh most,
 * and a nested union counts as its closest branch.
 */
function score(issues: IssueLike[]): number {
  return issues.reduce((sum, issue) => {
    if (issue.code === 'unrecognized_keys' && issue.path.length === 0) return sum + 100;
    if (issue.code === 'invalid_value' && issue.path.length <= 1) return sum + 50;
    if (issue.code === 'invalid_type' && issue.path.length === 0) return sum + 50;
    if (issue.code === 'invalid_union') return sum + (issue.errors?.length ? Math.min(...issue.errors.map(score)) : 50);
    return sum + 1;
  }, 0);
}

/**
 * When every branch rejects the same key's value (an operator no form takes), that key is what to
 * fix: one problem listing every value any branch takes.
 */
function sharedRejection(errors: IssueLike[][]): { key: PropertyKey; values: unknown[] } | undefined {
  const rejected = errors.map((branch) => branch.find((i) => i.code === 'invalid_value' && i.path.length === 1));
  const key = rejected[0]?.path[0];
  if (key === undefined || rejected.some((i) => i?.path[0] !== key)) return undefined;
  const values = [...new Set(rejected.flatMap((i) => i?.values ?? []))];
  return { key, values };
}

/** zod's message without its generic prefix; a missing key says so. */
function tidy(issue: IssueLike): string {
  if (issue.code === 'invalid_type' && /received undefined$/.test(issue.message)) {
    return `is required (${issue.message.replace(/^Invalid input: /, '').replace(/, received undefined$/, '')})`;
  }
  return issue.message.replace(/^(Invalid (input|option|string)|Too big|Too small): /, '');
}
