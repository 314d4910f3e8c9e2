import { STSClient } from '@aws-sdk/client-sts';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { REFRESH_MARGIN_MS, assumeRoleCredentials, roleSessionName } from '../../src/aws/index.js';
import { AwsFake, assumeRoleReply } from '../support/aws-fake.js';
import { STATIC_CREDENTIALS, fastRetry } from '../sources/aws/support.js';

const T0 = Date.parse('2026-11-15T12:00:00Z');
const HOUR = 3_600_000;

describe('roleSessionName', () => {
  it.each([
    ['platform-eu', 'port-catalog-sync-platform-eu'],
    ['prod.eu_1', 'port-catalog-sync-prod.eu_1'],
    ['a b/c#d', 'port-catalog-sync-a-b-c-d'],
  ])('%s -> %s', (instance, expected) => {
    expect(roleSessionName(instance)).toBe(expected);
  });

  it('is cut to the 64 characters AssumeRole allows', () => {
    const name = roleSessionName('x'.repeat(63));
    expect(name).toHaveLength(64);
    expect(name.startsWith('port-catalog-sync-xxx')).toBe(true);
  });
});

describe('assumeRoleCredentials', () => {
  const fake = new AwsFake();
  let sts: STSClient;
  let issued = 0;
  let now = T0;

  beforeAll(async () => {
    await fake.start();
    sts = new STSClient({ region: 'eu-west-1', endpoint: fake.url, credentials: STATIC_CREDENTIALS, retryStrategy: fastRetry() });
  });
  afterAll(async () => {
    sts.destroy();
    await fake.close();
  });
  afterEach(() => {
    expect(fake.unexpected).toEqual([]);
    fake.calls.length = 0;
    issued = 0;
    now = T0;
  });

  const issuing = () =>
    fake.on((call) => {
      if (call.action !== 'AssumeRole') return undefined;
      issued += 1;
      return assumeRoleReply({ accessKeyId: `ASIAKEY${issued}`, expiration: new Date(now + HOUR) });
    });

  it('asks once, reuses the credentials, and refreshes them five minutes before they expire', async () => {
    issuing();
    const provider = assumeRoleCredentials({
      sts,
      roleArn: 'arn:aws:iam::222233334444:role/reader',
      sessionName: 'port-catalog-sync-x',
      externalId: 'ext',
      now: () => now,
    });

    expect((await provider()).accessKeyId).toBe('ASIAKEY1');
    now = T0 + HOUR - REFRESH_MARGIN_MS - 1000;
    expect((await provider()).accessKeyId).toBe('ASIAKEY1');
    now = T0 + HOUR - REFRESH_MARGIN_MS + 1000;
    const refreshed = await provider();
    expect(refreshed).toMatchObject({ accessKeyId: 'ASIAKEY2', sessionToken: 'token-ASIAKEY2' });
    expect(refreshed.expiration?.getTime()).toBe(now + HOUR);

    expect(fake.of('AssumeRole').map((c) => c.params)).toEqual([
      expect.objectContaining({
        RoleArn: 'arn:aws:iam::222233334444:role/reader',
        RoleSessionName: 'port-catalog-sync-x',
        ExternalId: 'ext',
      }),
      expect.objectContaining({ RoleArn: 'arn:aws:iam::222233334444:role/reader' }),
    ]);
  });

  it('concurrent callers share one AssumeRole', async () => {
    issuing();
    const provider = assumeRoleCredentials({ sts, roleArn: 'arn:aws:iam::222233334444:role/reader', sessionName: 's', now: () => now });
    const all = await Promise.all([provider(), provider(), provider()]);
    expect(all.map((c) => c.accessKeyId)).toEqual(['ASIAKEY1', 'ASIAKEY1', 'ASIAKEY1']);
    expect(fake.of('AssumeRole')).toHaveLength(1);
    expect(fake.of('AssumeRole')[0]?.params.ExternalId).toBeUndefined();
  });

  it("carries the run's signal: once the run is aborted, no AssumeRole is sent", async () => {
    issuing();
    const controller = new AbortController();
    const provider = assumeRoleCredentials({
      sts,
      roleArn: 'arn:aws:iam::222233334444:role/reader',
      sessionName: 's',
      signal: controller.signal,
      now: () => now,
    });
    controller.abort();
    await expect(provider()).rejects.toMatchObject({ name: 'AbortError' });
    expect(fake.of('AssumeRole')).toEqual([]);
  });

  it('does not cache a refusal: the next use asks again', async () => {
    let refuse = true;
    fake.on((call) => {
      if (call.action !== 'AssumeRole') return undefined;
      if (refuse) return { error: 'AccessDenied', status: 403, message: 'not authorized' };
      return assumeRoleReply({ accessKeyId: 'ASIAOK', expiration: new Date(now + HOUR) });
    });
    const provider = assumeRoleCredentials({ sts, roleArn: 'arn:aws:iam::222233334444:role/reader', sessionName: 's', now: () => now });
    await expect(provider()).rejects.toMatchObject({ name: 'AccessDenied' });
    refuse = false;
    expect((await provider()).accessKeyId).toBe('ASIAOK');
    expect(fake.of('AssumeRole').map((c) => c.attempt)).toEqual([1, 1]);
  });
});
