import { throwIfAborted } from './abort.js';
import { backoffDelay, type RetryLimits } from './backoff.js';
import type { HeaderLookup, RateLimitHeaderNames } from './headers.js';
import type { Pacer } from './pacer.js';
import { RETRYABLE_STATUSES, WAIT_HEADER_STATUSES, isRetryableNetworkCode } from './retryable.js';
import { abortableSleep, type Sleep } from './sleep.js';
import { serverRequestedWait } from './wait-headers.js';

/** An HTTP answer, classified by the caller who knows what it asked for. */
export interface AnswerOutcome<A> {
  kind: 'answer';
  status: number;
  header: HeaderLookup;
  /** The caller's own response object, handed back untouched. */
  value: A;
  /** The caller takes this answer as it is (a success, or a status it handles): never retried. */
  accepted: boolean;
  /**
   * The caller repaired what made this answer fail (a refreshed token): send again at once, without
   * a wait and without spending an attempt. Honoured once per call.
   */
  repeat?: boolean;
}

/** No answer: the connection failed. `code` is the Node or undici error code when there is one. */
export interface NetworkOutcome {
  kind: 'network';
  code: string | undefined;
  message: string;
}

export type AttemptOutcome<A> = AnswerOutcome<A> | NetworkOutcome;

/** One try on the wire; `attempt` counts from 1. Axios, fetch or a library's requester all fit. */
export type Attempt<A> = (attempt: number) => Promise<AttemptOutcome<A>>;

export interface RetryPolicy extends RetryLimits {
  headers: Pick<RateLimitHeaderNames, 'retryAfter' | 'reset'>;
}

export interface RetryNotice {
  attempt: number;
  maxAttempts: number;
  waitMs: number;
  /** `HTTP 429`, or the network error code. */
  reason: string;
}

export interface RetryOptions {
  /** Once fired, no attempt starts and every wait ends at once, with RunAbortedError. */
  signal?: AbortSignal;
  /** Consulted before every attempt and told the quota of every answer. */
  pacer?: Pacer;
  sleep?: Sleep;
  random?: () => number;
  now?: () => number;
  /** Before each wait between attempts: to log and count the retry. */
  onRetry?: (notice: RetryNotice) => void;
  /** Before each pacing wait. */
  onPacing?: (delayMs: number) => void;
  /** After each wait that ran its course, pacing and backoff alike. */
  onWaited?: (ms: number) => void;
}

export interface RetryResult<A> {
  /** The last outcome: an accepted answer, or the failure the caller turns into its own error. */
  outcome: AttemptOutcome<A>;
  attempts: number;
  /** The outcome was worth another attempt, but the attempt or time budget was spent. */
  exhausted: boolean;
}

/**
 * The one retry loop: retries throttling, gateway failures and network errors with jittered
 * exponential backoff or the wait the server asks for, bounded in attempts and in total wait. A
 * requested wait beyond the budget gives up at once: waiting would only delay the failure.
 */
export async function withRetries<A>(attempt: Attempt<A>, policy: RetryPolicy, options: RetryOptions = {}): Promise<RetryResult<A>> {
  const { signal } = options;
  let waitedMs = 0;
  let repeated = false;
  for (let n = 1; ; n += 1) {
    await pace(options);
    throwIfAborted(signal);
    const outcome = await attempt(n);
    if (outcome.kind === 'answer') {
      options.pacer?.observe(outcome.header);
      if (outcome.repeat && !repeated) {
        repeated = true;
        n -= 1;
        continue;
      }
      if (outcome.accepted || !RETRYABLE_STATUSES.has(outcome.status)) return { outcome, attempts: n, exhausted: false };
    } else if (!isRetryableNetworkCode(outcome.code)) {
      return { outcome, attempts: n, exhausted: false };
    }
    const wait = nextWait(outcome, n, waitedMs, policy, options);
    if (wait === undefined) return { outcome, attempts: n, exhausted: true };
    options.onRetry?.({ attempt: n, maxAttempts: policy.maxAttempts, waitMs: wait, reason: reasonOf(outcome) });
    await abortableSleep(wait, signal, options.sleep);
    waitedMs += wait;
    options.onWaited?.(wait);
  }
}

async function pace(options: RetryOptions): Promise<void> {
  throwIfAborted(options.signal);
  const delay = options.pacer?.delayForNext() ?? 0;
  if (delay <= 0) return;
  options.onPacing?.(delay);
  await abortableSleep(delay, options.signal, options.sleep);
  options.onWaited?.(delay);
}

/** The wait before the next attempt, or undefined when the attempt or time budget is spent. */
function nextWait<A>(
  outcome: AttemptOutcome<A>,
  attempt: number,
  waitedMs: number,
  policy: RetryPolicy,
  options: RetryOptions,
): number | undefined {
  if (attempt >= policy.maxAttempts) return undefined;
  const requested =
    outcome.kind === 'answer' && WAIT_HEADER_STATUSES.has(outcome.status)
      ? serverRequestedWait(outcome.header, policy.headers, (options.now ?? Date.now)())
      : undefined;
  const wait = requested ?? backoffDelay(attempt, policy, options.random ?? Math.random);
  return waitedMs + wait > policy.maxTotalWaitMs ? undefined : wait;
}

function reasonOf<A>(outcome: AttemptOutcome<A>): string {
  return outcome.kind === 'answer' ? `HTTP ${outcome.status}` : (outcome.code ?? 'network error');
}
