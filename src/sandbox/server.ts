import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { silentLogger, type Logger } from '../logger.js';
import { FaultQueue } from './faults.js';
import { SandboxHttpError, unauthorized } from './http-error.js';
import { RateLimiter } from './rate-limiter.js';
import { createReader, type SandboxReader } from './reader.js';
import { routeName } from './route-match.js';
import { parseJson, readBody, recordableBody, tooLarge, type RawBody } from './request-body.js';
import { queryRecord } from './query-params.js';
import { Router, type Actor, type RouteMatch, type RouteResult } from './router.js';
import { sandboxRoutes } from './routes.js';
import { StateFile } from './state-file.js';
import { RequestStats } from './stats.js';
import { MemoryStore } from './store.js';
import { TokenIssuer } from './token-issuer.js';
import type { Sandbox, SandboxOptions } from './types.js';

// Port: confirmed (DOCS port-api.info.mdx — a token lives 3 hours)
const DEFAULT_TOKEN_TTL_SECONDS = 10_800;

interface Answer extends RouteResult {
  headers?: Record<string, string>;
}

interface Incoming {
  req: IncomingMessage;
  url: URL;
  method: string;
  matched: RouteMatch | undefined;
  body: RawBody;
  /** When the answer may leave (performance.now() ms): `latencyMs` after the request arrived. */
  answerAt: number;
}

/** A local server that answers Port's REST routes from memory, with Port's validation and limits. */
export function createSandbox(options: SandboxOptions = {}): Sandbox {
  return new PortSandbox(options);
}

class PortSandbox implements Sandbox {
  readonly store: MemoryStore;
  readonly stats = new RequestStats();
  readonly faults: FaultQueue;
  readonly reader: SandboxReader;
  private readonly tokens: TokenIssuer;
  private readonly router: Router;
  private readonly limiter: RateLimiter | undefined;
  private readonly stateFile: StateFile | undefined;
  private readonly logger: Logger;
  private readonly now: () => number;
  private server: Server | undefined;
  private address = '';

  constructor(private readonly options: SandboxOptions) {
    this.now = options.now ?? Date.now;
    this.logger = options.logger ?? silentLogger();
    this.store = new MemoryStore(this.now);
    this.reader = createReader(this.store);
    this.tokens = new TokenIssuer({
      ttlSeconds: options.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS,
      now: this.now,
      credentials: options.credentials,
    });
    this.faults = new FaultQueue(() => this.tokens.expireAll());
    this.limiter = options.rateLimit ? new RateLimiter(options.rateLimit.limit, options.rateLimit.periodSeconds, this.now) : undefined;
    const deps = { store: this.store, faults: this.faults, tokens: this.tokens, now: this.now };
    this.router = new Router(sandboxRoutes(deps, { stats: this.stats, reset: () => this.reset() }));
    if (options.stateFile) {
      this.stateFile = new StateFile(options.stateFile, () => this.store.toJSON(), this.logger);
      const saved = this.stateFile.read();
      if (saved !== undefined) this.store.load(saved);
    }
  }

  get url(): string {
    return this.address;
  }

  async start(port = 0, host = '127.0.0.1'): Promise<string> {
    if (this.server) return this.address;
    const server = createServer((req, res) => void this.handle(req, res));
    server.on('clientError', (_err, socket) => socket.destroy());
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    server.on('error', (err) => this.logger.error({ err }, 'Sandbox server error'));
    this.server = server;
    const { port: bound } = server.address() as AddressInfo;
    this.address = `http://${host.includes(':') ? `[${host}]` : host}:${bound}`;
    this.logger.info({ url: this.address }, 'Port sandbox listening');
    return this.address;
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    }
    await this.stateFile?.flush();
  }

  private reset(): void {
    this.store.reset();
    this.stats.reset();
    this.faults.clear();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // The latency is the server's response time: the answer leaves `latencyMs` after the request
    // arrived, the sandbox's own work included (or when that work is done, if it took longer).
    const answerAt = performance.now() + (this.options.latencyMs ?? 0);
    try {
      const url = new URL(req.url ?? '/', 'http://sandbox');
      const method = (req.method ?? 'GET').toUpperCase();
      const matched = this.router.match(method, url.pathname);
      const incoming: Incoming = { req, url, method, matched, body: await readBody(req), answerAt };
      this.answer(incoming, res);
    } catch (err) {
      // A client that went away mid-body, or a bug: either way the process keeps serving.
      this.logger.warn({ err }, 'Sandbox request failed');
      if (!res.headersSent) this.send(res, { status: 500, body: { ok: false, error: 'internal_error', message: 'Sandbox failure' } });
      else res.destroy();
    }
  }

  private answer(incoming: Incoming, res: ServerResponse): void {
    const { matched } = incoming;
    if (matched?.def.admin) {
      const answer = this.dispatch(incoming);
      this.send(res, answer, incoming.answerAt);
      if (matched.def.mutates) this.stateFile?.schedule();
      return;
    }
    const headers: Record<string, string> = {};
    const answer = this.gate(incoming, res, headers);
    if (answer === 'dropped') return this.record(incoming, 0);
    this.send(res, { ...answer, headers: { ...headers, ...answer.headers } }, incoming.answerAt);
    this.record(incoming, answer.status);
    if (matched?.def.mutates && answer.status < 300) this.stateFile?.schedule();
  }

  /** Rate limit, then injected faults, then the route: the order a gateway in front of Port imposes. */
  private gate(incoming: Incoming, res: ServerResponse, headers: Record<string, string>): Answer | 'dropped' {
    if (this.limiter) {
      const decision = this.limiter.take();
      Object.assign(headers, decision.headers);
      if (!decision.allowed) {
        // Port: assumed (open question 2; retry-after-on-429) — Port may not send Retry-After.
        const error = new SandboxHttpError(429, 'rate_limit_exceeded', 'Too many requests; retry after the window resets');
        return { status: 429, body: error.toBody(), headers: { 'retry-after': String(decision.retryAfterSeconds) } };
      }
    }
    const fault = this.faults.take({
      method: incoming.method,
      path: incoming.url.pathname,
      route: routeName(incoming.method, incoming.matched?.def.template),
    });
    if (fault?.kind === 'drop') {
      incoming.req.socket.destroy();
      res.destroy();
      return 'dropped';
    }
    if (fault) return { status: fault.status, body: fault.body, headers: fault.headers };
    return this.dispatch(incoming);
  }

  private dispatch(incoming: Incoming): Answer {
    const { matched, url, req } = incoming;
    try {
      const actor = matched?.def.public ? { clientId: 'anonymous' } : this.authenticate(req, url);
      if (incoming.body.raw === undefined) throw tooLarge();
      // Port: confirmed (SPEC 404 schema); the unknown-route wording is the sandbox's own.
      if (!matched) throw new SandboxHttpError(404, 'not_found', `Route ${incoming.method} ${url.pathname} not found`);
      const body = parseJson(incoming.body.raw);
      return matched.def.handle({ params: matched.params, query: url.searchParams, body, actor });
    } catch (error) {
      if (error instanceof SandboxHttpError) return { status: error.status, body: error.toBody(), headers: error.headers };
      this.logger.error({ err: error, path: url.pathname }, 'Sandbox route failed');
      return { status: 500, body: { ok: false, error: 'internal_error', message: 'Sandbox route failed' } };
    }
  }

  /** Port: confirmed (SPEC securitySchemes.bearer; 401 on every route) */
  private authenticate(req: IncomingMessage, url: URL): Actor {
    if (!url.pathname.startsWith('/v1/')) return { clientId: 'anonymous' };
    const header = req.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const clientId = match?.[1] ? this.tokens.verify(match[1]) : undefined;
    if (clientId === undefined) throw unauthorized();
    const userAgent = req.headers['user-agent'];
    return { clientId, ...(userAgent ? { userAgent } : {}) };
  }

  private record(incoming: Incoming, status: number): void {
    this.logger.debug({ method: incoming.method, path: incoming.url.pathname, status }, 'Sandbox request');
    const keep = this.options.recordBodies ?? true;
    const userAgent = incoming.req.headers['user-agent'];
    this.stats.record({
      method: incoming.method,
      path: incoming.url.pathname,
      route: routeName(incoming.method, incoming.matched?.def.template),
      query: queryRecord(incoming.url.searchParams),
      body: keep ? recordableBody(incoming.body.raw) : undefined,
      status,
      ...(userAgent ? { userAgent } : {}),
    });
  }

  /** Port: confirmed (DOCS port-api.info.mdx § Troubleshooting — an x-trace-id on every response) */
  private send(res: ServerResponse, answer: Answer, at?: number): void {
    const wait = at === undefined ? 0 : at - performance.now();
    if (wait > 0) {
      setTimeout(() => this.send(res, answer), wait);
      return;
    }
    if (res.destroyed) return;
    res.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8', 'x-trace-id': randomUUID(), ...answer.headers });
    res.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
  }
}
