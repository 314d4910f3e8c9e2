export { abortError, eitherSignal, onAbort, raceAbort, throwIfAborted } from './abort.js';
export { DEFAULT_RETRY_LIMITS, backoffDelay, type RetryLimits } from './backoff.js';
export { fetchHeaderLookup, headerLookup, type HeaderLookup, type RateLimitHeaderNames } from './headers.js';
export { createConcurrencyLimit, type ConcurrencyLimit } from './limit.js';
export { isLoopbackHost } from './loopback.js';
export { createPacer, type Pacer, type PacerSettings } from './pacer.js';
export {
  withRetries,
  type AnswerOutcome,
  type Attempt,
  type AttemptOutcome,
  type NetworkOutcome,
  type RetryNotice,
  type RetryOptions,
  type RetryPolicy,
  type RetryResult,
} from './retry.js';
export { RETRYABLE_STATUSES, WAIT_HEADER_STATUSES, isRetryableNetworkCode } from './retryable.js';
export { abortableSleep, type Sleep } from './sleep.js';
export { parseRateLimitReset, parseRetryAfter, serverRequestedWait } from './wait-headers.js';
