/** Statuses worth another attempt: throttling and the gateway-type failures that pass. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 429, 502, 503, 504]);

/** Statuses whose `Retry-After` or rate-limit reset header says how long to wait (RFC 9110 10.2.3, RFC 6585 4). */
export const WAIT_HEADER_STATUSES: ReadonlySet<number> = new Set([429, 503]);

/** Network-level failures worth another attempt (no answer, or the socket went away). */
const RETRYABLE_NETWORK_CODES: ReadonlySet<string> = new Set([
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
