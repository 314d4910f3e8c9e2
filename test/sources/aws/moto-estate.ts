import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { MOTO_CREDENTIALS } from '../../support/moto.js';

export interface MotoCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/**
 * One call to an AWS Query API (SQS, SNS, EC2) on moto, with no SDK client for that service: moto
 * routes by the SigV4 credential scope and takes the account from the access key, and does not
 * check signatures, so a well-formed Authorization header is all it needs.
 */
export async function motoQuery(
  url: string,
  service: 'sqs' | 'sns' | 'ec2',
  region: string,
  params: Record<string, string>,
  credentials: MotoCredentials = MOTO_CREDENTIALS,
): Promise<string> {
  const headers: Record<string, string> = {
    'content-type': 'application/x-www-form-urlencoded',
    authorization: `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/20260101/${region}/${service}/aws4_request, SignedHeaders=host, Signature=0`,
  };
  if (credentials.sessionToken) headers['x-amz-security-token'] = credentials.sessionToken;
  const res = await fetch(`${url}/`, { method: 'POST', headers, body: new URLSearchParams(params).toString() });
  const text = await res.text();
  if (!res.ok) throw new Error(`moto ${service} ${params.Action} failed: ${res.status} ${text.slice(0, 300)}`);
  return text;
}

type Tags = Record<string, string>;

export async function createQueue(url: string, region: string, name: string, tags: Tags, credentials?: MotoCredentials): Promise<void> {
  const params: Record<string, string> = { Action: 'CreateQueue', Version: '2012-11-05', QueueName: name };
  Object.entries(tags).forEach(([key, value], i) => {
    params[`Tag.${i + 1}.Key`] = key;
    params[`Tag.${i + 1}.Value`] = value;
  });
  await motoQuery(url, 'sqs', region, params, credentials);
}

export async function createTopic(url: string, region: string, name: string, tags: Tags): Promise<void> {
  const params: Record<string, string> = { Action: 'CreateTopic', Version: '2010-03-31', Name: name };
  Object.entries(tags).forEach(([key, value], i) => {
    params[`Tags.member.${i + 1}.Key`] = key;
    params[`Tags.member.${i + 1}.Value`] = value;
  });
  await motoQuery(url, 'sns', region, params);
}

/** Returns the VPC id. */
export async function createVpc(url: string, region: string, cidr: string, tags: Tags): Promise<string> {
  const params: Record<string, string> = {
    Action: 'CreateVpc',
    Version: '2016-11-15',
    CidrBlock: cidr,
    'TagSpecification.1.ResourceType': 'vpc',
  };
  Object.entries(tags).forEach(([key, value], i) => {
    params[`TagSpecification.1.Tag.${i + 1}.Key`] = key;
    params[`TagSpecification.1.Tag.${i + 1}.Value`] = value;
  });
  const xml = await motoQuery(url, 'ec2', region, params);
  const id = /<vpcId>([^<]+)<\/vpcId>/.exec(xml)?.[1];
  if (!id) throw new Error('moto CreateVpc returned no vpcId');
  return id;
}

/** Credentials of a role in another account, as moto issues them (its account follows the role ARN). */
export async function assumeOnMoto(url: string, roleArn: string): Promise<MotoCredentials> {
  const sts = new STSClient({ region: 'us-east-1', endpoint: url, credentials: MOTO_CREDENTIALS });
  try {
    const { Credentials: c } = await sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'test-setup' }));
    return { accessKeyId: c!.AccessKeyId!, secretAccessKey: c!.SecretAccessKey!, sessionToken: c!.SessionToken };
  } finally {
    sts.destroy();
  }
}
