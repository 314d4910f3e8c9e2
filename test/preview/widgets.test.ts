import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { evaluateWidget, formatNumber } from '../../src/preview/widgets.js';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.js';

let sandbox: Sandbox;
beforeEach(() => {
  sandbox = createSandbox();
  sandbox.store.seedBlueprint({
    identifier: 'service',
    title: 'Service',
    schema: { properties: { cost: { type: 'number', title: 'Cost' }, lang: { type: 'string' }, tags: { type: 'array' } } },
  });
  const seed = (identifier: string, properties: Record<string, unknown>) => sandbox.store.seedEntity('service', { identifier, properties });
  seed('a', { cost: 10.4, lang: 'go', tags: ['x', 'y'] });
  seed('b', { cost: 20, lang: 'go', tags: ['x'] });
  seed('c', { cost: 1000.25, lang: 'ts' });
  seed('d', { lang: 'py' });
});
afterEach(() => sandbox.close());

const onService = (rules: unknown[] = []) => [{ property: '$blueprint', operator: '=', value: 'service' }, ...rules];

describe('number widgets', () => {
  it.each([
    ['count', { chartType: 'countEntities', calculationBy: 'entities', func: 'count' }, 4],
    [
      'count with a filter',
      { calculationBy: 'entities', func: 'count', dataset: onService([{ property: 'lang', operator: '=', value: 'go' }]) },
      2,
    ],
    ['sum', { calculationBy: 'property', func: 'sum', property: 'cost' }, 1030.65],
    ['average over those with a value', { calculationBy: 'property', func: 'average', property: 'cost' }, 1030.65 / 3],
    ['min', { calculationBy: 'property', func: 'min', property: 'cost' }, 10.4],
    ['max', { calculationBy: 'property', func: 'max', property: 'cost' }, 1000.25],
    ['median', { calculationBy: 'property', func: 'median', property: 'cost' }, 20],
    ['one property of one entity', { chartType: 'displaySingleProperty', entity: 'b', property: 'cost' }, 20],
  ])('%s', (_name, extra, expected) => {
    const value = evaluateWidget(sandbox.reader, {
      type: 'entities-number-chart',
      blueprint: 'service',
      unit: 'none',
      dataset: onService(),
      ...extra,
    });
    expect(value.kind).toBe('number');
    expect((value as { value: number }).value).toBeCloseTo(expected, 10);
  });

  it.each([
    [1234.567, { displayFormatting: 'round', unit: '$' }, '$1,235'],
    [1234.567, { displayFormatting: 'custom', decimalPlaces: '.00', unit: '€', unitAlignment: 'right' }, '1,234.57 €'],
    [0.5, { displayFormatting: 'none', unit: 'custom', unitCustom: 'req/s', unitAlignment: 'right' }, '0.5 req/s'],
    [undefined, { unit: '$' }, '-'],
  ])('formats %s as Port shows it', (value, widget, text) => {
    expect(formatNumber(value, widget)).toBe(text);
  });

  it('applies the first matching conditional format', () => {
    const value = evaluateWidget(sandbox.reader, {
      type: 'entities-number-chart',
      blueprint: 'service',
      unit: 'none',
      calculationBy: 'entities',
      func: 'count',
      dataset: onService(),
      conditionalFormatting: [
        { operator: '>', value: 10, color: 'red' },
        { operator: '>', value: 3, color: 'orange', message: 'many' },
      ],
    });
    expect(value).toMatchObject({ value: 4, text: '4', format: { color: 'orange', message: 'many' } });
  });
});

describe('pie and bar widgets', () => {
  it('counts entities per value, list values once per element, missing values as No value', () => {
    expect(
      evaluateWidget(sandbox.reader, {
        type: 'entities-pie-chart',
        property: 'property#tags',
        dataset: { combinator: 'and', rules: onService() },
      }),
    ).toEqual({
      kind: 'pie',
      total: 4,
      slices: [
        { label: 'No value', count: 2 },
        { label: 'x', count: 2 },
        { label: 'y', count: 1 },
      ],
    });
  });

  it('keeps 13 slices and folds the rest into Other', () => {
    for (let i = 0; i < 20; i += 1)
      sandbox.store.seedEntity('service', { identifier: `many-${i}`, properties: { lang: `lang-${String(i).padStart(2, '0')}` } });
    const value = evaluateWidget(sandbox.reader, {
      type: 'bar-chart',
      blueprint: 'service',
      property: 'property#lang',
      dataset: onService(),
    });
    if (value.kind !== 'bar') throw new Error(value.kind);
    expect(value.slices).toHaveLength(14);
    expect(value.slices[0]).toEqual({ label: 'go', count: 2 });
    expect(value.slices[13]).toEqual({ label: 'Other', count: 24 - 13 - 1 });
    expect(value.slices.reduce((n, s) => n + s.count, 0)).toBe(24);
  });
});

describe('table widgets', () => {
  it('filters, sorts (blanks last either way) and shows the configured columns with their titles', () => {
    const table = (order: 'asc' | 'desc') =>
      evaluateWidget(sandbox.reader, {
        type: 'table-entities-explorer',
        blueprint: 'service',
        dataset: { combinator: 'and', rules: onService() },
        blueprintConfig: {
          service: {
            filterSettings: { filterBy: { combinator: 'and', rules: [{ property: 'lang', operator: '!=', value: 'ts' }] } },
            propertiesSettings: { shown: ['cost', '$title'], order: ['$title', 'cost'] },
            sortSettings: { sortBy: [{ property: 'cost', order }] },
          },
        },
      });
    expect(table('desc')).toEqual({
      kind: 'table',
      blueprint: 'service',
      columns: ['$title', 'cost'],
      titles: ['Title', 'Cost'],
      rows: [
        { identifier: 'b', blueprint: 'service', cells: ['b', 20] },
        { identifier: 'a', blueprint: 'service', cells: ['a', 10.4] },
        { identifier: 'd', blueprint: 'service', cells: ['d', undefined] },
      ],
    });
    expect((table('asc') as { rows: { identifier: string }[] }).rows.map((r) => r.identifier)).toEqual(['a', 'b', 'd']);
  });
});
