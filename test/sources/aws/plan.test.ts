import { describe, expect, it } from 'vitest';
import { selectAccounts, type OrganizationAccount } from '../../../src/aws/index.js';
import { planPartitions } from '../../../src/sources/aws/partitions.js';
import { settlePartitions } from '../../../src/sources/aws/regions.js';
import type { PartitionOutcome } from '../../../src/sources/aws/scan.js';
import { awsTagFilters, typeChunks } from '../../../src/sources/aws/tagging.js';

const caller = { accountId: '111111111111', partition: 'aws' };
const org = (accounts: OrganizationAccount[]) => ({ roleName: 'reader', accounts });

describe('selectAccounts', () => {
  it.each([
    {
      name: 'own account alone',
      roleArns: [],
      organization: undefined,
      exclude: [],
      expected: [{ accountId: '111111111111' }],
    },
    {
      name: 'listed roles after the own account; a role in the own account and a repeated account are dropped',
      roleArns: ['arn:aws:iam::111111111111:role/reader', 'arn:aws:iam::222222222222:role/a', 'arn:aws:iam::222222222222:role/b'],
      organization: undefined,
      exclude: [],
      expected: [{ accountId: '111111111111' }, { accountId: '222222222222', roleArn: 'arn:aws:iam::222222222222:role/a' }],
    },
    {
      name: 'organization: active accounts only, named, assumed with the role name; excluded dropped',
      roleArns: [],
      organization: org([
        { accountId: '111111111111', name: 'mgmt', active: true },
        { accountId: '222222222222', name: 'prod', active: true },
        { accountId: '333333333333', name: 'old', active: false },
        { accountId: '444444444444', name: 'sandbox', active: true },
      ]),
      exclude: ['444444444444'],
      expected: [
        { accountId: '111111111111', name: 'mgmt' },
        { accountId: '222222222222', name: 'prod', roleArn: 'arn:aws:iam::222222222222:role/reader' },
      ],
    },
    {
      name: 'an explicit role wins over the organization role for its account and gets its name',
      roleArns: ['arn:aws:iam::222222222222:role/special'],
      organization: org([{ accountId: '222222222222', name: 'prod', active: true }]),
      exclude: [],
      expected: [
        { accountId: '111111111111' },
        { accountId: '222222222222', name: 'prod', roleArn: 'arn:aws:iam::222222222222:role/special' },
      ],
    },
    {
      name: 'the own account can be excluded',
      roleArns: ['arn:aws:iam::222222222222:role/a'],
      organization: undefined,
      exclude: ['111111111111'],
      expected: [{ accountId: '222222222222', roleArn: 'arn:aws:iam::222222222222:role/a' }],
    },
  ])('$name', ({ roleArns, organization, exclude, expected }) => {
    expect(selectAccounts({ caller, roleArns, organization, exclude })).toEqual(expected);
  });

  it('builds organization role ARNs in the worker’s partition', () => {
    const accounts = selectAccounts({
      caller: { accountId: '111111111111', partition: 'aws-us-gov' },
      roleArns: [],
      organization: org([{ accountId: '222222222222', active: true }]),
      exclude: [],
    });
    expect(accounts[1]?.roleArn).toBe('arn:aws-us-gov:iam::222222222222:role/reader');
  });
});

describe('planPartitions', () => {
  const own = { accountId: '111111111111' };
  const role = { accountId: '222222222222', roleArn: 'arn:aws:iam::222222222222:role/r' };
  const summary = (plans: ReturnType<typeof planPartitions>) => plans.map((p) => [p.accountId, p.region, p.resourceTypes, p.eks]);

  it('accounts x regions; global types only in us-east-1, added once per account when not configured', () => {
    expect(
      summary(planPartitions([own, role], ['eu-west-1', 'eu-west-1', 'eu-central-1'], ['sqs', 'cloudfront:distribution', 'route53'])),
    ).toEqual([
      ['111111111111', 'eu-west-1', ['sqs'], true],
      ['111111111111', 'eu-central-1', ['sqs'], true],
      ['111111111111', 'us-east-1', ['cloudfront:distribution', 'route53'], false],
      ['222222222222', 'eu-west-1', ['sqs'], true],
      ['222222222222', 'eu-central-1', ['sqs'], true],
      ['222222222222', 'us-east-1', ['cloudfront:distribution', 'route53'], false],
    ]);
  });

  it('a configured us-east-1 reads global and regional types together', () => {
    expect(summary(planPartitions([own], ['us-east-1', 'eu-west-1'], ['sqs', 'cloudfront']))).toEqual([
      ['111111111111', 'us-east-1', ['sqs', 'cloudfront'], true],
      ['111111111111', 'eu-west-1', ['sqs'], true],
    ]);
  });

  it('uses the global region of the worker’s partition', () => {
    expect(summary(planPartitions([own], ['us-gov-east-1'], ['sqs', 'route53'], 'us-gov-west-1'))).toEqual([
      ['111111111111', 'us-gov-east-1', ['sqs'], true],
      ['111111111111', 'us-gov-west-1', ['route53'], false],
    ]);
  });

  it('no type filter at all lists every type everywhere, and adds no partition', () => {
    expect(summary(planPartitions([own], ['eu-west-1'], []))).toEqual([['111111111111', 'eu-west-1', null, true]]);
  });

  it('only global types: other regions list clusters only', () => {
    expect(summary(planPartitions([own], ['eu-west-1'], ['cloudfront']))).toEqual([
      ['111111111111', 'eu-west-1', [], true],
      ['111111111111', 'us-east-1', ['cloudfront'], false],
    ]);
  });
});

describe('Tagging API requests', () => {
  it('chunks type filters by 100, dropping repeats', () => {
    const types = [...Array.from({ length: 201 }, (_, i) => `t${i}`), 't0'];
    expect(typeChunks(types).map((c) => c?.length)).toEqual([100, 100, 1]);
    expect(typeChunks(null)).toEqual([undefined]);
    expect(typeChunks([])).toEqual([]);
  });

  it('sends a key alone without Values', () => {
    expect(
      awsTagFilters([
        { key: 'team', values: [] },
        { key: 'env', values: ['prod', 'stage'] },
      ]),
    ).toEqual([{ Key: 'team' }, { Key: 'env', Values: ['prod', 'stage'] }]);
  });
});

describe('settlePartitions', () => {
  const plan = (accountId: string, region: string) => ({ accountId, region, account: { accountId }, resourceTypes: null, eks: true });
  const complete = (a: string, r: string): PartitionOutcome => ({ plan: plan(a, r), status: 'complete', resources: [], clusters: [] });
  const notEnabled = (a: string, r: string): PartitionOutcome => ({
    plan: plan(a, r),
    status: 'not-enabled',
    error: 'UnrecognizedClientException',
  });
  const failed = (a: string, r: string): PartitionOutcome => ({ plan: plan(a, r), status: 'failed', error: 'AccessDeniedException' });

  it('confirms a region not enabled only by a completed region of the same account', () => {
    const settled = settlePartitions([
      complete('A', 'eu-west-1'),
      notEnabled('A', 'eu-south-2'),
      failed('B', 'eu-west-1'),
      notEnabled('B', 'eu-south-2'),
    ]);
    expect(settled.map((s) => [s.scope.scope, s.scope.complete, s.finding !== undefined])).toEqual([
      ['aws:A:eu-west-1', true, false],
      ['aws:A:eu-south-2', true, true],
      ['aws:B:eu-west-1', false, false],
      ['aws:B:eu-south-2', false, true],
    ]);
  });
});
