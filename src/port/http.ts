import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import pLimit, { type LimitFunction } from 'p-limit';
import { z } from 'zod';
import {
  PortApiError,
  PortAuthError,
  PortUnreachableError,
  type PortApiErrorDetails,
} from '../errors.js';
import { silentLogger, type Logger } from '../logger.js';
import { Pacer } from './pacer.js';
import {
  DEFAULT_RETRY,
  RETRYABLE_STATUSES,
  backoffDelay,
  isRetryableNetworkCode,
  serverRequestedWait,
  type RetrySettings,
} from './retry-policy.js';
import { TokenManager, type IssuedToken } from './token.js';

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
  retry?: Partial<RetrySettings>;
  /** Below this many remaining requests in Port's window, requests are spread over what is left. */
  pacingLowWater?: number;
  /** Called with each new access token, so the log scrubber learns it. */
  onToken?: (token: string) => void;
  sleep?: (ms: number) => Promise<void>;
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
}

export interface PortResponse<T = unknown> {
  status: number;
  data: T;
  traceId?: string;
}

export interface PortCallStats {
  calls: number;
  reads: number;
  writes: number;
  retries: number;
  tokenFetches: number;
  waitedMs: number;
  byRoute: Record<string, number>;
}

const TokenResponse = z.object({
  accessToken: z.string().min(1),
  expiresIn: z.number().optional(),
});

const ErrorBody = z
  .object({ error: z.string().optional(), message: z.string().optional() })
  .passthrough();

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/i;

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The one HTTP layer to Port: authentication, retries, pacing and bounded concurrency live here
 * and nowhere else.
 */
export class PortHttp {
  private readonly axios: AxiosInstance;
  private readonly tokens: TokenManager;
  private readonly limit: LimitFunction;
  private readonly pacer: Pacer;
  private readonly retry: RetrySettings;
  private readonly log: Logger;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private readonly now: () => number;
  private readonly counters: Omit<PortCallStats, 'tokenFetches' | 'byRoute'> = {
    calls: 0,
    reads: 0,
    writes: 0,
    retries: 0,
    waitedMs: 0,
  };
  private readonly byRoute = new Map<string, number>();

  constructor(private readonly options: PortHttpOptions) {
    const base = new URL(options.baseUrl);
    this.axios = axios.create({
      baseURL: `${options.baseUrl.replace(/\/+$/, '')}/v1`,
      timeout: options.timeoutMs ?? 30_000,
      headers: { 'User-Agent': options.userAgent, Accept: 'application/json' },
      // A proxy from the environment must not capture calls to a local sandbox (WIRE-NOTES.md 2).
      ...(LOOPBACK.test(base.hostname) ? { proxy: false as const } : {}),
      validateStatus: () => true,
      maxBodyLength: Infinity,
      maxContentLength: Infinity,
    });
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.log = options.logger ?? silentLogger();
    this.sleep = options.sleep ?? defaultSleep;
    this.random = options.random ?? Math.random;
    this.now = options.now ?? Date.now;
    this.limit = pLimit(options.concurrency ?? 8);
    this.pacer = new Pacer(options.pacingLowWater ?? 50, this.now, this.retry.maxDelayMs);
    this.tokens = new TokenManager(() => this.fetchToken(), this.now);
  }

  get stats(): PortCallStats {
    return {
      ...this.counters,
      tokenFetches: this.tokens.fetches,
      byRoute: Object.fromEntries(this.byRoute),
    };
  }

  request<T = unknown>(req: PortRequest): Promise<PortResponse<T>> {
    return this.limit(() => this.send<T>(req));
  }

  private async send<T>(req: PortRequest): Promise<PortResponse<T>> {
    let refreshedAfter401 = false;
    let waitedMs = 0;
    for (let attempt = 1; ; attempt += 1) {
      await this.pace();
      const token = await this.tokens.get();
      const outcome = await this.attempt(req, token);

      if (outcome.kind === 'response') {
        const { response } = outcome;
        this.pacer.observe(response.headers as Record<string, string>);
        if (response.status === 401 && !refreshedAfter401) {
          // An expired or revoked token: fetch a fresh one and try once more.
          refreshedAfter401 = true;
          this.tokens.invalidate(token);
          attempt -= 1; // the refresh is not a retry: it does not spend the attempt budget
          continue;
        }
        if (isSuccess(response.status) || req.accept?.includes(response.status)) {
          return { status: response.status, data: response.data as T, traceId: traceIdOf(response) };
        }
        if (!RETRYABLE_STATUSES.has(response.status)) throw this.failure(req, response);
        const wait = this.nextWait(attempt, waitedMs, response);
        if (wait === undefined) throw this.failure(req, response, attempt);
        waitedMs += await this.backOff(req, attempt, wait, `HTTP ${response.status}`);
        continue;
      }

      const wait = isRetryableNetworkCode(outcome.code) ? this.nextWait(attempt, waitedMs) : undefined;
      if (wait === undefined) throw this.unreachable(req, outcome.code, outcome.message, attempt);
      waitedMs += await this.backOff(req, attempt, wait, outcome.code ?? 'network error');
    }
  }

  private async attempt(
    req: PortRequest,
    token: string,
  ): Promise<{ kind: 'response'; response: AxiosResponse } | { kind: 'network'; code?: string; message: string }> {
    this.count(req);
    try {
      const response = await this.axios.request({
        method: req.method,
        url: req.path,
        params: req.query,
        data: req.body,
        headers: { Authorization: `Bearer ${token}` },
      });
      return { kind: 'response', response };
    } catch (error) {
      // Only the code and message travel on: an axios error holds the request config, headers
      // included, and must never reach a log.
      const e = error as { code?: string; message?: string };
      return { kind: 'network', code: e.code, message: e.message ?? String(error) };
    }
  }

  /** The wait before the next attempt, or undefined when the attempt or time budget is spent. */
  private nextWait(attempt: number, waitedMs: number, response?: AxiosResponse): number | undefined {
    if (attempt >= this.retry.maxAttempts) return undefined;
    const requested =
      response && (response.status === 429 || response.status === 503)
        ? serverRequestedWait(response.headers as Record<string, string>, this.now())
        : undefined;
    const wait = requested ?? backoffDelay(attempt, this.retry, this.random);
    // Waiting past the budget only delays the failure; give up now and say why.
    return waitedMs + wait > this.retry.maxTotalWaitMs ? undefined : wait;
  }

  private async backOff(req: PortRequest, attempt: number, waitMs: number, reason: string): Promise<number> {
    this.counters.retries += 1;
    this.log.warn(
      { route: req.route, attempt, maxAttempts: this.retry.maxAttempts, waitMs, reason },
      'Port call retried',
    );
    await this.sleep(waitMs);
    this.counters.waitedMs += waitMs;
    return waitMs;
  }

  private async pace(): Promise<void> {
    const delay = this.pacer.delayForNext();
    if (delay > 0) {
      this.log.debug({ delayMs: delay }, 'Pacing to stay under the Port rate limit');
      await this.sleep(delay);
      this.counters.waitedMs += delay;
    }
  }

  private count(req: PortRequest): void {
    this.counters.calls += 1;
    if (isWrite(req)) this.counters.writes += 1;
    else this.counters.reads += 1;
    this.byRoute.set(req.route, (this.byRoute.get(req.route) ?? 0) + 1);
  }

  private async fetchToken(): Promise<IssuedToken> {
    const req: PortRequest = { route: 'POST /auth/access_token', method: 'POST', path: '/auth/access_token' };
    let waitedMs = 0;
    for (let attempt = 1; ; attempt += 1) {
      await this.pace();
      this.count(req);
      let response: AxiosResponse;
      try {
        response = await this.axios.post(req.path, {
          clientId: this.options.clientId,
          clientSecret: this.options.clientSecret,
        });
      } catch (error) {
        const e = error as { code?: string; message?: string };
        const wait = isRetryableNetworkCode(e.code) ? this.nextWait(attempt, waitedMs) : undefined;
        if (wait === undefined) throw this.unreachable(req, e.code, e.message ?? String(error), attempt);
        waitedMs += await this.backOff(req, attempt, wait, e.code ?? 'network error');
        continue;
      }
      this.pacer.observe(response.headers as Record<string, string>);
      if (response.status === 401 || response.status === 403) {
        const details = this.details(req, response);
        const why = details.portMessage ? `: ${details.portMessage}` : '';
        throw new PortAuthError(details, {
          message: `Port refused the credentials of client ${this.options.clientId} (HTTP ${response.status}${why})`,
        });
      }
      if (isSuccess(response.status)) {
        const parsed = TokenResponse.safeParse(response.data);
        if (!parsed.success) {
          throw new PortApiError(this.details(req, response), {
            message: 'Port answered the token request without an access token',
          });
        }
        this.options.onToken?.(parsed.data.accessToken);
        return parsed.data;
      }
      const wait = RETRYABLE_STATUSES.has(response.status) ? this.nextWait(attempt, waitedMs, response) : undefined;
      if (wait === undefined) throw this.failure(req, response, attempt);
      waitedMs += await this.backOff(req, attempt, wait, `HTTP ${response.status}`);
    }
  }

  private details(req: PortRequest, response: AxiosResponse): PortApiErrorDetails {
    const body = errorBodyOf(response);
    return {
      method: req.method,
      path: req.path,
      status: response.status,
      code: body.error,
      portMessage: body.message === undefined ? undefined : this.withoutSecrets(body.message),
      traceId: traceIdOf(response),
    };
  }

  /** The error for a final answer; `attempts` is set when retries were spent on it. */
  private failure(req: PortRequest, response: AxiosResponse, attempts?: number): PortApiError {
    const details = this.details(req, response);
    if (response.status === 401 || response.status === 403) return new PortAuthError(details);
    if (attempts === undefined) return new PortApiError(details);
    const base = new PortApiError(details).message;
    return response.status === 429
      ? new PortApiError(details, { message: `${base}; still rate limited after ${attempts} attempts` })
      : new PortUnreachableError(details, { message: `${base}; gave up after ${attempts} attempts` });
  }

  /** Removes the client secret and the live token from a text Port sent back. */
  withoutSecrets(text: string): string {
    return scrub(text, [this.options.clientSecret, this.tokens.current]);
  }

  private unreachable(req: PortRequest, code: string | undefined, message: string, attempts: number): PortApiError {
    return new PortUnreachableError(
      { method: req.method, path: req.path, code },
      {
        message: `Port ${req.method} ${req.path} could not be reached (${code ?? message}); gave up after ${attempts} attempt${attempts === 1 ? '' : 's'}`,
      },
    );
  }
}

/** Port may echo what it was sent; nothing it says travels on with our secrets in it. */
function scrub(text: string, secrets: (string | undefined)[]): string {
  return secrets.reduce<string>((out, secret) => (secret && secret.length >= 6 ? out.split(secret).join('[REDACTED]') : out), text);
}

function isSuccess(status: number): boolean {
  return status >= 200 && status < 300;
}

/** Calls that change something in Port; searches and the token request are POSTs that don't. */
function isWrite(req: PortRequest): boolean {
  return req.method !== 'GET' && !req.path.endsWith('/search') && req.path !== '/auth/access_token';
}

function traceIdOf(response: AxiosResponse): string | undefined {
  const value = (response.headers as Record<string, unknown>)['x-trace-id'];
  return typeof value === 'string' ? value : undefined;
}

function errorBodyOf(response: AxiosResponse): { error?: string; message?: string } {
  const parsed = ErrorBody.safeParse(response.data);
  if (!parsed.success) return {};
  return {
    error: typeof parsed.data.error === 'string' ? parsed.data.error : undefined,
    message: typeof parsed.data.message === 'string' ? parsed.data.message : undefined,
  };
}
