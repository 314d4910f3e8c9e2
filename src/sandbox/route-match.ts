import type { RouteFilter } from './types.js';

/** Where a request went: method, literal path, and the route it matched as `METHOD template`. */
export interface RequestTarget {
  method: string;
  path: string;
  route: string;
}

/** `METHOD template` for a matched route; `METHOD *` when none matched. */
export const routeName = (method: string, template: string | undefined): string => `${method} ${template ?? '*'}`;

/**
 * A filter names a route as `METHOD template`, as a bare template (any method) or as a literal
 * path; accepting all three keeps tests readable whichever they have at hand.
 */
export function matchesRoute(target: RequestTarget, route: string | RegExp | undefined): boolean {
  if (route === undefined) return true;
  if (route instanceof RegExp) {
    route.lastIndex = 0;
    return route.test(target.path);
  }
  return route === target.route || route === target.route.slice(target.method.length + 1) || route === target.path;
}

export function matchesFilter(target: RequestTarget, filter: RouteFilter | { method?: string; route?: string | RegExp } = {}): boolean {
  if (filter.method !== undefined && filter.method.toUpperCase() !== target.method) return false;
  return matchesRoute(target, filter.route);
}
