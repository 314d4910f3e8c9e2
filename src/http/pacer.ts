import type { HeaderLookup, RateLimitHeaderNames } from './headers.js';
import { parseRateLimitReset } from './wait-headers.js';

export interface PacerSettings {
  /** Below this many remaining requests in the window, requests are spread over what is left. */
  lowWater: number;
  /** No pacing wait is longer than this. */
  maxWaitMs: number;
  headers: Pick<RateLimitHeaderNames, 'remaining' | 'reset'>;
}

/**
 * Paces requests from a host's remaining-quota headers, so a large run slows down before the host
 * starts answering 429 instead of after.
 */
export interface Pacer {
  /** Reads the quota an answer reports. */
  observe(header: HeaderLookup): void;
  /** Milliseconds the next request should wait before it is sent. Reserves its slot. */
  delayForNext(): number;
}

/**
 * While the window has plenty left, requests go out unhindered. Once fewer than `lowWater` remain,
 * the rest of the window is spread evenly over the requests left; at zero, requests wait for the
 * reset.
 */
export function createPacer(settings: PacerSettings, deps: { now?: () => number } = {}): Pacer {
  const now = deps.now ?? Date.now;
  let remaining: number | undefined;
  let resetAtMs: number | undefined;
  let nextSlotMs = 0;

  return {
    observe(header) {
      const raw = header(settings.headers.remaining);
      const reported = Number(raw);
      if (raw === undefined || !Number.isFinite(reported)) return;
      const resetIn = parseRateLimitReset(header(settings.headers.reset), now());
      remaining = reported;
      resetAtMs = resetIn === undefined ? undefined : now() + resetIn;
    },

    delayForNext() {
      const at = now();
      if (remaining === undefined || resetAtMs === undefined || at >= resetAtMs) return 0;
      if (remaining > settings.lowWater) return 0;
      const windowLeft = resetAtMs - at;
      if (remaining <= 0) return Math.min(settings.maxWaitMs, windowLeft);
      const spacing = windowLeft / remaining;
      const start = Math.max(at, nextSlotMs);
      nextSlotMs = start + spacing;
      remaining -= 1;
      return Math.min(settings.maxWaitMs, Math.round(start - at));
    },
  };
}
