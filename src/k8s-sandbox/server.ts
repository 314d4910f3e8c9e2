import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loopbackCertificate } from './certificate.js';
import { LIST_KINDS, namespaceFilter, served, type Resource, type SandboxWorkload } from './workloads.js';

/** How the sandbox judges a bearer token: accepted, unknown (401) or not allowed (403). */
export type TokenVerdict = 'ok' | 'unauthorized' | 'forbidden';

export interface KubernetesSandboxOptions {
  workloads?: SandboxWorkload[];
  /** The token accepted when no `verify` is given. */
  token?: string;
  /** Judges every bearer token (tests check an EKS token's presigned URL and signature here). */
  verify?: (token: string) => TokenVerdict | Promise<TokenVerdict>;
}

export interface RecordedRequest {
  method: string;
  path: string;
  resource: Resource | 'unexpected';
  query: Record<string, string>;
  /** What the token was judged; the token itself is never recorded. */
  token: TokenVerdict | 'missing';
  status?: number;
}

export const FAKE_K8S_TOKEN = 'k8s-sandbox-token-0123456789';

/** Requests answered with this status instead of their list, for one resource or all of them. */
interface Fault {
  resource?: Resource;
  status: number;
}

const LIST_PATH = /^\/apis\/apps\/v1\/(deployments|statefulsets)$/;

/**
 * A local Kubernetes API server over HTTPS (the client refuses plain http), answering the
 * cluster-wide apps/v1 lists of Deployments and StatefulSets as the API server does: limit and
 * continue tokens, namespace field selectors, readyReplicas omitted at 0, 401/403 for a refused
 * token. Its certificate is self-signed; `caData` is what a kubeconfig or DescribeCluster hands
 * over. Every request is recorded, never its token. The demo's cluster and the tests'.
 */
export class KubernetesSandbox {
  readonly requests: RecordedRequest[] = [];
  workloads: SandboxWorkload[];
  readonly token: string;
  url = '';
  /** The certificate authority as base64 PEM, as EKS returns `certificateAuthority.data`. */
  caData = '';
  private readonly verify: (token: string) => TokenVerdict | Promise<TokenVerdict>;
  private faults: Fault[] = [];
  private server: Server | undefined;

  constructor(options: KubernetesSandboxOptions = {}) {
    this.workloads = options.workloads ?? [];
    this.token = options.token ?? FAKE_K8S_TOKEN;
    this.verify = options.verify ?? ((token) => (token === this.token ? 'ok' : 'unauthorized'));
  }

  async start(): Promise<this> {
    const { cert, key } = await loopbackCertificate();
    this.caData = Buffer.from(cert, 'utf8').toString('base64');
    this.server = createServer({ cert, key }, (req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `https://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Every list (or one resource's) is answered with `status` from now on. */
  fail(status: number, resource?: Resource): void {
    this.faults.push({ status, ...(resource ? { resource } : {}) });
  }

  /** Forgets requests and faults; the workloads stay. */
  reset(): void {
    this.requests.length = 0;
    this.faults = [];
  }

  unexpected(): RecordedRequest[] {
    return this.requests.filter((r) => r.resource === 'unexpected');
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'https://sandbox');
    const list = LIST_PATH.exec(url.pathname);
    const auth = /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ''));
    const record: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      resource: req.method === 'GET' && list ? (list[1] as Resource) : 'unexpected',
      query: Object.fromEntries(url.searchParams),
      token: auth ? await this.verify(auth[1]!) : 'missing',
    };
    this.requests.push(record);
    const send = (status: number, body: unknown): void => {
      record.status = status;
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    if (record.token !== 'ok') {
      const status = record.token === 'forbidden' ? 403 : 401;
      return send(status, failure(status, status === 403 ? 'Forbidden' : 'Unauthorized'));
    }
    if (record.resource === 'unexpected') return send(404, failure(404, 'NotFound'));
    const fault = this.faults.find((f) => f.resource === undefined || f.resource === record.resource);
    if (fault) return send(fault.status, failure(fault.status, 'InternalError'));
    const inNamespace = namespaceFilter(url.searchParams.get('fieldSelector'));
    if (!inNamespace) return send(400, failure(400, 'BadRequest'));
    send(200, this.page(record.resource, url.searchParams, inNamespace));
  }

  private page(resource: Resource, query: URLSearchParams, inNamespace: (ns: string) => boolean): unknown {
    const kind = LIST_KINDS[resource];
    const all = this.workloads
      .map((w, i) => ({ w, i }))
      .filter(({ w }) => w.kind === kind && inNamespace(w.namespace))
      .sort((a, b) => `${a.w.namespace}/${a.w.name}`.localeCompare(`${b.w.namespace}/${b.w.name}`));
    const start = Number(Buffer.from(query.get('continue') ?? '', 'base64url').toString('utf8') || '0');
    const limit = Number(query.get('limit') ?? '0');
    const end = limit > 0 ? start + limit : all.length;
    const items = all.slice(start, end).map(({ w, i }) => served(w, i));
    const more = end < all.length;
    return {
      kind: `${kind}List`,
      apiVersion: 'apps/v1',
      metadata: {
        resourceVersion: '5000',
        ...(more ? { continue: Buffer.from(String(end), 'utf8').toString('base64url'), remainingItemCount: all.length - end } : {}),
      },
      items,
    };
  }
}

function failure(code: number, reason: string): unknown {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: reason.toLowerCase(), reason, code };
}

export async function startKubernetesSandbox(options: KubernetesSandboxOptions = {}): Promise<KubernetesSandbox> {
  return new KubernetesSandbox(options).start();
}
