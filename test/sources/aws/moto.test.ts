import { CreateClusterCommand, EKSClient } from '@aws-sdk/client-eks';
import { CreateAccountCommand, CreateOrganizationCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MOTO_COMMAND, MOTO_CREDENTIALS, startMoto, type Moto } from '../../support/moto.js';
import { assumeOnMoto, createQueue, createTopic, createVpc } from './moto-estate.js';
import { byBlueprint, collectAws, fastRetry, scopeOf } from './support.js';

/** moto's account for credentials it did not issue itself. */
const MOTO_ACCOUNT = '123456789012';
const OTHER = '222233334444';
const REGION = 'eu-west-1';

describe.skipIf(!MOTO_COMMAND)('aws source against moto', () => {
  let moto: Moto;
  const options = () => ({ endpoint: moto.url, credentials: MOTO_CREDENTIALS, retryStrategy: fastRetry() });

  beforeAll(async () => {
    moto = await startMoto();
  });
  afterAll(async () => {
    await moto?.stop();
  });
  beforeEach(async () => {
    await moto.reset();
  });

  it('pages through more than 100 tagged resources', async () => {
    for (let i = 0; i < 130; i++) {
      await createQueue(moto.url, REGION, `queue-${String(i).padStart(3, '0')}`, {
        service: `svc-${i % 7}`,
        team: 'payments',
        environment: 'prod',
      });
    }
    const result = await collectAws({ AWS_REGIONS: REGION, AWS_RESOURCE_TYPES: 'sqs' }, options());

    const resources = byBlueprint(result, 'awsResource');
    expect(resources).toHaveLength(130);
    expect(new Set(resources.map((r) => r.identifier)).size).toBe(130);
    expect(resources.find((r) => r.title === 'queue-042')).toMatchObject({
      identifier: `arn:aws:sqs:${REGION}:${MOTO_ACCOUNT}:queue-042`,
      scope: `aws:${MOTO_ACCOUNT}:${REGION}`,
      properties: {
        awsService: 'sqs',
        region: REGION,
        accountId: MOTO_ACCOUNT,
        tags: { service: 'svc-0', team: 'payments', environment: 'prod' },
      },
      relations: { service: 'svc-0', team: 'payments', environment: 'prod', awsAccount: MOTO_ACCOUNT },
    });
    expect(scopeOf(result, `aws:${MOTO_ACCOUNT}:${REGION}`)?.complete).toBe(true);
    // GetCallerIdentity, ListClusters and more than one GetResources page (moto caps a page at 100 tags).
    expect(result.stats?.apiCalls).toBeGreaterThanOrEqual(5);
  });

  it('applies resource type filters server-side', async () => {
    await createQueue(moto.url, REGION, 'orders', { team: 'payments' });
    await createTopic(moto.url, REGION, 'events', { team: 'payments' });
    const vpc = await createVpc(moto.url, REGION, '10.1.0.0/16', { team: 'platform' });

    const queuesAndVpcs = await collectAws({ AWS_REGIONS: REGION, AWS_RESOURCE_TYPES: 'sqs,ec2:vpc' }, options());
    expect(
      byBlueprint(queuesAndVpcs, 'awsResource')
        .map((r) => r.identifier)
        .sort(),
    ).toEqual([`arn:aws:ec2:${REGION}:${MOTO_ACCOUNT}:vpc/${vpc}`, `arn:aws:sqs:${REGION}:${MOTO_ACCOUNT}:orders`]);

    const topics = await collectAws({ AWS_REGIONS: REGION, AWS_RESOURCE_TYPES: 'sns' }, options());
    expect(byBlueprint(topics, 'awsResource').map((r) => r.identifier)).toEqual([`arn:aws:sns:${REGION}:${MOTO_ACCOUNT}:events`]);
  });

  it('applies tag filters server-side', async () => {
    await createQueue(moto.url, REGION, 'payments-a', { team: 'payments', 'managed-by': 'infra-lib' });
    await createQueue(moto.url, REGION, 'payments-b', { team: 'payments' });
    await createQueue(moto.url, REGION, 'search-a', { team: 'search', 'managed-by': 'infra-lib' });

    const result = await collectAws(
      { AWS_REGIONS: REGION, AWS_RESOURCE_TYPES: 'sqs', AWS_TAG_FILTERS: 'managed-by,team=payments|billing' },
      options(),
    );
    expect(byBlueprint(result, 'awsResource').map((r) => r.title)).toEqual(['payments-a']);
  });

  it('lists and describes EKS clusters', async () => {
    const eks = new EKSClient({ region: REGION, endpoint: moto.url, credentials: MOTO_CREDENTIALS });
    for (const name of ['prod', 'stage']) {
      await eks.send(
        new CreateClusterCommand({
          name,
          version: '1.31',
          roleArn: `arn:aws:iam::${MOTO_ACCOUNT}:role/eks`,
          resourcesVpcConfig: { subnetIds: [], endpointPublicAccess: true, endpointPrivateAccess: false },
          tags: { environment: name },
        }),
      );
    }
    eks.destroy();

    const result = await collectAws({ AWS_REGIONS: REGION, AWS_RESOURCE_TYPES: 'sqs' }, options());
    const clusters = byBlueprint(result, 'eksCluster').sort((a, b) => a.identifier.localeCompare(b.identifier));
    expect(clusters.map((c) => c.identifier)).toEqual([
      `arn:aws:eks:${REGION}:${MOTO_ACCOUNT}:cluster/prod`,
      `arn:aws:eks:${REGION}:${MOTO_ACCOUNT}:cluster/stage`,
    ]);
    expect(clusters[0]).toMatchObject({
      title: 'prod',
      scope: `aws:${MOTO_ACCOUNT}:${REGION}`,
      properties: { name: 'prod', version: '1.31', status: 'ACTIVE', region: REGION, accountId: MOTO_ACCOUNT, endpointPublicAccess: true },
      relations: { environment: 'prod', awsAccount: MOTO_ACCOUNT },
    });
    expect(result.stats?.clusters).toBe(2);
  });

  it('reads another account through AssumeRole', async () => {
    const roleArn = `arn:aws:iam::${OTHER}:role/port-reader`;
    await createQueue(moto.url, REGION, 'mine', { team: 'platform' });
    await createQueue(moto.url, REGION, 'theirs', { team: 'payments' }, await assumeOnMoto(moto.url, roleArn));

    const result = await collectAws(
      { AWS_REGIONS: `${REGION},eu-central-1`, AWS_RESOURCE_TYPES: 'sqs', AWS_ACCOUNT_ROLE_ARNS: roleArn, AWS_EXTERNAL_ID: 'ext-1' },
      options(),
    );

    expect(
      byBlueprint(result, 'awsResource')
        .map((r) => [r.identifier, r.scope, r.properties?.accountId])
        .sort(),
    ).toEqual([
      [`arn:aws:sqs:${REGION}:${MOTO_ACCOUNT}:mine`, `aws:${MOTO_ACCOUNT}:${REGION}`, MOTO_ACCOUNT],
      [`arn:aws:sqs:${REGION}:${OTHER}:theirs`, `aws:${OTHER}:${REGION}`, OTHER],
    ]);
    expect(byBlueprint(result, 'awsAccount').map((a) => a.identifier)).toEqual([MOTO_ACCOUNT, OTHER]);
    expect(result.scopes.map((s) => [s.scope, s.complete])).toEqual([
      [`aws:${MOTO_ACCOUNT}:${REGION}`, true],
      [`aws:${MOTO_ACCOUNT}:eu-central-1`, true],
      [`aws:${OTHER}:${REGION}`, true],
      [`aws:${OTHER}:eu-central-1`, true],
    ]);
  });

  it('reads the accounts of an organization through the organization role, names kept', async () => {
    const org = new OrganizationsClient({ region: 'us-east-1', endpoint: moto.url, credentials: MOTO_CREDENTIALS });
    await org.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
    const created = await org.send(new CreateAccountCommand({ AccountName: 'payments-prod', Email: 'payments@example.com' }));
    const member = created.CreateAccountStatus?.AccountId;
    org.destroy();
    expect(member).toMatch(/^\d{12}$/);
    const roleArn = `arn:aws:iam::${member}:role/OrganizationAccountAccessRole`;
    await createQueue(moto.url, REGION, 'orders', { team: 'payments' }, await assumeOnMoto(moto.url, roleArn));

    const result = await collectAws(
      { AWS_REGIONS: REGION, AWS_RESOURCE_TYPES: 'sqs', AWS_ORGANIZATION_ROLE_NAME: 'OrganizationAccountAccessRole' },
      options(),
    );

    expect(byBlueprint(result, 'awsAccount').map((a) => [a.identifier, a.title])).toEqual([
      [MOTO_ACCOUNT, expect.any(String)],
      [member, 'payments-prod'],
    ]);
    expect(byBlueprint(result, 'awsResource').map((r) => r.identifier)).toEqual([`arn:aws:sqs:${REGION}:${member}:orders`]);
    expect(result.scopes.every((s) => s.complete)).toBe(true);
  });
});
