import { describe, expect, it } from 'vitest';
import { RunAbortedError } from '../../src/errors.js';
import { createConcurrencyLimit } from '../../src/http/index.js';

/** A task the test finishes by hand, recording when it started. */
function gate<T>(value: T) {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  let started = false;
  return {
    task: async () => {
      started = true;
      await opened;
      return value;
    },
    open,
    get started() {
      return started;
    },
  };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('concurrency limit', () => {
  it('runs no more tasks at once than its concurrency', async () => {
    const limit = createConcurrencyLimit(2);
    const gates = Array.from({ length: 5 }, (_, i) => gate(i));
    const results = gates.map((g) => limit(g.task));
    await tick();
    expect(gates.map((g) => g.started)).toEqual([true, true, false, false, false]);
    gates[0]!.open();
    await tick();
    expect(gates.map((g) => g.started)).toEqual([true, true, true, false, false]);
    for (const g of gates) g.open();
    expect(await Promise.all(results)).toEqual([0, 1, 2, 3, 4]);
  });

  it('never starts a task still queued when its signal fires, and rejects it at once', async () => {
    const limit = createConcurrencyLimit(1);
    const controller = new AbortController();
    const running = gate('answer');
    const queued = gate('never');
    const first = limit(running.task, controller.signal);
    const second = limit(queued.task, controller.signal);
    await tick();
    controller.abort('stop');
    // rejected while the running task still holds the only slot
    await expect(second).rejects.toBeInstanceOf(RunAbortedError);
    running.open();
    await expect(first).resolves.toBe('answer');
    await tick();
    expect(queued.started).toBe(false);
  });

  it('lets the queue move on past an aborted task for callers without that signal', async () => {
    const limit = createConcurrencyLimit(1);
    const controller = new AbortController();
    const running = gate(1);
    const aborted = gate(2);
    const other = gate(3);
    const results = [limit(running.task), limit(aborted.task, controller.signal), limit(other.task)];
    await tick();
    controller.abort();
    running.open();
    other.open();
    const [a, b, c] = await Promise.allSettled(results);
    expect(a).toEqual({ status: 'fulfilled', value: 1 });
    expect(b?.status).toBe('rejected');
    expect(c).toEqual({ status: 'fulfilled', value: 3 });
    expect(aborted.started).toBe(false);
  });

  it('starts nothing for a signal that has already fired', async () => {
    const limit = createConcurrencyLimit(4);
    const controller = new AbortController();
    controller.abort();
    const g = gate(1);
    await expect(limit(g.task, controller.signal)).rejects.toBeInstanceOf(RunAbortedError);
    expect(g.started).toBe(false);
  });
});
