import type { RouteDef } from './router.js';
import type { RequestStats } from './stats.js';

export interface AdminHooks {
  stats: RequestStats;
  /** Empties the catalog, the stats, the faults and the tokens. */
  reset(): void;
}

/**
 * Out-of-band routes for a person or a separate process (a benchmark, the CLI) to inspect and
 * reset a running sandbox. They are not Port routes: no token, not counted, never faulted.
 */
export function adminRoutes(hooks: AdminHooks): RouteDef[] {
  return [
    { method: 'GET', template: '/_sandbox/health', admin: true, public: true, handle: () => ({ status: 200, body: { ok: true } }) },
    {
      method: 'GET',
      template: '/_sandbox/stats',
      admin: true,
      public: true,
      handle: () => ({
        status: 200,
        body: { ok: true, total: hooks.stats.requests.length, writes: hooks.stats.writes(), byRoute: hooks.stats.countByRoute() },
      }),
    },
    {
      method: 'POST',
      template: '/_sandbox/reset',
      admin: true,
      public: true,
      mutates: true,
      handle: () => {
        hooks.reset();
        return { status: 200, body: { ok: true } };
      },
    },
  ];
}
