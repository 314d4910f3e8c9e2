import { parseRateLimitReset } from './retry-policy.js';

type Headers = Record<string, string | string[] | number | undefined | null>;

/**
 * Paces requests from Port's `x-ratelimit-remaining` / `x-ratelimit-reset` headers, so a large run
 * slows down before Port starts answering 429 instead of after.
 *
 * While the window has plenty left, requests go out unhindered. Once fewer than `lowWater` remain,
 * the rest of the window is spread evenly over the requests left; at zero, requests wait for the
 * reset.
 */
export class Pacer {
  private remaining: number | undefined;
  private resetAtMs: number | undefined;
  private nextSlotMs = 0;

  constructor(
    private readonly lowWater: number,
    private readonly now: () => number,
    private readonly maxWaitMs: number,
  ) {}

  observe(headers: Headers): void {
    const raw = headers['x-ratelimit-remaining'];
    const remaining = Number(Array.isArray(raw) ? raw[0] : raw);
    if (raw === undefined || raw === null || !Number.isFinite(remaining)) return;
    const resetIn = parseRateLimitReset(headers['x-ratelimit-reset'], this.now());
    this.remaining = remaining;
    this.resetAtMs = resetIn === undefined ? undefined : this.now() + resetIn;
  }

  /** Milliseconds the next request should wait before it is sent. Reserves its slot. */
  delayForNext(): number {
    const now = this.now();
    if (this.remaining === undefined || this.resetAtMs === undefined || now >= this.resetAtMs) {
      return 0;
    }
    if (this.remaining > this.lowWater) return 0;
    const windowLeft = this.resetAtMs - now;
    if (this.remaining <= 0) return Math.min(this.maxWaitMs, windowLeft);
    const spacing = windowLeft / this.remaining;
    const start = Math.max(now, this.nextSlotMs);
    this.nextSlotMs = start + spacing;
    this.remaining -= 1;
    return Math.min(this.maxWaitMs, Math.round(start - now));
  }
}
