import { describe, expect, it } from 'vitest';
import { createAwsClients, listClusters } from '../../src/aws/index.js';
import { describedCluster } from '../sources/aws/estate.js';
import { STATIC_CREDENTIALS, useAwsFake } from '../sources/aws/support.js';

const { fake, options } = useAwsFake();
const ACCOUNT = '111122223333';
const REGION = 'eu-west-1';
// What EKS returns in certificateAuthority.data: the cluster CA's PEM, base64-encoded.
const CA_DATA = Buffer.from('-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----\n').toString('base64');

function eksAnswers(call: { action: string; params: Record<string, unknown> }) {
  if (call.action === 'ListClusters') return { json: { clusters: ['prod'] } };
  if (call.action === 'DescribeCluster') {
    return {
      json: { cluster: { ...describedCluster(String(call.params.name), ACCOUNT, REGION), certificateAuthority: { data: CA_DATA } } },
    };
  }
  return undefined;
}

describe('listClusters', () => {
  it('keeps the endpoint and the CA data a Kubernetes client needs to trust it', async () => {
    fake.on(eksAnswers);
    const clients = createAwsClients(options());
    const eks = clients.eks(REGION, STATIC_CREDENTIALS);
    try {
      const [cluster] = await listClusters(eks, { accountId: ACCOUNT, region: REGION });
      expect(cluster).toMatchObject({
        name: 'prod',
        arn: `arn:aws:eks:${REGION}:${ACCOUNT}:cluster/prod`,
        endpoint: 'https://prod.eks.example',
        certificateAuthority: CA_DATA,
        accountId: ACCOUNT,
        region: REGION,
      });
      expect(Buffer.from(cluster!.certificateAuthority!, 'base64').toString()).toContain('BEGIN CERTIFICATE');
      expect(fake.of('DescribeCluster').map((c) => [c.region, c.params.name])).toEqual([[REGION, 'prod']]);
    } finally {
      eks.destroy();
    }
  });

  it("carries the run's signal: an aborted run lists nothing", async () => {
    fake.on(eksAnswers);
    const eks = createAwsClients(options()).eks(REGION, STATIC_CREDENTIALS);
    const controller = new AbortController();
    controller.abort();
    try {
      await expect(listClusters(eks, { accountId: ACCOUNT, region: REGION }, controller.signal)).rejects.toMatchObject({
        name: 'AbortError',
      });
      expect(fake.calls).toEqual([]);
    } finally {
      eks.destroy();
    }
  });
});
