import { resourceKind, secretName, type ParsedArn } from './arn.js';

/** Console hosts per partition; other partitions (ISO, EUSC) have consoles we cannot link to reliably. */
const CONSOLE_HOSTS: Readonly<Record<string, string>> = {
  aws: 'console.aws.amazon.com',
  'aws-cn': 'console.amazonaws.cn',
  'aws-us-gov': 'console.amazonaws-us-gov.com',
};

/** Domain suffix of service endpoints per partition (an SQS queue is linked by its queue URL). */
const ENDPOINT_SUFFIXES: Readonly<Record<string, string>> = {
  aws: 'amazonaws.com',
  'aws-cn': 'amazonaws.com.cn',
  'aws-us-gov': 'amazonaws.com',
};

const REGION = /^[a-z]{2}(?:-[a-z]+)+-\d+$/;

/** What a link builder knows: the ARN, the region the resource lives in, the id split on `/`. */
interface Target {
  parsed: ParsedArn;
  region: string;
  segments: string[];
}

/** A console path (with query and fragment) for one resource, or undefined when the ARN does not tell enough. */
type Builder = (target: Target) => string | undefined;

const enc = encodeURIComponent;

/** Most consoles are single-page apps keyed by `?region=` and a `#` route. */
const page =
  (app: string, route: (target: Target) => string | undefined): Builder =>
  (target) => {
    const fragment = route(target);
    return fragment === undefined ? undefined : `/${app}/home?region=${target.region}#${fragment}`;
  };

/** The id when it is one segment: ids such as `i-0abc` never contain `/`, so one that does is not understood. */
const single = ({ segments }: Target): string | undefined => (segments.length === 1 ? segments[0] : undefined);

const withSingle =
  (prefix: string, suffix = ''): ((target: Target) => string | undefined) =>
  (target) => {
    const id = single(target);
    return id === undefined ? undefined : `${prefix}${enc(id)}${suffix}`;
  };

/** Application, network and gateway load balancers have ARN-keyed pages; a classic one only a filtered list. */
const loadBalancer: Builder = page('ec2', ({ parsed, segments }) => {
  if (segments.length === 3) return `LoadBalancer:loadBalancerArn=${parsed.arn}`;
  const [classic] = segments;
  return segments.length === 1 && classic !== undefined ? `LoadBalancers:search=${enc(classic)}` : undefined;
});

/** The console shows an SQS queue by its queue URL, which needs the account. */
const queue: Builder = ({ parsed, region }) => {
  const suffix = ENDPOINT_SUFFIXES[parsed.partition];
  if (suffix === undefined || parsed.accountId === '') return undefined;
  const url = `https://sqs.${region}.${suffix}/${parsed.accountId}/${parsed.resourceId}`;
  return `/sqs/v3/home?region=${region}#/queues/${enc(url)}`;
};

/** ECR repository names may contain `/`, which the console keeps as path segments. */
const repository: Builder = ({ parsed, region, segments }) =>
  parsed.accountId === '' ? undefined : `/ecr/repositories/private/${parsed.accountId}/${segments.map(enc).join('/')}?region=${region}`;

/** Keyed by `service:kind`; global services (IAM, CloudFront) ignore the region. */
const REGIONAL: Readonly<Record<string, Builder>> = {
  'ec2:instance': page('ec2', withSingle('InstanceDetails:instanceId=')),
  'ec2:volume': page('ec2', withSingle('VolumeDetails:volumeId=')),
  'ec2:security-group': page('ec2', withSingle('SecurityGroup:groupId=')),
  'ec2:image': page('ec2', withSingle('ImageDetails:imageId=')),
  'ec2:snapshot': page('ec2', withSingle('SnapshotDetails:snapshotId=')),
  'ec2:vpc': page('vpcconsole', withSingle('VpcDetails:VpcId=')),
  'ec2:subnet': page('vpcconsole', withSingle('SubnetDetails:subnetId=')),
  'rds:db': page('rds', withSingle('database:id=', ';is-cluster=false')),
  'rds:cluster': page('rds', withSingle('database:id=', ';is-cluster=true')),
  // An index or stream ARN (`table/t/index/i`) opens its table.
  'dynamodb:table': page('dynamodbv2', ({ segments }) => `table?name=${enc(segments[0] ?? '')}`),
  // A qualified ARN (`function:name:alias`) opens the function.
  'lambda:function': page('lambda', ({ parsed }) => `/functions/${enc(parsed.resourceId.split(':')[0] ?? '')}`),
  'sqs:queue': queue,
  'sns:topic': page('sns/v3', ({ parsed }) => `/topic/${parsed.arn}`),
  'eks:cluster': page('eks', withSingle('/clusters/')),
  'ecr:repository': repository,
  'elasticloadbalancing:loadbalancer': loadBalancer,
  'elasticloadbalancing:targetgroup': page('ec2', ({ parsed }) => `TargetGroup:targetGroupArn=${parsed.arn}`),
  // A cache cluster's ARN does not say its engine (Redis, Valkey or Memcached), so only groups are linked.
  'elasticache:replicationgroup': page('elasticache', withSingle('/redis/')),
  'es:domain': page('aos', withSingle('opensearch/domains/')),
  'kinesis:stream': page('kinesis', withSingle('/streams/details/')),
  'secretsmanager:secret': ({ parsed, region }) => `/secretsmanager/secret?name=${enc(secretName(parsed.resourceId))}&region=${region}`,
  'states:stateMachine': page('states', ({ parsed }) => `/statemachines/view/${enc(parsed.arn)}`),
  'kms:key': page('kms', withSingle('/kms/keys/')),
  'elasticfilesystem:file-system': page('efs', withSingle('/file-systems/')),
};

/** Services without regions: their pages need none, and their ARNs carry none. */
const GLOBAL: Readonly<Record<string, (segments: string[]) => string>> = {
  'cloudfront:distribution': (segments) => `/cloudfront/v4/home#/distributions/${enc(segments.join('/'))}`,
  // Roles and users may sit under a path (`role/ops/deploy`); the console names them by the last segment.
  'iam:role': (segments) => `/iam/home#/roles/details/${enc(segments.at(-1) ?? '')}`,
  'iam:user': (segments) => `/iam/home#/users/details/${enc(segments.at(-1) ?? '')}`,
};

/**
 * A deep link to the resource in the AWS console, or undefined where none can be built reliably.
 * `region` is the listing's: it stands in when the ARN has none.
 */
export function consoleUrl(parsed: ParsedArn, region: string): string | undefined {
  const host = CONSOLE_HOSTS[parsed.partition];
  if (host === undefined) return undefined;
  const key = `${parsed.service}:${resourceKind(parsed)}`;
  const segments = parsed.resourceId.split('/');
  // A bucket page finds the bucket's region itself, and the listing's region may not be the bucket's.
  if (key === 's3:bucket') return `https://${parsed.partition === 'aws' ? `s3.${host}` : host}/s3/buckets/${enc(parsed.resourceId)}`;
  const global = GLOBAL[key];
  if (global) return `https://${host}${global(segments)}`;
  const build = REGIONAL[key];
  const resourceRegion = parsed.region || region;
  if (!build || !REGION.test(resourceRegion)) return undefined;
  const path = build({ parsed, region: resourceRegion, segments });
  return path === undefined ? undefined : `https://${host}${path}`;
}
