import type { HeaderLookup, RateLimitHeaderNames } from './headers.js';

/** Epoch milliseconds are at least this large (September 2001). */
const EPOCH_MS_FLOOR = 1e12;
/** Epoch seconds are at least this large (September 2001); anything smaller is a relative delay. */
const EPOCH_SECONDS_FLOOR = 1e9;

/** `Retry-After`: delay-seconds or an HTTP date. Returns milliseconds to wait, or undefined. */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  const raw = value?.trim();
  if (!raw) return undefined;
  if (/^\d+(\.\d+)?$/.test(raw)) return Math.round(Number(raw) * 1000);
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

/**
 * A rate-limit reset header. Port's docs say epoch seconds, its Terraform provider reads relative
 * seconds (PORT-API.md 6.3); GitLab sends epoch seconds. A value that can only be an epoch (after
 * 2001) is one; anything smaller is a relative delay. Epoch milliseconds are accepted too.
 * Returns milliseconds to wait, or undefined.
 */
export function parseRateLimitReset(value: string | undefined, nowMs: number): number | undefined {
  const raw = value?.trim();
  if (!raw || !/^\d+(\.\d+)?$/.test(raw)) return undefined;
  const n = Number(raw);
  if (n >= EPOCH_MS_FLOOR) return Math.max(0, Math.round(n - nowMs));
  if (n >= EPOCH_SECONDS_FLOOR) return Math.max(0, Math.round(n * 1000 - nowMs));
  return Math.round(n * 1000);
}

/** The wait a throttled answer asks for, from whichever header it carries (`Retry-After` first). */
export function serverRequestedWait(
  header: HeaderLookup,
  names: Pick<RateLimitHeaderNames, 'retryAfter' | 'reset'>,
  nowMs: number,
): number | undefined {
  return parseRetryAfter(header(names.retryAfter), nowMs) ?? parseRateLimitReset(header(names.reset), nowMs);
}
