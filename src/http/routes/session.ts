import { Type } from '@sinclair/typebox';
import { SpearwatchError } from '../../core/index.js';
import { authenticatePassword, createSession, deleteSession, SESSION_TTL_MS } from '../../identity/index.js';
import { principalOf, SESSION_COOKIE } from '../auth.js';
import type { RoutePlugin } from '../types.js';

const Me = Type.Object({ kind: Type.String(), name: Type.String(), orgId: Type.String(), role: Type.String() });

export const sessionRoutes: RoutePlugin = (app, { db }) => {
  app.post('/api/v1/session', {
    config: { public: true },
    schema: {
      tags: ['identity'],
      summary: 'Log in with e-mail and password; sets an HttpOnly session cookie and returns the CSRF token',
      body: Type.Object({ email: Type.String({ maxLength: 320 }), password: Type.String({ maxLength: 1024 }) }, { additionalProperties: false }),
      response: { 200: Type.Object({ csrfToken: Type.String(), expiresAt: Type.String(), me: Me }) },
    },
  }, async (request, reply) => {
    const user = await authenticatePassword(db, request.body.email, request.body.password);
    if (user === null) throw new SpearwatchError('SW_UNAUTHENTICATED', 'wrong e-mail or password');
    const s = await createSession(db, user.id);
    void reply.setCookie(SESSION_COOKIE, s.sessionId, {
      httpOnly: true, sameSite: 'strict', path: '/', maxAge: SESSION_TTL_MS / 1000,
      secure: request.protocol === 'https',
    });
    return { csrfToken: s.csrfToken, expiresAt: s.expiresAt, me: { kind: 'user', name: user.email, orgId: user.orgId, role: user.role } };
  });

  app.delete('/api/v1/session', {
    schema: { tags: ['identity'], summary: 'Log out', response: { 204: Type.Null() } },
  }, async (request, reply) => {
    const sid = request.cookies[SESSION_COOKIE];
    if (sid !== undefined) await deleteSession(db, sid);
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send(null);
  });

  app.get('/api/v1/me', {
    schema: { tags: ['identity'], summary: 'Who the credentials belong to', response: { 200: Me } },
  }, (request) => {
    const p = principalOf(request);
    return { kind: p.kind, name: p.name, orgId: p.orgId, role: p.role };
  });
};
