import { canonicalJson } from '../domain/index.js';

/** Values are compared as JSON with sorted keys, so `{a, b}` and `{b, a}` are one value. */
export function sameValue(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

/** Longest value text a finding quotes: enough to recognise it, short enough for a log line. */
const SHOWN_LENGTH = 80;

/** A value as a finding quotes it. */
export function showValue(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > SHOWN_LENGTH ? `${text.slice(0, SHOWN_LENGTH)}...` : text;
}
