import { describe, expect, it } from 'vitest';
import { joinCatalog } from '../../src/catalog/index.js';
import type { EntityFragment } from '../../src/domain/index.js';
import { identifiers, OPTIONS, own, run } from './support.js';

const checkout: EntityFragment = {
  blueprint: 'service',
  identifier: 'Checkout',
  scope: 'gitlab:shop',
  title: 'Checkout',
  properties: { repoUrl: 'https://gitlab.example.com/shop/checkout', chartVersion: '1.2.0' },
  relations: { team: 'Pay', gitlabProject: 'shop/checkout' },
};
const project: EntityFragment = {
  blueprint: 'gitlabProject',
  identifier: 'shop/checkout',
  scope: 'gitlab:shop',
  title: 'checkout',
  properties: { url: 'https://gitlab.example.com/shop/checkout' },
  relations: { team: 'PAYMENTS' },
};
const costOf = (identifier: string, scope = 'cost:2026-11', amount = 12.5): EntityFragment => ({
  blueprint: 'service',
  identifier,
  scope,
  properties: { costMonthToDate: amount, currency: 'USD' },
});
const bucket = (identifier: string, scope: string, extra: Partial<EntityFragment> = {}): EntityFragment => ({
  blueprint: 'awsResource',
  identifier,
  scope,
  title: identifier,
  properties: { arn: identifier },
  ...extra,
});

describe('joinCatalog: merging', () => {
  it('merges a defining and an enriching source into one service keyed on its normalised name', () => {
    const catalog = joinCatalog(
      [run('gitlab', ['gitlab:shop'], [checkout, project]), run('cost', ['cost:2026-10', 'cost:2026-11'], [costOf(' checkout ')])],
      OPTIONS,
    );
    expect(identifiers(catalog)).toEqual({ service: ['checkout'], gitlabProject: ['shop/checkout'], team: ['payments'] });
    expect(catalog.entities.get('service')?.get('checkout')).toEqual({
      blueprint: 'service',
      identifier: 'checkout',
      title: 'Checkout',
      properties: { repoUrl: 'https://gitlab.example.com/shop/checkout', chartVersion: '1.2.0', costMonthToDate: 12.5, currency: 'USD' },
      relations: { team: 'payments', gitlabProject: 'shop/checkout' },
      scope: 'gitlab:shop',
      definedBy: 'gitlab',
      fields: {
        title: true,
        team: false,
        properties: new Set(['repoUrl', 'chartVersion', 'costMonthToDate', 'currency']),
        relations: new Set(['team', 'gitlabProject', 'dependsOn']),
      },
    });
    expect(catalog.findings).toEqual([]);
  });

  it('takes scope and definedBy from the first defining fragment in runs order', () => {
    const kubernetesDefines = { service: own('define', ['isRunning'], []) };
    const catalog = joinCatalog(
      [
        run(
          'kubernetes',
          ['k8s:prod'],
          [{ blueprint: 'service', identifier: 'checkout', scope: 'k8s:prod', properties: { isRunning: true } }],
          kubernetesDefines,
        ),
        run('gitlab', ['gitlab:shop'], [checkout]),
      ],
      OPTIONS,
    );
    const service = catalog.entities.get('service')?.get('checkout');
    expect([service?.definedBy, service?.scope, service?.properties.isRunning]).toEqual(['kubernetes', 'k8s:prod', true]);
  });

  it('makes a service only enriched, with its enriching fields, when its repository source completed without it', () => {
    const runs = [
      run('gitlab', ['gitlab:shop'], [checkout, project]),
      run('cost', ['cost:2026-11'], [costOf('checkout'), costOf('Ghost')]),
    ];
    const ghost = joinCatalog(runs, OPTIONS).entities.get('service')?.get('ghost');
    expect(ghost).toMatchObject({ definedBy: 'catalog', scope: 'catalog', title: 'ghost' });
    expect(ghost?.properties).toMatchObject({ costMonthToDate: 12.5, hasRepository: false, chartLag: 'unknown', pipelineLag: 'unknown' });
    expect([ghost?.properties.repoUrl ?? null, ghost?.properties.chartVersion ?? null]).toEqual([null, null]);
    expect([...(ghost?.fields.properties ?? [])].sort()).toEqual([
      'chartLag',
      'chartVersion',
      'costMonthToDate',
      'currency',
      'hasRepository',
      'pipelineLag',
      'repoUrl',
    ]);
    expect(ghost?.fields.title).toBe(true);
    expect(joinCatalog(runs, OPTIONS).findings).toEqual([]);
  });

  it('makes a service two sources enrich, sending its name only on creation while no repository source has spoken', () => {
    const runs = [
      run('cost', ['cost:2026-11'], [costOf('ghost')]),
      run('kubernetes', ['k8s:prod'], [{ blueprint: 'service', identifier: 'GHOST', scope: 'k8s:prod', properties: { isRunning: false } }]),
    ];
    const catalog = joinCatalog(runs, OPTIONS);
    const ghost = catalog.entities.get('service')?.get('ghost');
    expect(ghost).toMatchObject({
      definedBy: 'catalog',
      createOnly: { title: 'ghost' },
      properties: { costMonthToDate: 12.5, isRunning: false },
    });
    expect(ghost?.title).toBeUndefined();
    expect(ghost?.fields.title).toBe(false);
    expect(ghost?.properties.hasRepository).toBeUndefined();
    expect(catalog.findings).toEqual([]);
  });

  it('still drops an entity of another blueprint that is only enriched, and says so', () => {
    const enrich = { awsResource: own('enrich', ['tags'], []) };
    const catalog = joinCatalog(
      [
        run(
          'cost',
          ['cost:2026-11'],
          [{ blueprint: 'awsResource', identifier: 'arn:aws:s3:::x', scope: 'cost:2026-11', properties: { tags: {} } }],
          enrich,
        ),
      ],
      OPTIONS,
    );
    expect(catalog.entities.get('awsResource')?.has('arn:aws:s3:::x') ?? false).toBe(false);
    expect(catalog.findings).toEqual([
      {
        source: 'cost',
        scope: 'cost:2026-11',
        subject: 'awsResource arn:aws:s3:::x',
        kind: 'integrity',
        message: 'no source defines awsResource "arn:aws:s3:::x"; cost fields for it are not written',
      },
    ]);
  });

  it('uses only fragments of scopes their own source reports complete, silently', () => {
    const aws = run(
      'aws',
      ['aws:1:eu-west-1', '!aws:1:us-east-1'],
      [
        bucket('arn:aws:s3:::kept', 'aws:1:eu-west-1', { relations: { team: 'Pay' } }),
        bucket('arn:aws:s3:::failed-scope', 'aws:1:us-east-1', { relations: { team: 'failed-team' } }),
        bucket('arn:aws:s3:::unreported-scope', 'aws:1:ap-south-1', { relations: { team: 'unreported-team' } }),
        // A scope of the same name completed by another source does not vouch for this one.
        bucket('arn:aws:s3:::other-source-scope', 'gitlab:shop'),
      ],
    );
    const catalog = joinCatalog([aws, run('gitlab', ['gitlab:shop'], [checkout, project])], OPTIONS);
    expect(identifiers(catalog)).toEqual({
      awsResource: ['arn:aws:s3:::kept'],
      service: ['checkout'],
      gitlabProject: ['shop/checkout'],
      team: ['payments'],
    });
    expect(catalog.findings).toEqual([]);
  });

  it('keeps the later of two different values and reports it; equal values are no conflict', () => {
    const tags = (order: 'ab' | 'ba') => (order === 'ab' ? { a: '1', b: '2' } : { b: '2', a: '1' });
    const catalog = joinCatalog(
      [
        run('gitlab', ['gitlab:shop'], [{ ...checkout, relations: { team: 'Payments' } }]),
        run(
          'kubernetes',
          ['k8s:prod', 'k8s:dev'],
          [
            { blueprint: 'service', identifier: 'checkout', scope: 'k8s:prod', relations: { team: 'Platform' } },
            { blueprint: 'service', identifier: 'checkout', scope: 'k8s:dev', relations: { team: 'platform' } },
          ],
        ),
        run(
          'aws',
          ['aws:1:eu-west-1', 'aws:1:us-east-1'],
          [
            bucket('arn:aws:s3:::b', 'aws:1:eu-west-1', { properties: { arn: 'arn:aws:s3:::b', tags: tags('ab') } }),
            bucket('arn:aws:s3:::b', 'aws:1:us-east-1', { properties: { arn: 'arn:aws:s3:::b', tags: tags('ba') } }),
          ],
        ),
      ],
      OPTIONS,
    );
    expect(catalog.entities.get('service')?.get('checkout')?.relations.team).toBe('platform');
    expect(catalog.findings).toEqual([
      {
        source: 'kubernetes',
        scope: 'k8s:prod',
        subject: 'service checkout',
        message:
          'relation team of service "checkout" is "payments" from gitlab (gitlab:shop) and "platform" from kubernetes (k8s:prod); the later value is written',
      },
    ]);
  });

  it('drops fields and blueprints a source does not declare, once per source and field', () => {
    const owns = { awsResource: { ...own('define', ['arn'], ['service', 'cluster']), title: true } };
    const undeclared = (identifier: string) =>
      bucket(identifier, 'aws:1:eu-west-1', {
        team: ['ops'],
        properties: { arn: identifier, costMonthToDate: 3 },
        relations: { service: null, owner: 'someone', cluster: 'prod' },
      });
    const catalog = joinCatalog(
      [
        run(
          'aws',
          ['aws:1:eu-west-1'],
          [
            undeclared('arn:aws:s3:::a'),
            undeclared('arn:aws:s3:::b'),
            { blueprint: 'service', identifier: 'checkout', scope: 'aws:1:eu-west-1' },
          ],
          owns,
        ),
      ],
      OPTIONS,
    );
    const scope = 'aws:1:eu-west-1';
    expect(catalog.findings).toEqual([
      {
        source: 'aws',
        scope,
        subject: 'awsResource',
        message: 'the aws source sets team of awsResource without declaring it; the value is not written',
      },
      {
        source: 'aws',
        scope,
        subject: 'awsResource',
        message: 'the aws source sets property costMonthToDate of awsResource without declaring it; the value is not written',
      },
      {
        source: 'aws',
        scope,
        subject: 'awsResource',
        message: 'the aws source sets relation owner of awsResource without declaring it; the value is not written',
      },
      {
        source: 'aws',
        scope,
        subject: 'awsResource',
        message: "relation cluster of awsResource is not in the model; the aws source's values for it are not written",
      },
      {
        source: 'aws',
        scope,
        subject: 'service',
        message: 'the aws source declares no ownership of blueprint service; its service entities are not written',
      },
    ]);
    expect(catalog.entities.get('awsResource')?.get('arn:aws:s3:::a')).toEqual({
      blueprint: 'awsResource',
      identifier: 'arn:aws:s3:::a',
      title: 'arn:aws:s3:::a',
      properties: { arn: 'arn:aws:s3:::a' },
      relations: { service: null },
      scope,
      definedBy: 'aws',
      fields: { title: true, team: false, properties: new Set(['arn']), relations: new Set(['service']) },
    });
    expect(identifiers(catalog)).toEqual({ awsResource: ['arn:aws:s3:::a', 'arn:aws:s3:::b'] });
  });

  it.each([
    { raw: '   ', blueprint: 'service', source: 'gitlab' as const, scope: 'gitlab:shop', shown: '"   "' },
    { raw: '', blueprint: 'awsResource', source: 'aws' as const, scope: 'aws:1:eu-west-1', shown: '""' },
  ])('drops a $blueprint whose identifier normalises to nothing and reports it', ({ raw, blueprint, source, scope, shown }) => {
    const catalog = joinCatalog([run(source, [scope], [{ blueprint, identifier: raw, scope }])], OPTIONS);
    expect(identifiers(catalog)).toEqual({});
    expect(catalog.findings).toEqual([
      {
        source,
        scope,
        subject: blueprint,
        message: `a ${blueprint} has an identifier that is empty once normalised (${shown}); it is not written`,
      },
    ]);
  });

  it('escapes identifiers of other blueprints without changing their case or spacing', () => {
    const catalog = joinCatalog([run('aws', ['aws:1:eu-west-1'], [bucket('arn:aws:s3:::My Bucket', 'aws:1:eu-west-1')])], OPTIONS);
    expect(identifiers(catalog)).toEqual({ awsResource: ['arn:aws:s3:::My=20Bucket'] });
  });

  it('gives the same catalog and findings for the same runs', () => {
    const runs = [
      run(
        'aws',
        ['aws:1:eu-west-1'],
        [bucket('arn:aws:s3:::a', 'aws:1:eu-west-1', { relations: { team: 'Pay', service: 'ghost', environment: ' ' } })],
      ),
      run('gitlab', ['gitlab:shop'], [checkout, project]),
      run('cost', ['cost:2026-11'], [costOf('checkout'), costOf('orphan')]),
    ];
    const first = joinCatalog(runs, OPTIONS);
    expect(joinCatalog(runs, OPTIONS)).toEqual(first);
    expect(first.findings.map((f) => f.message)).toEqual([
      'relation environment of awsResource "arn:aws:s3:::a" has the value " ", which cannot become an identifier of environment; the relation is left empty',
    ]);
    expect([...(first.entities.get('service')?.keys() ?? [])]).toEqual(['checkout', 'orphan', 'ghost']);
  });
});
