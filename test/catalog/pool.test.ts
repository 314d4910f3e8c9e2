import { describe, expect, it } from 'vitest';
import { joinCatalog } from '../../src/catalog/index.js';
import { ValuePool } from '../../src/catalog/pool.js';
import type { EntityFragment } from '../../src/domain/index.js';
import { OPTIONS, run } from './support.js';

/** A string equal to `text` but a distinct heap object (concatenated at run time). */
const fresh = (text: string): string => [...text].join('');

describe('ValuePool', () => {
  it('hands out one copy per distinct string, equal to what it was given', () => {
    const pool = new ValuePool();
    const first = pool.string(fresh('eu-west-1'));
    const second = pool.string(fresh('eu-west-1'));
    expect(first).toBe('eu-west-1');
    expect(second).toBe(first);
    expect(pool.string('us-east-1')).toBe('us-east-1');
    expect(pool.size).toBe(2);
  });

  it('pools the strings inside arrays and plain objects without changing any value', () => {
    const pool = new ValuePool();
    const tags = { team: fresh('payments'), owner: fresh('payments@example.com'), nested: { list: [fresh('a'), 3, null] } };
    const missing = [fresh('cost-center')];
    const pooledTags = pool.value(tags);
    const pooledMissing = pool.value(missing);
    expect(pooledTags).toEqual({ team: 'payments', owner: 'payments@example.com', nested: { list: ['a', 3, null] } });
    expect(pooledMissing).toEqual(['cost-center']);
    expect(pool.size).toBe(4);
    for (const value of [42, true, null, undefined]) expect(pool.value(value)).toBe(value);
    const date = new Date(0);
    expect(pool.value(date)).toBe(date);
  });

  it('copies a frozen array or object instead of writing into it', () => {
    const pool = new ValuePool();
    const frozen = Object.freeze({ region: fresh('eu-west-1') });
    const frozenList = Object.freeze([fresh('x')]);
    expect(pool.value(frozen)).toEqual({ region: 'eu-west-1' });
    expect(pool.value(frozen)).not.toBe(frozen);
    expect(pool.value(frozenList)).toEqual(['x']);
  });
});

describe('joinCatalog with its value pool', () => {
  it('leaves every value as the fragments gave it (strings, tags, normalised relations, scopes)', () => {
    const fragments: EntityFragment[] = [1, 2, 3].map((n) => ({
      blueprint: 'awsResource',
      identifier: `arn:aws:s3:::bucket-${n}`,
      scope: fresh('aws:111122223333:eu-west-1'),
      title: `bucket-${n}`,
      properties: { arn: `arn:aws:s3:::bucket-${n}`, region: fresh('eu-west-1'), tags: { team: fresh('Payments') } },
      relations: { team: fresh('Payments') },
    }));
    const catalog = joinCatalog([run('aws', ['aws:111122223333:eu-west-1'], fragments)], OPTIONS);
    const entities = [...catalog.entities.get('awsResource')!.values()];
    expect(entities).toHaveLength(3);
    expect(entities.map((e) => e.properties.region)).toEqual(['eu-west-1', 'eu-west-1', 'eu-west-1']);
    expect(entities.map((e) => (e.properties.tags as { team: string }).team)).toEqual(['Payments', 'Payments', 'Payments']);
    expect(entities.map((e) => e.relations.team)).toEqual(['payments', 'payments', 'payments']);
    expect(entities.map((e) => e.scope)).toEqual(Array(3).fill('aws:111122223333:eu-west-1'));
  });
});

describe('joinCatalog releasing fragments', () => {
  const fragment = (n: number): EntityFragment => ({
    blueprint: 'awsResource',
    identifier: `arn:aws:s3:::bucket-${n}`,
    scope: 'aws:111122223333:eu-west-1',
    title: `bucket-${n}`,
    properties: { arn: `arn:aws:s3:::bucket-${n}` },
  });

  it('empties the runs it was given when told to, and joins the same catalog', () => {
    const kept = run('aws', ['aws:111122223333:eu-west-1'], [1, 2, 3].map(fragment));
    const released = run('aws', ['aws:111122223333:eu-west-1'], [1, 2, 3].map(fragment));
    const whole = joinCatalog([kept], OPTIONS);
    const consumed = joinCatalog([released], { ...OPTIONS, releaseFragments: true });
    expect(kept.result.fragments).toHaveLength(3);
    expect(released.result.fragments).toHaveLength(0);
    expect([...consumed.entities.get('awsResource')!.values()]).toEqual([...whole.entities.get('awsResource')!.values()]);
    expect(consumed.findings).toEqual(whole.findings);
  });
});
