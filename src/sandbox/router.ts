import type { FaultQueue } from './faults.js';
import type { MemoryStore } from './store.js';
import type { TokenIssuer } from './token-issuer.js';

/** Who is calling: the token's client id (Port's createdBy/updatedBy) and User-Agent ($datasource). */
export interface Actor {
  clientId: string;
  userAgent?: string;
}

export interface RouteContext {
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  actor: Actor;
}

export interface RouteResult {
  status: number;
  body: unknown;
}

export interface RouteDef {
  method: string;
  template: string;
  handle(ctx: RouteContext): RouteResult;
  /** Answered without a bearer token. */
  public?: boolean;
  /** A successful answer changed stored state, so the state file is rewritten. */
  mutates?: boolean;
  /** Out-of-band route for people and tooling: not recorded, not rate limited, never faulted. */
  admin?: boolean;
}

/** What route handlers share. */
export interface RouteDeps {
  store: MemoryStore;
  faults: FaultQueue;
  tokens: TokenIssuer;
  now: () => number;
}

interface Compiled {
  def: RouteDef;
  segments: string[];
  literals: number;
}

export interface RouteMatch {
  def: RouteDef;
  params: Record<string, string>;
}

/**
 * Template routing on whole path segments. Segments are decoded after splitting, so an entity
 * identifier may carry an encoded `/` (PORT-API.md 2.2 allows it). When two templates match, the
 * one with more literal segments wins (`entities/bulk` over `entities/:identifier`).
 */
export class Router {
  private readonly routes: Compiled[] = [];

  constructor(defs: readonly RouteDef[]) {
    for (const def of defs) {
      const segments = def.template.split('/').filter(Boolean);
      this.routes.push({ def, segments, literals: segments.filter((s) => !s.startsWith(':')).length });
    }
    this.routes.sort((a, b) => b.literals - a.literals);
  }

  match(method: string, path: string): RouteMatch | undefined {
    const parts = path.split('/').filter(Boolean);
    for (const route of this.routes) {
      if (route.def.method !== method || route.segments.length !== parts.length) continue;
      const params = matchSegments(route.segments, parts);
      if (params) return { def: route.def, params };
    }
    return undefined;
  }
}

function matchSegments(segments: string[], parts: string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (const [i, segment] of segments.entries()) {
    const part = parts[i] ?? '';
    if (segment.startsWith(':')) {
      // Port: confirmed (OCEAN entities.py delete_entity — clients URL-encode identifiers in paths)
      const value = safeDecode(part);
      if (value === undefined) return undefined;
      params[segment.slice(1)] = value;
    } else if (segment !== part) {
      return undefined;
    }
  }
  return params;
}

function safeDecode(part: string): string | undefined {
  try {
    return decodeURIComponent(part);
  } catch {
    return undefined;
  }
}
