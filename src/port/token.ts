import { raceAbort, throwIfAborted } from '../http/index.js';

/**
 * Port access tokens: fetched with client credentials, cached until shortly before they expire,
 * refreshed by one request however many callers need a token at once.
 *
 * Port hands back the same token until it expires (PORT-API.md 1.2), so the expiry is read from
 * the token's own `exp` claim rather than assumed from `expiresIn` at the time of the request.
 */
export interface IssuedToken {
  accessToken: string;
  /** Seconds until expiry as Port reported it; used only if the token carries no `exp` claim. */
  expiresIn?: number;
}

/** Refresh this long before the token's expiry, so a request never leaves with a dying token. */
const REFRESH_MARGIN_MS = 60_000;
/** Port documents a 3-hour lifetime; used when neither `exp` nor `expiresIn` is usable. */
const DEFAULT_LIFETIME_MS = 3 * 60 * 60 * 1000;

export function jwtExpiryMs(token: string): number | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: unknown };
    return typeof claims.exp === 'number' && Number.isFinite(claims.exp) ? claims.exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

/** A token request in flight, shared by every caller waiting for it. */
interface Refresh {
  promise: Promise<string>;
  waiting: number;
  /** Ends the request's waits (backoff, pacing) once every caller has given up on it. */
  controller: AbortController;
}

export class TokenManager {
  private token: string | undefined;
  private refreshAtMs = 0;
  private inFlight: Refresh | undefined;
  /** How many tokens were fetched; exposed for the run report and tests. */
  fetches = 0;

  constructor(
    private readonly fetchToken: (signal: AbortSignal) => Promise<IssuedToken>,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * A live token. A caller whose signal fires stops waiting at once with RunAbortedError; the
   * shared request goes on for the others, and is stopped only when no caller waits for it.
   */
  async get(signal?: AbortSignal): Promise<string> {
    if (this.token && this.now() < this.refreshAtMs) return this.token;
    throwIfAborted(signal);
    const refresh = (this.inFlight ??= this.startRefresh());
    refresh.waiting += 1;
    try {
      return await raceAbort(refresh.promise, signal);
    } finally {
      refresh.waiting -= 1;
      if (refresh.waiting === 0 && signal?.aborted) {
        refresh.controller.abort(signal.reason);
        // A caller arriving now starts afresh rather than joining a request being stopped.
        if (this.inFlight === refresh) this.inFlight = undefined;
      }
    }
  }

  /** The token in use, if any (so error texts can be scrubbed of it). */
  get current(): string | undefined {
    return this.token;
  }

  /** Drop `token` after Port refused it; a token already replaced by another caller is left alone. */
  invalidate(token: string): void {
    if (this.token === token) {
      this.token = undefined;
      this.refreshAtMs = 0;
    }
  }

  private startRefresh(): Refresh {
    const controller = new AbortController();
    const promise = this.refresh(controller.signal).finally(() => {
      if (this.inFlight?.promise === promise) this.inFlight = undefined;
    });
    return { promise, waiting: 0, controller };
  }

  private async refresh(signal: AbortSignal): Promise<string> {
    const previous = this.token;
    const issued = await this.fetchToken(signal);
    this.fetches += 1;
    const now = this.now();
    const expiresAt =
      jwtExpiryMs(issued.accessToken) ?? (issued.expiresIn !== undefined ? now + issued.expiresIn * 1000 : now + DEFAULT_LIFETIME_MS);
    // Inside the margin Port still answers with the same token; keep it to its real expiry rather
    // than asking again on every call of its last minute.
    const margin = issued.accessToken === previous ? 0 : REFRESH_MARGIN_MS;
    this.token = issued.accessToken;
    this.refreshAtMs = expiresAt - margin;
    if (this.refreshAtMs <= now) {
      // A freshly issued token that looks expired means our clock is off; trust Port's relative
      // lifetime instead of fetching a token for every request.
      this.refreshAtMs = now + Math.max(1_000, (issued.expiresIn ?? 60) * 1000 - margin);
    }
    return issued.accessToken;
  }
}
