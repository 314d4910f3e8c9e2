/** Statuses worth another attempt: throttling and the gateway-type failures Port's clients retry. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 429, 502, 503, 504]);

/** Network-level failures worth another attempt (no answer, or the socket went away). */
const RETRYABLE_NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ERR_SOCKET_CONNECTION_TIMEOUT',
  'UND_ERR_SOCKET',
]);

export function isRetryableNetworkCode(code: string | undefined): boolean {
  return code !== undefined && RETRYABLE_NETWORK_CODES.has(code);
}

export interface RetrySettings {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** Upper bound on the time spent waiting between attempts of one request. */
  maxTotalWaitMs: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetrySettings = {
  maxAttempts: 6,
  maxTotalWaitMs: 120_000,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
};

/**
 * Exponential backoff with "equal jitter": half the delay is fixed, half random, so concurrent
 * workers spread out without any of them retrying instantly.
 */
export function backoffDelay(attempt: number, settings: RetrySettings, random: () => number): number {
  const exp = Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exp / 2 + (exp / 2) * random());
}

type HeaderValue = string | string[] | number | undefined | null;

function firstHeader(value: HeaderValue): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return value[0];
  return String(value);
}

/** `Retry-After`: delay-seconds or an HTTP date. Returns milliseconds to wait, or undefined. */
export function parseRetryAfter(value: HeaderValue, nowMs: number): number | undefined {
  const raw = firstHeader(value)?.trim();
  if (!raw) return undefined;
  if (/^\d+(\.\d+)?$/.test(raw)) return Math.round(Number(raw) * 1000);
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

/**
 * `x-ratelimit-reset`: Port's docs say epoch seconds, its Terraform provider reads relative seconds
 * (PORT-API.md 6.3). A value that can only be an epoch (after 2001) is one; anything smaller is a
 * relative delay. Epoch milliseconds are accepted too. Returns milliseconds to wait.
 */
export function parseRateLimitReset(value: HeaderValue, nowMs: number): number | undefined {
  const raw = firstHeader(value)?.trim();
  if (!raw || !/^\d+(\.\d+)?$/.test(raw)) return undefined;
  const n = Number(raw);
  if (n >= 1e12) return Math.max(0, Math.round(n - nowMs));
  if (n >= 1e9) return Math.max(0, Math.round(n * 1000 - nowMs));
  return Math.round(n * 1000);
}

/** The wait a throttled answer asks for, from whichever header it carries. */
export function serverRequestedWait(
  headers: Record<string, HeaderValue>,
  nowMs: number,
): number | undefined {
  return (
    parseRetryAfter(headers['retry-after'], nowMs) ??
    parseRateLimitReset(headers['x-ratelimit-reset'], nowMs)
  );
}
