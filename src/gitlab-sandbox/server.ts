import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { closeServer, listenOnLoopback } from './loopback.js';
import { FakeEstate, type FakeProjectSpec } from './estate.js';
import { Faults, type Fault, type FaultRule } from './faults.js';
import type { PagingHeaders } from './paging.js';
import { answer, matchRoute, type FakeReply, type RouteKind, type RouteMatch } from './routes.js';

export interface GitlabFakeOptions {
  /** The token the fake accepts in `PRIVATE-TOKEN`; anything else is answered 401. */
  token?: string;
  /** GitLab under a relative URL root, e.g. `/gitlab`: every route lives below it. */
  relativeRoot?: string;
  /** Which pagination headers offset pages carry; both by default, as GitLab sends them. */
  paging?: PagingHeaders;
  /** Whether trees page by keyset when asked (`pagination=keyset`), as GitLab has since 2024; older ones page by offset. */
  keysetTrees?: boolean;
  projects?: FakeProjectSpec[];
  /** Groups without projects (groups with projects exist anyway). */
  groups?: string[];
}

export interface RecordedRequest {
  method: string;
  /** As sent (path parameters URI-encoded), without the relative root. */
  path: string;
  kind: RouteKind | 'unexpected';
  /** Decoded path parameters: group or project, then branch or file path. */
  params: string[];
  query: Record<string, string>;
  /** Every header but `private-token`, whose value is never recorded. */
  headers: Record<string, string | string[] | undefined>;
  token: 'valid' | 'wrong' | 'missing';
  /** The status answered; absent while the request is held or hangs. */
  status?: number;
}

export type FakeCounts = Record<RouteKind | 'unexpected' | 'total', number>;

export const FAKE_GITLAB_TOKEN = 'glpat-fake-token-0123456789';

/**
 * A local GitLab REST API v4, as gitbeaker calls it: group projects, branches, trees, raw files and
 * tags over an estate model, with faults, a relative URL root, and a record of every request.
 */
export class GitlabFake {
  readonly estate: FakeEstate;
  readonly requests: RecordedRequest[] = [];
  readonly token: string;
  readonly relativeRoot: string;
  paging: PagingHeaders;
  keysetTrees: boolean;
  /** The GitLab URL a client is given: origin plus relative root. */
  url = '';
  inFlight = 0;
  maxInFlight = 0;
  private readonly faults: Faults;
  private held: (() => void)[] = [];
  private heldWaiters: (() => void)[] = [];
  private server: Server | undefined;
  private origin = '';

  constructor(options: GitlabFakeOptions = {}) {
    this.estate = new FakeEstate(options.projects, options.groups);
    this.token = options.token ?? FAKE_GITLAB_TOKEN;
    this.relativeRoot = (options.relativeRoot ?? '').replace(/\/+$/, '');
    this.paging = options.paging ?? 'both';
    this.keysetTrees = options.keysetTrees ?? true;
    this.faults = new Faults(this.estate);
  }

  async start(): Promise<this> {
    ({ server: this.server, url: this.origin } = await listenOnLoopback((req, res) => this.handle(req, res)));
    this.url = `${this.origin}${this.relativeRoot}`;
    return this;
  }

  async close(): Promise<void> {
    this.release();
    await closeServer(this.server);
  }

  inject(rule: FaultRule): Fault {
    return this.faults.add(rule);
  }

  /** Every request about `project` fails with `status` (500 by default). */
  failProject(project: string | number, status = 500): Fault {
    return this.faults.add({ project, status });
  }

  /** Answers every request a `hold` rule is holding. */
  release(): void {
    const held = this.held;
    this.held = [];
    for (const go of held) go();
  }

  /** Resolves once at least `n` requests are being held. */
  async waitForHeld(n: number): Promise<void> {
    while (this.held.length < n) await new Promise<void>((resolve) => this.heldWaiters.push(resolve));
  }

  get heldCount(): number {
    return this.held.length;
  }

  counts(): FakeCounts {
    const counts: FakeCounts = { projects: 0, branch: 0, tree: 0, raw: 0, tags: 0, unexpected: 0, total: this.requests.length };
    for (const r of this.requests) counts[r.kind] += 1;
    return counts;
  }

  unexpected(): RecordedRequest[] {
    return this.requests.filter((r) => r.kind === 'unexpected');
  }

  /** Forgets requests, faults and the in-flight peak; the estate stays. */
  reset(): void {
    this.requests.length = 0;
    this.faults.clear();
    this.maxInFlight = this.inFlight;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    res.on('close', () => (this.inFlight -= 1));
    const url = new URL(req.url ?? '/', this.origin);
    const match = this.route(req.method ?? 'GET', url.pathname);
    const record = this.record(req, url, match);
    if (!match) return this.send(res, record, { status: 404, json: { error: '404 Not Found' } });
    const effect = this.faults.apply({ match, path: decodeURIComponent(record.path) });
    if (effect.hang) return;
    const reply = (): void => {
      const real =
        effect.reply ?? (record.token === 'valid' ? this.answer(match, url) : { status: 401, json: { message: '401 Unauthorized' } });
      this.send(res, record, { ...real, headers: { ...real.headers, ...effect.headers } });
    };
    if (!effect.hold) return reply();
    this.held.push(reply);
    for (const wake of this.heldWaiters.splice(0)) wake();
  }

  /** The route under the relative root, for a GET; undefined for anything else. */
  private route(method: string, pathname: string): RouteMatch | undefined {
    const root = `${this.relativeRoot}/api/v4/`;
    if (method !== 'GET' || !pathname.startsWith(root)) return undefined;
    try {
      return matchRoute(pathname.slice(root.length).split('/').map(decodeURIComponent));
    } catch {
      return undefined;
    }
  }

  private record(req: IncomingMessage, url: URL, match: RouteMatch | undefined): RecordedRequest {
    const { 'private-token': sent, ...headers } = req.headers;
    const path = url.pathname.startsWith(this.relativeRoot) ? url.pathname.slice(this.relativeRoot.length) : url.pathname;
    const record: RecordedRequest = {
      method: req.method ?? 'GET',
      path,
      kind: match?.kind ?? 'unexpected',
      params: match?.params ?? [],
      query: Object.fromEntries(url.searchParams),
      headers,
      token: sent === undefined ? 'missing' : sent === this.token ? 'valid' : 'wrong',
    };
    this.requests.push(record);
    return record;
  }

  private answer(match: RouteMatch, url: URL): FakeReply {
    return answer(match, {
      estate: this.estate,
      query: url.searchParams,
      selfUrl: url,
      webRoot: this.url,
      paging: this.paging,
      keysetTrees: this.keysetTrees,
    });
  }

  private send(res: ServerResponse, record: RecordedRequest, reply: FakeReply): void {
    record.status = reply.status;
    const isText = reply.text !== undefined;
    const contentType = isText ? 'text/plain; charset=utf-8' : 'application/json';
    res.writeHead(reply.status, { 'content-type': contentType, ...reply.headers });
    res.end(isText ? reply.text : JSON.stringify(reply.json ?? null));
  }
}

export async function startGitlabFake(options: GitlabFakeOptions = {}): Promise<GitlabFake> {
  return new GitlabFake(options).start();
}
