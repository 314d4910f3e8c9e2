import { STATUS_CODES } from 'node:http';
import type { FakeEstate } from './estate.js';
import type { FakeReply, RouteMatch, RouteKind } from './routes.js';

/**
 * What to do to the requests a rule matches. Every filter given must match; a rule with no filter
 * matches every request. A rule with neither `status`, `hang` nor `hold` only adds its headers to
 * the normal answer (e.g. `RateLimit-Remaining` on every answer, to test pacing).
 */
export interface FaultRule {
  kind?: RouteKind;
  /** Only requests about this project (full path or id); never a group's project listing. */
  project?: string | number;
  /** Only requests whose decoded path under the relative root matches, e.g. /values\.yaml\/raw$/. */
  match?: RegExp;
  /** How many matching requests the rule applies to; all of them when absent. */
  times?: number;
  /** Answer with this status instead of the real answer. */
  status?: number;
  /** The body of that answer; GitLab's own by default (429: `Retry later`, else `{ message }`). */
  body?: unknown;
  /** Headers added to the answer: Retry-After, RateLimit-Reset (epoch seconds), RateLimit-Remaining... */
  headers?: Record<string, string>;
  /** Never answer: the client must time out or abort. */
  hang?: boolean;
  /** Answer normally, but only once the test calls `release()`. */
  hold?: boolean;
}

/** An injected rule and how many requests it has applied to so far. */
export interface Fault {
  readonly rule: FaultRule;
  hits: number;
}

/** What the active rules make of one request. */
export interface FaultEffect {
  /** Replaces the real answer. */
  reply?: FakeReply;
  hang: boolean;
  hold: boolean;
  headers: Record<string, string>;
}

export interface FaultTarget {
  match: RouteMatch;
  /** Decoded path under the relative root. */
  path: string;
}

export class Faults {
  private readonly active: Fault[] = [];

  constructor(private readonly estate: FakeEstate) {}

  add(rule: FaultRule): Fault {
    const fault: Fault = { rule, hits: 0 };
    this.active.push(fault);
    return fault;
  }

  clear(): void {
    this.active.length = 0;
  }

  /**
   * Applies the matching rules that have uses left: every rule that only adds headers, and the
   * first (in the order injected) that has an outcome.
   */
  apply(target: FaultTarget): FaultEffect {
    const effect: FaultEffect = { hang: false, hold: false, headers: {} };
    let decided = false;
    for (const fault of this.active) {
      const { rule } = fault;
      if ((rule.times !== undefined && fault.hits >= rule.times) || !this.matches(rule, target)) continue;
      const decides = rule.status !== undefined || rule.hang === true || rule.hold === true;
      // A later rule with an outcome waits, unspent, for a request the earlier ones leave alone.
      if (decides && decided) continue;
      fault.hits += 1;
      Object.assign(effect.headers, rule.headers);
      if (!decides) continue;
      decided = true;
      if (rule.hang) effect.hang = true;
      else if (rule.hold) effect.hold = true;
      else effect.reply = statusReply(rule.status!, rule.body);
    }
    return effect;
  }

  private matches(rule: FaultRule, { match, path }: FaultTarget): boolean {
    if (rule.kind !== undefined && rule.kind !== match.kind) return false;
    if (rule.match && !rule.match.test(path)) return false;
    if (rule.project === undefined) return true;
    if (match.kind === 'projects') return false;
    const wanted = this.estate.project(rule.project);
    const asked = this.estate.project(match.params[0] ?? '');
    return wanted !== undefined && wanted === asked;
  }
}

function statusReply(status: number, body: unknown): FakeReply {
  if (body !== undefined) return typeof body === 'string' ? { status, text: body } : { status, json: body };
  // GitLab's rate limiter (Rack::Attack) answers 429 in plain text.
  if (status === 429) return { status, text: 'Retry later\n' };
  return { status, json: { message: `${status} ${STATUS_CODES[status] ?? 'Error'}` } };
}
