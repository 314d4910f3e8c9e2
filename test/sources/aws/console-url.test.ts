import { describe, expect, it } from 'vitest';
import { parseArn } from '../../../src/sources/aws/arn.js';
import { consoleUrl } from '../../../src/sources/aws/console-url.js';

const A = '123456789012';
const EU = 'https://console.aws.amazon.com';

function urlOf(arn: string, region = 'eu-west-1'): string | undefined {
  const parsed = parseArn(arn);
  if (!parsed) throw new Error(`test ARN does not parse: ${arn}`);
  return consoleUrl(parsed, region);
}

describe('consoleUrl', () => {
  it.each([
    [`arn:aws:ec2:eu-west-1:${A}:instance/i-0abc`, `${EU}/ec2/home?region=eu-west-1#InstanceDetails:instanceId=i-0abc`],
    [`arn:aws:ec2:eu-west-1:${A}:volume/vol-1`, `${EU}/ec2/home?region=eu-west-1#VolumeDetails:volumeId=vol-1`],
    [`arn:aws:ec2:eu-west-1:${A}:security-group/sg-1`, `${EU}/ec2/home?region=eu-west-1#SecurityGroup:groupId=sg-1`],
    [`arn:aws:ec2:eu-west-1:${A}:image/ami-1`, `${EU}/ec2/home?region=eu-west-1#ImageDetails:imageId=ami-1`],
    [`arn:aws:ec2:eu-west-1:${A}:snapshot/snap-1`, `${EU}/ec2/home?region=eu-west-1#SnapshotDetails:snapshotId=snap-1`],
    [`arn:aws:ec2:eu-west-1:${A}:vpc/vpc-1`, `${EU}/vpcconsole/home?region=eu-west-1#VpcDetails:VpcId=vpc-1`],
    [`arn:aws:ec2:eu-west-1:${A}:subnet/subnet-1`, `${EU}/vpcconsole/home?region=eu-west-1#SubnetDetails:subnetId=subnet-1`],
    ['arn:aws:s3:::my-bucket', 'https://s3.console.aws.amazon.com/s3/buckets/my-bucket'],
    [`arn:aws:rds:eu-west-1:${A}:db:orders`, `${EU}/rds/home?region=eu-west-1#database:id=orders;is-cluster=false`],
    [`arn:aws:rds:eu-west-1:${A}:cluster:orders-aurora`, `${EU}/rds/home?region=eu-west-1#database:id=orders-aurora;is-cluster=true`],
    [`arn:aws:dynamodb:eu-west-1:${A}:table/payments`, `${EU}/dynamodbv2/home?region=eu-west-1#table?name=payments`],
    [`arn:aws:dynamodb:eu-west-1:${A}:table/payments/index/byUser`, `${EU}/dynamodbv2/home?region=eu-west-1#table?name=payments`],
    [`arn:aws:lambda:eu-west-1:${A}:function:checkout`, `${EU}/lambda/home?region=eu-west-1#/functions/checkout`],
    [`arn:aws:lambda:eu-west-1:${A}:function:checkout:live`, `${EU}/lambda/home?region=eu-west-1#/functions/checkout`],
    [
      `arn:aws:sqs:eu-west-1:${A}:orders`,
      `${EU}/sqs/v3/home?region=eu-west-1#/queues/https%3A%2F%2Fsqs.eu-west-1.amazonaws.com%2F${A}%2Forders`,
    ],
    [`arn:aws:sns:eu-west-1:${A}:alerts`, `${EU}/sns/v3/home?region=eu-west-1#/topic/arn:aws:sns:eu-west-1:${A}:alerts`],
    [`arn:aws:eks:eu-west-1:${A}:cluster/prod`, `${EU}/eks/home?region=eu-west-1#/clusters/prod`],
    [`arn:aws:ecr:eu-west-1:${A}:repository/team/app`, `${EU}/ecr/repositories/private/${A}/team/app?region=eu-west-1`],
    [
      `arn:aws:elasticloadbalancing:eu-west-1:${A}:loadbalancer/app/web/50dc6c495c0c9188`,
      `${EU}/ec2/home?region=eu-west-1#LoadBalancer:loadBalancerArn=arn:aws:elasticloadbalancing:eu-west-1:${A}:loadbalancer/app/web/50dc6c495c0c9188`,
    ],
    [
      `arn:aws:elasticloadbalancing:eu-west-1:${A}:loadbalancer/classic-web`,
      `${EU}/ec2/home?region=eu-west-1#LoadBalancers:search=classic-web`,
    ],
    [
      `arn:aws:elasticloadbalancing:eu-west-1:${A}:targetgroup/web/73e2d6bc24d8a067`,
      `${EU}/ec2/home?region=eu-west-1#TargetGroup:targetGroupArn=arn:aws:elasticloadbalancing:eu-west-1:${A}:targetgroup/web/73e2d6bc24d8a067`,
    ],
    [`arn:aws:elasticache:eu-west-1:${A}:replicationgroup:sessions`, `${EU}/elasticache/home?region=eu-west-1#/redis/sessions`],
    [`arn:aws:es:eu-west-1:${A}:domain/search`, `${EU}/aos/home?region=eu-west-1#opensearch/domains/search`],
    [`arn:aws:kinesis:eu-west-1:${A}:stream/clicks`, `${EU}/kinesis/home?region=eu-west-1#/streams/details/clicks`],
    [`arn:aws:secretsmanager:eu-west-1:${A}:secret:prod/db-AbC123`, `${EU}/secretsmanager/secret?name=prod%2Fdb&region=eu-west-1`],
    [
      `arn:aws:states:eu-west-1:${A}:stateMachine:orders`,
      `${EU}/states/home?region=eu-west-1#/statemachines/view/arn%3Aaws%3Astates%3Aeu-west-1%3A${A}%3AstateMachine%3Aorders`,
    ],
    [
      `arn:aws:kms:eu-west-1:${A}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
      `${EU}/kms/home?region=eu-west-1#/kms/keys/1234abcd-12ab-34cd-56ef-1234567890ab`,
    ],
    [`arn:aws:cloudfront::${A}:distribution/EDFDVBD6EXAMPLE`, `${EU}/cloudfront/v4/home#/distributions/EDFDVBD6EXAMPLE`],
    [`arn:aws:elasticfilesystem:eu-west-1:${A}:file-system/fs-0123`, `${EU}/efs/home?region=eu-west-1#/file-systems/fs-0123`],
    [`arn:aws:iam::${A}:role/service-role/deploy`, `${EU}/iam/home#/roles/details/deploy`],
    // the ARN's region wins over the listing's
    [`arn:aws:eks:us-east-2:${A}:cluster/east`, `${EU}/eks/home?region=us-east-2#/clusters/east`],
    // China and GovCloud use their own console hosts
    [
      `arn:aws-cn:ec2:cn-north-1:${A}:instance/i-1`,
      'https://console.amazonaws.cn/ec2/home?region=cn-north-1#InstanceDetails:instanceId=i-1',
    ],
    ['arn:aws-cn:s3:::cn-bucket', 'https://console.amazonaws.cn/s3/buckets/cn-bucket'],
    [
      `arn:aws-cn:sqs:cn-north-1:${A}:q`,
      `https://console.amazonaws.cn/sqs/v3/home?region=cn-north-1#/queues/https%3A%2F%2Fsqs.cn-north-1.amazonaws.com.cn%2F${A}%2Fq`,
    ],
    [
      `arn:aws-us-gov:rds:us-gov-west-1:${A}:db:ledger`,
      'https://console.amazonaws-us-gov.com/rds/home?region=us-gov-west-1#database:id=ledger;is-cluster=false',
    ],
  ])('%s', (arn, url) => {
    expect(urlOf(arn)).toBe(url);
  });

  it.each([
    // types no page is known for, or whose ARN does not say enough
    [`arn:aws:elasticache:eu-west-1:${A}:cluster:sessions-001`],
    [`arn:aws:kms:eu-west-1:${A}:alias/app`],
    ['arn:aws:s3:::my-bucket/reports/01.csv'],
    [`arn:aws:sns:eu-west-1:${A}:alerts:0b4e5a1c`],
    [`arn:aws:ssm:eu-west-1:${A}:parameter/app/db`],
    [`arn:aws:kinesis:eu-west-1:${A}:plain`],
    ['arn:aws:apigateway:eu-west-1::/restapis/a1b2c3'],
    [`arn:aws:ec2:eu-west-1:${A}:instance/odd/i-1`],
    [`arn:aws:elasticloadbalancing:eu-west-1:${A}:loadbalancer/app/web`],
    // partitions without a console we can link to
    [`arn:aws-iso:ec2:us-iso-east-1:${A}:instance/i-1`],
  ])('%s has no link', (arn) => {
    expect(urlOf(arn)).toBeUndefined();
  });

  it('takes the region from the listing when the ARN has none, and links nothing without one', () => {
    const parsed = parseArn(`arn:aws:ec2:eu-west-1:${A}:instance/i-1`);
    if (!parsed) throw new Error('test ARN does not parse');
    expect(consoleUrl({ ...parsed, region: '' }, '')).toBeUndefined();
    expect(consoleUrl({ ...parsed, region: '' }, 'not a region')).toBeUndefined();
    expect(consoleUrl({ ...parsed, region: '' }, 'ap-southeast-2')).toBe(
      `${EU}/ec2/home?region=ap-southeast-2#InstanceDetails:instanceId=i-1`,
    );
  });
});
