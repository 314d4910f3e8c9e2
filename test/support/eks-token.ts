import { createHash, createHmac } from 'node:crypto';

/** What the fake AWS issued: access key id -> secret, so a token's signature can be checked. */
export type IssuedSecrets = ReadonlyMap<string, string>;

export interface TokenCheck {
  ok: boolean;
  /** Why the token is not a valid presigned GetCallerIdentity for the cluster. */
  problem?: string;
  accessKeyId?: string;
}

const PREFIX = 'k8s-aws-v1.';
const encode = (text: string): string =>
  encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
const hmac = (key: string | Buffer, text: string): Buffer => createHmac('sha256', key).update(text, 'utf8').digest();

/**
 * Checks an EKS bearer token the way STS would judge its URL, written out from the SigV4 spec
 * rather than with the signer under test: `k8s-aws-v1.` + base64url without padding of a
 * presigned GetCallerIdentity URL for `region`, with `x-k8s-aws-id: <cluster>` signed, expiring
 * in 60 s, whose signature is right for the secret the fake issued to its access key.
 */
export function checkEksToken(token: string, expected: { cluster: string; region: string; secrets: IssuedSecrets }): TokenCheck {
  const fail = (problem: string): TokenCheck => ({ ok: false, problem });
  if (!token.startsWith(PREFIX)) return fail('no k8s-aws-v1. prefix');
  const encoded = token.slice(PREFIX.length);
  if (/[=+/]/.test(encoded)) return fail('not base64url without padding');
  const url = new URL(Buffer.from(encoded, 'base64url').toString('utf8'));
  const q = url.searchParams;
  const host = `sts.${expected.region}.amazonaws.com`;
  if (url.protocol !== 'https:' || url.host !== host || url.pathname !== '/')
    return fail(`not https://${host}/: ${url.origin}${url.pathname}`);
  if (q.get('Action') !== 'GetCallerIdentity' || q.get('Version') !== '2011-06-15') return fail('not GetCallerIdentity');
  if (q.get('X-Amz-Expires') !== '60') return fail(`X-Amz-Expires is ${q.get('X-Amz-Expires')}`);
  if (q.get('X-Amz-Algorithm') !== 'AWS4-HMAC-SHA256') return fail('not SigV4');
  if (q.get('X-Amz-SignedHeaders') !== 'host;x-k8s-aws-id') return fail(`signed headers are ${q.get('X-Amz-SignedHeaders')}`);
  const [accessKeyId, day, region, service, terminator] = (q.get('X-Amz-Credential') ?? '').split('/');
  if (region !== expected.region || service !== 'sts' || terminator !== 'aws4_request') return fail('wrong credential scope');
  const secret = expected.secrets.get(accessKeyId ?? '');
  if (secret === undefined) return fail(`access key ${accessKeyId} was not issued`);
  const date = q.get('X-Amz-Date') ?? '';
  const query = [...q]
    .filter(([key]) => key !== 'X-Amz-Signature')
    .map(([key, value]) => [encode(key), encode(value)])
    .sort(([a], [b]) => (a! < b! ? -1 : a! > b! ? 1 : 0))
    .map(([key, value]) => `${key}=${value}`)
    .join('&');
  const canonical = ['GET', '/', query, `host:${host}`, `x-k8s-aws-id:${expected.cluster}`, '', 'host;x-k8s-aws-id', sha256('')].join('\n');
  const scope = `${day}/${region}/sts/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', date, scope, sha256(canonical)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${secret}`, day!), region), 'sts'), 'aws4_request');
  const signature = createHmac('sha256', key).update(toSign, 'utf8').digest('hex');
  if (signature !== q.get('X-Amz-Signature')) return fail('the signature does not match (wrong cluster, secret or URL)');
  return { ok: true, accessKeyId: accessKeyId! };
}
