import fastifyCookie from '@fastify/cookie';
import fastifySwagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify from 'fastify';
import { VERSION } from '../core/index.js';
import { installAuth } from './auth.js';
import { installErrorHandling } from './errors.js';
import { ROUTES } from './routes/index.js';
import type { App, AppDeps } from './types.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Every `METHOD /url` the app serves, for the cross-organisation access test. */
    routeTable: string[];
  }
}

export interface BuildOptions {
  /** Fastify logger: false in tests, structured JSON on stderr when serving. */
  logger?: boolean | { level: string };
  /** Largest request body: raw messages up to the configured size, everything else far less. */
  bodyLimit?: number;
}

/**
 * Build the HTTP application without listening (tests drive it with app.inject()). Secure defaults: bodies
 * limited, prototype-poisoned JSON refused, unknown routes answered in the catalogue's shape.
 */
export async function buildApp(deps: AppDeps, opts: BuildOptions = {}): Promise<App> {
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: opts.bodyLimit ?? deps.config.mail.maxMessageBytes + 1024 * 1024,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true } },
  }).withTypeProvider<TypeBoxTypeProvider>();
  installErrorHandling(app);
  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'spearwatch', version: VERSION, description: 'spearwatch REST API. Authenticate with `Authorization: Bearer <token>` (spearwatch token create) or a session cookie.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
  });
  installAuth(app, deps.db);
  const routeTable: string[] = [];
  app.addHook('onRoute', (r) => {
    for (const m of [r.method].flat()) if (m !== 'HEAD') routeTable.push(`${m} ${r.url}`);
  });
  app.decorate('routeTable', routeTable);
  for (const routes of ROUTES) await routes(app, deps);
  await app.ready();
  return app;
}
