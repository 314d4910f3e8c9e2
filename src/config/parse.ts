import type { Inputs } from './inputs.js';
import { formatIssue } from './origin.js';
import type { SettingsTable } from './table.js';

/** Parsed settings by variable name; a setting whose value was bad is absent, and rules that need it are skipped. */
export type Parsed = Record<string, unknown>;

/**
 * Parses every setting on its own, so one bad value never hides another. An absent setting is
 * parsed from its row's default, as if the user had written it.
 */
export function parseValues(inputs: Inputs, table: SettingsTable): { parsed: Parsed; problems: string[] } {
  const parsed: Parsed = {};
  const problems: string[] = [];
  for (const row of table.rows) {
    if (inputs.failed.has(row.env)) continue;
    const input = inputs.values.get(row.env);
    const raw = input !== undefined ? input.value : row.default !== '' ? row.default : undefined;
    const result = row.schema.safeParse(raw);
    if (result.success) parsed[row.env] = result.data;
    else problems.push(...result.error.issues.map((issue) => formatIssue(row.env, input?.origin, issue)));
  }
  return { parsed, problems };
}

export function isComplete(parsed: Parsed, table: SettingsTable): boolean {
  return table.rows.every((row) => row.env in parsed);
}
