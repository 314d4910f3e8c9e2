import { abortError, onAbort, raceAbort } from './abort.js';

/** Waits `ms` milliseconds; injected by tests so that no test waits on a clock. */
export type Sleep = (ms: number) => Promise<void>;

/**
 * Waits `ms`, or rejects with RunAbortedError the moment `signal` fires (at once if it has). An
 * injected `sleep` is raced against the signal, so it need not know about signals itself.
 */
export function abortableSleep(ms: number, signal?: AbortSignal, sleep?: Sleep): Promise<void> {
  if (signal?.aborted) return Promise.reject(abortError(signal));
  if (sleep) return raceAbort(sleep(ms), signal);
  return new Promise<void>((resolve, reject) => {
    let stop = () => {};
    const timer = setTimeout(() => {
      stop();
      resolve();
    }, ms);
    if (signal) {
      stop = onAbort(signal, () => {
        clearTimeout(timer);
        reject(abortError(signal));
      });
    }
  });
}
