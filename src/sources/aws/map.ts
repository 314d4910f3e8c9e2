import type { BlueprintOwnership, EntityFragment, Finding } from '../../domain/index.js';
import { parseArn, resourceKind, secretName, type ParsedArn } from './arn.js';
import { consoleUrl } from './console-url.js';
import { partitionScope, type AwsMapSettings, type Mapped, type RawCluster, type RawTaggedResource } from './types.js';

const SOURCE = 'aws';

/** What the AWS source writes: it defines accounts, tagged resources and clusters. */
export const AWS_OWNS: Record<string, BlueprintOwnership> = {
  awsAccount: { mode: 'define', title: true, properties: ['accountId', 'name'], relations: [] },
  awsResource: {
    mode: 'define',
    title: true,
    properties: ['arn', 'awsService', 'resourceType', 'region', 'accountId', 'consoleUrl', 'tags', 'missingTags', 'tagCompliant'],
    relations: ['service', 'team', 'environment', 'awsAccount'],
  },
  eksCluster: {
    mode: 'define',
    title: true,
    properties: [
      'name',
      'version',
      'platformVersion',
      'status',
      'region',
      'accountId',
      'endpoint',
      'endpointPublicAccess',
      'endpointPrivateAccess',
      'authenticationMode',
    ],
    relations: ['environment', 'awsAccount'],
  },
};

/** AWS's limit on a tag value, in Unicode characters: a longer value was never a real tag. */
const MAX_TAG_VALUE = 256;
/** Longest value a finding quotes: enough to recognise it, short enough for a log line. */
const QUOTED_LENGTH = 80;

const quote = (value: string): string => {
  const text = JSON.stringify(value);
  return text.length > QUOTED_LENGTH ? `${text.slice(0, QUOTED_LENGTH)}...` : text;
};

interface Tag {
  key: string;
  value: string;
}

/** The tags as one value per key (AWS never repeats a key; if a listing does, the last value wins). */
function tagMap(tags: RawTaggedResource['tags'], report: (message: string) => void): Map<string, string> {
  const map = new Map<string, string>();
  for (const { Key: key, Value: value = '' } of tags) {
    if (key === undefined) report('a tag without a key is ignored');
    else if (map.has(key)) report(`tag ${quote(key)} appears more than once; the last value (${quote(value)}) is kept`);
    if (key !== undefined) map.set(key, value);
  }
  return map;
}

/**
 * Reads tags by key case-sensitively, as AWS does, but also finds a key written with stray whitespace
 * around it (`" team"`): the value is clearly meant, and the stray key is reported once.
 */
function tagReader(tags: ReadonlyMap<string, string>, report: (message: string) => void): (key: string) => Tag | undefined {
  const reported = new Set<string>();
  return (key) => {
    const exact = tags.get(key);
    if (exact !== undefined) return { key, value: exact };
    const padded = [...tags].filter(([candidate]) => candidate.trim() === key.trim()).at(-1);
    if (padded === undefined) return undefined;
    if (!reported.has(padded[0])) report(`tag key ${quote(padded[0])} has surrounding whitespace; it is read as ${quote(key)}`);
    reported.add(padded[0]);
    return { key: padded[0], value: padded[1] };
  };
}

/** Why a non-blank tag value cannot name a team, environment or service, if it cannot. */
function unusableBecause(value: string): string | undefined {
  if ([...value].length > MAX_TAG_VALUE) return `is longer than the ${MAX_TAG_VALUE} characters AWS allows`;
  if (!/[\p{L}\p{N}]/u.test(value)) return 'has no letter or digit';
  return undefined;
}

/**
 * The raw tag value for a relation (the join trims, lower-cases and maps it through the aliases), or
 * null when the tag is absent, blank or unusable; an unusable value is reported, the entity stays.
 */
function relationFrom(tag: Tag | undefined, relation: string, report: (message: string) => void): string | null {
  if (tag === undefined || tag.value.trim() === '') return null;
  const problem = unusableBecause(tag.value);
  if (problem === undefined) return tag.value;
  report(`tag ${quote(tag.key)} has the value ${quote(tag.value)}, which ${problem}; relation ${relation} is left empty`);
  return null;
}

/** Resource types whose name is the first segment, before generated ids (`targetgroup/web/73e2d6bc24d8a067`). */
const NAME_FIRST: ReadonlySet<string> = new Set(['elasticloadbalancing:targetgroup', 'cloudformation:stack', 'cloudformation:stackset']);

/** The name people know a resource by: mostly the id's last segment. */
function resourceTitle(parsed: ParsedArn, kind: string): string {
  const segments = parsed.resourceId.split('/').filter((segment) => segment !== '');
  const key = `${parsed.service}:${kind}`;
  // `loadbalancer/app/web/50dc6c495c0c9188`: type, name, generated id.
  if (key === 'elasticloadbalancing:loadbalancer' && segments.length === 3) return segments[1] ?? parsed.arn;
  if (NAME_FIRST.has(key)) return segments[0] ?? parsed.arn;
  const last = segments.at(-1) ?? parsed.arn;
  return key === 'secretsmanager:secret' ? secretName(last) : last;
}

function missingTags(read: (key: string) => Tag | undefined, required: readonly string[]): string[] {
  return [...new Set(required)].filter((key) => (read(key)?.value.trim() ?? '') === '');
}

/** One awsResource from a Tagging API listing; an ARN that cannot be parsed yields a finding instead. */
export function mapResource(raw: RawTaggedResource, settings: AwsMapSettings): Mapped {
  const scope = partitionScope({ accountId: raw.accountId, region: raw.region });
  const findings: Finding[] = [];
  const subject = `awsResource ${raw.arn}`;
  const report = (message: string): void => void findings.push({ source: SOURCE, scope, subject, message });
  const parsed = parseArn(raw.arn);
  if (!parsed) {
    report('the ARN cannot be parsed; the resource is not written');
    return { findings };
  }
  const tags = tagMap(raw.tags, report);
  const read = tagReader(tags, report);
  // S3 and other global ARNs carry no region or account: the listing that returned them supplies both.
  const region = parsed.region || raw.region;
  const accountId = parsed.accountId || raw.accountId;
  const kind = resourceKind(parsed);
  const missing = missingTags(read, settings.tags.required);
  const url = consoleUrl(parsed, region);
  const properties: Record<string, unknown> = {
    arn: raw.arn,
    awsService: parsed.service,
    resourceType: kind === '' ? parsed.service : `${parsed.service}:${kind}`,
    region,
    accountId,
    ...(url === undefined ? {} : { consoleUrl: url }),
    tags: Object.fromEntries(tags),
    missingTags: missing,
    tagCompliant: missing.length === 0,
  };
  const relations = {
    service: relationFrom(read(settings.tags.service), 'service', report),
    team: relationFrom(read(settings.tags.team), 'team', report),
    environment: relationFrom(read(settings.tags.environment), 'environment', report),
    awsAccount: accountId,
  };
  const name = read('Name')?.value.trim();
  const title = name || resourceTitle(parsed, kind);
  return { fragment: { blueprint: 'awsResource', identifier: raw.arn, title, scope, properties, relations }, findings };
}

/** One eksCluster from DescribeCluster; only the properties EKS returned are set. */
export function mapCluster(raw: RawCluster, settings: AwsMapSettings): Mapped {
  const scope = partitionScope({ accountId: raw.accountId, region: raw.region });
  const findings: Finding[] = [];
  const subject = `eksCluster ${raw.arn}`;
  const report = (message: string): void => void findings.push({ source: SOURCE, scope, subject, message });
  if (!parseArn(raw.arn)) {
    report('the cluster ARN cannot be parsed; the cluster is not written');
    return { findings };
  }
  const read = tagReader(new Map(Object.entries(raw.tags)), report);
  const { name, version, platformVersion, status, region, accountId, endpoint } = raw;
  const { endpointPublicAccess, endpointPrivateAccess, authenticationMode } = raw;
  const all = {
    name,
    version,
    platformVersion,
    status,
    region,
    accountId,
    endpoint,
    endpointPublicAccess,
    endpointPrivateAccess,
    authenticationMode,
  };
  const properties = Object.fromEntries(Object.entries(all).filter(([, value]) => value !== undefined));
  const relations = {
    environment: relationFrom(read(settings.tags.environment), 'environment', report),
    awsAccount: raw.accountId,
  };
  return { fragment: { blueprint: 'eksCluster', identifier: raw.arn, title: raw.name, scope, properties, relations }, findings };
}

/** One awsAccount; Organizations' name is its title when the account is listed there. */
export function mapAccount(account: { accountId: string; name?: string }, scope: string): EntityFragment {
  const name = account.name?.trim() || undefined;
  return {
    blueprint: 'awsAccount',
    identifier: account.accountId,
    title: name ?? account.accountId,
    scope,
    properties: name === undefined ? { accountId: account.accountId } : { accountId: account.accountId, name: account.name },
  };
}
