import { describe, expect, it } from 'vitest';
import { SourceError } from '../../../src/errors.js';
import { assumeRoleReply } from '../../support/aws-fake.js';
import { OWN, estateHandler, roleKey } from './estate.js';
import { STATIC_CREDENTIALS, byBlueprint, collectAws, scopeOf, useAwsFake } from './support.js';

const { fake, options } = useAwsFake();

const ACCOUNT_B = '222233334444';
const ACCOUNT_C = '333344445555';
const ACCOUNT_D = '444455556666';
const ACCOUNT_E = '555566667777';
const queue = (account: string, region: string, name: string) => ({
  arn: `arn:aws:sqs:${region}:${account}:${name}`,
  tags: { team: 'payments' },
});

/** Two pages of organization accounts, in the shape ListAccounts returns. */
function organizationPages(call: { action: string; params: Record<string, unknown> }) {
  if (call.action !== 'ListAccounts') return undefined;
  if (call.params.NextToken === undefined) {
    return {
      json: {
        NextToken: 'n-2',
        Accounts: [
          { Id: OWN, Name: 'management', State: 'ACTIVE', Status: 'ACTIVE' },
          { Id: ACCOUNT_B, Name: 'payments-prod', State: 'ACTIVE', Status: 'ACTIVE' },
        ],
      },
    };
  }
  return {
    json: {
      Accounts: [
        { Id: ACCOUNT_C, Name: 'excluded', State: 'ACTIVE' },
        { Id: ACCOUNT_D, Name: 'closing', State: 'SUSPENDED', Status: 'SUSPENDED' },
        // An organization that still answers with the deprecated Status only.
        { Id: ACCOUNT_E, Name: 'legacy', Status: 'ACTIVE' },
      ],
    },
  };
}

describe('aws source against a fake AWS: accounts and credentials', () => {
  it('scans its own account and every active organization account but the excluded, through the named role', async () => {
    fake.on(
      estateHandler({
        resources: {
          [`${ACCOUNT_B}:eu-west-1`]: [queue(ACCOUNT_B, 'eu-west-1', 'orders')],
          [`${OWN}:eu-west-1`]: [queue(OWN, 'eu-west-1', 'mine')],
        },
        override: organizationPages,
      }),
    );
    const result = await collectAws(
      {
        AWS_REGIONS: 'eu-west-1',
        AWS_RESOURCE_TYPES: 'sqs',
        AWS_ORGANIZATION_ROLE_NAME: 'port-reader',
        AWS_ACCOUNT_EXCLUDE: ACCOUNT_C,
        AWS_EXTERNAL_ID: 'ext-7f3a',
        SYNC_INSTANCE: 'platform-eu',
      },
      options(),
    );

    expect(fake.of('ListAccounts').map((c) => [c.service, c.params.MaxResults, c.params.NextToken])).toEqual([
      ['organizations', 20, undefined],
      ['organizations', 20, 'n-2'],
    ]);
    const assumed = fake.of('AssumeRole');
    expect(assumed.map((c) => c.params.RoleArn).sort()).toEqual([
      `arn:aws:iam::${ACCOUNT_B}:role/port-reader`,
      `arn:aws:iam::${ACCOUNT_E}:role/port-reader`,
    ]);
    for (const call of assumed) {
      expect(call.params).toMatchObject({ ExternalId: 'ext-7f3a', RoleSessionName: 'port-catalog-sync-platform-eu' });
      expect(call.accessKeyId).toBe(STATIC_CREDENTIALS.accessKeyId);
    }
    // Each account's listing is signed with that account's credentials.
    const signers = fake.of('GetResources').map((c) => [c.accessKeyId, c.sessionToken]);
    expect(signers).toEqual(
      expect.arrayContaining([
        [STATIC_CREDENTIALS.accessKeyId, undefined],
        [roleKey(ACCOUNT_B), `token-${roleKey(ACCOUNT_B)}`],
        [roleKey(ACCOUNT_E), `token-${roleKey(ACCOUNT_E)}`],
      ]),
    );
    expect(signers).toHaveLength(3);

    expect(byBlueprint(result, 'awsAccount').map((f) => [f.identifier, f.title, f.scope])).toEqual([
      [OWN, 'management', `aws:${OWN}:eu-west-1`],
      [ACCOUNT_B, 'payments-prod', `aws:${ACCOUNT_B}:eu-west-1`],
      [ACCOUNT_E, 'legacy', `aws:${ACCOUNT_E}:eu-west-1`],
    ]);
    expect(
      byBlueprint(result, 'awsResource')
        .map((f) => [f.identifier, f.scope])
        .sort(),
    ).toEqual([
      [`arn:aws:sqs:eu-west-1:${OWN}:mine`, `aws:${OWN}:eu-west-1`],
      [`arn:aws:sqs:eu-west-1:${ACCOUNT_B}:orders`, `aws:${ACCOUNT_B}:eu-west-1`],
    ]);
    expect(result.scopes).toContainEqual({ scope: 'aws:organization', complete: true });
    expect(result.scopes.every((s) => s.complete)).toBe(true);
    expect(result.stats).toMatchObject({ accounts: 3, partitions: 3 });
  });

  it('assumes the listed roles, skipping one that names its own account, in the partition of its own ARN', async () => {
    fake.on(estateHandler({ override: (call) => (call.action === 'GetCallerIdentity' ? callerIn('aws-cn') : undefined) }));
    const result = await collectAws(
      {
        AWS_REGIONS: 'cn-north-1',
        AWS_RESOURCE_TYPES: 'sqs',
        AWS_ACCOUNT_ROLE_ARNS: `arn:aws-cn:iam::${OWN}:role/reader,arn:aws-cn:iam::${ACCOUNT_B}:role/reader`,
      },
      options(),
    );

    expect(fake.of('AssumeRole').map((c) => c.params.RoleArn)).toEqual([`arn:aws-cn:iam::${ACCOUNT_B}:role/reader`]);
    expect(fake.of('AssumeRole')[0]?.params.ExternalId).toBeUndefined();
    expect(result.scopes.map((s) => s.scope)).toEqual([`aws:${OWN}:cn-north-1`, `aws:${ACCOUNT_B}:cn-north-1`]);
  });

  it('a refused AssumeRole fails every partition of that account and nothing else', async () => {
    fake.on(
      estateHandler({
        override: (call, account) => {
          if (call.action === 'AssumeRole' && String(call.params.RoleArn).includes(ACCOUNT_C)) {
            return {
              error: 'AccessDenied',
              status: 403,
              message: `User is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${ACCOUNT_C}:role/reader`,
            };
          }
          return account === ACCOUNT_C ? { error: 'UnexpectedSigner' } : undefined;
        },
      }),
    );
    const result = await collectAws(
      {
        AWS_REGIONS: 'eu-west-1,eu-central-1',
        AWS_RESOURCE_TYPES: 'sqs',
        AWS_ACCOUNT_ROLE_ARNS: `arn:aws:iam::${ACCOUNT_B}:role/reader,arn:aws:iam::${ACCOUNT_C}:role/reader`,
      },
      options(),
    );

    expect(
      fake
        .of('AssumeRole')
        .filter((c) => String(c.params.RoleArn).includes(ACCOUNT_C))
        .map((c) => c.attempt),
    ).toEqual([1]);
    for (const region of ['eu-west-1', 'eu-central-1']) {
      expect(scopeOf(result, `aws:${ACCOUNT_C}:${region}`)).toEqual({
        scope: `aws:${ACCOUNT_C}:${region}`,
        complete: false,
        error: `AssumeRole arn:aws:iam::${ACCOUNT_C}:role/reader failed: AccessDenied: User is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${ACCOUNT_C}:role/reader`,
      });
      expect(scopeOf(result, `aws:${ACCOUNT_B}:${region}`)?.complete).toBe(true);
      expect(scopeOf(result, `aws:${OWN}:${region}`)?.complete).toBe(true);
    }
    expect(fake.calls.filter((c) => c.accessKeyId === roleKey(ACCOUNT_C))).toEqual([]);
    expect(result.lines.find((l) => l.msg === 'AWS accounts and regions scanned')?.matrix).toMatchObject({
      [ACCOUNT_C]: { 'eu-west-1': 'failed', 'eu-central-1': 'failed' },
    });
  });

  it('refreshes role credentials that are about to expire before using them', async () => {
    let issued = 0;
    fake.on(
      estateHandler({
        override: (call) => {
          if (call.action !== 'AssumeRole') return undefined;
          issued += 1;
          // The first credentials lapse within the refresh margin; the second last an hour.
          const minutes = issued === 1 ? 2 : 60;
          return assumeRoleReply({ accessKeyId: `ASIA${ACCOUNT_B}${issued}`, expiration: new Date(Date.now() + minutes * 60_000) });
        },
      }),
    );
    const result = await collectAws(
      { AWS_REGIONS: 'eu-west-1,eu-central-1', AWS_RESOURCE_TYPES: 'sqs', AWS_ACCOUNT_ROLE_ARNS: `arn:aws:iam::${ACCOUNT_B}:role/reader` },
      options(),
    );

    expect(fake.of('AssumeRole')).toHaveLength(2);
    const roleCalls = fake.calls.filter((c) => c.accessKeyId.startsWith(`ASIA${ACCOUNT_B}`));
    expect(roleCalls.length).toBe(4);
    expect(new Set(roleCalls.map((c) => c.accessKeyId))).toEqual(new Set([`ASIA${ACCOUNT_B}2`]));
    expect(result.scopes.every((s) => s.complete)).toBe(true);
  });

  it('a failed organization listing fails its own scope; the own account is still scanned', async () => {
    fake.on(
      estateHandler({
        override: (call) =>
          call.action === 'ListAccounts'
            ? { error: 'AccessDeniedException', message: 'You don’t have permissions to access this resource.' }
            : undefined,
      }),
    );
    const result = await collectAws(
      { AWS_REGIONS: 'eu-west-1', AWS_RESOURCE_TYPES: 'sqs', AWS_ORGANIZATION_ROLE_NAME: 'reader' },
      options(),
    );

    expect(scopeOf(result, 'aws:organization')).toMatchObject({
      complete: false,
      error: expect.stringMatching(/^Organizations ListAccounts failed: AccessDeniedException/),
    });
    expect(scopeOf(result, `aws:${OWN}:eu-west-1`)?.complete).toBe(true);
    expect(fake.of('AssumeRole')).toEqual([]);
  });

  it('without its own identity the source fails as a whole', async () => {
    fake.on(
      estateHandler({
        override: (call) =>
          call.action === 'GetCallerIdentity'
            ? { error: 'InvalidClientTokenId', status: 403, message: 'The security token included in the request is invalid.' }
            : undefined,
      }),
    );
    const failure = collectAws({ AWS_REGIONS: 'eu-west-1', AWS_RESOURCE_TYPES: 'sqs' }, options());

    await expect(failure).rejects.toBeInstanceOf(SourceError);
    await expect(failure).rejects.toThrow(/STS GetCallerIdentity failed: InvalidClientTokenId/);
    expect(fake.of('GetResources')).toEqual([]);
  });
});

function callerIn(partition: string) {
  return {
    xml: `<GetCallerIdentityResponse><GetCallerIdentityResult><Arn>arn:${partition}:iam::${OWN}:user/port-sync</Arn><Account>${OWN}</Account></GetCallerIdentityResult></GetCallerIdentityResponse>`,
  };
}
