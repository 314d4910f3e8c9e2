import type { ResultByTime } from '@aws-sdk/client-cost-explorer';
import { describe, expect, it } from 'vitest';
import { costChangePct, mapCost, type CostMapSettings } from '../../../src/sources/cost/map.js';
import { costPeriod } from '../../../src/sources/cost/periods.js';
import type { EntityFragment } from '../../../src/domain/index.js';

const SCOPE = 'cost:2026-10..2026-11';

function settings(now = '2026-11-15T12:00:00Z', months = 2): CostMapSettings {
  return { tagKey: 'service', metric: 'AmortizedCost', period: costPeriod(new Date(now), months), scope: SCOPE };
}

/** A ResultByTime as Cost Explorer sends it: `[tag value, amount, unit?]` per group. */
function month(key: string, groups: [string, string, string?][], estimated = false): ResultByTime {
  const [y, m] = key.split('-').map(Number);
  return {
    TimePeriod: { Start: `${key}-01`, End: new Date(Date.UTC(y!, m!, 1)).toISOString().slice(0, 10) },
    Total: {},
    Estimated: estimated,
    Groups: groups.map(([value, amount, unit]) => ({
      Keys: [`service$${value}`],
      Metrics: { AmortizedCost: { Amount: amount, Unit: unit ?? 'USD' } },
    })),
  };
}

function byId(fragments: EntityFragment[], blueprint: string): Record<string, EntityFragment> {
  return Object.fromEntries(fragments.filter((f) => f.blueprint === blueprint).map((f) => [f.identifier, f]));
}

describe('mapCost: cloudCost per service per month', () => {
  it('makes one entity per service and month, and _unallocated of each month for untagged spend', () => {
    const { fragments, findings } = mapCost(
      [
        month('2026-10', [
          ['checkout', '100.5'],
          ['', '40'],
        ]),
        month(
          '2026-11',
          [
            ['checkout', '60.25'],
            ['', '12.5'],
          ],
          true,
        ),
      ],
      settings(),
    );
    expect(findings).toEqual([]);
    const costs = byId(fragments, 'cloudCost');
    expect(Object.keys(costs).sort()).toEqual(['_unallocated@2026-10', '_unallocated@2026-11', 'checkout@2026-10', 'checkout@2026-11']);
    expect(costs['checkout@2026-11']).toEqual({
      blueprint: 'cloudCost',
      identifier: 'checkout@2026-11',
      title: 'checkout 2026-11',
      scope: SCOPE,
      properties: {
        month: '2026-11-01T00:00:00.000Z',
        isCurrentMonth: true,
        amount: 60.25,
        currency: 'USD',
        metric: 'AmortizedCost',
        isComplete: false,
      },
      relations: { service: 'checkout' },
    });
    expect(costs['checkout@2026-10']?.properties).toMatchObject({
      month: '2026-10-01T00:00:00.000Z',
      isCurrentMonth: false,
      isComplete: true,
    });
    // untagged spend: no service relation, and no team (the join leaves it empty)
    expect(costs['_unallocated@2026-10']).toEqual({
      blueprint: 'cloudCost',
      identifier: '_unallocated@2026-10',
      title: 'unallocated 2026-10',
      scope: SCOPE,
      properties: {
        month: '2026-10-01T00:00:00.000Z',
        isCurrentMonth: false,
        amount: 40,
        currency: 'USD',
        metric: 'AmortizedCost',
        isComplete: true,
      },
      relations: { service: null },
    });
    expect(costs['_unallocated@2026-11']?.properties?.amount).toBe(12.5);
    expect(fragments.every((f) => f.relations?.team === undefined)).toBe(true);
  });

  it('merges raw values that normalise to one service, and blank values into untagged spend', () => {
    const { fragments } = mapCost(
      [
        month('2026-11', [
          ['Checkout ', '10.1'],
          ['checkout', '20.2'],
          ['CHECKOUT', '0.0001'],
          ['   ', '3'],
          ['', '4'],
        ]),
      ],
      settings(),
    );
    const costs = byId(fragments, 'cloudCost');
    expect(Object.keys(costs).sort()).toEqual(['_unallocated@2026-11', 'checkout@2026-11']);
    expect(costs['checkout@2026-11']?.properties?.amount).toBe(30.3001);
    expect(costs['checkout@2026-11']?.relations).toEqual({ service: 'checkout' });
    expect(costs['_unallocated@2026-11']?.properties?.amount).toBe(7);
    expect(Object.keys(byId(fragments, 'service'))).toEqual(['checkout']);
  });

  it.each([
    ['Payments API', 'payments-api@2026-11', 'payments api'],
    ['  Search\tIndex ', 'search-index@2026-11', 'search index'],
    ['billing/eu', 'billing/eu@2026-11', 'billing/eu'],
    ['caf\u00e9 €', 'café-=E2=82=AC@2026-11', 'café €'],
  ])('makes the identifier of %j from its normalised name', (raw, identifier, name) => {
    const { fragments } = mapCost([month('2026-11', [[raw, '1']])], settings());
    const cost = fragments.find((f) => f.blueprint === 'cloudCost')!;
    expect(cost.identifier).toBe(identifier);
    expect(cost.relations).toEqual({ service: name });
    expect(fragments.find((f) => f.blueprint === 'service')?.identifier).toBe(name);
  });

  it('takes the currency from the unit and keeps four decimals', () => {
    const { fragments } = mapCost(
      [
        month('2026-11', [
          ['search', '0.1', 'EUR'],
          ['search', '0.2', 'EUR'],
          ['tiny', '0.000049', 'EUR'],
          ['big', '123.456789', 'EUR'],
        ]),
      ],
      settings(),
    );
    const costs = byId(fragments, 'cloudCost');
    expect(costs['search@2026-11']?.properties).toMatchObject({ amount: 0.3, currency: 'EUR' });
    expect(costs['tiny@2026-11']?.properties?.amount).toBe(0);
    expect(Object.is(costs['tiny@2026-11']?.properties?.amount, 0)).toBe(true);
    expect(costs['big@2026-11']?.properties?.amount).toBe(123.4568);
    expect(byId(fragments, 'service').search?.properties?.currency).toBe('EUR');
  });

  it('marks a month complete only when no page estimates it', () => {
    const { fragments } = mapCost(
      [
        month('2026-10', [['a', '1']], false),
        month('2026-11', [['a', '1']], false),
        month('2026-11', [['b', '1']], true),
        { ...month('2026-10', [['c', '1']]), Estimated: undefined },
      ],
      settings(),
    );
    const costs = byId(fragments, 'cloudCost');
    expect(costs['a@2026-11']?.properties?.isComplete).toBe(false);
    expect(costs['b@2026-11']?.properties?.isComplete).toBe(false);
    // a page without the flag cannot vouch that the month is final
    expect(costs['a@2026-10']?.properties?.isComplete).toBe(false);
  });

  it('sums one month across pages', () => {
    const { fragments } = mapCost(
      [
        month('2026-11', [
          ['a', '1.5'],
          ['', '2'],
        ]),
        month('2026-11', [
          ['a', '2.5'],
          ['', '1'],
        ]),
      ],
      settings(),
    );
    const costs = byId(fragments, 'cloudCost');
    expect(costs['a@2026-11']?.properties?.amount).toBe(4);
    expect(costs['_unallocated@2026-11']?.properties?.amount).toBe(3);
  });

  it('reports and skips what it cannot read, keeping the rest', () => {
    const results: ResultByTime[] = [
      month('2026-11', [
        ['ok', '5'],
        ['bad', 'abc'],
        ['empty', ''],
      ]),
      {
        TimePeriod: { Start: '2026-11-01', End: '2026-12-01' },
        Estimated: false,
        Groups: [
          { Keys: ['nodollar'], Metrics: { AmortizedCost: { Amount: '1', Unit: 'USD' } } },
          { Keys: ['service$x'], Metrics: { UnblendedCost: { Amount: '1', Unit: 'USD' } } },
          { Metrics: {} },
        ],
      },
      month('2026-08', [['old', '1']]),
      month('2026-11', [['ok', '7', 'EUR']]),
    ];
    const { fragments, findings } = mapCost(results, settings());
    expect(Object.keys(byId(fragments, 'cloudCost'))).toEqual(['ok@2026-11']);
    expect(byId(fragments, 'cloudCost')['ok@2026-11']?.properties).toMatchObject({ amount: 5, currency: 'USD' });
    expect(findings).toHaveLength(7);
    expect(findings.every((f) => f.source === 'cost' && f.scope === SCOPE)).toBe(true);
    const messages = findings.map((f) => `${f.subject}: ${f.message}`).join('\n');
    expect(messages).toContain('amount "abc" is not a number');
    expect(messages).toContain('group key "nodollar" is not a tag key');
    expect(messages).toContain('the group has no AmortizedCost');
    expect(messages).toContain('period 2026-08-01');
    expect(messages).toContain('amount in EUR left out of a total in USD');
  });

  it('keeps a service named like untagged spend out of the way, and says so', () => {
    const { fragments, findings } = mapCost(
      [
        month('2026-11', [
          ['_Unallocated', '2'],
          ['', '1'],
        ]),
      ],
      settings(),
    );
    expect(Object.keys(byId(fragments, 'cloudCost'))).toEqual(['_unallocated@2026-11']);
    expect(byId(fragments, 'cloudCost')['_unallocated@2026-11']?.properties?.amount).toBe(3);
    expect(byId(fragments, 'service')).toEqual({});
    expect(findings).toHaveLength(1);
  });
});

describe('mapCost: the cost fields of services', () => {
  it('sets month to date, last month, change and currency', () => {
    // Nov 16th: 15 complete days of 30; 150 so far runs at 300 a month against 250 last month
    const { fragments } = mapCost(
      [month('2026-10', [['checkout', '250']]), month('2026-11', [['Checkout', '150']])],
      settings('2026-11-16T06:00:00Z'),
    );
    expect(byId(fragments, 'service').checkout).toEqual({
      blueprint: 'service',
      identifier: 'checkout',
      scope: SCOPE,
      properties: { costMonthToDate: 150, costLastMonth: 250, costChangePct: 20, currency: 'USD' },
    });
  });

  it('gives a service without cost this month 0 so far, and a new one 0 last month', () => {
    const { fragments } = mapCost(
      [
        month('2026-10', [
          ['gone', '80'],
          ['', '5'],
        ]),
        month('2026-11', [['new', '30']]),
      ],
      settings('2026-11-20T00:00:00Z'),
    );
    const services = byId(fragments, 'service');
    expect(Object.keys(services).sort()).toEqual(['gone', 'new']);
    expect(services.gone?.properties).toEqual({ costMonthToDate: 0, costLastMonth: 80, costChangePct: -100, currency: 'USD' });
    expect(services.new?.properties).toEqual({ costMonthToDate: 30, costLastMonth: 0, costChangePct: null, currency: 'USD' });
  });

  it('gives services 0 so far on the 1st, when the current month has no cost yet', () => {
    const { fragments } = mapCost([month('2026-10', [['checkout', '300']]), month('2026-11', [], true)], settings('2026-11-01T03:00:00Z'));
    expect(byId(fragments, 'service').checkout?.properties).toEqual({
      costMonthToDate: 0,
      costLastMonth: 300,
      costChangePct: null,
      currency: 'USD',
    });
    expect(Object.keys(byId(fragments, 'cloudCost'))).toEqual(['checkout@2026-10']);
  });

  it('leaves last month unknown when only this month is queried', () => {
    const { fragments } = mapCost([month('2026-11', [['checkout', '10']])], settings('2026-11-20T00:00:00Z', 1));
    expect(byId(fragments, 'service').checkout?.properties).toEqual({
      costMonthToDate: 10,
      costLastMonth: null,
      costChangePct: null,
      currency: 'USD',
    });
  });

  it('compares with the month before the current one, not the oldest queried', () => {
    const { fragments } = mapCost(
      [month('2026-09', [['a', '1000']]), month('2026-10', [['a', '100']]), month('2026-11', [['a', '50']])],
      settings('2026-11-16T00:00:00Z', 3),
    );
    expect(byId(fragments, 'service').a?.properties).toMatchObject({ costLastMonth: 100, costChangePct: 0 });
  });
});

describe('costChangePct', () => {
  const november = (day: number) => costPeriod(new Date(`2026-11-${String(day).padStart(2, '0')}T12:00:00Z`), 2);
  it.each([
    // day of month, month to date, last month, expected
    [1, 0, 300, null],
    [2, 10, 300, null],
    [3, 20, 300, null],
    // day 4: three complete days; 30 over 3 days of 30 runs at 300
    [4, 30, 300, 0],
    [4, 33, 300, 10],
    [16, 150, 250, 20],
    [16, 125, 250, 0],
    [16, 100, 250, -20],
    [16, 112.5, 200, 12.5],
    [30, 290, 300, 0],
    [30, 300, 300, 3.4],
    [16, 150, 0, null],
    [16, 150, null, null],
    [16, 150, -20, null],
    [16, 0, 250, -100],
  ])('on day %i with %d so far and %s last month: %s', (day, mtd, last, expected) => {
    expect(costChangePct(mtd, last, november(day))).toBe(expected);
  });

  it('uses the days of the current month', () => {
    // Feb 2026 has 28 days: 40 over 14 complete days runs at 80
    expect(costChangePct(40, 80, costPeriod(new Date('2026-02-15T00:00:00Z'), 2))).toBe(0);
    // Jan has 31: 31 over 10 complete days runs at 96.1
    expect(costChangePct(31, 96.1, costPeriod(new Date('2027-01-11T00:00:00Z'), 2))).toBe(0);
  });
});
