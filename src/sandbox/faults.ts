import { matchesFilter, type RequestTarget } from './route-match.js';
import type { EntityFault, FaultMatch, ResponseFault, SandboxFaults } from './types.js';

/** What the server does instead of handling a request. */
export type FaultAction = { kind: 'respond'; status: number; headers: Record<string, string>; body: unknown } | { kind: 'drop' };

interface Pending {
  match: FaultMatch;
  action: FaultAction;
  remaining: number;
}

/**
 * Injected failures, consumed in the order they were added. A fault answers before auth and
 * validation, as a gateway or load balancer in front of Port would.
 */
export class FaultQueue implements SandboxFaults {
  private readonly pending: Pending[] = [];
  private readonly entityFaults = new Map<string, { error: EntityFault; remaining: number }>();

  constructor(private readonly onExpireTokens: () => void) {}

  add(fault: ResponseFault): void {
    const { status, headers = {}, body, ...match } = fault;
    this.push(match, { kind: 'respond', status, headers, body: body ?? defaultBody(status) });
  }

  dropConnection(match: FaultMatch = {}): void {
    this.push(match, { kind: 'drop' });
  }

  expireTokens(): void {
    this.onExpireTokens();
  }

  failEntity(blueprint: string, identifier: string, error: EntityFault, times = 1): void {
    this.entityFaults.set(entityKey(blueprint, identifier), { error, remaining: times });
  }

  clear(): void {
    this.pending.length = 0;
    this.entityFaults.clear();
  }

  /** The first pending fault for this request, consumed once. */
  take(target: RequestTarget): FaultAction | undefined {
    const index = this.pending.findIndex((p) => matchesFilter(target, p.match));
    const found = this.pending[index];
    if (!found) return undefined;
    found.remaining -= 1;
    if (found.remaining <= 0) this.pending.splice(index, 1);
    return found.action;
  }

  /** The injected failure for this entity in a bulk upsert, consumed once. */
  takeEntity(blueprint: string, identifier: string): EntityFault | undefined {
    const key = entityKey(blueprint, identifier);
    const found = this.entityFaults.get(key);
    if (!found) return undefined;
    found.remaining -= 1;
    if (found.remaining <= 0) this.entityFaults.delete(key);
    return found.error;
  }

  private push(match: FaultMatch, action: FaultAction): void {
    this.pending.push({ match, action, remaining: match.times ?? 1 });
  }
}

const entityKey = (blueprint: string, identifier: string) => `${blueprint}\u0000${identifier}`;

function defaultBody(status: number): unknown {
  return { ok: false, error: status === 429 ? 'rate_limit_exceeded' : 'injected_fault', message: `Injected HTTP ${status}` };
}
