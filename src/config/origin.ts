import type { core } from 'zod';

/** Where a value came from, so every problem can point the user at the line to fix. */
export type Origin =
  | { env: string }
  | {
      file: string;
      key: string;
      /** A YAML list or mapping: positions inside it are worth naming (`aws.regions[1]`). */
      structured: boolean;
    };

export function describeOrigin(origin: Origin, path: readonly PropertyKey[] = []): string {
  if ('env' in origin) return `${origin.env} (environment)`;
  const inner = origin.structured ? formatPath(path) : '';
  return `${origin.file}: ${origin.key}${inner}`;
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)).join('');
}

/** A zod issue as a user-facing problem line: `<where>: <message>`. */
export function formatIssue(name: string, origin: Origin | undefined, issue: core.$ZodIssue): string {
  // Without an origin the value is a built-in default; name the setting so the bug is findable.
  const where = origin ? describeOrigin(origin, issue.path) : `${name} (default)`;
  return `${where}: ${issue.message}`;
}
