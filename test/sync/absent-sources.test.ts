import { describe, expect, it } from 'vitest';
import type { SourceDeclaration } from '../../src/catalog/index.js';
import { absentSources } from '../../src/sync/absent-sources.js';
import type { CurrentEntity } from '../../src/sync/types.js';

const cost: SourceDeclaration = {
  id: 'cost',
  owns: {
    cloudCost: { mode: 'define', properties: ['amount'], relations: ['service', 'team'] },
    service: { mode: 'enrich', properties: ['costMonthToDate'], relations: [] },
  },
};
const gitlab: SourceDeclaration = {
  id: 'gitlab',
  owns: { service: { mode: 'define', properties: ['repoUrl'], relations: ['team'] } },
};
const aws: SourceDeclaration = {
  id: 'aws',
  owns: { awsResource: { mode: 'define', properties: ['region'], relations: ['service', 'team', 'environment'] } },
};
const targets = {
  cloudCost: { service: 'service', team: 'team' },
  awsResource: { service: 'service', team: 'team', environment: 'environment' },
};
const month = (identifier: string, relations: CurrentEntity['relations']): CurrentEntity => ({ identifier, properties: {}, relations });

describe('what sources that did not run still name', () => {
  it('reads the relations of what a source that defines no named blueprint last wrote', async () => {
    const reads: string[] = [];
    const result = await absentSources([aws, cost], new Set(['aws']), targets, async (blueprint) => {
      reads.push(blueprint);
      return new Map(
        [
          month('checkout@2026-11', { service: 'checkout', team: 'payments' }),
          month('ledger@2026-10', { service: 'ledger', team: null }),
          month('_unallocated@2026-11', { service: null, team: null }),
        ].map((m) => [m.identifier, m]),
      );
    });
    expect(reads).toEqual(['cloudCost']);
    expect(result.represented).toBe(true);
    expect(Object.fromEntries([...result.named].map(([bp, names]) => [bp, Object.fromEntries(names)]))).toEqual({
      service: { checkout: 'cost', ledger: 'cost' },
      team: { payments: 'cost' },
    });
  });

  it('cannot stand for a source that defines a named blueprint, and reads nothing then', async () => {
    const reads: string[] = [];
    const result = await absentSources([aws, gitlab, cost], new Set(['aws']), targets, async (blueprint) => {
      reads.push(blueprint);
      return new Map();
    });
    expect(result).toEqual({ represented: false, named: new Map() });
    expect(reads).toEqual([]);
  });

  it('has nothing to do when every configured source ran', async () => {
    const result = await absentSources([aws, cost], new Set(['aws', 'cost']), targets, () => Promise.reject(new Error('no read expected')));
    expect(result).toEqual({ represented: true, named: new Map() });
  });
});
