import { FIELDS, VALUE_NAMES, type FieldValues } from './fields.js';
import type { Inputs } from './inputs.js';
import { formatIssue } from './origin.js';
import type { ValueName } from './settings.js';
import type { Parsed } from './rules.js';

/** Parses every setting on its own, so one bad value never hides another. */
export function parseFields(inputs: Inputs): { parsed: Parsed; problems: string[] } {
  const parsed: Parsed = {};
  const problems: string[] = [];
  for (const name of VALUE_NAMES) {
    if (!inputs.failed.has(name)) problems.push(...parseField(name, inputs, parsed));
  }
  return { parsed, problems };
}

function parseField<K extends ValueName>(name: K, inputs: Inputs, parsed: Parsed): string[] {
  const input = inputs.values.get(name);
  const result = FIELDS[name].safeParse(input?.value);
  if (!result.success) return result.error.issues.map((issue) => formatIssue(name, input?.origin, issue));
  // zod widens the result to every field's type when the key is generic; it is K's by construction.
  parsed[name] = result.data as FieldValues[K];
  return [];
}

export function isComplete(parsed: Parsed): parsed is FieldValues {
  return VALUE_NAMES.every((name) => name in parsed);
}
