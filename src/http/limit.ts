import pLimit from 'p-limit';
import { abortError, onAbort } from './abort.js';

/**
 * Runs `task` once fewer than the limit's concurrency are running. With a signal: a task still
 * waiting for its turn when the signal fires is never started and its call rejects at once with
 * RunAbortedError; a task already running is left to finish.
 */
export type ConcurrencyLimit = <T>(task: () => Promise<T>, signal?: AbortSignal) => Promise<T>;

export function createConcurrencyLimit(concurrency: number): ConcurrencyLimit {
  const limit = pLimit(concurrency);
  return <T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> => {
    if (!signal) return limit(task);
    if (signal.aborted) return Promise.reject(abortError(signal));
    return new Promise<T>((resolve, reject) => {
      const stop = onAbort(signal, () => reject(abortError(signal)));
      void limit(async () => {
        // Rejected while it waited: its turn passes straight to the next task.
        if (signal.aborted) return;
        stop();
        try {
          resolve(await task());
        } catch (error) {
          reject(error);
        }
      });
    });
  };
}
