import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AWS_OWNS, mapAccount, mapCluster, mapResource } from '../../../src/sources/aws/map.js';
import type { AwsMapSettings, RawCluster, RawTaggedResource } from '../../../src/sources/aws/types.js';

const A = '123456789012';
const SCOPE = `aws:${A}:eu-west-1`;
const SETTINGS: AwsMapSettings = {
  tags: { service: 'service', team: 'team', environment: 'environment', required: ['service', 'team', 'environment', 'cost-center'] },
};
const FULL_TAGS = { service: 'checkout', team: 'payments', environment: 'prod', 'cost-center': 'cc-42' };

type Tags = RawTaggedResource['tags'];
const tagList = (tags: Record<string, string>): Tags => Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
const resource = (arn: string, tags: Tags = tagList(FULL_TAGS)): RawTaggedResource => ({ arn, tags, accountId: A, region: 'eu-west-1' });

function fragmentOf(raw: RawTaggedResource) {
  const { fragment } = mapResource(raw, SETTINGS);
  if (!fragment) throw new Error(`no fragment for ${raw.arn}`);
  return fragment;
}

describe('mapResource', () => {
  it('maps a tagged EC2 instance', () => {
    const arn = `arn:aws:ec2:eu-west-1:${A}:instance/i-0abc`;
    expect(mapResource(resource(arn), SETTINGS)).toEqual({
      fragment: {
        blueprint: 'awsResource',
        identifier: arn,
        title: 'i-0abc',
        scope: SCOPE,
        properties: {
          arn,
          awsService: 'ec2',
          resourceType: 'ec2:instance',
          region: 'eu-west-1',
          accountId: A,
          consoleUrl: 'https://console.aws.amazon.com/ec2/home?region=eu-west-1#InstanceDetails:instanceId=i-0abc',
          tags: FULL_TAGS,
          missingTags: [],
          tagCompliant: true,
        },
        relations: { service: 'checkout', team: 'payments', environment: 'prod', awsAccount: A },
      },
      findings: [],
    });
  });

  it('takes region and account of an S3 bucket from the listing', () => {
    const raw: RawTaggedResource = {
      arn: 'arn:aws:s3:::reports',
      tags: tagList(FULL_TAGS),
      accountId: '210987654321',
      region: 'us-east-1',
    };
    const fragment = fragmentOf(raw);
    expect(fragment.scope).toBe('aws:210987654321:us-east-1');
    expect(fragment.title).toBe('reports');
    expect(fragment.properties).toMatchObject({
      awsService: 's3',
      resourceType: 's3:bucket',
      region: 'us-east-1',
      accountId: '210987654321',
      consoleUrl: 'https://s3.console.aws.amazon.com/s3/buckets/reports',
    });
    expect(fragment.relations?.awsAccount).toBe('210987654321');
  });

  it('keeps the ARN region and account over the listing', () => {
    const raw: RawTaggedResource = { arn: `arn:aws:sqs:eu-central-1:${A}:q`, tags: [], accountId: '210987654321', region: 'us-east-1' };
    const fragment = fragmentOf(raw);
    expect(fragment.scope).toBe('aws:210987654321:us-east-1');
    expect(fragment.properties).toMatchObject({ region: 'eu-central-1', accountId: A, resourceType: 'sqs:queue' });
    expect(fragment.relations?.awsAccount).toBe(A);
  });

  it.each([
    [`arn:aws:dynamodb:eu-west-1:${A}:table/payments`, 'dynamodb:table', 'payments'],
    [`arn:aws:elasticloadbalancing:eu-west-1:${A}:loadbalancer/app/web/50dc6c495c0c9188`, 'elasticloadbalancing:loadbalancer', 'web'],
    [`arn:aws:elasticloadbalancing:eu-west-1:${A}:loadbalancer/classic-web`, 'elasticloadbalancing:loadbalancer', 'classic-web'],
    [`arn:aws:elasticloadbalancing:eu-west-1:${A}:targetgroup/web-tg/73e2d6bc24d8a067`, 'elasticloadbalancing:targetgroup', 'web-tg'],
    [`arn:aws:cloudformation:eu-west-1:${A}:stack/infra/9f0e4c10-1111-2222-3333-444455556666`, 'cloudformation:stack', 'infra'],
    [`arn:aws:ecr:eu-west-1:${A}:repository/team/app`, 'ecr:repository', 'app'],
    [`arn:aws:lambda:eu-west-1:${A}:function:checkout:live`, 'lambda:function', 'checkout:live'],
    [`arn:aws:rds:eu-west-1:${A}:db:orders`, 'rds:db', 'orders'],
    [`arn:aws:secretsmanager:eu-west-1:${A}:secret:prod/db-AbC123`, 'secretsmanager:secret', 'db'],
    [`arn:aws:sns:eu-west-1:${A}:alerts`, 'sns:topic', 'alerts'],
    ['arn:aws:s3:::reports/2026/01.csv', 's3:object', '01.csv'],
    [`arn:aws:iam::${A}:role/service-role/deploy`, 'iam:role', 'deploy'],
    [`arn:aws:kinesis:eu-west-1:${A}:plain`, 'kinesis', 'plain'],
  ])('%s is a %s titled %j', (arn, resourceType, title) => {
    const fragment = fragmentOf(resource(arn));
    expect(fragment.identifier).toBe(arn);
    expect(fragment.properties?.resourceType).toBe(resourceType);
    expect(fragment.title).toBe(title);
  });

  it('uses a Name tag as the title', () => {
    const fragment = fragmentOf(resource(`arn:aws:ec2:eu-west-1:${A}:instance/i-0abc`, tagList({ ...FULL_TAGS, Name: ' web-1 ' })));
    expect(fragment.title).toBe('web-1');
    expect(fragmentOf(resource(`arn:aws:ec2:eu-west-1:${A}:instance/i-0abc`, tagList({ Name: '  ' }))).title).toBe('i-0abc');
  });

  it('omits consoleUrl when no link can be built', () => {
    const fragment = fragmentOf(resource(`arn:aws:ssm:eu-west-1:${A}:parameter/app/db`));
    expect(fragment.properties).not.toHaveProperty('consoleUrl');
    expect(Object.values(fragment.properties ?? {})).not.toContain(undefined);
  });

  it('passes raw tag values on and keeps the tags untouched', () => {
    const tags = { service: ' Checkout ', team: 'PAY', environment: 'Production', 'cost-center': ' 42 ', Owner: 'Ann' };
    const fragment = fragmentOf(resource(`arn:aws:rds:eu-west-1:${A}:db:orders`, tagList(tags)));
    expect(fragment.properties?.tags).toEqual(tags);
    expect(fragment.relations).toEqual({ service: ' Checkout ', team: 'PAY', environment: 'Production', awsAccount: A });
    expect(fragment.properties).toMatchObject({ missingTags: [], tagCompliant: true });
  });

  it.each([
    ['no tags', {}, ['service', 'team', 'environment', 'cost-center']],
    ['an absent key', { service: 's', team: 't', environment: 'e' }, ['cost-center']],
    ['a blank value', { service: 's', team: '', environment: 'e', 'cost-center': 'c' }, ['team']],
    ['a whitespace value', { service: 's', team: 't', environment: ' \t ', 'cost-center': 'c' }, ['environment']],
    ['keys in another case', { Service: 's', team: 't', environment: 'e', 'Cost-Center': 'c' }, ['service', 'cost-center']],
    ['several, in the order of the required list', { 'cost-center': 'c', environment: 'e' }, ['service', 'team']],
  ])('lists missing tags for %s', (_name, tags, missing) => {
    const fragment = fragmentOf(resource(`arn:aws:sqs:eu-west-1:${A}:q`, tagList(tags)));
    expect(fragment.properties).toMatchObject({ missingTags: missing, tagCompliant: false });
  });

  it('leaves relations of absent and blank tags empty without a finding', () => {
    const { fragment, findings } = mapResource(
      resource(`arn:aws:sqs:eu-west-1:${A}:q`, tagList({ team: '', environment: '   ' })),
      SETTINGS,
    );
    expect(fragment?.relations).toEqual({ service: null, team: null, environment: null, awsAccount: A });
    expect(findings).toEqual([]);
  });

  it('reads a central tag whose key has surrounding whitespace, and reports the key', () => {
    const arn = `arn:aws:sqs:eu-west-1:${A}:q`;
    const { fragment, findings } = mapResource(
      resource(arn, tagList({ service: 's', ' team ': 'payments', environment: 'e', 'cost-center': 'c' })),
      SETTINGS,
    );
    expect(fragment?.relations?.team).toBe('payments');
    expect(fragment?.properties).toMatchObject({ tags: { ' team ': 'payments' }, missingTags: [], tagCompliant: true });
    expect(findings).toEqual([
      {
        source: 'aws',
        scope: SCOPE,
        subject: `awsResource ${arn}`,
        message: 'tag key " team " has surrounding whitespace; it is read as "team"',
      },
    ]);
  });

  it('prefers the exact key over one with whitespace', () => {
    const { fragment, findings } = mapResource(
      resource(`arn:aws:sqs:eu-west-1:${A}:q`, tagList({ 'team ': 'other', team: 'payments' })),
      SETTINGS,
    );
    expect(fragment?.relations?.team).toBe('payments');
    expect(findings).toEqual([]);
  });

  it.each([
    ['punctuation only', '--- / ---', 'has no letter or digit'],
    ['longer than AWS allows', 'x'.repeat(257), 'is longer than the 256 characters AWS allows'],
  ])('leaves a relation empty for a value with %s, reports it and keeps the resource', (_name, value, reason) => {
    const arn = `arn:aws:sqs:eu-west-1:${A}:q`;
    const { fragment, findings } = mapResource(resource(arn, tagList({ ...FULL_TAGS, team: value })), SETTINGS);
    expect(fragment?.relations).toEqual({ service: 'checkout', team: null, environment: 'prod', awsAccount: A });
    expect(fragment?.properties).toMatchObject({ tags: { team: value }, missingTags: [], tagCompliant: true });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ source: 'aws', scope: SCOPE, subject: `awsResource ${arn}` });
    expect(findings[0]?.message).toContain('tag "team" has the value "');
    expect(findings[0]?.message).toContain(`which ${reason}; relation team is left empty`);
  });

  it('accepts a value of exactly 256 characters, counted in code points, and letters of any script', () => {
    const tags = { service: '🚀'.repeat(255) + 'a', team: 'Zürich', environment: '本番' };
    const { fragment, findings } = mapResource(resource(`arn:aws:sqs:eu-west-1:${A}:q`, tagList(tags)), SETTINGS);
    expect(fragment?.relations).toMatchObject(tags);
    expect(findings).toEqual([]);
  });

  it('keeps the last value of a repeated key and reports it', () => {
    const arn = `arn:aws:sqs:eu-west-1:${A}:q`;
    const tags: Tags = [
      { Key: 'team', Value: 'search' },
      { Key: 'service', Value: 'checkout' },
      { Key: 'team', Value: 'payments' },
    ];
    const { fragment, findings } = mapResource(resource(arn, tags), SETTINGS);
    expect(fragment?.properties?.tags).toEqual({ team: 'payments', service: 'checkout' });
    expect(fragment?.relations?.team).toBe('payments');
    expect(findings).toEqual([
      {
        source: 'aws',
        scope: SCOPE,
        subject: `awsResource ${arn}`,
        message: 'tag "team" appears more than once; the last value ("payments") is kept',
      },
    ]);
  });

  it('ignores a tag without a key and reads a tag without a value as blank', () => {
    const arn = `arn:aws:sqs:eu-west-1:${A}:q`;
    const { fragment, findings } = mapResource(resource(arn, [{ Value: 'orphan' }, { Key: 'team' }]), SETTINGS);
    expect(fragment?.properties).toMatchObject({ tags: { team: '' }, missingTags: ['service', 'team', 'environment', 'cost-center'] });
    expect(findings).toEqual([{ source: 'aws', scope: SCOPE, subject: `awsResource ${arn}`, message: 'a tag without a key is ignored' }]);
  });

  it('keeps a tag named __proto__ as a plain key', () => {
    const tags = fragmentOf(resource(`arn:aws:sqs:eu-west-1:${A}:q`, [{ Key: '__proto__', Value: 'x' }])).properties?.tags as object;
    expect(Object.getPrototypeOf(tags)).toBe(Object.prototype);
    expect(JSON.stringify(tags)).toBe('{"__proto__":"x"}');
  });

  it.each([['not-an-arn'], [''], [`arn:aws:ec2:eu-west-1:${A}:instance/`]])('reports the unparsable ARN %j and maps nothing', (arn) => {
    expect(mapResource(resource(arn), SETTINGS)).toEqual({
      findings: [
        { source: 'aws', scope: SCOPE, subject: `awsResource ${arn}`, message: 'the ARN cannot be parsed; the resource is not written' },
      ],
    });
  });
});

describe('mapCluster', () => {
  const arn = `arn:aws:eks:eu-west-1:${A}:cluster/prod`;
  const cluster = (extra: Partial<RawCluster>): RawCluster => ({
    name: 'prod',
    arn,
    tags: {},
    accountId: A,
    region: 'eu-west-1',
    ...extra,
  });

  it('maps every property DescribeCluster returned', () => {
    const raw = cluster({
      version: '1.31',
      platformVersion: 'eks.12',
      status: 'ACTIVE',
      endpoint: 'https://ABC.gr7.eu-west-1.eks.amazonaws.com',
      endpointPublicAccess: false,
      endpointPrivateAccess: true,
      authenticationMode: 'API_AND_CONFIG_MAP',
      tags: { environment: ' Production ', team: 'platform' },
    });
    expect(mapCluster(raw, SETTINGS)).toEqual({
      fragment: {
        blueprint: 'eksCluster',
        identifier: arn,
        title: 'prod',
        scope: SCOPE,
        properties: {
          name: 'prod',
          version: '1.31',
          platformVersion: 'eks.12',
          status: 'ACTIVE',
          region: 'eu-west-1',
          accountId: A,
          endpoint: 'https://ABC.gr7.eu-west-1.eks.amazonaws.com',
          endpointPublicAccess: false,
          endpointPrivateAccess: true,
          authenticationMode: 'API_AND_CONFIG_MAP',
        },
        relations: { environment: ' Production ', awsAccount: A },
      },
      findings: [],
    });
  });

  it('sets only the properties that are defined', () => {
    const { fragment } = mapCluster(cluster({ status: 'CREATING' }), SETTINGS);
    expect(fragment?.properties).toEqual({ name: 'prod', status: 'CREATING', region: 'eu-west-1', accountId: A });
    expect(fragment?.relations).toEqual({ environment: null, awsAccount: A });
  });

  it('reads the environment tag with whitespace around its key', () => {
    const { fragment, findings } = mapCluster(cluster({ tags: { 'environment ': 'staging' } }), SETTINGS);
    expect(fragment?.relations?.environment).toBe('staging');
    expect(findings).toEqual([
      {
        source: 'aws',
        scope: SCOPE,
        subject: `eksCluster ${arn}`,
        message: 'tag key "environment " has surrounding whitespace; it is read as "environment"',
      },
    ]);
  });

  it('leaves the environment empty for a value that cannot be one, and keeps the cluster', () => {
    const { fragment, findings } = mapCluster(cluster({ tags: { environment: '???' } }), SETTINGS);
    expect(fragment?.relations).toEqual({ environment: null, awsAccount: A });
    expect(findings).toEqual([
      {
        source: 'aws',
        scope: SCOPE,
        subject: `eksCluster ${arn}`,
        message: 'tag "environment" has the value "???", which has no letter or digit; relation environment is left empty',
      },
    ]);
  });

  it('reports a cluster whose ARN cannot be parsed', () => {
    expect(mapCluster(cluster({ arn: 'prod' }), SETTINGS)).toEqual({
      findings: [
        {
          source: 'aws',
          scope: SCOPE,
          subject: 'eksCluster prod',
          message: 'the cluster ARN cannot be parsed; the cluster is not written',
        },
      ],
    });
  });
});

describe('mapAccount', () => {
  it.each([
    [{ accountId: A, name: 'payments-prod' }, 'payments-prod', { accountId: A, name: 'payments-prod' }],
    [{ accountId: A }, A, { accountId: A }],
    [{ accountId: A, name: '  ' }, A, { accountId: A }],
  ])('%j', (account, title, properties) => {
    expect(mapAccount(account, SCOPE)).toEqual({ blueprint: 'awsAccount', identifier: A, title, scope: SCOPE, properties });
  });
});

describe('AWS_OWNS', () => {
  const blueprint = (name: string) =>
    JSON.parse(readFileSync(new URL(`../../../blueprints/${name}.json`, import.meta.url), 'utf8')) as {
      schema: { properties: Record<string, unknown> };
      relations?: Record<string, unknown>;
    };

  it.each(Object.entries(AWS_OWNS))('declares only fields the %s blueprint has', (name, ownership) => {
    const model = blueprint(name);
    expect(ownership.mode).toBe('define');
    expect(ownership.title).toBe(true);
    for (const property of ownership.properties) expect(Object.keys(model.schema.properties)).toContain(property);
    for (const relation of ownership.relations) expect(Object.keys(model.relations ?? {})).toContain(relation);
  });

  it('owns every field the mapping sets', () => {
    const raw = resource(`arn:aws:ec2:eu-west-1:${A}:instance/i-0abc`);
    const fragments = [
      fragmentOf(raw),
      mapCluster(
        { name: 'p', arn: `arn:aws:eks:eu-west-1:${A}:cluster/p`, tags: {}, accountId: A, region: 'eu-west-1', status: 'ACTIVE' },
        SETTINGS,
      ).fragment,
      mapAccount({ accountId: A, name: 'n' }, SCOPE),
    ];
    for (const fragment of fragments) {
      const ownership = fragment ? AWS_OWNS[fragment.blueprint] : undefined;
      expect(ownership).toBeDefined();
      for (const property of Object.keys(fragment?.properties ?? {})) expect(ownership?.properties).toContain(property);
      for (const relation of Object.keys(fragment?.relations ?? {})) expect(ownership?.relations).toContain(relation);
    }
  });
});
