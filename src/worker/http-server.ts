import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../logger.js';
import type { WorkerMetrics } from './metrics.js';
import type { ReadinessState } from './readiness.js';

export interface HealthServer {
  /** The port bound (HTTP_PORT, or the one the OS chose for 0). */
  readonly port: number;
  close(): Promise<void>;
}

/**
 * `GET /healthz` (200 while the process lives), `GET /readyz` (200, or 503 with a JSON reason) and
 * `GET /metrics` (Prometheus text), on every interface so the kubelet and Prometheus reach it.
 */
export async function startHealthServer(
  port: number,
  deps: { readiness: ReadinessState; metrics: WorkerMetrics; logger: Logger },
  host = '0.0.0.0',
): Promise<HealthServer> {
  const server = createServer((req, res) => void answer(req, res, deps));
  // Probes and scrapes are short; a socket idle this long is a client that went away.
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (err) => deps.logger.error({ err }, 'Health server error'));
  const bound = (server.address() as AddressInfo).port;
  deps.logger.info({ port: bound }, 'Health and metrics server listening');
  return { port: bound, close: () => close(server) };
}

async function answer(
  req: IncomingMessage,
  res: ServerResponse,
  deps: { readiness: ReadinessState; metrics: WorkerMetrics; logger: Logger },
): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://worker').pathname;
  if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'application/json', { error: 'method not allowed' });
  try {
    switch (path) {
      case '/healthz':
        return send(res, 200, 'application/json', { status: 'ok' });
      case '/readyz': {
        const state = deps.readiness.current;
        return send(
          res,
          state.ready ? 200 : 503,
          'application/json',
          state.ready ? { status: 'ready', ...state } : { status: 'not ready', ...state },
        );
      }
      case '/metrics':
        return send(res, 200, deps.metrics.contentType, await deps.metrics.text());
      default:
        return send(res, 404, 'application/json', { error: 'not found', paths: ['/healthz', '/readyz', '/metrics'] });
    }
  } catch (err) {
    deps.logger.error({ err, path }, 'Health server request failed');
    if (!res.headersSent) send(res, 500, 'application/json', { error: 'internal error' });
    else res.destroy();
  }
}

function send(res: ServerResponse, status: number, contentType: string, body: unknown): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
  res.end(res.req.method === 'HEAD' ? undefined : text);
}

/** Stops listening and ends idle keep-alive sockets; a request being answered finishes first. */
function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}
