import { describe, expect, it } from 'vitest';
import { createPacer, headerLookup, type Pacer } from '../../src/http/index.js';

const NOW = 1_800_000_000_000;
const GITLAB = { remaining: 'ratelimit-remaining', reset: 'ratelimit-reset' };
const PORT = { remaining: 'x-ratelimit-remaining', reset: 'x-ratelimit-reset' };

function pacer(lowWater = 10, maxWaitMs = 30_000, headers = PORT, now = () => NOW): Pacer {
  return createPacer({ lowWater, maxWaitMs, headers }, { now });
}

const delays = (p: Pacer, n: number) => Array.from({ length: n }, () => p.delayForNext());

describe('pacer', () => {
  it('sends at once until it has read a quota', () => {
    const p = pacer();
    p.observe(headerLookup({}));
    expect(delays(p, 3)).toEqual([0, 0, 0]);
  });

  it('sends at once while more than the low water mark remain', () => {
    const p = pacer(10);
    p.observe(headerLookup({ 'x-ratelimit-remaining': '11', 'x-ratelimit-reset': '10' }));
    expect(delays(p, 3)).toEqual([0, 0, 0]);
  });

  it('waits for the reset when none remain, no longer than its longest wait', () => {
    const p = pacer(10, 30_000);
    p.observe(headerLookup({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '4' }));
    expect(p.delayForNext()).toBe(4_000);
    p.observe(headerLookup({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '100' }));
    expect(p.delayForNext()).toBe(30_000);
  });

  it('spreads the requests left over the rest of the window', () => {
    const p = pacer(10);
    p.observe(headerLookup({ 'x-ratelimit-remaining': '4', 'x-ratelimit-reset': '8' }));
    // 8 s for 4 requests: the first goes now, each later one a share of what is left after it
    expect(delays(p, 3)).toEqual([0, 2_000, 4_667]);
  });

  it('reads the reset as epoch seconds too', () => {
    const p = pacer();
    p.observe(headerLookup({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(NOW / 1000 + 6) }));
    expect(p.delayForNext()).toBe(6_000);
  });

  it('stops pacing once the window has reset', () => {
    let clock = NOW;
    const p = pacer(10, 30_000, PORT, () => clock);
    p.observe(headerLookup({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '4' }));
    clock += 4_000;
    expect(p.delayForNext()).toBe(0);
  });

  it('ignores a quota without a number or without a reset', () => {
    const p = pacer();
    p.observe(headerLookup({ 'x-ratelimit-remaining': 'many', 'x-ratelimit-reset': '4' }));
    expect(p.delayForNext()).toBe(0);
    p.observe(headerLookup({ 'x-ratelimit-remaining': '0' }));
    expect(p.delayForNext()).toBe(0);
  });

  it('reads the header names it is given, and no others', () => {
    const p = pacer(10, 30_000, GITLAB);
    p.observe(headerLookup({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '4' }));
    expect(p.delayForNext()).toBe(0);
    p.observe(headerLookup({ 'ratelimit-remaining': '0', 'ratelimit-reset': '5' }));
    expect(p.delayForNext()).toBe(5_000);
  });
});
