import { describe, expect, it } from 'vitest';
import { OWN, estateHandler, roleKey } from './estate.js';
import { STATIC_CREDENTIALS, byBlueprint, collectAws, scopeOf, useAwsFake } from './support.js';

const { fake, options } = useAwsFake();
const ACCOUNT_B = '222233334444';

/** What AWS answers in an opt-in region the account has not enabled. */
const notEnabledIn = (region: string, account?: string) =>
  estateHandler({
    resources: { [`${OWN}:eu-west-1`]: [{ arn: `arn:aws:sqs:eu-west-1:${OWN}:a` }] },
    override: (call, signer) =>
      call.region === region && (account === undefined || signer === account) && call.service !== 'sts'
        ? { error: 'UnrecognizedClientException', status: 403, message: 'The security token included in the request is invalid.' }
        : undefined,
  });

describe('aws source against a fake AWS: regions not enabled', () => {
  it('a region the account has not enabled is skipped, said so, and counts as complete when another region confirms the credentials', async () => {
    fake.on(notEnabledIn('eu-south-2'));
    const result = await collectAws({ AWS_REGIONS: 'eu-west-1,eu-south-2', AWS_RESOURCE_TYPES: 'sqs' }, options());

    expect(scopeOf(result, `aws:${OWN}:eu-south-2`)).toEqual({ scope: `aws:${OWN}:eu-south-2`, complete: true });
    expect(result.findings).toEqual([
      {
        source: 'aws',
        scope: `aws:${OWN}:eu-south-2`,
        message: `region eu-south-2 is not enabled in account ${OWN} (UnrecognizedClientException: The security token included in the request is invalid.); skipped with nothing to list, as the account's credentials work in eu-west-1`,
      },
    ]);
    // Not retried, and no cluster listing is attempted where the credentials are unknown.
    expect(fake.calls.filter((c) => c.region === 'eu-south-2').map((c) => [c.action, c.attempt])).toEqual([['GetResources', 1]]);
    expect(byBlueprint(result, 'awsResource').map((f) => f.scope)).toEqual([`aws:${OWN}:eu-west-1`]);
    expect(result.stats).toMatchObject({ regionsNotEnabled: 1, partitionsFailed: 0 });
    expect(result.lines.find((l) => l.msg === 'AWS accounts and regions scanned')?.matrix).toEqual({
      [OWN]: { 'eu-west-1': 'complete', 'eu-south-2': 'not enabled' },
    });
    expect(result.lines.some((l) => l.level === 'warn' && l.msg === 'AWS region not enabled; skipped')).toBe(true);
  });

  it('is confirmed per account: another account that has the region enabled is listed there', async () => {
    fake.on(notEnabledIn('eu-south-2', ACCOUNT_B));
    const result = await collectAws(
      { AWS_REGIONS: 'eu-west-1,eu-south-2', AWS_RESOURCE_TYPES: 'sqs', AWS_ACCOUNT_ROLE_ARNS: `arn:aws:iam::${ACCOUNT_B}:role/reader` },
      options(),
    );

    expect(
      fake
        .of('ListClusters')
        .filter((c) => c.region === 'eu-south-2')
        .map((c) => c.accessKeyId),
    ).toEqual([STATIC_CREDENTIALS.accessKeyId]);
    expect(result.findings.map((f) => f.scope)).toEqual([`aws:${ACCOUNT_B}:eu-south-2`]);
    expect(result.lines.find((l) => l.msg === 'AWS accounts and regions scanned')?.matrix).toEqual({
      [OWN]: { 'eu-west-1': 'complete', 'eu-south-2': 'complete' },
      [ACCOUNT_B]: { 'eu-west-1': 'complete', 'eu-south-2': 'not enabled' },
    });
    expect(fake.calls.some((c) => c.accessKeyId === roleKey(ACCOUNT_B) && c.region === 'eu-south-2')).toBe(true);
  });

  it('without a working region to confirm it, the same answer may be bad credentials: the partition is skipped as incomplete', async () => {
    fake.on(notEnabledIn('eu-south-2'));
    const result = await collectAws({ AWS_REGIONS: 'eu-south-2', AWS_RESOURCE_TYPES: 'sqs' }, options());

    const scope = scopeOf(result, `aws:${OWN}:eu-south-2`);
    expect(scope?.complete).toBe(false);
    expect(scope?.error).toMatch(
      /^region eu-south-2 looks not enabled in account 111122223333 \(UnrecognizedClientException: .*\), but no other region of the account answered to confirm it/,
    );
    expect(result.findings).toHaveLength(1);
    expect(result.lines.find((l) => l.msg === 'AWS accounts and regions scanned')?.matrix).toEqual({
      [OWN]: { 'eu-south-2': 'not enabled (unconfirmed)' },
    });
  });

  it('a Query-protocol refusal and an explicit "not enabled" message are recognised too', async () => {
    fake.on(
      estateHandler({
        override: (call) => {
          if (call.region === 'me-south-1' && call.action === 'GetResources')
            return { error: 'InvalidClientTokenId', status: 403, message: 'The security token included in the request is invalid' };
          if (call.region === 'ap-east-1' && call.action === 'GetResources')
            return { error: 'AccessDeniedException', message: 'Region ap-east-1 is not enabled for this account' };
          return undefined;
        },
      }),
    );
    const result = await collectAws({ AWS_REGIONS: 'eu-west-1,me-south-1,ap-east-1', AWS_RESOURCE_TYPES: 'sqs' }, options());

    expect(result.stats).toMatchObject({ regionsNotEnabled: 2, partitionsFailed: 0 });
    expect(result.scopes.every((s) => s.complete)).toBe(true);
  });
});
