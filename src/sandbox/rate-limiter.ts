export interface RateLimitDecision {
  allowed: boolean;
  headers: Record<string, string>;
  retryAfterSeconds: number;
}

/**
 * A fixed window per sandbox, like Port's per-organization window (PORT-API.md 6.3). The window
 * starts with the first request after the previous one ended.
 */
export class RateLimiter {
  private windowStartMs = Number.NEGATIVE_INFINITY;
  private used = 0;

  constructor(
    private readonly limit: number,
    private readonly periodSeconds: number,
    private readonly now: () => number,
  ) {}

  take(): RateLimitDecision {
    const nowMs = this.now();
    const periodMs = this.periodSeconds * 1000;
    if (nowMs >= this.windowStartMs + periodMs) {
      this.windowStartMs = nowMs;
      this.used = 0;
    }
    const allowed = this.used < this.limit;
    if (allowed) this.used += 1;
    const resetMs = this.windowStartMs + periodMs;
    const retryAfterSeconds = Math.max(1, Math.ceil((resetMs - nowMs) / 1000));
    return {
      allowed,
      retryAfterSeconds,
      // Port: confirmed (DOCS rate-limits.mdx) — these four headers;
      // Port: assumed (open question 2; ratelimit-reset-epoch) — reset in UTC epoch seconds, as the docs say.
      headers: {
        'x-ratelimit-limit': String(this.limit),
        'x-ratelimit-remaining': String(Math.max(0, this.limit - this.used)),
        'x-ratelimit-reset': String(Math.ceil(resetMs / 1000)),
        'x-ratelimit-period': String(this.periodSeconds),
      },
    };
  }
}
