import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { SpearwatchError } from '../core/index.js';
import { resolveApiToken, resolveSession, type Principal } from '../identity/index.js';
import type { Db } from '../store/index.js';

export const SESSION_COOKIE = 'sw_session';
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyContextConfig {
    /** Routes reachable without credentials (health, login, the OpenAPI document, the dashboard's files). */
    public?: boolean;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Every request under /api/v1 carries either `Authorization: Bearer <token>` (scripts) or the session cookie
 * (the dashboard). Cookie-authenticated requests that change state must echo the session's CSRF token in the
 * X-CSRF-Token header: a cross-site form can send the cookie but cannot read the token.
 */
export function installAuth(app: FastifyInstance, db: Db): void {
  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (request: FastifyRequest, _reply: FastifyReply) => {
    if (request.routeOptions.config.public === true) return;
    if (!request.url.startsWith('/api/')) return;
    const auth = request.headers.authorization;
    if (auth !== undefined) {
      const m = /^Bearer\s+(\S+)$/i.exec(auth);
      const principal = m === null ? null : await resolveApiToken(db, m[1]!);
      if (principal === null) throw new SpearwatchError('SW_UNAUTHENTICATED', 'invalid or expired API token');
      request.principal = principal;
      return;
    }
    const sid = request.cookies[SESSION_COOKIE];
    if (sid !== undefined && sid !== '') {
      const session = await resolveSession(db, sid);
      if (session === null) throw new SpearwatchError('SW_UNAUTHENTICATED', 'session expired: log in again');
      if (!SAFE_METHODS.has(request.method) && request.headers[CSRF_HEADER] !== session.csrfToken) {
        throw new SpearwatchError('SW_FORBIDDEN', 'missing or wrong CSRF token');
      }
      request.principal = session.principal;
      return;
    }
    throw new SpearwatchError('SW_UNAUTHENTICATED', 'authentication required: Authorization: Bearer <token>, or log in');
  });
}

/** The authenticated principal of a protected route. */
export function principalOf(request: FastifyRequest): Principal {
  if (request.principal === null) throw new SpearwatchError('SW_UNAUTHENTICATED', 'authentication required');
  return request.principal;
}
