import {
  DEFAULT_RETRY_LIMITS,
  abortError,
  createConcurrencyLimit,
  createPacer,
  fetchHeaderLookup,
  withRetries,
  type AttemptOutcome,
  type ConcurrencyLimit,
  type Pacer,
  type RateLimitHeaderNames,
  type RetryLimits,
  type RetryPolicy,
  type Sleep,
} from '../../http/index.js';
import { REDACTED, silentLogger, type Logger } from '../../logger.js';
import { VERSION } from '../../version.js';
import { GitlabApiError } from './api-error.js';
import { createRequestCounts, requestKind, type GitlabRequestCounts } from './request-counts.js';

export interface GitlabHttpOptions {
  /** Sent as `PRIVATE-TOKEN`; kept out of every error message and log line. */
  token: string;
  /** Requests in flight at once, across every caller of this client. */
  concurrency?: number;
  /** One attempt without a complete answer in this time is abandoned and retried as a network error. */
  timeoutMs?: number;
  /** Once fired, no attempt starts, waits end, and calls reject with RunAbortedError. */
  signal?: AbortSignal;
  logger?: Logger;
  retry?: Partial<RetryLimits>;
  /** Below this many remaining requests in GitLab's window, requests are spread over what is left. */
  pacingLowWater?: number;
  sleep?: Sleep;
  random?: () => number;
  now?: () => number;
}

/** A 2xx answer, its body decoded the way gitbeaker decodes it. */
export interface GitlabAnswer {
  status: number;
  /** By lowercase name, as gitbeaker reads `link` from them. */
  headers: Record<string, string>;
  /** JSON for application/json, a string for text/*, a Blob for anything else, null for 204. */
  body: unknown;
}

/** GitLab's names for its throttling headers; `RateLimit-Reset` is epoch seconds. */
export const GITLAB_RATE_LIMIT_HEADERS: RateLimitHeaderNames = {
  retryAfter: 'retry-after',
  reset: 'ratelimit-reset',
  remaining: 'ratelimit-remaining',
};

/**
 * Four in flight: at ~100 ms a request that is about the 2,000 requests a minute GitLab.com allows
 * an authenticated user; pacing from `RateLimit-Remaining` covers a slower or stricter instance.
 */
export const DEFAULT_GITLAB_CONCURRENCY = 4;
/** GitLab's web server ends a request after 60 s (Puma's worker timeout): no answer comes later. */
export const DEFAULT_GITLAB_TIMEOUT_MS = 60_000;
/** Headroom to spread the window's last requests before GitLab starts answering 429. */
const DEFAULT_PACING_LOW_WATER = 50;
/** Enough of a non-JSON error body (an HTML page from a proxy) to recognise it. */
const MESSAGE_MAX_CHARS = 200;

/** What one attempt brought back, before it is decoded. */
interface Received {
  status: number;
  headers: Record<string, string>;
  /** The media type, lowercase, without parameters. */
  type: string;
  text?: string;
  blob?: Blob;
}

/**
 * GitLab's side of the HTTP edge: global fetch with the token, a timeout per attempt, gitbeaker's
 * body decoding and GitLab's errors. Retries, pacing, concurrency and abortable waits are src/http's.
 */
export class GitlabHttp {
  private readonly limit: ConcurrencyLimit;
  private readonly pacer: Pacer;
  private readonly policy: RetryPolicy;
  private readonly log: Logger;
  private readonly timeoutMs: number;
  private readonly tally = createRequestCounts();

  constructor(private readonly options: GitlabHttpOptions) {
    this.policy = { ...DEFAULT_RETRY_LIMITS, ...options.retry, headers: GITLAB_RATE_LIMIT_HEADERS };
    this.log = options.logger ?? silentLogger();
    this.timeoutMs = options.timeoutMs ?? DEFAULT_GITLAB_TIMEOUT_MS;
    this.limit = createConcurrencyLimit(options.concurrency ?? DEFAULT_GITLAB_CONCURRENCY);
    this.pacer = createPacer(
      {
        lowWater: options.pacingLowWater ?? DEFAULT_PACING_LOW_WATER,
        maxWaitMs: this.policy.maxDelayMs,
        headers: GITLAB_RATE_LIMIT_HEADERS,
      },
      { now: options.now },
    );
  }

  counts(): GitlabRequestCounts {
    return this.tally.snapshot();
  }

  /** A GET of `url`: the decoded 2xx answer, or a GitlabApiError once retries are spent. */
  get(url: URL): Promise<GitlabAnswer> {
    return this.limit(() => this.send(url), this.options.signal);
  }

  /** Removes the token from a text that came from outside (an error body, a network message). */
  withoutToken(text: string): string {
    const { token } = this.options;
    return token ? text.split(token).join(REDACTED) : text;
  }

  private async send(url: URL): Promise<GitlabAnswer> {
    const path = url.pathname;
    const result = await withRetries(() => this.attempt(url), this.policy, {
      signal: this.options.signal,
      pacer: this.pacer,
      sleep: this.options.sleep,
      random: this.options.random,
      now: this.options.now,
      onRetry: ({ attempt, maxAttempts, waitMs, reason }) => {
        this.tally.retried();
        this.log.warn({ path, attempt, maxAttempts, waitMs, reason }, 'GitLab call retried');
      },
      onPacing: (delayMs) => this.log.debug({ delayMs }, 'Pacing to stay under the GitLab rate limit'),
      onWaited: (ms) => this.tally.waited(ms),
    });
    const { outcome } = result;
    const attempts = result.exhausted ? result.attempts : undefined;
    if (outcome.kind === 'network') {
      throw new GitlabApiError({ method: 'GET', path, code: outcome.code, gitlabMessage: outcome.message, attempts });
    }
    const received = outcome.value;
    if (!outcome.accepted) {
      throw new GitlabApiError({ method: 'GET', path, status: received.status, gitlabMessage: this.messageOf(received), attempts });
    }
    return { status: received.status, headers: received.headers, body: decode(received, path) };
  }

  /** One request on the wire, counted, classified for the retry loop. */
  private async attempt(url: URL): Promise<AttemptOutcome<Received>> {
    const { signal } = this.options;
    this.tally.sent(requestKind(url.pathname));
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), this.timeoutMs);
    try {
      const response = await fetch(url, {
        headers: { 'PRIVATE-TOKEN': this.options.token, 'user-agent': `port-catalog-sync/${VERSION}` },
        signal: signal ? AbortSignal.any([signal, timeout.signal]) : timeout.signal,
      });
      const received = await receive(response);
      return {
        kind: 'answer',
        status: received.status,
        header: fetchHeaderLookup(response.headers),
        value: received,
        accepted: response.ok,
      };
    } catch (error) {
      if (signal?.aborted) throw abortError(signal);
      if (timeout.signal.aborted) return { kind: 'network', code: 'ETIMEDOUT', message: `no complete answer within ${this.timeoutMs} ms` };
      // Only the code and message travel on: the error may hold the request, headers included.
      const e = error as { code?: string; message?: string; cause?: { code?: string; message?: string } };
      const message = [e.message, e.cause?.message].filter(Boolean).join(': ');
      return { kind: 'network', code: e.cause?.code ?? e.code, message: this.withoutToken(message || String(error)) };
    } finally {
      clearTimeout(timer);
    }
  }

  private messageOf(received: Received): string | undefined {
    const text = received.text?.trim();
    if (!text) return undefined;
    if (received.type === 'application/json') {
      const said = gitlabWords(text);
      if (said) return this.withoutToken(said);
    }
    const flat = text.replace(/\s+/g, ' ');
    return this.withoutToken(flat.length > MESSAGE_MAX_CHARS ? `${flat.slice(0, MESSAGE_MAX_CHARS)}...` : flat);
  }
}

/** Reads the whole body, so a connection lost half-way is a network error of this attempt. */
async function receive(response: Response): Promise<Received> {
  const type = (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  const base = { status: response.status, headers: Object.fromEntries(response.headers.entries()), type };
  if (response.status === 204) return base;
  if (!response.ok || type === 'application/json' || type.startsWith('text/')) return { ...base, text: await response.text() };
  return { ...base, blob: await response.blob() };
}

/** As gitbeaker decodes: application/json as JSON, text/* as a string, anything else as a Blob. */
function decode(received: Received, path: string): unknown {
  if (received.status === 204) return null;
  if (received.blob) return received.blob;
  if (received.type !== 'application/json') return received.text ?? '';
  if (!received.text) return {};
  try {
    return JSON.parse(received.text) as unknown;
  } catch {
    throw new GitlabApiError(
      { method: 'GET', path, status: received.status },
      { message: `GitLab GET ${path} answered with a body that is not JSON` },
    );
  }
}

/** GitLab's `error` (with its description) or `message`, which may be an object of field errors. */
function gitlabWords(text: string): string | undefined {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!body || typeof body !== 'object') return undefined;
  const { error, error_description: description, message } = body as Record<string, unknown>;
  const said = error !== undefined ? [error, description].filter((v) => v !== undefined) : message !== undefined ? [message] : [];
  return said.length ? said.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(': ') : undefined;
}
