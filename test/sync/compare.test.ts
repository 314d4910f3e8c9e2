import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/domain/index.js';
import { jsonEqual } from '../../src/sync/compare.js';

const noop = () => undefined;

/** Pairs that print the same canonical JSON, and pairs that do not: jsonEqual must agree with printing. */
const SAME: [unknown, unknown][] = [
  [
    { a: 1, b: [1, 2] },
    { b: [1, 2], a: 1 },
  ],
  [{ tags: { team: 'x', service: 'y' } }, { tags: { service: 'y', team: 'x' } }],
  [{ a: 1, gone: undefined }, { a: 1 }],
  [{ a: 1, f: noop }, { a: 1 }],
  [
    [undefined, 1],
    [null, 1],
  ],
  [[noop], [null]],
  [0, -0],
  [NaN, null],
  [Object.assign(Object.create(null) as object, { a: 1 }), { a: 1 }],
  [[], []],
  [{}, {}],
  ['text', 'text'],
];
const DIFFERENT: [unknown, unknown][] = [
  [{ a: 1 }, { a: 1, b: 2 }],
  [
    { a: 1, b: undefined },
    { a: 1, c: 2 },
  ],
  [{ a: '1' }, { a: 1 }],
  [
    [1, 2],
    [2, 1],
  ],
  [[1], [1, 1]],
  [[], {}],
  [{ a: [1] }, { a: { 0: 1 } }],
  [null, 0],
  [true, 'true'],
  [{ a: { b: { c: 1 } } }, { a: { b: { c: 2 } } }],
  [{ a: null }, {}],
  [[null], []],
];

describe('jsonEqual: canonical JSON equality without printing', () => {
  it.each(SAME)('%o equals %o, as their canonical JSON does', (a, b) => {
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(jsonEqual(a, b)).toBe(true);
    expect(jsonEqual(b, a)).toBe(true);
  });

  it.each<[unknown, unknown]>([
    [new Date('2026-11-01T00:00:00.000Z'), '2026-11-01T00:00:00.000Z'],
    [{ at: new Date('2026-11-01T00:00:00.000Z') }, { at: new Date('2026-11-02T00:00:00.000Z') }],
    [{ toJSON: () => 'x' }, 'x'],
  ])('a value that is not plain data (%o) is compared as printed', (a, b) => {
    expect(jsonEqual(a, b)).toBe(canonicalJson(a) === canonicalJson(b));
  });

  it.each(DIFFERENT)('%o differs from %o, as their canonical JSON does', (a, b) => {
    expect(canonicalJson(a)).not.toBe(canonicalJson(b));
    expect(jsonEqual(a, b)).toBe(false);
    expect(jsonEqual(b, a)).toBe(false);
  });
});
