import { describe, expect, it } from 'vitest';
import { joinCatalog } from '../../../src/catalog/index.js';
import { COST_OWNS } from '../../../src/sources/cost/index.js';
import type { SourceRun } from '../../../src/domain/index.js';
import { OPTIONS, OWNS } from '../../catalog/support.js';
import { collectCost, useCostFake } from './support.js';

describe('cost fragments in the join', () => {
  const fake = useCostFake();

  it('enrich the service a tag value names, and give each month its team through the service', async () => {
    fake().pages = [
      [
        {
          month: '2026-10',
          groups: [
            { value: 'Checkout ', amount: '200' },
            { value: '', amount: '5' },
          ],
        },
        {
          month: '2026-11',
          estimated: true,
          groups: [
            { value: 'checkout', amount: '90' },
            { value: 'CHECKOUT', amount: '10' },
          ],
        },
      ],
    ];
    const { result } = await collectCost(fake(), '2026-11-16T00:00:00Z');
    const runs: SourceRun[] = [
      {
        id: 'gitlab',
        owns: OWNS.gitlab,
        result: {
          fragments: [
            { blueprint: 'service', identifier: 'Checkout', title: 'checkout', scope: 'gitlab:acme', relations: { team: 'pay' } },
          ],
          scopes: [{ scope: 'gitlab:acme', complete: true }],
          findings: [],
        },
      },
      { id: 'cost', owns: COST_OWNS, result },
    ];
    const catalog = joinCatalog(runs, OPTIONS);
    const service = catalog.entities.get('service')?.get('checkout');
    expect(service?.properties).toMatchObject({ costMonthToDate: 100, costLastMonth: 200, costChangePct: 0, currency: 'USD' });
    const costs = catalog.entities.get('cloudCost')!;
    expect([...costs.keys()].sort()).toEqual(['_unallocated@2026-10', 'checkout@2026-10', 'checkout@2026-11']);
    expect(costs.get('checkout@2026-11')?.relations).toMatchObject({ service: 'checkout', team: 'payments' });
    expect(costs.get('_unallocated@2026-10')?.relations.service ?? null).toBeNull();
  });
});
