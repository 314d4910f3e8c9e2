import { Hash } from '@smithy/hash-node';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialsInput } from '../../aws/index.js';

/** What aws-iam-authenticator (and `aws eks get-token`) put before the encoded URL. */
export const TOKEN_PREFIX = 'k8s-aws-v1.';

/** The header that binds a token to one cluster: the authenticator rejects a token for another. */
export const CLUSTER_ID_HEADER = 'x-k8s-aws-id';

/** What `aws eks get-token` sends; EKS accepts a token for 15 minutes from its X-Amz-Date regardless. */
const PRESIGN_EXPIRES_S = 60;

/**
 * A token is made again once it is this old: EKS accepts one for 15 minutes from its signing time,
 * and the Go client refreshes after 14; ten leaves room for a slow listing and clock skew.
 */
export const TOKEN_MAX_AGE_MS = 10 * 60_000;

/** STS's regional host, where EKS sends the presigned GetCallerIdentity to learn who called. */
export function stsHost(region: string): string {
  return region.startsWith('cn-') ? `sts.${region}.amazonaws.com.cn` : `sts.${region}.amazonaws.com`;
}

export interface TokenRequest {
  clusterName: string;
  region: string;
  credentials: AwsCredentialsInput;
  /** The signing time, for tests; unset: now. */
  signingDate?: Date;
}

/**
 * A bearer token as aws-iam-authenticator makes it: `k8s-aws-v1.` + base64url (no padding) of a
 * presigned STS GetCallerIdentity URL for the cluster's region, with `x-k8s-aws-id: <cluster>`
 * signed in and X-Amz-Expires=60. The SDK's own signer does the SigV4 work with the account's
 * credentials (a provider is asked, so assumed roles are refreshed as they are everywhere else).
 */
export async function eksToken(request: TokenRequest): Promise<string> {
  const signer = new SignatureV4({
    service: 'sts',
    region: request.region,
    credentials: request.credentials,
    sha256: Hash.bind(null, 'sha256'),
  });
  const hostname = stsHost(request.region);
  const presigned = await signer.presign(
    new HttpRequest({
      method: 'GET',
      protocol: 'https:',
      hostname,
      path: '/',
      query: { Action: 'GetCallerIdentity', Version: '2011-06-15' },
      headers: { host: hostname, [CLUSTER_ID_HEADER]: request.clusterName },
    }),
    { expiresIn: PRESIGN_EXPIRES_S, ...(request.signingDate ? { signingDate: request.signingDate } : {}) },
  );
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(presigned.query ?? {})) {
    for (const one of Array.isArray(value) ? value : [value]) if (one !== null) query.append(key, one);
  }
  const url = `https://${hostname}/?${query.toString()}`;
  return TOKEN_PREFIX + Buffer.from(url, 'utf8').toString('base64url');
}

/** The presigned URL inside a token, or undefined when it is not one of ours (tests and the sandbox check it). */
export function decodeEksToken(token: string): URL | undefined {
  if (!token.startsWith(TOKEN_PREFIX)) return undefined;
  try {
    return new URL(Buffer.from(token.slice(TOKEN_PREFIX.length), 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

/**
 * One cluster's token, made when first asked and again once it is TOKEN_MAX_AGE_MS old, so a run
 * makes one per cluster and a listing that outlasts a token gets a fresh one.
 */
export function tokenSource(make: () => Promise<string>, now: () => number = Date.now): () => Promise<string> {
  let cached: { token: string; madeAt: number } | undefined;
  return async () => {
    if (cached && now() - cached.madeAt < TOKEN_MAX_AGE_MS) return cached.token;
    const madeAt = now();
    cached = { token: await make(), madeAt };
    return cached.token;
  };
}
