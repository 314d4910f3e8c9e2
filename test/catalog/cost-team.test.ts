import { describe, expect, it } from 'vitest';
import { joinCatalog } from '../../src/catalog/index.js';
import type { EntityFragment } from '../../src/domain/index.js';
import { OPTIONS, run } from './support.js';

const cost = (service: string | null, month = '2026-11'): EntityFragment => ({
  blueprint: 'cloudCost',
  identifier: `${service ?? '_unallocated'}@${month}`,
  scope: 'cost:2026-11..2026-11',
  properties: { amount: 10 },
  relations: service ? { service } : {},
});

describe('a month of cost takes its team from its service', () => {
  it('sets the team of a service this run knows, and clears none for one it does not', () => {
    const catalog = joinCatalog(
      [
        run(
          'gitlab',
          ['gitlab:acme'],
          [{ blueprint: 'service', identifier: 'Checkout', scope: 'gitlab:acme', title: 'checkout', relations: { team: 'pay' } }],
        ),
        run('cost', ['cost:2026-11..2026-11'], [cost('checkout'), cost('ghost'), cost(null)]),
      ],
      OPTIONS,
    );
    const costs = catalog.entities.get('cloudCost')!;
    expect(costs.get('checkout@2026-11')?.relations.team).toBe('payments');
    expect(costs.get('checkout@2026-11')?.fields.relations.has('team')).toBe(true);
    // gitlab ran and is complete: "ghost" is a dangling service, and the team is not compared
    expect(costs.get('ghost@2026-11')?.fields.relations.has('team')).toBe(false);
    // untagged spend has no team, and says so
    expect(costs.get('_unallocated@2026-11')?.relations.team ?? null).toBeNull();
    expect(costs.get('_unallocated@2026-11')?.fields.relations.has('team')).toBe(true);
  });

  it('takes the team this installation last wrote on the service in a cost-only run', () => {
    const previous = { checkout: { team: 'payments' }, legacy: { team: null } } as Record<string, Record<string, unknown>>;
    const catalog = joinCatalog([run('cost', ['cost:2026-11..2026-11'], [cost('checkout'), cost('legacy'), cost('new')])], {
      ...OPTIONS,
      previousRelations: (blueprint, identifier) => (blueprint === 'service' ? previous[identifier] : undefined),
    });
    const costs = catalog.entities.get('cloudCost')!;
    expect(costs.get('checkout@2026-11')?.relations.team).toBe('payments');
    expect(costs.get('checkout@2026-11')?.fields.relations.has('team')).toBe(true);
    // a service written without a team, or never written: the month's team is left as it is
    expect(costs.get('legacy@2026-11')?.fields.relations.has('team')).toBe(false);
    expect(costs.get('new@2026-11')?.fields.relations.has('team')).toBe(false);
  });

  it('leaves the team alone in a cost-only run that knows nothing of the service', () => {
    const catalog = joinCatalog([run('cost', ['cost:2026-11..2026-11'], [cost('checkout')])], OPTIONS);
    const entity = catalog.entities.get('cloudCost')!.get('checkout@2026-11')!;
    expect(entity.relations.service).toBe('checkout');
    expect(entity.fields.relations.has('team')).toBe(false);
  });
});
