import { type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { closeServer, listenOnLoopback } from './loopback.js';

/**
 * A local Cost Explorer (awsJson1_1, `x-amz-target: AWSInsightsIndexService.<Operation>`) and STS
 * (awsQuery: form in, XML out) on 127.0.0.1, for what moto cannot serve: paging and months of
 * Cost Explorer. It records every request; anything it does not know is answered with an error
 * and recorded as `unknown`, so a test can assert nothing unexpected reached it.
 */

export type Operation = 'GetCostAndUsage' | 'ListCostAllocationTags' | 'AssumeRole' | 'unknown';

export interface FakeRequest {
  operation: Operation;
  /** x-amz-target or the STS Action, as sent. */
  target: string;
  headers: IncomingHttpHeaders;
  /** The JSON body (Cost Explorer) or the form fields (STS). */
  body: Record<string, unknown>;
  /** The SDK's attempt number of this request, from `amz-sdk-request: attempt=N; max=M`. */
  attempt: number;
}

export interface FakeGroup {
  /** The tag value; '' is untagged spend. */
  value: string;
  amount: string | number;
  unit?: string;
}

export interface FakeMonth {
  /** YYYY-MM */
  month: string;
  estimated?: boolean;
  groups: FakeGroup[];
}

/** One GetCostAndUsage page: the months it reports (a month may recur on later pages with other groups). */
export type FakePage = FakeMonth[];

export interface FakeReply {
  status: number;
  body: string;
  contentType?: string;
}

export interface FakeFailure {
  status: number;
  /** The error code, e.g. LimitExceededException, AccessDeniedException, AccessDenied. */
  code: string;
  message?: string;
  /** How many matching requests fail; every one by default. */
  times?: number;
  /** Only requests for this GetCostAndUsage page (0-based). */
  page?: number;
}

export const ROLE_CREDENTIALS = {
  accessKeyId: 'ASIAROLEFAKE',
  secretAccessKey: 'role-secret-fake',
  sessionToken: 'role-session-token-fake',
};

const JSON_TYPE = 'application/x-amz-json-1.1';
const CE_PREFIX = 'AWSInsightsIndexService.';

export class CostFake {
  readonly requests: FakeRequest[] = [];
  url = '';
  /** The pages GetCostAndUsage serves: page i answers the token `np-<i>` (page 0 answers no token). */
  pages: FakePage[] = [[]];
  tags: { TagKey: string; Status: string; Type?: string }[] = [{ TagKey: 'service', Status: 'Active', Type: 'UserDefined' }];
  /** Replaces the NextPageToken the fake would send after page i, e.g. to repeat a token. */
  tokenAfter: (page: number) => string | undefined = (page) => (page + 1 < this.pages.length ? `np-${page + 1}` : undefined);
  /** Runs on each recorded request before it is answered, e.g. to abort the run while it waits. */
  beforeReply: (request: FakeRequest) => void | Promise<void> = () => undefined;
  private readonly failures: (FakeFailure & { operation: Operation; used: number })[] = [];
  private server: Server | undefined;

  async start(): Promise<string> {
    ({ server: this.server, url: this.url } = await listenOnLoopback((req, res) => void this.handle(req, res)));
    return this.url;
  }

  async close(): Promise<void> {
    await closeServer(this.server);
  }

  fail(operation: Operation, failure: FakeFailure): void {
    this.failures.push({ ...failure, operation, used: 0 });
  }

  requestsFor(operation: Operation): FakeRequest[] {
    return this.requests.filter((r) => r.operation === operation);
  }

  unexpected(): FakeRequest[] {
    return this.requestsFor('unknown');
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const request = parseRequest(req, text);
    this.requests.push(request);
    await this.beforeReply(request);
    const reply = this.reply(request);
    res.writeHead(reply.status, { 'content-type': reply.contentType ?? JSON_TYPE });
    res.end(reply.body);
  }

  private reply(request: FakeRequest): FakeReply {
    const page = request.operation === 'GetCostAndUsage' ? this.pageOf(request.body.NextPageToken) : undefined;
    const failure = this.failures.find(
      (f) => f.operation === request.operation && f.used < (f.times ?? Infinity) && (f.page === undefined || f.page === page),
    );
    if (failure) {
      failure.used += 1;
      return request.operation === 'AssumeRole'
        ? stsError(failure)
        : jsonError(failure.status, failure.code, failure.message ?? failure.code);
    }
    switch (request.operation) {
      case 'GetCostAndUsage':
        return page === undefined ? jsonError(400, 'InvalidNextTokenException', 'unknown NextPageToken') : this.costPage(request, page);
      case 'ListCostAllocationTags':
        return this.allocationTags(request);
      case 'AssumeRole':
        return assumeRole();
      default:
        return jsonError(400, 'UnknownOperationException', `the fake does not serve ${request.target}`);
    }
  }

  private pageOf(token: unknown): number | undefined {
    if (token === undefined) return 0;
    for (let i = 0; i < this.pages.length; i += 1) if (this.tokenAfter(i) === token) return i + 1;
    return undefined;
  }

  private costPage(request: FakeRequest, page: number): FakeReply {
    const metric = (request.body.Metrics as string[] | undefined)?.[0] ?? 'UnblendedCost';
    const groupBy = (request.body.GroupBy as { Type: string; Key: string }[] | undefined)?.[0];
    const tagKey = groupBy?.Key ?? 'service';
    const months = this.pages[page] ?? [];
    const body = {
      GroupDefinitions: groupBy ? [groupBy] : [],
      ResultsByTime: months.map((m) => ({
        TimePeriod: { Start: `${m.month}-01`, End: nextMonthStart(m.month) },
        Total: {},
        Estimated: m.estimated ?? false,
        Groups: m.groups.map((g) => ({
          Keys: [`${tagKey}$${g.value}`],
          Metrics: { [metric]: { Amount: String(g.amount), Unit: g.unit ?? 'USD' } },
        })),
      })),
      DimensionValueAttributes: [],
      ...(this.tokenAfter(page) !== undefined ? { NextPageToken: this.tokenAfter(page) } : {}),
    };
    return { status: 200, body: JSON.stringify(body) };
  }

  private allocationTags(request: FakeRequest): FakeReply {
    const keys = request.body.TagKeys as string[] | undefined;
    const tags = this.tags.filter((t) => !keys || keys.includes(t.TagKey));
    return { status: 200, body: JSON.stringify({ CostAllocationTags: tags.map((t) => ({ Type: 'UserDefined', ...t })) }) };
  }
}

function parseRequest(req: IncomingMessage, text: string): FakeRequest {
  const attempt = Number(/attempt=(\d+)/.exec(String(req.headers['amz-sdk-request'] ?? ''))?.[1] ?? 0);
  const target = String(req.headers['x-amz-target'] ?? '');
  if (target.startsWith(CE_PREFIX)) {
    const name = target.slice(CE_PREFIX.length);
    const operation: Operation = name === 'GetCostAndUsage' || name === 'ListCostAllocationTags' ? name : 'unknown';
    return { operation, target, headers: req.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : {}, attempt };
  }
  if (String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
    const body = Object.fromEntries(new URLSearchParams(text));
    const action = body.Action ?? '';
    return { operation: action === 'AssumeRole' ? 'AssumeRole' : 'unknown', target: action, headers: req.headers, body, attempt };
  }
  return { operation: 'unknown', target: `${req.method} ${req.url}`, headers: req.headers, body: {}, attempt };
}

function nextMonthStart(month: string): string {
  const [year = 0, m = 1] = month.split('-').map(Number);
  return new Date(Date.UTC(year, m, 1)).toISOString().slice(0, 10);
}

function jsonError(status: number, code: string, message: string): FakeReply {
  return { status, body: JSON.stringify({ __type: code, message }) };
}

function stsError(failure: FakeFailure): FakeReply {
  const body =
    `<ErrorResponse><Error><Type>Sender</Type><Code>${failure.code}</Code><Message>${failure.message ?? failure.code}</Message></Error>` +
    '<RequestId>fake</RequestId></ErrorResponse>';
  return { status: failure.status, body, contentType: 'text/xml' };
}

function assumeRole(): FakeReply {
  const c = ROLE_CREDENTIALS;
  const body =
    '<AssumeRoleResponse><AssumeRoleResult><Credentials>' +
    `<AccessKeyId>${c.accessKeyId}</AccessKeyId><SecretAccessKey>${c.secretAccessKey}</SecretAccessKey>` +
    `<SessionToken>${c.sessionToken}</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration>` +
    '</Credentials></AssumeRoleResult></AssumeRoleResponse>';
  return { status: 200, body, contentType: 'text/xml' };
}
