import { describe, expect, it } from 'vitest';
import { costPeriod, costScope, daysInMonth, monthKey, monthStart } from '../../../src/sources/cost/periods.js';

describe('costPeriod', () => {
  it.each([
    // now (UTC), months, queried months, Start, End, days in month, complete days
    ['2026-11-15T10:00:00Z', 2, ['2026-10', '2026-11'], '2026-10-01', '2026-12-01', 30, 14],
    ['2026-11-01T00:30:00Z', 2, ['2026-10', '2026-11'], '2026-10-01', '2026-12-01', 30, 0],
    // the 1st with one month: Start is today, so End must not be today (Cost Explorer rejects Start == End)
    ['2026-11-01T00:00:00Z', 1, ['2026-11'], '2026-11-01', '2026-12-01', 30, 0],
    ['2026-11-30T23:59:59Z', 1, ['2026-11'], '2026-11-01', '2026-12-01', 30, 29],
    // January reaches back into last year, December's End is in next year
    ['2027-01-10T08:00:00Z', 2, ['2026-12', '2027-01'], '2026-12-01', '2027-02-01', 31, 9],
    ['2027-01-01T00:00:00Z', 3, ['2026-11', '2026-12', '2027-01'], '2026-11-01', '2027-02-01', 31, 0],
    ['2026-12-31T23:59:59Z', 2, ['2026-11', '2026-12'], '2026-11-01', '2027-01-01', 31, 30],
    ['2026-12-01T12:00:00Z', 1, ['2026-12'], '2026-12-01', '2027-01-01', 31, 0],
    // February, leap and not
    ['2028-02-29T12:00:00Z', 2, ['2028-01', '2028-02'], '2028-01-01', '2028-03-01', 29, 28],
    ['2026-02-10T12:00:00Z', 2, ['2026-01', '2026-02'], '2026-01-01', '2026-03-01', 28, 9],
  ])('at %s over %i months', (now, n, months, start, end, days, complete) => {
    const period = costPeriod(new Date(now), n);
    expect(period.months).toEqual(months);
    expect(period.currentMonth).toBe(months[months.length - 1]);
    expect(period.previousMonth).toBe(n >= 2 ? months[months.length - 2] : undefined);
    expect(period.timePeriod).toEqual({ Start: start, End: end });
    expect(period.daysInMonth).toBe(days);
    expect(period.completeDays).toBe(complete);
  });

  it('reads the date in UTC, whatever the offset it was written with', () => {
    // 23:30 on Nov 30 in New York is already December 1st in UTC
    const period = costPeriod(new Date('2026-11-30T23:30:00-05:00'), 2);
    expect(period.months).toEqual(['2026-11', '2026-12']);
    expect(period.completeDays).toBe(0);
  });

  it('covers 38 months back across several years', () => {
    const period = costPeriod(new Date('2026-11-15T00:00:00Z'), 38);
    expect(period.months).toHaveLength(38);
    expect(period.months[0]).toBe('2023-10');
    expect(period.timePeriod).toEqual({ Start: '2023-10-01', End: '2026-12-01' });
    expect(new Set(period.months).size).toBe(38);
  });

  it('gives a valid, gapless period for every month count on every kind of day', () => {
    const days = [
      '2026-01-01T00:00:00Z',
      '2026-03-01T00:00:00Z',
      '2026-06-15T12:00:00Z',
      '2026-12-01T00:00:00Z',
      '2026-12-31T23:59:59Z',
      '2028-02-29T00:00:00Z',
    ];
    for (const day of days) {
      for (let n = 1; n <= 38; n += 1) {
        const period = costPeriod(new Date(day), n);
        expect(period.months).toHaveLength(n);
        expect(period.timePeriod.Start < period.timePeriod.End).toBe(true);
        expect(period.timePeriod.Start).toBe(`${period.months[0]}-01`);
        expect(period.currentMonth).toBe(day.slice(0, 7));
        // consecutive months: each is the one after the one before
        period.months.forEach((m, i) => {
          if (i > 0) expect(m).toBe(monthKey(Number(period.months[i - 1]!.slice(0, 4)), Number(period.months[i - 1]!.slice(5, 7))));
        });
        // End is the first of the month after the current one
        const [y, mo] = period.currentMonth.split('-').map(Number);
        expect(period.timePeriod.End).toBe(`${monthKey(y!, mo!)}-01`);
      }
    }
  });

  it.each([0, 39, 1.5, -1])('refuses %s months', (n) => {
    expect(() => costPeriod(new Date('2026-11-15T00:00:00Z'), n)).toThrow(RangeError);
  });
});

describe('month helpers', () => {
  it('carries month indexes over the year', () => {
    expect(monthKey(2026, -1)).toBe('2025-12');
    expect(monthKey(2026, 12)).toBe('2027-01');
    expect(monthKey(2026, -37)).toBe('2022-12');
    expect(daysInMonth(2026, 0)).toBe(31);
    expect(daysInMonth(2026, 3)).toBe(30);
    expect(daysInMonth(2100, 1)).toBe(28);
    expect(daysInMonth(2000, 1)).toBe(29);
    expect(monthStart('2026-11')).toBe('2026-11-01T00:00:00.000Z');
  });

  it('names the scope after the first and last month queried', () => {
    expect(costScope(costPeriod(new Date('2026-11-15T00:00:00Z'), 2))).toBe('cost:2026-10..2026-11');
    expect(costScope(costPeriod(new Date('2026-11-15T00:00:00Z'), 1))).toBe('cost:2026-11..2026-11');
    expect(costScope(costPeriod(new Date('2027-01-02T00:00:00Z'), 13))).toBe('cost:2026-01..2027-01');
  });
});
