import { adminRoutes, type AdminHooks } from './admin-routes.js';
import { authRoutes } from './auth-routes.js';
import { blueprintRoutes } from './blueprint-routes.js';
import { bulkRoutes } from './bulk-routes.js';
import { entityRoutes } from './entity-routes.js';
import { pageRoutes } from './page-routes.js';
import type { RouteDef, RouteDeps } from './router.js';
import { scorecardRoutes } from './scorecard-routes.js';
import { searchRoutes } from './search-routes.js';

/** Every route the sandbox answers, in one list. */
export function sandboxRoutes(deps: RouteDeps, admin: AdminHooks): RouteDef[] {
  return [
    ...authRoutes(deps),
    ...blueprintRoutes(deps),
    ...entityRoutes(deps),
    ...bulkRoutes(deps),
    ...searchRoutes(deps),
    ...scorecardRoutes(deps),
    ...pageRoutes(deps),
    ...adminRoutes(admin),
  ];
}
