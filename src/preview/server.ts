import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { SandboxReader } from '../sandbox/index.js';
import { answerApi } from './api.js';
import { PAGE_ASSETS } from './assets.js';

export interface PreviewPage {
  /** `http://127.0.0.1:PORT/` */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * The local preview page: its HTML, script and styles (bundled, nothing from the network) and its
 * read-only JSON API, on 127.0.0.1 only. Every answer is computed from the sandbox at request time.
 */
export async function startPreviewPage(reader: SandboxReader, options: { port?: number; logger: Logger }): Promise<PreviewPage> {
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://preview');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'application/json' }).end(JSON.stringify({ error: 'read_only' }));
      return;
    }
    const asset = PAGE_ASSETS[url.pathname === '/' ? '/index.html' : url.pathname];
    if (asset) {
      res.writeHead(200, { 'content-type': asset.type, 'cache-control': 'no-store' }).end(asset.body);
      return;
    }
    try {
      const answer = answerApi(reader, url.pathname);
      res
        .writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' })
        .end(JSON.stringify(answer.body));
    } catch (err) {
      options.logger.error({ err, path: url.pathname }, 'Preview page request failed');
      res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'internal_error' }));
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(
        err.code === 'EADDRINUSE'
          ? new ConfigError([`--port: 127.0.0.1:${options.port ?? 0} is in use; pick another port (0: any free one)`])
          : err,
      ),
    );
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}/`;
  options.logger.info({ url }, 'Preview page listening');
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
