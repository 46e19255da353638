import type { RoutePlugin } from '../types.js';
import { identityRoutes } from './identity.js';
import { orgRoutes } from './orgs.js';
import { sessionRoutes } from './session.js';
import { systemRoutes } from './system.js';

/** One plugin per domain. Add a line per new domain's routes. */
export const ROUTES: readonly RoutePlugin[] = [systemRoutes, sessionRoutes, orgRoutes, identityRoutes];
