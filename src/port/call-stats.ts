export interface PortCallStats {
  calls: number;
  reads: number;
  writes: number;
  retries: number;
  tokenFetches: number;
  waitedMs: number;
  byRoute: Record<string, number>;
}

/** What a call is to the statistics: its route template, and whether it changes something in Port. */
export interface CountedCall {
  route: string;
  method: string;
  path: string;
}

/** Calls made to Port, for the run report and the benchmark. One instance per client, shared by its views. */
export class CallStats {
  private readonly counters = { calls: 0, reads: 0, writes: 0, retries: 0, waitedMs: 0 };
  private readonly byRoute = new Map<string, number>();

  /** One request on the wire. */
  sent(call: CountedCall): void {
    this.counters.calls += 1;
    if (isWrite(call)) this.counters.writes += 1;
    else this.counters.reads += 1;
    this.byRoute.set(call.route, (this.byRoute.get(call.route) ?? 0) + 1);
  }

  retried(): void {
    this.counters.retries += 1;
  }

  waited(ms: number): void {
    this.counters.waitedMs += ms;
  }

  snapshot(tokenFetches: number): PortCallStats {
    return { ...this.counters, tokenFetches, byRoute: Object.fromEntries(this.byRoute) };
  }
}

/** Calls that change something in Port; searches and the token request are POSTs that don't. */
function isWrite(call: CountedCall): boolean {
  return call.method !== 'GET' && !call.path.endsWith('/search') && call.path !== '/auth/access_token';
}
