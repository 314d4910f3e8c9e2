import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource?: string | string[];
}

function actionsOf(file: string): string[] {
  const policy = JSON.parse(readFileSync(new URL(`../../../deploy/${file}`, import.meta.url), 'utf8')) as {
    Version: string;
    Statement: Statement[];
  };
  expect(policy.Version).toBe('2012-10-17');
  return policy.Statement.filter((s) => s.Effect === 'Allow')
    .flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]))
    .sort();
}

describe('deploy IAM policies', () => {
  it('the worker may call exactly what the aws and cost sources call', () => {
    expect(actionsOf('iam-policy.json')).toEqual([
      'ce:GetCostAndUsage',
      'ce:ListCostAllocationTags',
      'eks:DescribeCluster',
      'eks:ListClusters',
      'organizations:ListAccounts',
      'sts:AssumeRole',
      'sts:AssumeRole',
      'sts:GetCallerIdentity',
      'tag:GetResources',
    ]);
  });

  it('a member account reader role only reads tags and clusters', () => {
    expect(actionsOf('iam-reader-role-policy.json')).toEqual(['eks:DescribeCluster', 'eks:ListClusters', 'tag:GetResources']);
  });

  it('the reader role trusts AssumeRole only', () => {
    expect(actionsOf('iam-reader-role-trust.json')).toEqual(['sts:AssumeRole']);
  });
});
