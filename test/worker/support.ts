import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer } from 'node:net';
import type { Server } from 'node:http';
import { startCli } from '../support/cli.js';
import { closeServer, listenOnLoopback } from '../support/loopback.js';

export type LogLine = Record<string, unknown> & { msg?: string };

/** A `port-sync serve` child process, its JSON log lines and its exit. */
export class ServeProcess {
  readonly lines: LogLine[] = [];
  stdout = '';
  stderr = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private readonly child: ReturnType<typeof startCli>;
  private waiters: (() => void)[] = [];

  constructor(env: NodeJS.ProcessEnv) {
    this.child = startCli(['serve'], env);
    let partial = '';
    this.child.stdout.on('data', (d: Buffer) => (this.stdout += d.toString()));
    this.child.stderr.on('data', (d: Buffer) => {
      const text = d.toString();
      this.stderr += text;
      partial += text;
      const parts = partial.split('\n');
      partial = parts.pop() ?? '';
      for (const part of parts) {
        try {
          this.lines.push(JSON.parse(part) as LogLine);
        } catch {
          // not a log line (a stack trace from the loader); kept in stderr
        }
      }
      for (const wake of this.waiters.splice(0)) wake();
    });
    this.exited = new Promise((resolve) => this.child.on('exit', (code, signal) => resolve({ code, signal })));
    void this.exited.then(() => {
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  get pid(): number {
    return this.child.pid!;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  kill(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }

  /** Resolves with the first log line (from the start) that matches; fails after `timeoutMs`. */
  async waitForLog(match: (line: LogLine) => boolean, timeoutMs = 30_000, count = 1): Promise<LogLine> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.lines.filter(match);
      if (found.length >= count) return found[count - 1]!;
      if (!this.running) throw new Error(`serve exited before the log line came\n${this.stderr}`);
      if (Date.now() > deadline) throw new Error(`no such log line in ${timeoutMs} ms\n${this.stderr}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 200);
      });
    }
  }

  /** Lines with this message. */
  logged(msg: string | RegExp): LogLine[] {
    return this.lines.filter((l) => (typeof msg === 'string' ? l.msg === msg : msg.test(String(l.msg))));
  }

  async stop(): Promise<void> {
    if (this.running) this.kill('SIGKILL');
    await this.exited;
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface HttpAnswer {
  status: number;
  contentType: string;
  body: string;
}

/** A GET to the worker's HTTP port on loopback. */
export function get(port: number, path: string): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, contentType: String(res.headers['content-type'] ?? ''), body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** One sample of a metric, by its labels (all of them), from Prometheus text; undefined when absent. */
export function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)/.exec(line);
    if (!m || m[1] !== name) continue;
    const seen = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((x) => [x[1], x[2]]));
    const want = Object.entries(labels);
    if (want.length === Object.keys(seen).length && want.every(([k, v]) => seen[k] === v)) return Number(m[3]);
  }
  return undefined;
}

/**
 * A proxy in front of the Port sandbox that can hold the requests matching a rule until released,
 * so a test can signal the worker while a Port batch is in flight. Every request is recorded with
 * the time it reached the proxy and the time its answer came back.
 */
export class HoldingProxy {
  url = '';
  readonly seen: { method: string; path: string; arrivedAt: number; answeredAt?: number }[] = [];
  private server: Server | undefined;
  private rule: ((method: string, path: string) => boolean) | undefined;
  private held: (() => void)[] = [];
  private readonly heldResponses: ServerResponse[] = [];
  private waiters: (() => void)[] = [];

  constructor(private readonly target: string) {}

  async start(): Promise<string> {
    ({ server: this.server, url: this.url } = await listenOnLoopback((req, res) => this.forward(req, res)));
    return this.url;
  }

  /** Holds the next request this matches (only one). */
  holdNext(rule: (method: string, path: string) => boolean): void {
    this.rule = rule;
  }

  async waitForHeld(): Promise<void> {
    while (this.held.length === 0) await new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  release(): void {
    this.heldResponses.length = 0;
    for (const go of this.held.splice(0)) go();
  }

  /** Drops the requests held: they never reach the sandbox, and their clients see the socket close. */
  drop(): void {
    this.held = [];
    for (const res of this.heldResponses.splice(0)) res.destroy();
  }

  /** Closes the proxy; requests still held are dropped, never forwarded to a later test's sandbox. */
  async close(): Promise<void> {
    this.drop();
    await closeServer(this.server);
  }

  private forward(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '/';
      const record: (typeof this.seen)[number] = { method: req.method ?? 'GET', path, arrivedAt: Date.now() };
      this.seen.push(record);
      const send = () => {
        const target = new URL(path, this.target);
        const out = httpRequest(
          {
            host: target.hostname,
            port: target.port,
            path,
            method: req.method,
            headers: { ...req.headers, host: target.host },
            agent: false,
          },
          (answer) => {
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(res);
            answer.on('end', () => (record.answeredAt = Date.now()));
          },
        );
        out.on('error', () => res.destroy());
        out.end(Buffer.concat(chunks));
      };
      if (this.rule?.(record.method, path)) {
        this.rule = undefined;
        this.held.push(send);
        this.heldResponses.push(res);
        for (const wake of this.waiters.splice(0)) wake();
      } else send();
    });
  }
}
