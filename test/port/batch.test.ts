import { describe, expect, it } from 'vitest';
import { batchesOf, mapInFlight, splitIntoBatches } from '../../src/port/batch.js';

describe('batchesOf: bulk bodies formed one at a time', () => {
  const items = Array.from({ length: 45 }, (_, i) => ({ identifier: `e-${i}` }));

  it('gives the same batches as splitIntoBatches, in order', () => {
    const lazy = [...batchesOf(items, 20)].flatMap((part) => ('batch' in part ? [part.batch] : []));
    expect(lazy).toEqual(splitIntoBatches(items, 20).batches);
    expect(lazy.map((b) => b.items.length)).toEqual([20, 20, 5]);
  });

  it('measures an item only when the batch it goes into is formed', () => {
    let measured = 0;
    const counted = items.map((item) => ({
      ...item,
      toJSON() {
        measured += 1;
        return { identifier: item.identifier };
      },
    }));
    const parts = batchesOf(counted, 20);
    parts.next();
    // The first batch is complete when the 21st item does not fit it.
    expect(measured).toBe(21);
  });

  it('sets aside an item too large for any body where it is met', () => {
    const big = { identifier: 'big', blob: 'x'.repeat(200) };
    const parts = [...batchesOf([{ identifier: 'a' }, big, { identifier: 'b' }], 20, 100)];
    expect(parts.map((p) => ('batch' in p ? p.batch.items.map((i) => i.identifier) : `oversized ${p.oversized.index}`))).toEqual([
      'oversized 1',
      ['a', 'b'],
    ]);
  });
});

describe('mapInFlight: a bounded number of tasks, items drawn lazily', () => {
  it('never runs more than inFlight at once and keeps the results in the items order', async () => {
    let running = 0;
    let most = 0;
    const release: (() => void)[] = [];
    const done = mapInFlight([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      running += 1;
      most = Math.max(most, running);
      await new Promise<void>((resolve) => release.push(resolve));
      running -= 1;
      return n * 10;
    });
    while (release.length > 0 || running > 0) {
      await new Promise((resolve) => setImmediate(resolve));
      release.shift()?.();
    }
    expect(await done).toEqual([10, 20, 30, 40, 50, 60, 70]);
    expect(most).toBe(3);
  });

  it('draws the next item only when a task slot is free', async () => {
    const drawn: number[] = [];
    function* items() {
      for (let i = 0; i < 5; i += 1) {
        drawn.push(i);
        yield i;
      }
    }
    const gate: (() => void)[] = [];
    const done = mapInFlight(items(), 2, (i) => new Promise<number>((resolve) => gate.push(() => resolve(i))));
    await new Promise((resolve) => setImmediate(resolve));
    expect(drawn).toEqual([0, 1]);
    while (gate.length > 0) {
      gate.shift()!();
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(await done).toEqual([0, 1, 2, 3, 4]);
  });

  it('stops drawing once a task failed, and rejects with its error', async () => {
    const started: number[] = [];
    await expect(
      mapInFlight([1, 2, 3, 4, 5], 1, async (n) => {
        started.push(n);
        if (n === 2) throw new Error('fatal');
        return n;
      }),
    ).rejects.toThrow('fatal');
    expect(started).toEqual([1, 2]);
  });
});
