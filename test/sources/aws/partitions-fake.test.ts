import { describe, expect, it } from 'vitest';
import { OWN, estateHandler } from './estate.js';
import { STATIC_CREDENTIALS, byBlueprint, collectAws, scopeOf, useAwsFake } from './support.js';

const { fake, options } = useAwsFake();

const queue = (region: string, name: string, tags: Record<string, string> = { team: 'payments' }) => ({
  arn: `arn:aws:sqs:${region}:${OWN}:${name}`,
  tags,
});

describe('aws source against a fake AWS: partitions', () => {
  it('lists every region with the filters applied server-side, 100 per page, following pagination', async () => {
    fake.on(
      estateHandler({
        resources: {
          [`${OWN}:eu-west-1`]: [queue('eu-west-1', 'a'), queue('eu-west-1', 'b'), queue('eu-west-1', 'c')],
          [`${OWN}:eu-central-1`]: [queue('eu-central-1', 'd')],
        },
        clusters: { [`${OWN}:eu-west-1`]: ['prod'] },
      }),
    );
    const result = await collectAws(
      {
        AWS_REGIONS: 'eu-west-1,eu-central-1',
        AWS_RESOURCE_TYPES: 'sqs,ec2:instance',
        AWS_TAG_FILTERS: 'team,managed-by=infra-lib|terraform',
      },
      options(),
    );

    const pages = fake.of('GetResources');
    const tokens = (region: string) => pages.filter((c) => c.region === region).map((c) => c.params.PaginationToken);
    expect(tokens('eu-west-1')).toEqual([undefined, '2']);
    expect(tokens('eu-central-1')).toEqual([undefined]);
    for (const call of pages) {
      expect(call.params).toMatchObject({
        ResourcesPerPage: 100,
        ResourceTypeFilters: ['sqs', 'ec2:instance'],
        TagFilters: [{ Key: 'team' }, { Key: 'managed-by', Values: ['infra-lib', 'terraform'] }],
      });
      expect(call.service).toBe('tagging');
      expect(call.accessKeyId).toBe(STATIC_CREDENTIALS.accessKeyId);
    }
    expect(pages).toHaveLength(3);
    expect(fake.of('ListClusters').map((c) => [c.region, c.params.maxResults])).toEqual(
      expect.arrayContaining([
        ['eu-west-1', '100'],
        ['eu-central-1', '100'],
      ]),
    );

    expect(byBlueprint(result, 'awsResource').map((f) => [f.identifier, f.scope])).toEqual(
      expect.arrayContaining([
        [`arn:aws:sqs:eu-west-1:${OWN}:a`, `aws:${OWN}:eu-west-1`],
        [`arn:aws:sqs:eu-west-1:${OWN}:c`, `aws:${OWN}:eu-west-1`],
        [`arn:aws:sqs:eu-central-1:${OWN}:d`, `aws:${OWN}:eu-central-1`],
      ]),
    );
    expect(byBlueprint(result, 'awsResource')).toHaveLength(4);
    const [cluster] = byBlueprint(result, 'eksCluster');
    expect(cluster).toMatchObject({
      identifier: `arn:aws:eks:eu-west-1:${OWN}:cluster/prod`,
      scope: `aws:${OWN}:eu-west-1`,
      properties: { version: '1.31', platformVersion: 'eks.12', status: 'ACTIVE', endpointPrivateAccess: true, authenticationMode: 'API' },
    });
    expect(byBlueprint(result, 'awsAccount')).toEqual([expect.objectContaining({ identifier: OWN, scope: `aws:${OWN}:eu-west-1` })]);
    expect(result.scopes).toEqual([
      { scope: `aws:${OWN}:eu-west-1`, complete: true },
      { scope: `aws:${OWN}:eu-central-1`, complete: true },
    ]);
    expect(result.stats).toMatchObject({
      apiCalls: fake.calls.length,
      accounts: 1,
      partitions: 2,
      partitionsFailed: 0,
      resources: 4,
      clusters: 1,
    });
    const matrix = result.lines.find((l) => l.msg === 'AWS accounts and regions scanned');
    expect(matrix).toMatchObject({ level: 'info', matrix: { [OWN]: { 'eu-west-1': 'complete', 'eu-central-1': 'complete' } } });
  });

  it('AccessDenied in one region fails only that partition, without retrying it', async () => {
    fake.on(
      estateHandler({
        resources: { [`${OWN}:eu-west-1`]: [queue('eu-west-1', 'a')], [`${OWN}:eu-central-1`]: [queue('eu-central-1', 'b')] },
        override: (call) =>
          call.action === 'GetResources' && call.region === 'eu-central-1'
            ? { error: 'AccessDeniedException', status: 400, message: 'not authorized to perform: tag:GetResources' }
            : undefined,
      }),
    );
    const result = await collectAws({ AWS_REGIONS: 'eu-central-1,eu-west-1', AWS_RESOURCE_TYPES: 'sqs' }, options());

    expect(scopeOf(result, `aws:${OWN}:eu-central-1`)).toEqual({
      scope: `aws:${OWN}:eu-central-1`,
      complete: false,
      error: 'AccessDeniedException: not authorized to perform: tag:GetResources',
    });
    expect(scopeOf(result, `aws:${OWN}:eu-west-1`)?.complete).toBe(true);
    expect(
      fake
        .of('GetResources')
        .filter((c) => c.region === 'eu-central-1')
        .map((c) => c.attempt),
    ).toEqual([1]);
    // The failed partition stops at its first failure: its clusters are not listed.
    expect(fake.of('ListClusters').map((c) => c.region)).toEqual(['eu-west-1']);
    expect(result.fragments.map((f) => f.scope)).not.toContain(`aws:${OWN}:eu-central-1`);
    // The account still belongs to a completed scope, so it is written.
    expect(byBlueprint(result, 'awsAccount')[0]?.scope).toBe(`aws:${OWN}:eu-west-1`);
    expect(result.stats).toMatchObject({ partitionsFailed: 1 });
    expect(result.lines.find((l) => l.msg === 'AWS accounts and regions scanned')?.matrix).toEqual({
      [OWN]: { 'eu-central-1': 'failed', 'eu-west-1': 'complete' },
    });
  });

  it('throttling beyond the retries fails only that partition, after the retries', async () => {
    fake.on(
      estateHandler({
        override: (call) =>
          call.action === 'ListClusters' && call.region === 'eu-central-1'
            ? { error: 'ThrottlingException', status: 429, message: 'Rate exceeded' }
            : undefined,
      }),
    );
    const result = await collectAws({ AWS_REGIONS: 'eu-west-1,eu-central-1', AWS_RESOURCE_TYPES: 'sqs' }, options());

    expect(
      fake
        .of('ListClusters')
        .filter((c) => c.region === 'eu-central-1')
        .map((c) => c.attempt),
    ).toEqual([1, 2, 3]);
    expect(scopeOf(result, `aws:${OWN}:eu-central-1`)).toMatchObject({ complete: false, error: 'ThrottlingException: Rate exceeded' });
    expect(scopeOf(result, `aws:${OWN}:eu-west-1`)?.complete).toBe(true);
  });

  it('an expired pagination token restarts the listing once, without doubling what it had read', async () => {
    let expired = 0;
    fake.on(
      estateHandler({
        resources: { [`${OWN}:eu-west-1`]: ['a', 'b', 'c', 'd'].map((n) => queue('eu-west-1', n)) },
        override: (call) => {
          if (call.action !== 'GetResources' || call.params.PaginationToken !== '2' || expired > 0) return undefined;
          expired += 1;
          return { error: 'PaginationTokenExpiredException', message: 'Token has expired' };
        },
      }),
    );
    const result = await collectAws({ AWS_REGIONS: 'eu-west-1', AWS_RESOURCE_TYPES: 'sqs' }, options());

    expect(fake.of('GetResources').map((c) => c.params.PaginationToken)).toEqual([undefined, '2', undefined, '2']);
    expect(byBlueprint(result, 'awsResource').map((f) => f.title)).toEqual(['a', 'b', 'c', 'd']);
    expect(scopeOf(result, `aws:${OWN}:eu-west-1`)?.complete).toBe(true);
    expect(result.lines.some((l) => l.level === 'warn' && /pagination token expired/.test(l.msg))).toBe(true);
  });

  it('a token that expires again fails the partition', async () => {
    fake.on(
      estateHandler({
        resources: { [`${OWN}:eu-west-1`]: ['a', 'b', 'c'].map((n) => queue('eu-west-1', n)) },
        override: (call) =>
          call.action === 'GetResources' && call.params.PaginationToken
            ? { error: 'PaginationTokenExpiredException', message: 'Token has expired' }
            : undefined,
      }),
    );
    const result = await collectAws({ AWS_REGIONS: 'eu-west-1', AWS_RESOURCE_TYPES: 'sqs' }, options());

    expect(fake.of('GetResources')).toHaveLength(4);
    expect(scopeOf(result, `aws:${OWN}:eu-west-1`)).toMatchObject({
      complete: false,
      error: 'PaginationTokenExpiredException: Token has expired',
    });
    expect(byBlueprint(result, 'awsResource')).toEqual([]);
  });

  it('splits more than 100 type filters over requests and keeps each resource once', async () => {
    const types = Array.from({ length: 150 }, (_, i) => `svc${i}:thing`);
    fake.on(estateHandler({ resources: { [`${OWN}:eu-west-1`]: [queue('eu-west-1', 'a')] } }));
    const result = await collectAws({ AWS_REGIONS: 'eu-west-1', AWS_RESOURCE_TYPES: types.join(',') }, options());

    const filters = fake.of('GetResources').map((c) => c.params.ResourceTypeFilters as string[]);
    expect(filters.map((f) => f.length)).toEqual([100, 50]);
    expect(filters.flat()).toEqual(types);
    expect(byBlueprint(result, 'awsResource')).toHaveLength(1);
  });

  it('reads global types from us-east-1 only, once per account, with no clusters there', async () => {
    const distribution = { arn: `arn:aws:cloudfront::${OWN}:distribution/E2ABC`, tags: { team: 'web' } };
    fake.on(estateHandler({ resources: { [`${OWN}:us-east-1`]: [distribution], [`${OWN}:eu-west-1`]: [queue('eu-west-1', 'a')] } }));
    const result = await collectAws({ AWS_REGIONS: 'eu-west-1', AWS_RESOURCE_TYPES: 'sqs,cloudfront:distribution' }, options());

    expect(fake.of('GetResources').map((c) => [c.region, c.params.ResourceTypeFilters])).toEqual(
      expect.arrayContaining([
        ['eu-west-1', ['sqs']],
        ['us-east-1', ['cloudfront:distribution']],
      ]),
    );
    expect(fake.of('GetResources')).toHaveLength(2);
    expect(fake.of('ListClusters').map((c) => c.region)).toEqual(['eu-west-1']);
    expect(byBlueprint(result, 'awsResource').find((f) => f.identifier === distribution.arn)).toMatchObject({
      scope: `aws:${OWN}:us-east-1`,
      properties: { region: 'us-east-1', accountId: OWN },
    });
    expect(result.scopes.map((s) => s.scope)).toEqual([`aws:${OWN}:eu-west-1`, `aws:${OWN}:us-east-1`]);
  });

  it('asks us-east-1 for global and regional types together when it is a configured region', async () => {
    fake.on(estateHandler({}));
    await collectAws({ AWS_REGIONS: 'us-east-1,eu-west-1', AWS_RESOURCE_TYPES: 'sqs,cloudfront' }, options());

    expect(fake.of('GetResources').map((c) => [c.region, c.params.ResourceTypeFilters])).toEqual(
      expect.arrayContaining([
        ['us-east-1', ['sqs', 'cloudfront']],
        ['eu-west-1', ['sqs']],
      ]),
    );
    expect(fake.of('GetResources')).toHaveLength(2);
  });

  it('skips a cluster deleted between listing and description, and follows cluster pages', async () => {
    fake.on(
      estateHandler({
        clusters: { [`${OWN}:eu-west-1`]: ['prod', 'dev'] },
        override: (call) => {
          if (call.action !== 'ListClusters') return undefined;
          return call.params.nextToken === undefined
            ? { json: { clusters: ['prod', 'gone'], nextToken: 'c-2' } }
            : { json: { clusters: ['dev'] } };
        },
      }),
    );
    const result = await collectAws({ AWS_REGIONS: 'eu-west-1', AWS_RESOURCE_TYPES: 'sqs' }, options());

    expect(fake.of('ListClusters').map((c) => c.params.nextToken)).toEqual([undefined, 'c-2']);
    expect(fake.of('DescribeCluster').map((c) => c.params.name)).toEqual(['prod', 'gone', 'dev']);
    expect(byBlueprint(result, 'eksCluster').map((f) => f.title)).toEqual(['prod', 'dev']);
    expect(scopeOf(result, `aws:${OWN}:eu-west-1`)?.complete).toBe(true);
  });

  it('scans no more partitions at once than its bound', async () => {
    let inFlight = 0;
    let most = 0;
    const handler = estateHandler({});
    fake.on(async (call) => {
      if (call.action !== 'GetResources') return handler(call);
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise((r) => setTimeout(r, 20));
      inFlight -= 1;
      return handler(call);
    });
    const regions = ['eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-central-1', 'eu-north-1', 'us-east-2'];
    const result = await collectAws({ AWS_REGIONS: regions.join(','), AWS_RESOURCE_TYPES: 'sqs' }, options(), { concurrency: 2 });

    expect(fake.of('GetResources')).toHaveLength(6);
    expect(most).toBe(2);
    expect(result.scopes.every((s) => s.complete)).toBe(true);
  });
});
