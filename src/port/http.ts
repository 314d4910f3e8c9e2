import axios, { type AxiosInstance, type AxiosRequestConfig, type AxiosResponse } from 'axios';
import { z } from 'zod';
import { PortApiError } from '../errors.js';
import {
  DEFAULT_RETRY_LIMITS,
  createConcurrencyLimit,
  createPacer,
  eitherSignal,
  headerLookup,
  isLoopbackHost,
  withRetries,
  type Attempt,
  type AttemptOutcome,
  type ConcurrencyLimit,
  type Pacer,
  type RateLimitHeaderNames,
  type RetryLimits,
  type RetryPolicy,
  type RetryResult,
  type Sleep,
} from '../http/index.js';
import { silentLogger, type Logger } from '../logger.js';
import { CallStats, type PortCallStats } from './call-stats.js';
import { answerFailure, credentialsRefused, scrub, traceIdOf, unreachable } from './failures.js';
import { TokenManager, type IssuedToken } from './token.js';

export type { PortCallStats } from './call-stats.js';

export interface PortHttpOptions {
  /** Origin of the Port API, e.g. https://api.port.io; `/v1` is added here. */
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  userAgent: string;
  logger?: Logger;
  /** Requests in flight at once, across every caller of this client. */
  concurrency?: number;
  timeoutMs?: number;
  retry?: Partial<RetryLimits>;
  /** Below this many remaining requests in Port's window, requests are spread over what is left. */
  pacingLowWater?: number;
  /** Called with each new access token, so the log scrubber learns it. */
  onToken?: (token: string) => void;
  sleep?: Sleep;
  random?: () => number;
  now?: () => number;
}

export interface PortRequest {
  /** Route template for statistics and errors, e.g. `POST /blueprints/:bp/entities/bulk`. */
  route: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path under /v1, already encoded. */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  /** Non-2xx statuses the caller handles itself instead of receiving an error. */
  accept?: readonly number[];
  /** Once fired, the request starts no attempt and waits no more: it rejects with RunAbortedError. */
  signal?: AbortSignal;
  /** Where its retries are logged (a run's logger carries the runId); default the client's. */
  logger?: Logger;
}

export interface PortResponse<T = unknown> {
  status: number;
  data: T;
  traceId?: string;
}

/** What the entity and model routes need of the HTTP layer: a client, or a view of it with a signal. */
export interface PortTransport {
  request<T = unknown>(req: PortRequest): Promise<PortResponse<T>>;
  /** Removes the client secret and the live token from a text Port sent back. */
  withoutSecrets(text: string): string;
  /** The signal every request of this view honours; none on the client itself. */
  readonly signal?: AbortSignal;
  /** Requests the client keeps in flight at once, when known. */
  readonly concurrency?: number;
}

/** Port's names for its throttling headers (PORT-API.md 6.3). */
export const PORT_RATE_LIMIT_HEADERS: RateLimitHeaderNames = {
  retryAfter: 'retry-after',
  reset: 'x-ratelimit-reset',
  remaining: 'x-ratelimit-remaining',
};

/** Eight calls in flight: PORT_MAX_CONCURRENCY's default, what the benchmark measures (bench/README.md). */
const DEFAULT_CONCURRENCY = 8;
/** A call without an answer in 30 s is taken as lost, and retried as a network error. */
const DEFAULT_TIMEOUT_MS = 30_000;
/** Enough headroom to spread the window's last requests before Port starts answering 429. */
const DEFAULT_PACING_LOW_WATER = 50;

const TOKEN_REQUEST: PortRequest = { route: 'POST /auth/access_token', method: 'POST', path: '/auth/access_token' };

const TokenResponse = z.object({
  accessToken: z.string().min(1),
  expiresIn: z.number().optional(),
});

/**
 * Port's side of the HTTP edge: the token, a 401 refreshing it once, Port's errors, and the call
 * statistics. Retries, pacing, concurrency and abortable waits are src/http's.
 */
export class PortHttp implements PortTransport {
  private readonly axios: AxiosInstance;
  private readonly tokens: TokenManager;
  private readonly limit: ConcurrencyLimit;
  private readonly pacer: Pacer;
  private readonly policy: RetryPolicy;
  private readonly log: Logger;
  private readonly calls = new CallStats();
  readonly concurrency: number;

  constructor(private readonly options: PortHttpOptions) {
    this.axios = axios.create({
      baseURL: `${options.baseUrl.replace(/\/+$/, '')}/v1`,
      timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      headers: { 'User-Agent': options.userAgent, Accept: 'application/json' },
      // A proxy from the environment must not capture calls to a local sandbox (WIRE-NOTES.md 2).
      ...(isLoopbackHost(new URL(options.baseUrl).hostname) ? { proxy: false as const } : {}),
      validateStatus: () => true,
      maxBodyLength: Infinity,
      maxContentLength: Infinity,
    });
    this.policy = { ...DEFAULT_RETRY_LIMITS, ...options.retry, headers: PORT_RATE_LIMIT_HEADERS };
    this.log = options.logger ?? silentLogger();
    this.concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
    this.limit = createConcurrencyLimit(this.concurrency);
    this.pacer = createPacer(
      { lowWater: options.pacingLowWater ?? DEFAULT_PACING_LOW_WATER, maxWaitMs: this.policy.maxDelayMs, headers: PORT_RATE_LIMIT_HEADERS },
      { now: options.now },
    );
    this.tokens = new TokenManager((signal) => this.fetchToken(signal), options.now);
  }

  get stats(): PortCallStats {
    return this.calls.snapshot(this.tokens.fetches);
  }

  request<T = unknown>(req: PortRequest): Promise<PortResponse<T>> {
    return this.limit(() => this.send<T>(req), req.signal);
  }

  /**
   * A view whose every request honours `signal` (and logs with `logger`, when given), sharing this
   * client's token, pacing, limit and statistics.
   */
  withSignal(signal: AbortSignal, logger?: Logger): PortTransport {
    return {
      request: <T>(req: PortRequest) => this.request<T>({ ...req, signal: eitherSignal(req.signal, signal), logger: req.logger ?? logger }),
      withoutSecrets: (text) => this.withoutSecrets(text),
      signal,
      concurrency: this.concurrency,
    };
  }

  withoutSecrets(text: string): string {
    return scrub(text, [this.options.clientSecret, this.tokens.current]);
  }

  private async send<T>(req: PortRequest): Promise<PortResponse<T>> {
    let refreshed = false;
    const result = await this.retrying(req, async () => {
      const token = await this.tokens.get(req.signal);
      const outcome = await this.exchange(req, { headers: { Authorization: `Bearer ${token}` }, params: req.query, data: req.body });
      if (outcome.kind === 'answer' && outcome.status === 401 && !refreshed) {
        // An expired or revoked token: fetch a fresh one and send again, outside the retry budget.
        refreshed = true;
        this.tokens.invalidate(token);
        return { ...outcome, repeat: true };
      }
      return outcome;
    });
    const response = this.answerOf(req, result);
    if (result.outcome.kind === 'answer' && result.outcome.accepted) {
      return { status: response.status, data: response.data as T, traceId: traceIdOf(response) };
    }
    throw answerFailure(req, response, (text) => this.withoutSecrets(text), result.exhausted ? result.attempts : undefined);
  }

  private async fetchToken(signal: AbortSignal): Promise<IssuedToken> {
    const credentials = { clientId: this.options.clientId, clientSecret: this.options.clientSecret };
    const result = await this.retrying({ ...TOKEN_REQUEST, signal }, () => this.exchange(TOKEN_REQUEST, { data: credentials }));
    const response = this.answerOf(TOKEN_REQUEST, result);
    const withoutSecrets = (text: string) => this.withoutSecrets(text);
    if (response.status === 401 || response.status === 403) {
      throw credentialsRefused(TOKEN_REQUEST, response, withoutSecrets, this.options.clientId);
    }
    // Without a token nothing can be done: any other refusal ends the run as an unreachable Port.
    if (!isSuccess(response.status)) throw answerFailure(TOKEN_REQUEST, response, withoutSecrets, result.attempts);
    const parsed = TokenResponse.safeParse(response.data);
    if (!parsed.success) {
      throw new PortApiError(
        { method: TOKEN_REQUEST.method, path: TOKEN_REQUEST.path, status: response.status, traceId: traceIdOf(response) },
        { message: 'Port answered the token request without an access token' },
      );
    }
    this.options.onToken?.(parsed.data.accessToken);
    return parsed.data;
  }

  /** The one retry loop, with Port's pacing, statistics and log line. */
  private retrying(req: PortRequest, attempt: Attempt<AxiosResponse>): Promise<RetryResult<AxiosResponse>> {
    const log = req.logger ?? this.log;
    return withRetries(attempt, this.policy, {
      signal: req.signal,
      pacer: this.pacer,
      sleep: this.options.sleep,
      random: this.options.random,
      now: this.options.now,
      onRetry: ({ attempt: n, maxAttempts, waitMs, reason }) => {
        this.calls.retried();
        log.warn({ route: req.route, attempt: n, maxAttempts, waitMs, reason }, 'Port call retried');
      },
      onPacing: (delayMs) => log.debug({ delayMs }, 'Pacing to stay under the Port rate limit'),
      onWaited: (ms) => this.calls.waited(ms),
    });
  }

  /** One request on the wire, counted, classified for the retry loop. */
  private async exchange(req: PortRequest, config: AxiosRequestConfig): Promise<AttemptOutcome<AxiosResponse>> {
    this.calls.sent(req);
    try {
      const response = await this.axios.request({ ...config, method: req.method, url: req.path });
      return {
        kind: 'answer',
        status: response.status,
        header: headerLookup(response.headers as Record<string, unknown>),
        value: response,
        accepted: isSuccess(response.status) || (req.accept?.includes(response.status) ?? false),
      };
    } catch (error) {
      // Only the code and message travel on: an axios error holds the request config, headers
      // included, and must never reach a log.
      const e = error as { code?: string; message?: string };
      return { kind: 'network', code: e.code, message: e.message ?? String(error) };
    }
  }

  /** The final answer of a call, or the error for a Port that never answered. */
  private answerOf(req: PortRequest, result: RetryResult<AxiosResponse>): AxiosResponse {
    const { outcome } = result;
    if (outcome.kind === 'network') throw unreachable(req, outcome.code, outcome.message, result.attempts);
    return outcome.value;
  }
}

function isSuccess(status: number): boolean {
  return status >= 200 && status < 300;
}
