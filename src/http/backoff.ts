/** How far one call may retry: attempts, and time spent waiting between them. */
export interface RetryLimits {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** Upper bound on the time spent waiting between attempts of one call. */
  maxTotalWaitMs: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_LIMITS: RetryLimits = {
  // Five retries ride out a gateway restart without hiding a host that is down.
  maxAttempts: 6,
  // Two minutes: longer than a rate-limit window usually takes to reset, short enough for a scheduled run.
  maxTotalWaitMs: 120_000,
  // Half a second first, doubling: enough to let a burst drain.
  baseDelayMs: 500,
  // No single wait beyond 30 s: the time budget, not one wait, should end a call.
  maxDelayMs: 30_000,
};

/**
 * Exponential backoff with "equal jitter": half the delay is fixed, half random, so concurrent
 * workers spread out without any of them retrying instantly.
 */
export function backoffDelay(attempt: number, limits: RetryLimits, random: () => number): number {
  const exp = Math.min(limits.maxDelayMs, limits.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exp / 2 + (exp / 2) * random());
}
