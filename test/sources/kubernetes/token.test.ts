import { describe, expect, it } from 'vitest';
import { TOKEN_MAX_AGE_MS, decodeEksToken, eksToken, stsHost, tokenSource } from '../../../src/sources/kubernetes/token.js';
import { checkEksToken } from '../../support/eks-token.js';

const secrets = new Map([['AKIDEXAMPLE', 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY']]);
const credentials = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  sessionToken: 'session/token+1=',
};

describe('EKS bearer tokens', () => {
  it('are k8s-aws-v1. and an unpadded base64url presigned GetCallerIdentity URL, bound to the cluster', async () => {
    const token = await eksToken({ clusterName: 'prod', region: 'eu-west-1', credentials, signingDate: new Date('2026-11-15T12:00:00Z') });
    expect(token).toMatch(/^k8s-aws-v1\.[A-Za-z0-9_-]+$/);
    const url = decodeEksToken(token)!;
    expect(url.host).toBe('sts.eu-west-1.amazonaws.com');
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      Action: 'GetCallerIdentity',
      Version: '2011-06-15',
      'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
      'X-Amz-Credential': 'AKIDEXAMPLE/20261115/eu-west-1/sts/aws4_request',
      'X-Amz-Date': '20261115T120000Z',
      'X-Amz-Expires': '60',
      'X-Amz-SignedHeaders': 'host;x-k8s-aws-id',
      'X-Amz-Security-Token': 'session/token+1=',
    });
    expect(checkEksToken(token, { cluster: 'prod', region: 'eu-west-1', secrets })).toEqual({ ok: true, accessKeyId: 'AKIDEXAMPLE' });
    // The same token does not pass for another cluster: the cluster name is signed in.
    expect(checkEksToken(token, { cluster: 'staging', region: 'eu-west-1', secrets }).ok).toBe(false);
  });

  it('take the credentials from a provider, as assumed roles give them', async () => {
    const token = await eksToken({ clusterName: 'prod', region: 'us-east-1', credentials: async () => credentials });
    expect(checkEksToken(token, { cluster: 'prod', region: 'us-east-1', secrets }).ok).toBe(true);
  });

  it('use the regional STS host of the partition', () => {
    expect(stsHost('eu-west-1')).toBe('sts.eu-west-1.amazonaws.com');
    expect(stsHost('cn-north-1')).toBe('sts.cn-north-1.amazonaws.com.cn');
    expect(decodeEksToken('Bearer x')).toBeUndefined();
  });

  it('are made once, and again once they are TOKEN_MAX_AGE_MS old', async () => {
    let now = 0;
    let made = 0;
    const token = tokenSource(
      async () => `token-${(made += 1)}`,
      () => now,
    );
    expect([await token(), await token()]).toEqual(['token-1', 'token-1']);
    now = TOKEN_MAX_AGE_MS - 1;
    expect(await token()).toBe('token-1');
    now = TOKEN_MAX_AGE_MS;
    expect(await token()).toBe('token-2');
  });
});
