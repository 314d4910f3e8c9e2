import axios, { type AxiosInstance } from 'axios';
import { PortApiError, PortAuthError } from '../src/errors.js';
import type { PortHttp, PortRequest } from '../src/port/http.js';
import { SetupError } from './check.js';

/**
 * Client errors a probe observes instead of failing on. 401 and 403 stay errors (the credentials
 * are refused: exit 3); 408/429/5xx stay retried by PortHttp, as in a real sync.
 */
export const OBSERVED_STATUSES: readonly number[] = [400, 404, 409, 413, 422];

export interface Observed {
  status: number;
  body: unknown;
  /** Only raw requests carry headers; PortHttp does not hand them out. */
  headers: Record<string, string>;
}

export type Query = PortRequest['query'];

export interface RawRequest {
  method: 'GET' | 'POST';
  path: string;
  /** Sent byte for byte, so a body that is not JSON reaches the server as it is. */
  body?: string;
  /** The bearer token: the live one by default, a given string, or none. */
  auth?: { token: string } | 'none';
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/i;

/** Reads `a.b.0.c` out of a JSON body; undefined when any step is missing. */
export function at(value: unknown, path: string): unknown {
  let current = value;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** `422 invalid_entity`: the status and Port's `error` code, the pair most assumptions name. */
export function statusCode(o: Observed): string {
  const code = at(o.body, 'error');
  return typeof code === 'string' ? `${o.status} ${code}` : String(o.status);
}

/** Per-entity bulk errors as `index:status code`, in index order. */
export function bulkErrors(o: Observed): string[] {
  return list(at(o.body, 'errors')).map((e) => `${String(at(e, 'index'))}:${String(at(e, 'statusCode'))} ${String(at(e, 'error'))}`);
}

/**
 * Requests whose answers are looked at rather than acted on. Authenticated calls go through
 * PortHttp (auth, retries, pacing); raw calls exist for what PortHttp deliberately hides: headers,
 * a body that is not JSON, a bad token, bad credentials.
 */
export class Probe {
  /** Answers received at all; without one, nothing can have been written. */
  answered = 0;
  private readonly axios: AxiosInstance;

  constructor(
    private readonly http: PortHttp,
    baseUrl: string,
    userAgent: string,
    private readonly currentToken: () => string | undefined,
  ) {
    const loopback = LOOPBACK.test(new URL(baseUrl).hostname);
    this.axios = axios.create({
      baseURL: `${baseUrl.replace(/\/+$/, '')}/v1`,
      timeout: 30_000,
      headers: { 'User-Agent': userAgent, Accept: 'application/json', 'Content-Type': 'application/json' },
      ...(loopback ? { proxy: false as const } : {}),
      validateStatus: () => true,
      // Identity: axios would otherwise re-encode a string body that is not JSON into valid JSON.
      transformRequest: [(data: unknown) => data],
      maxBodyLength: Infinity,
    });
  }

  async call(method: PortRequest['method'], path: string, options: { query?: Query; body?: unknown } = {}): Promise<Observed> {
    try {
      const res = await this.http.request({ route: `contract ${method} ${path}`, method, path, ...options, accept: OBSERVED_STATUSES });
      this.answered += 1;
      return { status: res.status, body: res.data, headers: {} };
    } catch (error) {
      // A refused token means nothing was written; any other answer may have followed a write.
      if (error instanceof PortApiError && !(error instanceof PortAuthError) && error.status !== undefined) this.answered += 1;
      throw error;
    }
  }

  /** A call that must succeed because a probe builds on it. */
  async ok(method: PortRequest['method'], path: string, options: { query?: Query; body?: unknown } = {}): Promise<Observed> {
    const res = await this.call(method, path, options);
    if (res.status >= 300) {
      const message = at(res.body, 'message');
      throw new SetupError(`${method} ${path} answered ${statusCode(res)}${typeof message === 'string' ? `: ${message}` : ''}`);
    }
    return res;
  }

  async raw(req: RawRequest): Promise<Observed> {
    const auth = req.auth ?? { token: this.liveToken() };
    const res = await this.axios.request({
      method: req.method,
      url: req.path,
      data: req.body,
      headers: auth === 'none' ? {} : { Authorization: `Bearer ${auth.token}` },
    });
    this.answered += 1;
    const headers: Record<string, string> = {};
    for (const [key, value] of Object.entries(res.headers as Record<string, unknown>)) {
      if (typeof value === 'string') headers[key.toLowerCase()] = value;
    }
    return { status: res.status, body: res.data as unknown, headers };
  }

  private liveToken(): string {
    const token = this.currentToken();
    if (!token) throw new Error('No access token yet: a raw probe must follow an authenticated call');
    return token;
  }
}

/** Path segment for an identifier; ours are URL-safe, but the encoding keeps that from mattering. */
export const seg = (identifier: string): string => encodeURIComponent(identifier);
