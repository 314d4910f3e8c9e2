import { describe, expect, it } from 'vitest';
import { fetchHeaderLookup, headerLookup, parseRateLimitReset, parseRetryAfter, serverRequestedWait } from '../../src/http/index.js';

const NOW = 1_800_000_000_000;

describe('Retry-After', () => {
  it.each([
    ['7', 7_000],
    [' 7 ', 7_000],
    ['0', 0],
    ['1.5', 1_500],
    [new Date(NOW + 42_000).toUTCString(), 42_000],
    [new Date(NOW - 1_000).toUTCString(), 0],
    ['soon', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('%j waits %j ms', (value, expected) => {
    expect(parseRetryAfter(value, NOW)).toBe(expected);
  });
});

describe('rate-limit reset', () => {
  it.each([
    ['12', 12_000],
    ['0', 0],
    [String(NOW / 1000 + 3), 3_000],
    [String(NOW / 1000 - 3), 0],
    [String(NOW + 2_500), 2_500],
    [String(NOW - 2_500), 0],
    ['Thu, 01 Jan 2026 00:00:00 GMT', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('%j waits %j ms', (value, expected) => {
    expect(parseRateLimitReset(value, NOW)).toBe(expected);
  });
});

describe('header lookups', () => {
  it('read records the way node:http and axios give them, and fetch Headers', () => {
    const record = headerLookup({ 'retry-after': ['3', '9'], 'x-n': 5, 'x-null': null });
    expect([record('retry-after'), record('x-n'), record('x-null'), record('absent')]).toEqual(['3', '5', undefined, undefined]);
    const fetched = fetchHeaderLookup(new Headers({ 'Retry-After': '4' }));
    expect([fetched('retry-after'), fetched('absent')]).toEqual(['4', undefined]);
  });

  it('take the wait from the names given', () => {
    const names = { retryAfter: 'retry-after', reset: 'ratelimit-reset' };
    expect(serverRequestedWait(headerLookup({ 'ratelimit-reset': '2' }), names, NOW)).toBe(2_000);
    expect(serverRequestedWait(headerLookup({ 'x-ratelimit-reset': '2' }), names, NOW)).toBeUndefined();
  });
});
