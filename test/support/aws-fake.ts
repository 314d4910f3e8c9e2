import { type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { closeServer, listenOnLoopback } from './loopback.js';

/**
 * A local server speaking the three AWS protocols the aws source uses, for what moto cannot show:
 * per-region refusals, expired pagination tokens, opt-in regions, Organizations with roles.
 * - awsJson1_1 (Tagging API, Organizations): `POST /` routed by `x-amz-target`;
 * - awsQuery (STS): form body routed by `Action`, XML answers;
 * - restJson1 (EKS): routed by method and path.
 * Every request is recorded with the region, access key and session token it was signed with; a
 * request the handler does not answer is recorded as unexpected and refused with a 400 the SDK
 * does not retry, so a test can assert there were none.
 */
export interface AwsCall {
  /** The SigV4 signing name: tagging, eks, sts, organizations. */
  service: string;
  action: string;
  region: string;
  accessKeyId: string;
  sessionToken?: string;
  /** The JSON body, the form fields, or EKS's path and query parameters. */
  params: Record<string, unknown>;
  /** From `amz-sdk-request: attempt=N; max=M`. */
  attempt: number;
  maxAttempts: number;
}

export type AwsReply =
  /** 200 with this body, JSON for JSON protocols. */
  | { json: unknown }
  /** 200 with this XML body (awsQuery). */
  | { xml: string }
  /** An error in the request's protocol; status defaults to 400. */
  | { error: string; message?: string; status?: number };

/** Answers a call, or returns undefined when the test did not expect it. */
export type AwsHandler = (call: AwsCall) => AwsReply | undefined | Promise<AwsReply | undefined>;

type Protocol = 'json' | 'query' | 'rest';

export class AwsFake {
  readonly calls: AwsCall[] = [];
  readonly unexpected: AwsCall[] = [];
  url = '';
  private server: Server | undefined;

  constructor(private handler: AwsHandler = () => undefined) {}

  on(handler: AwsHandler): void {
    this.handler = handler;
  }

  /** The calls of one action, in order. */
  of(action: string): AwsCall[] {
    return this.calls.filter((c) => c.action === action);
  }

  async start(): Promise<string> {
    ({ server: this.server, url: this.url } = await listenOnLoopback((req, res) => void this.handle(req, res)));
    return this.url;
  }

  async close(): Promise<void> {
    await closeServer(this.server);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const { protocol, action, params } = route(req, body);
    const scope = /Credential=([^/]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(String(req.headers.authorization ?? ''));
    const token = req.headers['x-amz-security-token'];
    const call: AwsCall = {
      service: scope?.[3] ?? '',
      action,
      region: scope?.[2] ?? '',
      accessKeyId: scope?.[1] ?? '',
      ...(typeof token === 'string' ? { sessionToken: token } : {}),
      params,
      attempt: Number(/attempt=(\d+)/.exec(String(req.headers['amz-sdk-request'] ?? ''))?.[1] ?? 1),
      maxAttempts: Number(/max=(\d+)/.exec(String(req.headers['amz-sdk-request'] ?? ''))?.[1] ?? 1),
    };
    this.calls.push(call);
    let reply = await this.handler(call);
    if (reply === undefined) {
      this.unexpected.push(call);
      reply = { error: 'UnexpectedRequest', message: `the test did not expect ${call.service} ${action}` };
    }
    send(res, protocol, reply);
  }
}

function route(req: IncomingMessage, body: string): { protocol: Protocol; action: string; params: Record<string, unknown> } {
  const target = req.headers['x-amz-target'];
  if (typeof target === 'string') {
    return {
      protocol: 'json',
      action: target.split('.').pop() ?? target,
      params: body ? (JSON.parse(body) as Record<string, unknown>) : {},
    };
  }
  if (String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
    const form = Object.fromEntries(new URLSearchParams(body));
    return { protocol: 'query', action: form.Action ?? '', params: form };
  }
  const url = new URL(req.url ?? '/', 'http://fake');
  const query = Object.fromEntries(url.searchParams);
  const cluster = /^\/clusters\/([^/]+)$/.exec(url.pathname);
  if (req.method === 'GET' && url.pathname === '/clusters') return { protocol: 'rest', action: 'ListClusters', params: query };
  if (req.method === 'GET' && cluster)
    return { protocol: 'rest', action: 'DescribeCluster', params: { ...query, name: decodeURIComponent(cluster[1]!) } };
  return { protocol: 'rest', action: `${req.method} ${url.pathname}`, params: query };
}

function send(res: ServerResponse, protocol: Protocol, reply: AwsReply): void {
  if ('xml' in reply) {
    res.writeHead(200, { 'content-type': 'text/xml' }).end(reply.xml);
  } else if ('json' in reply) {
    const type = protocol === 'json' ? 'application/x-amz-json-1.1' : 'application/json';
    res.writeHead(200, { 'content-type': type }).end(JSON.stringify(reply.json));
  } else {
    const status = reply.status ?? 400;
    const message = reply.message ?? reply.error;
    if (protocol === 'query') {
      const xml = `<ErrorResponse><Error><Type>Sender</Type><Code>${reply.error}</Code><Message>${escapeXml(message)}</Message></Error><RequestId>fake</RequestId></ErrorResponse>`;
      res.writeHead(status, { 'content-type': 'text/xml' }).end(xml);
    } else if (protocol === 'json') {
      res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' }).end(JSON.stringify({ __type: reply.error, message }));
    } else {
      res.writeHead(status, { 'content-type': 'application/json', 'x-amzn-errortype': reply.error }).end(JSON.stringify({ message }));
    }
  }
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** An awsQuery success body: `<ActionResponse><ActionResult>inner</ActionResult></ActionResponse>`. */
export function queryResult(action: string, inner: string): { xml: string } {
  return { xml: `<${action}Response><${action}Result>${inner}</${action}Result></${action}Response>` };
}

export function callerIdentityReply(accountId: string, partition = 'aws'): { xml: string } {
  return queryResult(
    'GetCallerIdentity',
    `<Arn>arn:${partition}:iam::${accountId}:user/port-sync</Arn><UserId>AIDAFAKE</UserId><Account>${accountId}</Account>`,
  );
}

export interface FakeCredentials {
  accessKeyId: string;
  secretAccessKey?: string;
  sessionToken?: string;
  expiration: Date;
}

export function assumeRoleReply(c: FakeCredentials): { xml: string } {
  return queryResult(
    'AssumeRole',
    `<Credentials><AccessKeyId>${c.accessKeyId}</AccessKeyId><SecretAccessKey>${c.secretAccessKey ?? 'secret'}</SecretAccessKey>` +
      `<SessionToken>${c.sessionToken ?? `token-${c.accessKeyId}`}</SessionToken><Expiration>${c.expiration.toISOString()}</Expiration></Credentials>`,
  );
}
