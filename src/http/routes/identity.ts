import { Type } from '@sinclair/typebox';
import { SpearwatchError } from '../../core/index.js';
import {
  assertAdmin, assertCanWrite, assertOrgVisible, createApiToken, listApiTokens, listUsers, revokeApiToken, ROLES, upsertUser,
  type Principal, type Role,
} from '../../identity/index.js';
import { principalOf } from '../auth.js';
import { ListQuery, NextCursor, pageOf } from '../pagination.js';
import type { RoutePlugin } from '../types.js';

const RoleSchema = Type.Union(ROLES.map((r) => Type.Literal(r)));
const User = Type.Object({ id: Type.Integer(), email: Type.String(), orgId: Type.String(), role: Type.String(), createdAt: Type.String(), disabled: Type.Boolean() });
const TokenInfo = Type.Object({
  id: Type.Integer(), name: Type.String(), prefix: Type.String(), orgId: Type.String(), role: Type.String(),
  createdAt: Type.String(), expiresAt: Type.Union([Type.String(), Type.Null()]), lastUsedAt: Type.Union([Type.String(), Type.Null()]), revoked: Type.Boolean(),
});

/** Nobody hands out more power than they hold: analysts create analyst or viewer credentials for their own org. */
function assertMayGrant(p: Principal, orgId: string, role: Role): void {
  assertCanWrite(p);
  assertOrgVisible(p, orgId, `organisation ${orgId}`);
  if (role === 'admin' && p.role !== 'admin') throw new SpearwatchError('SW_FORBIDDEN', 'only admins can grant the admin role');
}

export const identityRoutes: RoutePlugin = (app, { db }) => {
  app.get('/api/v1/users', {
    schema: {
      tags: ['identity'], summary: 'Users of the organisations the caller may see, by e-mail address, cursor-paginated', querystring: ListQuery,
      response: { 200: Type.Object({ items: Type.Array(User), nextCursor: NextCursor }) },
    },
  }, async (request) => {
    const p = principalOf(request);
    return pageOf(await listUsers(db, p.role === 'admin' ? undefined : p.orgId), request.query, (u) => [u.email, u.id]);
  });

  app.post('/api/v1/users', {
    schema: {
      tags: ['identity'],
      summary: 'Create or update a user (admins)',
      body: Type.Object({ email: Type.String({ maxLength: 320 }), orgId: Type.String({ maxLength: 64 }), role: RoleSchema, password: Type.String({ minLength: 10, maxLength: 1024 }) }, { additionalProperties: false }),
      response: { 200: User },
    },
  }, async (request) => {
    assertAdmin(principalOf(request));
    const { user } = await db.transaction((tx) => upsertUser(tx, request.body));
    return user;
  });

  app.get('/api/v1/tokens', {
    schema: {
      tags: ['identity'], summary: 'API tokens of the organisations the caller may see (never the secrets), oldest first, cursor-paginated', querystring: ListQuery,
      response: { 200: Type.Object({ items: Type.Array(TokenInfo), nextCursor: NextCursor }) },
    },
  }, async (request) => {
    const p = principalOf(request);
    return pageOf(await listApiTokens(db, p.role === 'admin' ? undefined : p.orgId), request.query, (t) => [t.id]);
  });

  app.post('/api/v1/tokens', {
    schema: {
      tags: ['identity'],
      summary: 'Create an API token; the secret is shown once, in this answer',
      body: Type.Object({ orgId: Type.String({ maxLength: 64 }), role: RoleSchema, name: Type.Optional(Type.String({ maxLength: 200 })) }, { additionalProperties: false }),
      response: { 200: Type.Object({ token: Type.String(), info: TokenInfo }) },
    },
  }, async (request) => {
    assertMayGrant(principalOf(request), request.body.orgId, request.body.role);
    return db.transaction((tx) => createApiToken(tx, request.body));
  });

  app.delete('/api/v1/tokens/:id', {
    schema: { tags: ['identity'], summary: 'Revoke an API token', params: Type.Object({ id: Type.Integer() }), response: { 204: Type.Null() } },
  }, async (request, reply) => {
    const p = principalOf(request);
    assertCanWrite(p);
    const ok = await revokeApiToken(db, request.params.id, p.role === 'admin' ? undefined : p.orgId);
    if (!ok) throw new SpearwatchError('SW_NOT_FOUND', `token ${request.params.id} not found`);
    return reply.status(204).send(null);
  });
};
