/**
 * Long loops over a large catalog (join, plan, comparisons) run in slices: after about SLICE_MS of
 * work they let the event loop turn once (setImmediate), so sockets, timers, /healthz and /metrics
 * are served during a run of 100k entities. The work itself is written once, as a generator that
 * yields at points where it may pause; `drive` runs it to the end at once (pure callers, tests) and
 * `driveInSlices` pauses at those points when the slice is used up.
 */

/** A slice short enough that a health probe or an idle keep-alive socket never notices the run. */
export const SLICE_MS = 20;

/** Reading the clock at every pause point would cost more than the work between two of them. */
const CLOCK_EVERY = 64;

/** Work written as a generator that yields (nothing) where it may pause, and returns its result. */
export type Steps<T> = Generator<void, T, void>;

export interface SlicerOptions {
  /** Work allowed between two turns of the event loop, in ms. */
  budgetMs?: number;
  now?: () => number;
  /** How the loop is let through; default one setImmediate. */
  pause?: () => Promise<void>;
}

/** Lets the event loop run everything that is due (I/O callbacks, timers) before going on. */
export function yieldToLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Tells a loop when its slice is used up. One per run (or per long phase): `point()` is cheap and
 * returns a promise only when the loop should pause.
 */
export class Slicer {
  private readonly budgetMs: number;
  private readonly now: () => number;
  private readonly pauseFn: () => Promise<void>;
  private started: number;
  private count = 0;
  /** Pauses made so far: what the tests and the benchmark can see of the slicing. */
  pauses = 0;

  constructor(options: SlicerOptions = {}) {
    this.budgetMs = options.budgetMs ?? SLICE_MS;
    this.now = options.now ?? (() => performance.now());
    this.pauseFn = options.pause ?? yieldToLoop;
    this.started = this.now();
  }

  /** A pause point: undefined to go on, or a promise to await before going on. */
  point(): Promise<void> | undefined {
    this.count += 1;
    if (this.count % CLOCK_EVERY !== 0 || this.now() - this.started < this.budgetMs) return undefined;
    return this.pause();
  }

  /** Pauses now, whatever the slice: between phases, or after an item known to be expensive. */
  async pause(): Promise<void> {
    this.pauses += 1;
    await this.pauseFn();
    this.started = this.now();
  }
}

/** Runs the steps to the end without pausing: the pure, synchronous form of the same work. */
export function drive<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/** Runs the steps, letting the event loop turn whenever the slicer's slice is used up. */
export async function driveInSlices<T>(steps: Steps<T>, slicer: Slicer): Promise<T> {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    const pause = slicer.point();
    if (pause) await pause;
  }
}

/** Visits every item, pausing where the slice is used up. */
export async function forEachInSlices<T>(items: Iterable<T>, visit: (item: T) => void, slicer: Slicer): Promise<void> {
  for (const item of items) {
    visit(item);
    const pause = slicer.point();
    if (pause) await pause;
  }
}
