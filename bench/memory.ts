import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';

const MB = 1024 * 1024;
/** How often memory is sampled while a scenario runs. */
export const SAMPLE_INTERVAL_MS = 50;

export interface MemoryPeak {
  /** Highest sampled resident set size, MB. */
  rssMb: number;
  /** Highest sampled V8 heap in use (this isolate), MB; garbage not yet collected counts. */
  heapMb: number;
  /** Kernel high-water RSS of the whole process life so far (getrusage maxrss), MB. */
  maxRssMb: number;
  /**
   * Longest gap between two samples, ms. A timer sampler cannot run while the event loop is busy,
   * so a long gap says both "the loop was blocked this long" and "a peak inside it may be missed".
   */
  longestGapMs: number;
}

/**
 * Samples RSS and heap every SAMPLE_INTERVAL_MS. Sampling (rather than only the kernel's maxrss)
 * gives a per-scenario peak: maxrss never goes down, so after the first sync it would say nothing
 * about the cheaper scenarios.
 */
export class MemorySampler {
  private timer: NodeJS.Timeout | undefined;
  private rss = 0;
  private heap = 0;
  private last = 0;
  private longestGap = 0;

  start(): void {
    this.stop();
    this.rss = 0;
    this.heap = 0;
    this.longestGap = 0;
    this.last = performance.now();
    this.sample();
    this.timer = setInterval(() => this.sample(), SAMPLE_INTERVAL_MS);
    // The sampler must never be what keeps a process alive.
    this.timer.unref();
  }

  /** Stops sampling (one last sample first) and returns the peaks since start(). */
  stop(): MemoryPeak {
    if (this.timer) {
      this.sample();
      clearInterval(this.timer);
      this.timer = undefined;
    }
    return { rssMb: this.rss / MB, heapMb: this.heap / MB, maxRssMb: maxRssMb(), longestGapMs: this.longestGap };
  }

  private sample(): void {
    const now = performance.now();
    this.longestGap = Math.max(this.longestGap, now - this.last);
    this.last = now;
    const usage = process.memoryUsage();
    this.rss = Math.max(this.rss, usage.rss);
    this.heap = Math.max(this.heap, usage.heapUsed);
  }
}

export function maxRssMb(): number {
  // resourceUsage().maxRSS is in kilobytes.
  return (process.resourceUsage().maxRSS * 1024) / MB;
}

let collect: (() => void) | undefined;

/**
 * A full GC before each scenario, so its peak starts from live data rather than the previous
 * scenario's garbage. `npm run bench` runs without --expose-gc, so the flag is switched on here;
 * the gc function only appears in contexts created after that, hence the fresh vm context.
 */
export function collectGarbage(): void {
  if (!collect) {
    const existing = (globalThis as { gc?: () => void }).gc;
    if (existing) collect = existing;
    else {
      setFlagsFromString('--expose-gc');
      collect = runInNewContext('gc') as () => void;
    }
  }
  collect();
}
