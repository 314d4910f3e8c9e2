import { describe, expect, it } from 'vitest';
import { Slicer, drive, driveInSlices, forEachInSlices, yieldToLoop, type Steps } from '../../src/domain/index.js';

/** A clock the test moves: the slicing is judged by what it does at a given time, never by real time. */
function fakeClock(start = 0) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

function* counting(n: number, seen: number[], clock?: { advance: (ms: number) => void }): Steps<number> {
  let sum = 0;
  for (let i = 0; i < n; i += 1) {
    seen.push(i);
    sum += i;
    clock?.advance(1);
    yield;
  }
  return sum;
}

describe('slices: long loops let the event loop turn', () => {
  it('drive runs the steps to the end at once and returns their result', () => {
    const seen: number[] = [];
    expect(drive(counting(1000, seen))).toBe(499_500);
    expect(seen).toHaveLength(1000);
  });

  it('driveInSlices gives the same result, pausing once per used-up slice', async () => {
    const clock = fakeClock();
    const slicer = new Slicer({ budgetMs: 20, now: clock.now });
    const seen: number[] = [];
    expect(await driveInSlices(counting(1000, seen, clock), slicer)).toBe(499_500);
    expect(seen).toEqual([...Array(1000).keys()]);
    // 1 ms per item, 20 ms slices, the clock read every 64 items: one pause per 64 items.
    expect(slicer.pauses).toBe(Math.floor(1000 / 64));
  });

  it('does not pause while the slice lasts', async () => {
    const clock = fakeClock();
    const slicer = new Slicer({ budgetMs: 20, now: clock.now });
    await driveInSlices(counting(1000, []), slicer);
    expect(slicer.pauses).toBe(0);
  });

  it('a pause lets callbacks already queued on the event loop run before the work goes on', async () => {
    const clock = fakeClock();
    const slicer = new Slicer({ budgetMs: 0, now: clock.now });
    const order: string[] = [];
    setImmediate(() => order.push('queued callback'));
    await forEachInSlices(
      [...Array(64).keys()],
      (i) => {
        clock.advance(1);
        if (i === 63) order.push('last item');
      },
      slicer,
    );
    order.push('after the loop');
    expect(order).toEqual(['last item', 'queued callback', 'after the loop']);
  });

  it('without pauses, a queued callback waits for the whole loop', async () => {
    const order: string[] = [];
    setImmediate(() => order.push('queued callback'));
    drive(counting(64, []));
    order.push('after the loop');
    await yieldToLoop();
    expect(order).toEqual(['after the loop', 'queued callback']);
  });

  it('pause() pauses whatever the slice and starts a new one', async () => {
    const clock = fakeClock();
    let pauses = 0;
    const slicer = new Slicer({ budgetMs: 20, now: clock.now, pause: async () => void (pauses += 1) });
    await slicer.pause();
    expect(pauses).toBe(1);
    clock.advance(19);
    for (let i = 0; i < 64; i += 1) expect(slicer.point()).toBeUndefined();
    clock.advance(1);
    for (let i = 0; i < 63; i += 1) expect(slicer.point()).toBeUndefined();
    await slicer.point();
    expect(pauses).toBe(2);
  });
});
