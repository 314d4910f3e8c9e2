import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { closeServer, listenOnLoopback } from './loopback.js';

export interface SeenRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: unknown;
}

export type Reply = { status: number; body?: unknown; headers?: Record<string, string> } | { drop: true };

export type Handler = (req: SeenRequest) => Reply | Promise<Reply>;

/**
 * A bare HTTP server that answers from a handler and records every request: for the client
 * behaviours a well-behaved sandbox never shows (retry storms, odd headers, broken bodies).
 */
export class RawServer {
  readonly requests: SeenRequest[] = [];
  private server: Server | undefined;
  url = '';

  constructor(private handler: Handler) {}

  setHandler(handler: Handler): void {
    this.handler = handler;
  }

  async start(): Promise<string> {
    ({ server: this.server, url: this.url } = await listenOnLoopback((req, res) => void this.handle(req, res)));
    return this.url;
  }

  async close(): Promise<void> {
    await closeServer(this.server);
  }

  /** Requests other than the token request. */
  apiRequests(): SeenRequest[] {
    return this.requests.filter((r) => r.path !== '/v1/auth/access_token');
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://x');
    const seen: SeenRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body: text ? safeJson(text) : undefined,
    };
    this.requests.push(seen);
    const reply = await this.handler(seen);
    if ('drop' in reply) {
      req.socket.destroy();
      return;
    }
    res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
    res.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** A JWT-shaped token whose `exp` claim is `expSeconds`. */
export function fakeJwt(expSeconds: number, id = 'a'): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ exp: expSeconds, sub: id })}.sig-${id}`;
}

/** Handler wrapper that answers the token route and passes everything else on. */
export function withAuth(handler: Handler, token: () => string = () => fakeJwt(Math.floor(Date.now() / 1000) + 3600)): Handler {
  return (req) =>
    req.path === '/v1/auth/access_token'
      ? { status: 200, body: { ok: true, accessToken: token(), expiresIn: 3600, tokenType: 'Bearer' } }
      : handler(req);
}
