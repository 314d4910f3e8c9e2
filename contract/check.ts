import { isDeepStrictEqual } from 'node:util';

export type Verdict = 'held' | 'differs' | 'not probed';

export interface Outcome {
  verdict: Verdict;
  /** What the server answered, in a few words per observation. */
  observed: string;
  /** For `differs`: what the sandbox does instead; for `not probed`: why not. */
  reason?: string;
  /** The probe could not run as designed (a setup write failed, Port answered unexpectedly). */
  failed?: boolean;
}

/** One observation set against what the sandbox claims for it. */
export interface Check {
  label: string;
  actual: unknown;
  expected: unknown;
}

export const expectThat = (label: string, actual: unknown, expected: unknown): Check => ({ label, actual, expected });

/** Held only when every observation equals the sandbox's claim; each is compared, none assumed. */
export function judge(checks: readonly Check[]): Outcome {
  if (checks.length === 0) throw new Error('A case must make at least one observation');
  const observed = checks.map((c) => `${c.label}: ${show(c.actual)}`).join('; ');
  const differing = checks.filter((c) => !isDeepStrictEqual(c.actual, c.expected));
  if (differing.length === 0) return { verdict: 'held', observed };
  return { verdict: 'differs', observed, reason: differing.map((c) => `${c.label}: sandbox ${show(c.expected)}`).join('; ') };
}

export function notProbed(reason: string, observed = '-'): Outcome {
  return { verdict: 'not probed', observed, reason };
}

/**
 * A write a probe needs as its starting point was refused. The sandbox accepts every one of them,
 * so this is a difference too, but not one the case can name.
 */
export class SetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SetupError';
  }
}

export function show(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return '(absent)';
  return JSON.stringify(value);
}
