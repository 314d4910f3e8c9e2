import { getEventListeners } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RunAbortedError } from '../../src/errors.js';
import { abortableSleep, raceAbort } from '../../src/http/index.js';

/** Whether `promise` has settled, without waiting on any clock. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  promise.then(
    () => (done = true),
    () => (done = true),
  );
  await new Promise((resolve) => setImmediate(resolve));
  return done;
}

describe('abortable sleep on the timer', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('resolves when its time has passed, and not before', async () => {
    const sleep = abortableSleep(5_000, new AbortController().signal);
    vi.advanceTimersByTime(4_999);
    expect(await settled(sleep)).toBe(false);
    vi.advanceTimersByTime(1);
    await expect(sleep).resolves.toBeUndefined();
  });

  it('ends at once, and clears its timer, when the signal fires', async () => {
    const controller = new AbortController();
    const sleep = abortableSleep(60_000, controller.signal);
    expect(vi.getTimerCount()).toBe(1);
    controller.abort(new Error('SIGTERM'));
    await expect(sleep).rejects.toThrow(new RunAbortedError(new Error('SIGTERM')).message);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('does not start when the signal has already fired', async () => {
    const controller = new AbortController();
    controller.abort('time limit');
    await expect(abortableSleep(60_000, controller.signal)).rejects.toThrow('The run was aborted: time limit');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('leaves one listener on a signal however many sleeps wait on it, and none behind', async () => {
    const controller = new AbortController();
    const sleeps = Array.from({ length: 25 }, () => abortableSleep(60_000, controller.signal));
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
    controller.abort();
    const outcomes = await Promise.allSettled(sleeps);
    expect(outcomes.every((o) => o.status === 'rejected' && o.reason instanceof RunAbortedError)).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('abortable sleep with an injected sleep', () => {
  it('ends an injected sleep that knows nothing of signals', async () => {
    const controller = new AbortController();
    const sleep = abortableSleep(60_000, controller.signal, () => new Promise<void>(() => {}));
    expect(await settled(sleep)).toBe(false);
    controller.abort();
    const error = await sleep.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RunAbortedError);
    expect((error as RunAbortedError).message).toBe('The run was aborted: This operation was aborted');
  });

  it('hands over what the race was for when the signal never fires', async () => {
    await expect(raceAbort(Promise.resolve(42), new AbortController().signal)).resolves.toBe(42);
    await expect(raceAbort(Promise.reject(new Error('no')), new AbortController().signal)).rejects.toThrow('no');
  });
});
