/**
 * An ARN split into its fields. Empty strings stand for the fields an ARN leaves empty: S3 buckets
 * carry no region or account, IAM and other global services no region.
 */
export interface ParsedArn {
  /** The ARN parsed, for links and messages that need it whole. */
  arn: string;
  partition: string;
  service: string;
  region: string;
  accountId: string;
  /** `instance`, `function`, `table`, ...; empty when the resource is a bare id (queue, topic, bucket). */
  resourceType: string;
  /** The rest of the resource: it may contain further `/` and `:` (`payments/index/byUser`, `name:alias`). */
  resourceId: string;
}

/**
 * The five fixed fields, then the resource. Regions and accounts never contain `:`, so the first five
 * colons delimit them and every later colon belongs to the resource. The account is 12 digits, `aws`
 * (AWS managed policies) or empty; a region looks like `eu-west-1`, `us-gov-west-1`, `cn-north-1`.
 */
const ARN = /^arn:(aws(?:-[a-z]+)*):([a-z0-9-]+):((?:[a-z]{2}(?:-[a-z]+)+-\d+)?):(\d{12}|aws|):(.+)$/;

/** Control characters appear in no ARN; a string with them is something else. */
const CONTROL = /\p{Cc}/u;

/** Services whose resource is a bare name with no type: an SQS queue, an SNS topic (or `topic:subscription`). */
const BARE_SERVICES: ReadonlySet<string> = new Set(['sqs', 'sns']);

export function parseArn(arn: string): ParsedArn | undefined {
  if (CONTROL.test(arn)) return undefined;
  const match = ARN.exec(arn);
  if (!match) return undefined;
  const [, partition = '', service = '', region = '', accountId = '', resource = ''] = match;
  const split = splitResource(service, accountId, resource);
  return split && { arn, partition, service, region, accountId, ...split };
}

function splitResource(service: string, accountId: string, resource: string): Pick<ParsedArn, 'resourceType' | 'resourceId'> | undefined {
  // A bucket ARN has no account; access points, jobs and storage lens (with an account) are typed.
  const bare = BARE_SERVICES.has(service) || (service === 's3' && accountId === '');
  if (bare) return { resourceType: '', resourceId: resource };
  // API Gateway writes its resources as paths: `/restapis/abc123/stages/prod`.
  const path = resource.startsWith('/') ? resource.slice(1) : resource;
  const at = path.search(/[:/]/);
  if (at === -1) return path === '' ? undefined : { resourceType: '', resourceId: path };
  const resourceType = path.slice(0, at);
  const resourceId = path.slice(at + 1);
  return resourceType === '' || resourceId === '' ? undefined : { resourceType, resourceId };
}

/**
 * The kind of resource, also for bare ids, which name no type: S3 buckets and objects, SQS queues,
 * SNS topics and subscriptions. Empty when the ARN does not tell.
 */
export function resourceKind(parsed: ParsedArn): string {
  if (parsed.resourceType !== '') return parsed.resourceType;
  if (parsed.service === 's3') return parsed.resourceId.includes('/') ? 'object' : 'bucket';
  if (parsed.service === 'sqs') return 'queue';
  if (parsed.service === 'sns') return parsed.resourceId.includes(':') ? 'subscription' : 'topic';
  return '';
}

/** Secrets Manager appends `-` and six random characters to a secret's name in its ARN. */
export function secretName(resourceId: string): string {
  return resourceId.replace(/-[A-Za-z0-9]{6}$/, '');
}
