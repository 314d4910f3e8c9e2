import { RunAbortedError } from '../errors.js';

/**
 * One `abort` listener per signal, however many calls wait on it: a run queues hundreds of batches
 * on one signal, and Node warns past 10 listeners on an EventTarget.
 */
const waiters = new WeakMap<AbortSignal, Set<() => void>>();

/** Calls `callback` when `signal` fires (at once if it has). Returns the function that unsubscribes. */
export function onAbort(signal: AbortSignal, callback: () => void): () => void {
  if (signal.aborted) {
    callback();
    return () => {};
  }
  let set = waiters.get(signal);
  if (!set) {
    const created = new Set<() => void>();
    signal.addEventListener(
      'abort',
      () => {
        for (const waiter of [...created]) waiter();
        created.clear();
      },
      { once: true },
    );
    waiters.set(signal, created);
    set = created;
  }
  const registered = set;
  registered.add(callback);
  return () => {
    registered.delete(callback);
  };
}

/** The error a call ends with once its signal has fired. */
export function abortError(signal: AbortSignal): RunAbortedError {
  return new RunAbortedError(signal.reason);
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortError(signal);
}

/**
 * `promise`, or a RunAbortedError as soon as `signal` fires, whichever comes first. The work behind
 * `promise` is not stopped; its outcome is simply no longer waited for.
 */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) {
    // Still observe the outcome, so a rejection nobody waits for is not reported as unhandled.
    promise.catch(() => {});
    return Promise.reject(abortError(signal));
  }
  return new Promise<T>((resolve, reject) => {
    const stop = onAbort(signal, () => reject(abortError(signal)));
    promise.then(
      (value) => {
        stop();
        resolve(value);
      },
      (error: unknown) => {
        stop();
        reject(error);
      },
    );
  });
}

/** A signal that fires when either does; `undefined` when neither is given. */
export function eitherSignal(a: AbortSignal | undefined, b: AbortSignal | undefined): AbortSignal | undefined {
  if (!a || a === b) return b;
  if (!b) return a;
  return AbortSignal.any([a, b]);
}
