import { describe, expect, it } from 'vitest';
import { builtinRules, joinCatalog, type JoinRule, type RuleContext } from '../../src/catalog/index.js';
import type { EntityFragment, SourceRun } from '../../src/domain/index.js';
import { identifiers, OPTIONS, OWNS, own, run } from './support.js';

const AWS_SCOPE = 'aws:123456789012:eu-west-1';
const resource = (name: string, relations: EntityFragment['relations']): EntityFragment => ({
  blueprint: 'awsResource',
  identifier: `arn:aws:s3:::${name}`,
  scope: AWS_SCOPE,
  title: name,
  properties: { arn: `arn:aws:s3:::${name}` },
  relations,
});
const service = (identifier: string, scope = 'gitlab:shop', relations: EntityFragment['relations'] = {}): EntityFragment => ({
  blueprint: 'service',
  identifier,
  scope,
  title: identifier,
  relations,
});
const WORKLOAD = '123456789012/eu-west-1/prod/shop/Deployment/cart';
const workload = (serviceName: string): EntityFragment => ({
  blueprint: 'workload',
  identifier: WORKLOAD,
  scope: 'k8s:prod',
  relations: { service: serviceName },
});

describe('joinCatalog: teams and environments', () => {
  const runs = [
    run(
      'aws',
      [AWS_SCOPE],
      [
        resource('a', { team: 'Pay', environment: 'PROD' }),
        resource('b', { team: 'Platform', environment: 'prd' }),
        resource('c', { team: ' Data  Science', environment: 'Staging ' }),
        resource('d', { team: null, environment: null }),
      ],
    ),
    run(
      'gitlab',
      ['gitlab:shop'],
      [{ blueprint: 'gitlabProject', identifier: 'shop/cart', scope: 'gitlab:shop', relations: { team: 'PAYMENT TEAM' } }],
    ),
  ];

  it('creates every team and environment relations name, through the aliases', () => {
    const catalog = joinCatalog(runs, OPTIONS);
    expect(identifiers(catalog)).toMatchObject({
      team: ['payments', 'platform', 'data-science'],
      environment: ['production', 'staging'],
    });
    expect(catalog.entities.get('awsResource')?.get('arn:aws:s3:::c')?.relations).toEqual({ team: 'data-science', environment: 'staging' });
    expect(catalog.entities.get('team')?.get('data-science')).toEqual({
      blueprint: 'team',
      identifier: 'data-science',
      title: 'data science',
      properties: {},
      relations: {},
      scope: 'catalog',
      definedBy: 'catalog',
      fields: { title: true, team: false, properties: new Set(), relations: new Set() },
    });
    expect(catalog.findings).toEqual([]);
  });

  it('leaves a team or environment some source defines as that source made it', () => {
    const awsDefinesEnvironments = { ...OWNS.aws, environment: own('define', [], [], true) };
    const catalog = joinCatalog(
      [
        run(
          'aws',
          [AWS_SCOPE],
          [
            resource('a', { environment: 'prod' }),
            { blueprint: 'environment', identifier: 'Production', scope: AWS_SCOPE, title: 'Production' },
          ],
          awsDefinesEnvironments,
        ),
      ],
      OPTIONS,
    );
    const production = catalog.entities.get('environment')?.get('production');
    expect([production?.title, production?.definedBy, production?.scope]).toEqual(['Production', 'aws', AWS_SCOPE]);
  });
});

describe('joinCatalog: relation values', () => {
  it('leaves a relation empty when its value cannot become an identifier, reports it, and still writes the entity', () => {
    const catalog = joinCatalog(
      [
        run(
          'aws',
          [AWS_SCOPE],
          [
            resource('logs', { service: '  ', team: '', environment: 'prod', awsAccount: '123456789012' }),
            { blueprint: 'awsAccount', identifier: '123456789012', scope: AWS_SCOPE, properties: { accountId: '123456789012' } },
          ],
        ),
        run('gitlab', ['gitlab:shop'], [service('cart'), service('checkout', 'gitlab:shop', { dependsOn: ['', 'Cart', 'cart'] })]),
      ],
      OPTIONS,
    );
    expect(catalog.entities.get('awsResource')?.get('arn:aws:s3:::logs')?.relations).toEqual({
      service: null,
      team: null,
      environment: 'production',
      awsAccount: '123456789012',
    });
    expect(catalog.entities.get('service')?.get('checkout')?.relations).toEqual({ dependsOn: ['cart'] });
    const entity = (blueprint: string, identifier: string) => ({
      subject: `${blueprint} ${identifier}`,
      described: `${blueprint} "${identifier}"`,
    });
    const logs = entity('awsResource', 'arn:aws:s3:::logs');
    const checkout = entity('service', 'checkout');
    expect(catalog.findings).toEqual([
      {
        source: 'aws',
        scope: AWS_SCOPE,
        subject: logs.subject,
        message: `relation service of ${logs.described} has the value "  ", which cannot become an identifier of service; the relation is left empty`,
      },
      {
        source: 'aws',
        scope: AWS_SCOPE,
        subject: logs.subject,
        message: `relation team of ${logs.described} has the value "", which cannot become an identifier of team; the relation is left empty`,
      },
      {
        source: 'gitlab',
        scope: 'gitlab:shop',
        subject: checkout.subject,
        message: `relation dependsOn of ${checkout.described} has the value "", which cannot become an identifier of service; the relation is left empty`,
      },
    ]);
  });
});

describe('joinCatalog: dangling relations', () => {
  const CLUSTER = 'arn:aws:eks:eu-west-1:123456789012:cluster/prod';
  const GHOST = 'arn:aws:eks:eu-west-1:123456789012:cluster/ghost';
  const cluster = (arn: string, scope: string): EntityFragment => ({
    blueprint: 'eksCluster',
    identifier: arn,
    scope,
    properties: { name: arn.split('/').pop() },
  });
  const aws = (scopes: string[]) =>
    run('aws', scopes, [
      cluster(CLUSTER, AWS_SCOPE),
      cluster('arn:aws:eks:us-east-1:123456789012:cluster/dev', 'aws:123456789012:us-east-1'),
    ]);
  const kubernetes = run(
    'kubernetes',
    ['k8s:prod'],
    [{ blueprint: 'workload', identifier: WORKLOAD, scope: 'k8s:prod', relations: { service: 'cart', eksCluster: GHOST } }],
  );
  const declarations = { aws: { id: 'aws', owns: OWNS.aws }, kubernetes: { id: 'kubernetes', owns: OWNS.kubernetes } } as const;
  const danglingFinding = {
    source: 'kubernetes',
    scope: 'k8s:prod',
    subject: `workload ${WORKLOAD}`,
    kind: 'integrity',
    message: `relation eksCluster of workload "${WORKLOAD}" points at eksCluster "${GHOST}" that no source defines; the relation is left empty`,
  };

  it.each([
    {
      name: 'every cluster source ran and completed',
      runs: [aws([AWS_SCOPE, 'aws:123456789012:us-east-1']), kubernetes],
      enabled: undefined,
      expected: null,
    },
    {
      name: 'a scope of the cluster source failed',
      runs: [aws([AWS_SCOPE, '!aws:123456789012:us-east-1']), kubernetes],
      enabled: undefined,
      expected: GHOST,
    },
    {
      name: 'the cluster source is enabled but did not run',
      runs: [kubernetes],
      enabled: [declarations.aws, declarations.kubernetes],
      expected: GHOST,
    },
    { name: 'nothing says which sources define clusters', runs: [kubernetes], enabled: undefined, expected: GHOST },
    {
      name: 'no enabled source defines clusters (another writer may: the sync asks Port)',
      runs: [kubernetes],
      enabled: [declarations.kubernetes],
      expected: GHOST,
    },
  ])('$name: the relation is $expected', ({ runs, enabled, expected }) => {
    const catalog = joinCatalog(runs, { ...OPTIONS, enabledSources: enabled });
    expect(catalog.entities.get('workload')?.get(WORKLOAD)?.relations.eksCluster).toBe(expected);
    expect(catalog.findings).toEqual(expected === null ? [danglingFinding] : []);
  });

  it('never empties a relation to a service: services exist wherever they are named', () => {
    const catalog = joinCatalog(
      [run('gitlab', ['gitlab:shop'], [service('checkout')]), run('kubernetes', ['k8s:prod'], [workload('Ghost')])],
      OPTIONS,
    );
    expect(catalog.entities.get('workload')?.get(WORKLOAD)?.relations.service).toBe('ghost');
    expect(catalog.entities.get('service')?.get('ghost')).toMatchObject({
      definedBy: 'catalog',
      title: 'ghost',
      properties: { hasRepository: false },
    });
    expect(catalog.findings).toEqual([]);
  });

  it('keeps relations to entities that exist and removes only the missing values of a many-relation', () => {
    const runs = [
      run('gitlab', ['gitlab:shop'], [service('cart'), service('Checkout', 'gitlab:shop', { dependsOn: ['Cart', 'ghost'], team: 'Pay' })]),
      run('kubernetes', ['k8s:prod'], [workload(' CHECKOUT ')]),
    ];
    const catalog = joinCatalog(runs, OPTIONS);
    expect(catalog.entities.get('workload')?.get(WORKLOAD)?.relations).toEqual({ service: 'checkout' });
    expect(catalog.entities.get('service')?.get('checkout')?.relations).toEqual({ dependsOn: ['cart', 'ghost'], team: 'payments' });
    expect(catalog.findings).toEqual([]);
  });
});

describe('joinCatalog: rules', () => {
  const runs: SourceRun[] = [run('kubernetes', ['k8s:prod'], [workload('ghost')])];

  it('runs only the rules given, in order', () => {
    const seen: RuleContext[] = [];
    const environmentFromNamespace: JoinRule = {
      name: 'environment-from-namespace',
      apply(catalog, context) {
        seen.push(context);
        const entity = catalog.entities.get('workload')?.get(WORKLOAD);
        if (entity) entity.relations.environment = context.identifierFor('environment', ' PRD');
      },
    };
    const catalog = joinCatalog(runs, { ...OPTIONS, rules: [environmentFromNamespace, ...builtinRules] });
    expect(identifiers(catalog)).toEqual({ workload: [WORKLOAD], service: ['ghost'], environment: ['production'] });
    expect(catalog.entities.get('environment')?.get('production')?.title).toBe('production');
    const context = seen[0];
    expect(context?.completeSources).toEqual(new Set(['kubernetes']));
    expect(context?.completedScopes).toEqual(new Map([['kubernetes', new Set(['k8s:prod'])]]));
    expect(context?.completeBlueprints).toEqual(new Set(['team', 'environment', 'workload']));
    const workloadEntity = catalog.entities.get('workload')?.get(WORKLOAD);
    expect(workloadEntity && context?.originOf(workloadEntity, 'relations.service')).toEqual({ source: 'kubernetes', scope: 'k8s:prod' });
    expect(workloadEntity && context?.originOf(workloadEntity, 'relations.environment')).toBeUndefined();
  });

  it('creates nothing and empties nothing with no rules', () => {
    const catalog = joinCatalog([run('aws', [AWS_SCOPE], [resource('a', { team: 'pay', service: 'ghost' })])], { ...OPTIONS, rules: [] });
    expect(identifiers(catalog)).toEqual({ awsResource: ['arn:aws:s3:::a'] });
    expect(catalog.entities.get('awsResource')?.get('arn:aws:s3:::a')?.relations).toEqual({ team: 'payments', service: 'ghost' });
  });
});
