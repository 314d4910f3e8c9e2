import { ConfiguredRetryStrategy } from '@smithy/util-retry';
import { NO_PREVIOUS } from '../../../src/domain/index.js';
import { describe, expect, it } from 'vitest';
import { roleSessionName } from '../../../src/aws/index.js';
import { COST_OWNS, createCostSource } from '../../../src/sources/cost/index.js';
import { ROLE_CREDENTIALS, type FakeRequest } from '../../support/cost-fake.js';
import { collectCost, costSettings, memoryLogger, useCostFake, WORKER_CREDENTIALS } from './support.js';

const NOV_15 = '2026-11-15T09:00:00Z';
const SCOPE = 'cost:2026-10..2026-11';

const tokens = (requests: FakeRequest[]) => requests.map((r) => r.body.NextPageToken ?? null);

describe('cost source: one paged query', () => {
  const fake = useCostFake();

  it('reads every page exactly once and maps untagged spend of each month to _unallocated', async () => {
    fake().pages = [
      [
        {
          month: '2026-10',
          groups: [
            { value: 'checkout', amount: '100.25' },
            { value: '', amount: '40' },
          ],
        },
        { month: '2026-11', estimated: true, groups: [{ value: 'Checkout ', amount: '30' }] },
      ],
      [
        {
          month: '2026-11',
          estimated: true,
          groups: [
            { value: 'checkout', amount: '20.5' },
            { value: 'search', amount: '7' },
            { value: '', amount: '3.5' },
          ],
        },
      ],
      [{ month: '2026-10', groups: [{ value: 'search', amount: '9' }] }],
    ];
    const { result } = await collectCost(fake(), NOV_15);

    const pages = fake().requestsFor('GetCostAndUsage');
    expect(tokens(pages)).toEqual([null, 'np-1', 'np-2']);
    expect(pages.map((r) => r.attempt)).toEqual([1, 1, 1]);
    expect(pages[0]!.body).toEqual({
      TimePeriod: { Start: '2026-10-01', End: '2026-12-01' },
      Granularity: 'MONTHLY',
      Metrics: ['AmortizedCost'],
      GroupBy: [{ Type: 'TAG', Key: 'service' }],
    });
    expect(pages[1]!.body).toEqual({ ...pages[0]!.body, NextPageToken: 'np-1' });

    expect(result.scopes).toEqual([{ scope: SCOPE, complete: true }]);
    expect(result.findings).toEqual([]);
    expect(result.stats).toEqual({ paidRequests: 4, pages: 3 });
    const costs = Object.fromEntries(result.fragments.filter((f) => f.blueprint === 'cloudCost').map((f) => [f.identifier, f.properties]));
    expect(costs).toEqual({
      'checkout@2026-10': expect.objectContaining({ amount: 100.25, isCurrentMonth: false, isComplete: true }),
      'search@2026-10': expect.objectContaining({ amount: 9, isComplete: true }),
      '_unallocated@2026-10': expect.objectContaining({ amount: 40, isComplete: true }),
      'checkout@2026-11': expect.objectContaining({ amount: 50.5, isCurrentMonth: true, isComplete: false }),
      'search@2026-11': expect.objectContaining({ amount: 7, isComplete: false }),
      '_unallocated@2026-11': expect.objectContaining({ amount: 3.5, isComplete: false }),
    });
    expect(result.fragments.every((f) => f.scope === SCOPE)).toBe(true);
    const services = result.fragments.filter((f) => f.blueprint === 'service');
    expect(services.map((f) => [f.identifier, f.properties])).toEqual([
      // Nov 15th: 14 complete days of 30
      ['checkout', { costMonthToDate: 50.5, costLastMonth: 100.25, costChangePct: 7.9, currency: 'USD' }],
      ['search', { costMonthToDate: 7, costLastMonth: 9, costChangePct: 66.7, currency: 'USD' }],
    ]);
  });

  it('logs the paid requests, and says how many in its stats', async () => {
    fake().pages = [[{ month: '2026-11', groups: [{ value: 'a', amount: '1' }] }], []];
    const { result, lines } = await collectCost(fake(), NOV_15);
    expect(result.stats).toEqual({ paidRequests: 3, pages: 2 });
    const line = lines.find((l) => l.msg === 'Cost Explorer requests made');
    expect(line).toMatchObject({ level: 'info', paidRequests: 3, pages: 2, usd: 0.03, scope: SCOPE });
    expect(fake().requestsFor('ListCostAllocationTags')).toHaveLength(1);
  });

  it('queries the configured metric, tag key and months, with a valid period on the 1st', async () => {
    fake().tags = [{ TagKey: 'app', Status: 'Active' }];
    fake().pages = [[{ month: '2026-12', estimated: true, groups: [{ value: 'x', amount: '1', unit: 'EUR' }] }]];
    const { result } = await collectCost(fake(), '2026-12-01T00:05:00Z', {
      COST_METRIC: 'UnblendedCost',
      TAG_SERVICE: 'app',
      COST_HISTORY_MONTHS: '1',
    });
    const [page] = fake().requestsFor('GetCostAndUsage');
    expect(page!.body).toMatchObject({
      TimePeriod: { Start: '2026-12-01', End: '2027-01-01' },
      Metrics: ['UnblendedCost'],
      GroupBy: [{ Type: 'TAG', Key: 'app' }],
    });
    expect(fake().requestsFor('ListCostAllocationTags')[0]!.body).toEqual({ TagKeys: ['app'] });
    expect(result.scopes).toEqual([{ scope: 'cost:2026-12..2026-12', complete: true }]);
    expect(result.findings).toEqual([]);
    expect(result.fragments.find((f) => f.blueprint === 'cloudCost')?.properties).toEqual({
      month: '2026-12-01T00:00:00.000Z',
      isCurrentMonth: true,
      amount: 1,
      currency: 'EUR',
      metric: 'UnblendedCost',
      isComplete: false,
    });
    expect(result.fragments.find((f) => f.blueprint === 'service')?.properties).toEqual({
      costMonthToDate: 1,
      costLastMonth: null,
      costChangePct: null,
      currency: 'EUR',
    });
  });

  it("uses the run's clock", async () => {
    const { logger } = memoryLogger();
    const source = createCostSource(costSettings(), { logger, aws: { endpoint: fake().url, credentials: WORKER_CREDENTIALS } });
    const result = await source.collect({
      logger,
      now: new Date('2027-01-20T00:00:00Z'),
      signal: new AbortController().signal,
      previous: NO_PREVIOUS,
    });
    expect(result.scopes).toEqual([{ scope: 'cost:2026-12..2027-01', complete: true }]);
    expect(fake().requestsFor('GetCostAndUsage')[0]!.body.TimePeriod).toEqual({ Start: '2026-12-01', End: '2027-02-01' });
  });

  it('declares what it owns', () => {
    const source = createCostSource(costSettings(), { logger: memoryLogger().logger });
    expect(source.id).toBe('cost');
    expect(source.owns).toBe(COST_OWNS);
    expect(COST_OWNS.cloudCost).toMatchObject({ mode: 'define', title: true, relations: ['service', 'team'] });
    expect(COST_OWNS.service).toMatchObject({
      mode: 'enrich',
      properties: ['costMonthToDate', 'costLastMonth', 'costChangePct', 'currency'],
      relations: [],
    });
  });
});

describe('cost source: failures', () => {
  const fake = useCostFake();

  it('fails the scope with no fragments when a page mid-way is denied, without reading any page again', async () => {
    fake().pages = [
      [{ month: '2026-11', groups: [{ value: 'a', amount: '1' }] }],
      [{ month: '2026-11', groups: [{ value: 'b', amount: '1' }] }],
      [],
    ];
    fake().fail('GetCostAndUsage', {
      status: 400,
      code: 'AccessDeniedException',
      message: 'User is not authorized to perform: ce:GetCostAndUsage',
      page: 1,
    });
    const { result, lines } = await collectCost(fake(), NOV_15);
    expect(tokens(fake().requestsFor('GetCostAndUsage'))).toEqual([null, 'np-1']);
    expect(result.fragments).toEqual([]);
    expect(result.scopes).toEqual([
      { scope: SCOPE, complete: false, error: 'AccessDeniedException: User is not authorized to perform: ce:GetCostAndUsage' },
    ]);
    // the tag check and the first page were answered; the denied page was not
    expect(result.stats).toEqual({ paidRequests: 2, pages: 1 });
    expect(lines.find((l) => l.msg === 'Cost query failed')).toMatchObject({ level: 'error', scope: SCOPE });
  });

  it('fails the scope when Cost Explorer keeps throttling, after the bounded retries', async () => {
    fake().pages = [[{ month: '2026-11', groups: [{ value: 'a', amount: '1' }] }]];
    fake().fail('GetCostAndUsage', { status: 400, code: 'LimitExceededException', message: 'You have exceeded the rate limit.' });
    const { result } = await collectCost(fake(), NOV_15);
    const attempts = fake().requestsFor('GetCostAndUsage');
    expect(attempts.map((r) => [r.attempt, r.body.NextPageToken ?? null])).toEqual([
      [1, null],
      [2, null],
      [3, null],
    ]);
    expect(result.fragments).toEqual([]);
    expect(result.scopes).toEqual([{ scope: SCOPE, complete: false, error: 'LimitExceededException: You have exceeded the rate limit.' }]);
    expect(result.stats).toEqual({ paidRequests: 1, pages: 0 });
  });

  it('reads a page that succeeds on a retry once, and goes on', async () => {
    fake().pages = [
      [{ month: '2026-11', groups: [{ value: 'a', amount: '1' }] }],
      [{ month: '2026-11', groups: [{ value: 'b', amount: '2' }] }],
    ];
    fake().fail('GetCostAndUsage', { status: 400, code: 'LimitExceededException', times: 1, page: 1 });
    const { result } = await collectCost(fake(), NOV_15);
    expect(
      fake()
        .requestsFor('GetCostAndUsage')
        .map((r) => [r.attempt, r.body.NextPageToken ?? null]),
    ).toEqual([
      [1, null],
      [1, 'np-1'],
      [2, 'np-1'],
    ]);
    expect(result.scopes).toEqual([{ scope: SCOPE, complete: true }]);
    expect(result.stats).toEqual({ paidRequests: 3, pages: 2 });
  });

  it('stops, rather than paying on, when Cost Explorer hands back a token it already gave', async () => {
    fake().pages = [
      [{ month: '2026-11', groups: [{ value: 'a', amount: '1' }] }],
      [{ month: '2026-11', groups: [{ value: 'a', amount: '1' }] }],
    ];
    fake().tokenAfter = () => 'same';
    const { result } = await collectCost(fake(), NOV_15);
    expect(tokens(fake().requestsFor('GetCostAndUsage'))).toEqual([null, 'same']);
    expect(result.fragments).toEqual([]);
    expect(result.scopes[0]).toMatchObject({ scope: SCOPE, complete: false });
    expect(result.scopes[0]!.error).toContain('already returned');
  });
});

describe('cost source: the cost allocation tag', () => {
  const fake = useCostFake();

  it.each([
    ['Inactive', [{ TagKey: 'service', Status: 'Inactive' }], 'is Inactive'],
    ['never seen', [], 'is not listed'],
  ])('warns when the service tag is %s, and still completes', async (_, tags, state) => {
    fake().tags = tags;
    fake().pages = [[{ month: '2026-11', groups: [{ value: '', amount: '99' }] }]];
    const { result, lines } = await collectCost(fake(), NOV_15);
    expect(result.scopes).toEqual([{ scope: SCOPE, complete: true }]);
    expect(result.findings).toHaveLength(1);
    const [finding] = result.findings;
    expect(finding).toMatchObject({ source: 'cost', scope: SCOPE, subject: 'cost allocation tag service' });
    expect(finding!.message).toContain(state);
    expect(finding!.message).toContain('all spend would look unallocated');
    expect(finding!.message).toContain(
      'aws ce update-cost-allocation-tags-status --cost-allocation-tags-status TagKey=service,Status=Active',
    );
    expect(lines.find((l) => l.msg === 'Service tag is not an active cost allocation tag')).toMatchObject({
      level: 'warn',
      tagKey: 'service',
    });
    expect(result.fragments.map((f) => f.identifier)).toEqual(['_unallocated@2026-11']);
  });

  it('reports a check it may not make as a finding, not as a failure, and does not count it as paid', async () => {
    fake().fail('ListCostAllocationTags', {
      status: 400,
      code: 'AccessDeniedException',
      message: 'not authorized to perform: ce:ListCostAllocationTags',
    });
    fake().pages = [[{ month: '2026-11', groups: [{ value: 'a', amount: '1' }] }]];
    const { result, lines } = await collectCost(fake(), NOV_15);
    expect(result.scopes).toEqual([{ scope: SCOPE, complete: true }]);
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]!.message).toContain('AccessDeniedException');
    expect(result.stats).toEqual({ paidRequests: 1, pages: 1 });
    expect(lines.find((l) => l.msg === 'Could not check the cost allocation tag')).toMatchObject({ level: 'warn' });
    expect(result.fragments.length).toBeGreaterThan(0);
  });
});

describe('cost source: credentials', () => {
  const fake = useCostFake();
  const ROLE = 'arn:aws:iam::999988887777:role/port-catalog-sync-cost';

  it('assumes AWS_COST_ROLE_ARN once, with the ExternalId and a session named after the instance', async () => {
    fake().pages = [[{ month: '2026-11', groups: [{ value: 'a', amount: '1' }] }], []];
    const { result } = await collectCost(fake(), NOV_15, {
      AWS_COST_ROLE_ARN: ROLE,
      AWS_EXTERNAL_ID: 'ext-1234',
      SYNC_INSTANCE: 'prod-eu',
    });
    const assumes = fake().requestsFor('AssumeRole');
    expect(assumes).toHaveLength(1);
    expect(assumes[0]!.body).toMatchObject({
      Action: 'AssumeRole',
      RoleArn: ROLE,
      ExternalId: 'ext-1234',
      RoleSessionName: 'port-catalog-sync-prod-eu',
    });
    // AssumeRole itself is signed with the worker's credentials
    expect(String(assumes[0]!.headers.authorization)).toContain(`Credential=${WORKER_CREDENTIALS.accessKeyId}/`);
    const costCalls = [...fake().requestsFor('ListCostAllocationTags'), ...fake().requestsFor('GetCostAndUsage')];
    expect(costCalls).toHaveLength(3);
    for (const call of costCalls) {
      expect(call.headers['x-amz-security-token']).toBe(ROLE_CREDENTIALS.sessionToken);
      expect(String(call.headers.authorization)).toContain(`Credential=${ROLE_CREDENTIALS.accessKeyId}/`);
      expect(String(call.headers.authorization)).toContain('/us-east-1/ce/aws4_request');
    }
    expect(result.scopes).toEqual([{ scope: SCOPE, complete: true }]);
  });

  it('uses the current credentials when no cost role is set', async () => {
    await collectCost(fake(), NOV_15);
    expect(fake().requestsFor('AssumeRole')).toEqual([]);
    const [page] = fake().requestsFor('GetCostAndUsage');
    expect(String(page!.headers.authorization)).toContain(`Credential=${WORKER_CREDENTIALS.accessKeyId}/`);
    expect(page!.headers['x-amz-security-token']).toBeUndefined();
  });

  it('leaves out ExternalId when none is configured', async () => {
    await collectCost(fake(), NOV_15, { AWS_COST_ROLE_ARN: ROLE });
    const [assume] = fake().requestsFor('AssumeRole');
    expect(assume!.body).toMatchObject({ RoleArn: ROLE, RoleSessionName: 'port-catalog-sync-local' });
    expect(assume!.body.ExternalId).toBeUndefined();
  });

  it('fails the scope, with the reason, when the role cannot be assumed', async () => {
    fake().fail('AssumeRole', { status: 403, code: 'AccessDenied', message: 'not authorized to perform: sts:AssumeRole' });
    const { result } = await collectCost(fake(), NOV_15, { AWS_COST_ROLE_ARN: ROLE });
    expect(fake().requestsFor('GetCostAndUsage')).toEqual([]);
    expect(result.fragments).toEqual([]);
    expect(result.scopes).toEqual([{ scope: SCOPE, complete: false, error: 'AccessDenied: not authorized to perform: sts:AssumeRole' }]);
    expect(result.findings[0]!.message).toContain('AccessDenied');
    expect(result.stats).toEqual({ paidRequests: 0, pages: 0 });
  });

  it.each([
    ['prod-eu', 'port-catalog-sync-prod-eu'],
    ['a'.repeat(63), `port-catalog-sync-${'a'.repeat(46)}`],
    ['team a/b', 'port-catalog-sync-team-a-b'],
  ])('names the session after SYNC_INSTANCE %j within 64 allowed characters', (instance, name) => {
    const session = roleSessionName(instance);
    expect(session).toBe(name);
    expect(session).toMatch(/^[\w+=,.@-]{2,64}$/);
  });
});

describe('cost source: the run it belongs to', () => {
  const fake = useCostFake();
  const seam = () => ({ endpoint: fake().url, credentials: WORKER_CREDENTIALS, retryStrategy: new ConfiguredRetryStrategy(3, 0) });
  const collect = (signal: AbortSignal, runLogger = memoryLogger().logger) =>
    createCostSource(costSettings(), { logger: memoryLogger().logger, aws: seam() }).collect({
      logger: runLogger,
      now: new Date(NOV_15),
      signal,
      previous: NO_PREVIOUS,
    });

  it("logs every line with the run's context logger, so each carries the runId", async () => {
    fake().tags = [];
    fake().fail('GetCostAndUsage', { status: 400, code: 'AccessDeniedException', message: 'denied' });
    const run = memoryLogger();
    const factory = memoryLogger();
    const source = createCostSource(costSettings(), { logger: factory.logger.child({ source: 'cost' }), aws: seam() });
    await source.collect({
      logger: run.logger.child({ runId: 'run-42' }),
      now: new Date(NOV_15),
      signal: new AbortController().signal,
      previous: NO_PREVIOUS,
    });

    // A warning (the tag), an error (the query) and the request count: every one with the run's bindings.
    expect(run.lines.map((l) => l.msg)).toEqual([
      'Service tag is not an active cost allocation tag',
      'Cost query failed',
      'Cost Explorer requests made',
    ]);
    for (const line of run.lines) expect(line).toMatchObject({ runId: 'run-42', source: 'cost' });
    expect(factory.lines).toEqual([]);
  });

  it('sends nothing once the run is aborted, and leaves its scope incomplete', async () => {
    const controller = new AbortController();
    controller.abort();
    const result = await collect(controller.signal);
    expect(fake().requests).toEqual([]);
    expect(result.fragments).toEqual([]);
    expect(result.findings).toEqual([]);
    expect(result.scopes).toEqual([{ scope: SCOPE, complete: false, error: expect.stringMatching(/^AbortError/) }]);
    expect(result.stats).toEqual({ paidRequests: 0, pages: 0 });
  });

  it('stops paging when the run is aborted mid-query, and the scope stays incomplete', async () => {
    fake().pages = [
      [{ month: '2026-11', groups: [{ value: 'a', amount: '1' }] }],
      [{ month: '2026-11', groups: [{ value: 'b', amount: '1' }] }],
      [],
    ];
    const controller = new AbortController();
    fake().beforeReply = async (request) => {
      if (request.operation !== 'GetCostAndUsage' || request.body.NextPageToken !== 'np-1') return;
      controller.abort();
      await new Promise((resolve) => setTimeout(resolve, 50));
    };
    const result = await collect(controller.signal);
    expect(tokens(fake().requestsFor('GetCostAndUsage'))).toEqual([null, 'np-1']);
    expect(result.fragments).toEqual([]);
    expect(result.scopes).toEqual([{ scope: SCOPE, complete: false, error: expect.stringMatching(/^AbortError/) }]);
  });
});
