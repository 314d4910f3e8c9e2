import { generate } from 'selfsigned';

/** A server certificate and its key, PEM. */
export interface LoopbackCertificate {
  cert: string;
  key: string;
}

let shared: Promise<LoopbackCertificate> | undefined;

/**
 * A self-signed certificate for 127.0.0.1 and localhost, made in memory (no openssl, no file), once
 * per process: every local cluster presents it, and clients trust it as their cluster CA, as they
 * trust the CA EKS DescribeCluster returns.
 */
export function loopbackCertificate(): Promise<LoopbackCertificate> {
  shared ??= generate([{ name: 'commonName', value: '127.0.0.1' }], {
    keySize: 2048,
    algorithm: 'sha256',
    // A sandbox lives for one process; a long validity keeps a clock oddity from mattering.
    notAfterDate: new Date(Date.now() + 365 * 24 * 3600_000),
    extensions: [
      { name: 'basicConstraints', cA: true },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, keyCertSign: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 7, ip: '127.0.0.1' },
          { type: 2, value: 'localhost' },
        ],
      },
    ],
  }).then((pems) => ({ cert: pems.cert, key: pems.private }));
  return shared;
}
