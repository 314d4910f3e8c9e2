import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

interface Statement {
  Sid?: string;
  Effect: string;
  Action: string | string[];
  Resource: string | string[];
}

function statementsOf(file: string): Statement[] {
  const policy = JSON.parse(readFileSync(new URL(`../../deploy/${file}`, import.meta.url), 'utf8')) as {
    Version: string;
    Statement: Statement[];
  };
  expect(policy.Version).toBe('2012-10-17');
  return policy.Statement;
}

const list = (value: string | string[]) => (Array.isArray(value) ? value : [value]);

/** What each source calls with the worker's own identity; GitLab needs nothing from AWS. */
const NEEDS: Record<string, string[]> = {
  aws: [
    'tag:GetResources',
    'eks:ListClusters',
    'eks:DescribeCluster',
    'sts:GetCallerIdentity',
    'sts:AssumeRole',
    'organizations:ListAccounts',
  ],
  kubernetes: ['eks:ListClusters', 'eks:DescribeCluster'],
  cost: ['ce:GetCostAndUsage', 'ce:ListCostAllocationTags', 'sts:AssumeRole'],
  gitlab: [],
};

describe('deploy/iam-policy.json: everything the worker needs in one file', () => {
  const statements = statementsOf('iam-policy.json');
  const allowed = new Set(statements.filter((s) => s.Effect === 'Allow').flatMap((s) => list(s.Action)));

  it.each(Object.entries(NEEDS))('allows what the %s source calls', (_, actions) => {
    for (const action of actions) expect(allowed, action).toContain(action);
  });

  it('allows nothing else, reads only, and no wildcard action', () => {
    expect([...allowed].sort()).toEqual([...new Set(Object.values(NEEDS).flat())].sort());
    for (const action of allowed) expect(action).not.toContain('*');
    expect(statements.every((s) => s.Effect === 'Allow')).toBe(true);
  });

  it('assumes only the named reader and cost roles', () => {
    const assume = statements.filter((s) => list(s.Action).includes('sts:AssumeRole')).flatMap((s) => list(s.Resource));
    expect(assume.sort()).toEqual(['arn:aws:iam::*:role/<READER_ROLE_NAME>', 'arn:aws:iam::<MANAGEMENT_ACCOUNT_ID>:role/<COST_ROLE_NAME>']);
  });

  it('the cost role in the management account reads cost only', () => {
    expect(
      statementsOf('iam-cost-role-policy.json')
        .flatMap((s) => list(s.Action))
        .sort(),
    ).toEqual(['ce:GetCostAndUsage', 'ce:ListCostAllocationTags']);
  });
});
