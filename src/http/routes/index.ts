import type { RoutePlugin } from '../types.js';
import { campaignRoutes } from './campaigns.js';
import { identityRoutes } from './identity.js';
import { intelRoutes } from './intel.js';
import { messageRoutes } from './messages.js';
import { orgRoutes } from './orgs.js';
import { sessionRoutes } from './session.js';
import { systemRoutes } from './system.js';
import { traceRoutes } from './trace.js';
import { webRoutes } from './web.js';

/** One plugin per domain. Add a line per new domain's routes. */
export const ROUTES: readonly RoutePlugin[] = [systemRoutes, sessionRoutes, orgRoutes, identityRoutes, messageRoutes, intelRoutes, campaignRoutes, traceRoutes, webRoutes];
