/**
 * A response header by its lowercase name, the first value when it came more than once. A function
 * rather than a type, so axios headers, fetch's `Headers` and plain records all fit.
 */
export type HeaderLookup = (name: string) => string | undefined;

/**
 * The names a host gives its throttling headers: Port sends `x-ratelimit-*`, GitLab `ratelimit-*`.
 * Names are lowercase.
 */
export interface RateLimitHeaderNames {
  /** How long to wait before trying again, in seconds or as an HTTP date (RFC 9110 10.2.3). */
  retryAfter: string;
  /** When the rate-limit window resets: epoch seconds, epoch milliseconds or relative seconds. */
  reset: string;
  /** Requests left in the current window. */
  remaining: string;
}

/** A lookup over a record of headers keyed by lowercase name, as axios and node:http give them. */
export function headerLookup(headers: Readonly<Record<string, unknown>>): HeaderLookup {
  return (name) => {
    const value = headers[name];
    const first = Array.isArray(value) ? (value[0] as unknown) : value;
    return first === undefined || first === null ? undefined : String(first);
  };
}

/** A lookup over fetch's `Headers`. */
export function fetchHeaderLookup(headers: { get(name: string): string | null }): HeaderLookup {
  return (name) => headers.get(name) ?? undefined;
}
