import { matchesFilter } from './route-match.js';
import type { RecordedRequest, RouteFilter, SandboxStats } from './types.js';

/**
 * Routes that change entities. The benchmark and the "no-change run makes zero writes" tests count
 * these, so the list is explicit rather than "every POST" (searches are POSTs too).
 */
export const ENTITY_WRITE_ROUTES: readonly string[] = [
  'POST /v1/blueprints/:blueprint/entities',
  'POST /v1/blueprints/:blueprint/entities/bulk',
  'PUT /v1/blueprints/:blueprint/entities/:identifier',
  'PATCH /v1/blueprints/:blueprint/entities/:identifier',
  'DELETE /v1/blueprints/:blueprint/entities/:identifier',
  'POST /v1/blueprints/:blueprint/bulk/entities/delete',
];

const WRITE_KEYS = new Set(ENTITY_WRITE_ROUTES);

/** Every API request in arrival order, answered or not. */
export class RequestStats implements SandboxStats {
  readonly requests: RecordedRequest[] = [];

  record(request: RecordedRequest): void {
    this.requests.push(request);
  }

  countByRoute(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const r of this.requests) counts[r.route] = (counts[r.route] ?? 0) + 1;
    return counts;
  }

  count(filter: RouteFilter = {}): number {
    return this.requests.filter((r) => matchesFilter(r, filter)).length;
  }

  writes(): number {
    return this.requests.filter((r) => WRITE_KEYS.has(r.route)).length;
  }

  reset(): void {
    this.requests.length = 0;
  }
}
