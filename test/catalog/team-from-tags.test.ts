import { describe, expect, it } from 'vitest';
import { joinCatalog } from '../../src/catalog/index.js';
import type { EntityFragment } from '../../src/domain/index.js';
import { OPTIONS, OWNS, run } from './support.js';

const AWS = 'aws:123456789012:eu-west-1';
const resource = (name: string, service: string, team: string | null): EntityFragment => ({
  blueprint: 'awsResource',
  identifier: `arn:aws:s3:::${name}`,
  scope: AWS,
  relations: { service, ...(team === null ? {} : { team }) },
});
const declared = (...ids: (keyof typeof OWNS)[]) => ids.map((id) => ({ id, owns: OWNS[id] }));

describe('a service no source defines takes its team from its tags', () => {
  it('uses the most common team and reports the disagreement', () => {
    const runs = [
      run('aws', [AWS], [resource('a', 'Checkout', 'Pay'), resource('b', 'checkout', 'payments'), resource('c', 'checkout ', 'platform')]),
    ];
    const catalog = joinCatalog(runs, { ...OPTIONS, enabledSources: declared('aws') });
    const checkout = catalog.entities.get('service')?.get('checkout');
    expect(checkout?.relations.team).toBe('payments');
    expect(checkout?.fields.relations.has('team')).toBe(true);
    expect(catalog.findings).toEqual([
      {
        source: 'catalog',
        scope: 'catalog',
        subject: 'service checkout',
        kind: 'integrity',
        message: 'the tags of entities naming service "checkout" name different teams (payments: 2, platform: 1); payments is used',
      },
    ]);
  });

  it('breaks a tie by name, so two runs agree', () => {
    const runs = [run('aws', [AWS], [resource('a', 'search', 'platform'), resource('b', 'search', 'data')])];
    expect(
      joinCatalog(runs, { ...OPTIONS, enabledSources: declared('aws') })
        .entities.get('service')
        ?.get('search')?.relations.team,
    ).toBe('data');
  });

  it('clears the team when every tagging source completed and none names one', () => {
    const runs = [run('aws', [AWS], [resource('a', 'search', null)])];
    const search = joinCatalog(runs, { ...OPTIONS, enabledSources: declared('aws') })
      .entities.get('service')
      ?.get('search');
    expect(search?.relations.team).toBeNull();
    expect(search?.fields.relations.has('team')).toBe(true);
  });

  it('sends the team only on creation while a tagging source did not complete', () => {
    const runs = [run('aws', [AWS, '!aws:123456789012:us-east-1'], [resource('a', 'search', 'data')])];
    const search = joinCatalog(runs, { ...OPTIONS, enabledSources: declared('aws') })
      .entities.get('service')
      ?.get('search');
    expect(search?.fields.relations.has('team')).toBe(false);
    expect(search?.createOnly).toEqual({ relations: { team: 'data' } });
    expect([search?.title, search?.fields.title]).toEqual(['search', true]);
  });

  it('sends name and team only on creation while the repository source that may define it did not run', () => {
    const runs = [run('aws', [AWS], [resource('a', 'search', 'data')])];
    const search = joinCatalog(runs, { ...OPTIONS, enabledSources: declared('aws', 'gitlab') })
      .entities.get('service')
      ?.get('search');
    expect(search).toMatchObject({ definedBy: 'catalog', createOnly: { title: 'search', relations: { team: 'data' } } });
    expect(search?.fields).toMatchObject({ title: false });
    expect([...(search?.fields.properties ?? [])]).toEqual([]);
    expect([...(search?.fields.relations ?? [])]).toEqual([]);
  });

  it("leaves a defined service its defining source's team", () => {
    const runs = [
      run(
        'gitlab',
        ['gitlab:shop'],
        [{ blueprint: 'service', identifier: 'search', scope: 'gitlab:shop', title: 'search', relations: { team: 'platform' } }],
      ),
      run('aws', [AWS], [resource('a', 'search', 'data')]),
    ];
    const catalog = joinCatalog(runs, { ...OPTIONS, enabledSources: declared('gitlab', 'aws') });
    expect(catalog.entities.get('service')?.get('search')?.relations.team).toBe('platform');
    expect(catalog.findings).toEqual([]);
  });

  it('gives a month of cost the team of a service named only by tags', () => {
    const cost: EntityFragment = {
      blueprint: 'cloudCost',
      identifier: 'search@2026-11',
      scope: 'cost:2026-11..2026-11',
      relations: { service: 'Search' },
    };
    const runs = [run('aws', [AWS], [resource('a', 'search', 'data')]), run('cost', ['cost:2026-11..2026-11'], [cost])];
    const month = joinCatalog(runs, { ...OPTIONS, enabledSources: declared('aws', 'cost') })
      .entities.get('cloudCost')
      ?.get('search@2026-11');
    expect(month?.relations.team).toBe('data');
    expect(month?.fields.relations.has('team')).toBe(true);
  });
});
