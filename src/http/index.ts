export { buildApp, type BuildOptions } from './app.js';
export { startServer, type Server } from './server.js';
export { SESSION_COOKIE, CSRF_HEADER } from './auth.js';
export type { App, AppDeps, RoutePlugin } from './types.js';
