import { describe, expect, it } from 'vitest';
import { parseArn, resourceKind, secretName } from '../../../src/sources/aws/arn.js';

const ACCOUNT = '123456789012';

describe('parseArn', () => {
  it.each([
    // type/id
    [`arn:aws:ec2:eu-west-1:${ACCOUNT}:instance/i-0abc123`, 'aws', 'ec2', 'eu-west-1', ACCOUNT, 'instance', 'i-0abc123'],
    [
      `arn:aws:dynamodb:eu-west-1:${ACCOUNT}:table/payments/index/byUser`,
      'aws',
      'dynamodb',
      'eu-west-1',
      ACCOUNT,
      'table',
      'payments/index/byUser',
    ],
    [
      `arn:aws:elasticloadbalancing:eu-west-1:${ACCOUNT}:loadbalancer/app/web/50dc6c495c0c9188`,
      'aws',
      'elasticloadbalancing',
      'eu-west-1',
      ACCOUNT,
      'loadbalancer',
      'app/web/50dc6c495c0c9188',
    ],
    [`arn:aws:ecr:eu-west-1:${ACCOUNT}:repository/team/app`, 'aws', 'ecr', 'eu-west-1', ACCOUNT, 'repository', 'team/app'],
    [`arn:aws:ssm:eu-west-1:${ACCOUNT}:parameter/app/db:url`, 'aws', 'ssm', 'eu-west-1', ACCOUNT, 'parameter', 'app/db:url'],
    // type:id
    [`arn:aws:lambda:eu-west-1:${ACCOUNT}:function:checkout`, 'aws', 'lambda', 'eu-west-1', ACCOUNT, 'function', 'checkout'],
    [`arn:aws:lambda:eu-west-1:${ACCOUNT}:function:checkout:live`, 'aws', 'lambda', 'eu-west-1', ACCOUNT, 'function', 'checkout:live'],
    [`arn:aws:rds:eu-west-1:${ACCOUNT}:db:orders`, 'aws', 'rds', 'eu-west-1', ACCOUNT, 'db', 'orders'],
    [`arn:aws:rds:eu-west-1:${ACCOUNT}:cluster:orders-aurora`, 'aws', 'rds', 'eu-west-1', ACCOUNT, 'cluster', 'orders-aurora'],
    [`arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:/aws/lambda/x:*`, 'aws', 'logs', 'eu-west-1', ACCOUNT, 'log-group', '/aws/lambda/x:*'],
    [`arn:aws:states:eu-west-1:${ACCOUNT}:stateMachine:orders`, 'aws', 'states', 'eu-west-1', ACCOUNT, 'stateMachine', 'orders'],
    // bare ids
    [`arn:aws:sqs:eu-west-1:${ACCOUNT}:orders-queue`, 'aws', 'sqs', 'eu-west-1', ACCOUNT, '', 'orders-queue'],
    [`arn:aws:sqs:eu-west-1:${ACCOUNT}:orders.fifo`, 'aws', 'sqs', 'eu-west-1', ACCOUNT, '', 'orders.fifo'],
    [`arn:aws:sns:eu-west-1:${ACCOUNT}:alerts`, 'aws', 'sns', 'eu-west-1', ACCOUNT, '', 'alerts'],
    [
      `arn:aws:sns:eu-west-1:${ACCOUNT}:alerts:0b4e5a1c-2f0d-4a4e-9d53-1f2e3d4c5b6a`,
      'aws',
      'sns',
      'eu-west-1',
      ACCOUNT,
      '',
      'alerts:0b4e5a1c-2f0d-4a4e-9d53-1f2e3d4c5b6a',
    ],
    ['arn:aws:s3:::my-bucket', 'aws', 's3', '', '', '', 'my-bucket'],
    ['arn:aws:s3:::my-bucket/reports/2026/01.csv', 'aws', 's3', '', '', '', 'my-bucket/reports/2026/01.csv'],
    [`arn:aws:s3:eu-west-1:${ACCOUNT}:accesspoint/reports`, 'aws', 's3', 'eu-west-1', ACCOUNT, 'accesspoint', 'reports'],
    [`arn:aws:kinesis:eu-west-1:${ACCOUNT}:plain`, 'aws', 'kinesis', 'eu-west-1', ACCOUNT, '', 'plain'],
    // global services: no region
    [`arn:aws:iam::${ACCOUNT}:role/x`, 'aws', 'iam', '', ACCOUNT, 'role', 'x'],
    [`arn:aws:iam::${ACCOUNT}:role/service-role/deploy`, 'aws', 'iam', '', ACCOUNT, 'role', 'service-role/deploy'],
    ['arn:aws:iam::aws:policy/ReadOnlyAccess', 'aws', 'iam', '', 'aws', 'policy', 'ReadOnlyAccess'],
    [`arn:aws:cloudfront::${ACCOUNT}:distribution/EDFDVBD6EXAMPLE`, 'aws', 'cloudfront', '', ACCOUNT, 'distribution', 'EDFDVBD6EXAMPLE'],
    ['arn:aws:route53:::hostedzone/Z1D633PJN98FT9', 'aws', 'route53', '', '', 'hostedzone', 'Z1D633PJN98FT9'],
    // API Gateway writes a path
    ['arn:aws:apigateway:eu-west-1::/restapis/a1b2c3/stages/prod', 'aws', 'apigateway', 'eu-west-1', '', 'restapis', 'a1b2c3/stages/prod'],
    // other partitions
    [`arn:aws-cn:ec2:cn-north-1:${ACCOUNT}:vpc/vpc-1a2b`, 'aws-cn', 'ec2', 'cn-north-1', ACCOUNT, 'vpc', 'vpc-1a2b'],
    ['arn:aws-cn:s3:::cn-bucket', 'aws-cn', 's3', '', '', '', 'cn-bucket'],
    [`arn:aws-us-gov:rds:us-gov-west-1:${ACCOUNT}:db:ledger`, 'aws-us-gov', 'rds', 'us-gov-west-1', ACCOUNT, 'db', 'ledger'],
    [`arn:aws-us-gov:iam::${ACCOUNT}:role/ops`, 'aws-us-gov', 'iam', '', ACCOUNT, 'role', 'ops'],
  ])('%s', (arn, partition, service, region, accountId, resourceType, resourceId) => {
    expect(parseArn(arn)).toEqual({ arn, partition, service, region, accountId, resourceType, resourceId });
  });

  it.each([
    [''],
    ['not-an-arn'],
    ['arn:aws:s3'],
    ['arn:aws:s3::'],
    ['arn:aws:s3:::'],
    [`arn:aws:ec2:eu-west-1:${ACCOUNT}`],
    [`arn:aws:ec2:eu-west-1:${ACCOUNT}:`],
    [`ARN:aws:ec2:eu-west-1:${ACCOUNT}:instance/i-1`],
    [`arn:gcp:ec2:eu-west-1:${ACCOUNT}:instance/i-1`],
    [`arn::ec2:eu-west-1:${ACCOUNT}:instance/i-1`],
    [`arn:aws::eu-west-1:${ACCOUNT}:instance/i-1`],
    [`arn:aws:EC2:eu-west-1:${ACCOUNT}:instance/i-1`],
    [`arn:aws:ec2:Europe:${ACCOUNT}:instance/i-1`],
    ['arn:aws:ec2:eu-west-1:12345:instance/i-1'],
    [`arn:aws:ec2:eu-west-1:${ACCOUNT}:instance/`],
    [`arn:aws:rds:eu-west-1:${ACCOUNT}:db:`],
    [`arn:aws:ec2:eu-west-1:${ACCOUNT}:/`],
    [`arn:aws:ec2:eu-west-1:${ACCOUNT}::i-1`],
    [`arn:aws:ec2:eu-west-1:${ACCOUNT}:instance/i-1\n`],
    [` arn:aws:ec2:eu-west-1:${ACCOUNT}:instance/i-1`],
  ])('%j is malformed', (arn) => {
    expect(parseArn(arn)).toBeUndefined();
  });
});

describe('resourceKind', () => {
  it.each([
    [`arn:aws:ec2:eu-west-1:${ACCOUNT}:instance/i-1`, 'instance'],
    ['arn:aws:s3:::my-bucket', 'bucket'],
    ['arn:aws:s3:::my-bucket/key', 'object'],
    [`arn:aws:sqs:eu-west-1:${ACCOUNT}:q`, 'queue'],
    [`arn:aws:sns:eu-west-1:${ACCOUNT}:t`, 'topic'],
    [`arn:aws:sns:eu-west-1:${ACCOUNT}:t:0b4e5a1c`, 'subscription'],
    [`arn:aws:kinesis:eu-west-1:${ACCOUNT}:plain`, ''],
  ])('%s -> %j', (arn, kind) => {
    const parsed = parseArn(arn);
    expect(parsed).toBeDefined();
    if (parsed) expect(resourceKind(parsed)).toBe(kind);
  });
});

describe('secretName', () => {
  it.each([
    ['db-password-AbC123', 'db-password'],
    ['prod/payments/api-key-x9Y8z7', 'prod/payments/api-key'],
    ['short', 'short'],
  ])('%s -> %s', (id, name) => {
    expect(secretName(id)).toBe(name);
  });
});
