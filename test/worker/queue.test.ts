import { describe, expect, it } from 'vitest';
import { RunQueue } from '../../src/worker/queue.js';
import type { ScheduleName } from '../../src/worker/schedules.js';

/** A queue whose runs end when the test says so. */
function controlled() {
  const log: string[] = [];
  const ends: (() => void)[] = [];
  const queue = new RunQueue((name: ScheduleName) => {
    log.push(`start ${name}`);
    return new Promise<void>((resolve) =>
      ends.push(() => {
        log.push(`end ${name}`);
        resolve();
      }),
    );
  });
  const endCurrent = async () => {
    ends.shift()?.();
    await new Promise((r) => setImmediate(r));
  };
  return { queue, log, endCurrent };
}

describe('RunQueue', () => {
  it('runs one at a time: the other schedule waits, the same schedule running or waiting is skipped', async () => {
    const { queue, log, endCurrent } = controlled();
    expect(queue.offer('sync')).toBe('started');
    expect(queue.offer('sync')).toBe('skipped');
    expect(queue.offer('cost')).toBe('queued');
    expect(queue.offer('cost')).toBe('skipped');
    expect(queue.current).toBe('sync');
    await endCurrent();
    expect(queue.current).toBe('cost');
    expect(queue.offer('sync')).toBe('queued');
    await endCurrent();
    await endCurrent();
    expect(queue.current).toBeUndefined();
    expect(log).toEqual(['start sync', 'end sync', 'start cost', 'end cost', 'start sync', 'end sync']);
  });

  it('close drops what waits, takes nothing more and resolves when the run in progress ends', async () => {
    const { queue, log, endCurrent } = controlled();
    queue.offer('sync');
    queue.offer('cost');
    let closed = false;
    const closing = queue.close().then(() => (closed = true));
    expect(queue.offer('cost')).toBe('skipped');
    await new Promise((r) => setImmediate(r));
    expect(closed).toBe(false);
    await endCurrent();
    await closing;
    expect(log).toEqual(['start sync', 'end sync']);
  });

  it('a run that rejects does not stall the queue', async () => {
    const seen: string[] = [];
    const queue = new RunQueue((name) => {
      seen.push(name);
      return name === 'sync' ? Promise.reject(new Error('boom')) : Promise.resolve();
    });
    expect(queue.offer('sync')).toBe('started');
    expect(queue.offer('cost')).toBe('queued');
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
    expect(seen).toEqual(['sync', 'cost']);
    expect(queue.current).toBeUndefined();
    expect(queue.offer('sync')).toBe('started');
  });

  it('close with nothing running resolves at once', async () => {
    const queue = new RunQueue(() => Promise.resolve());
    await expect(queue.close()).resolves.toBeUndefined();
  });
});
