import { Type } from '@sinclair/typebox';
import { assertAdmin, assertOrgVisible } from '../../identity/index.js';
import { listOrgs, parseOrganization, requireOrg, upsertOrgs } from '../../orgs/index.js';
import { principalOf } from '../auth.js';
import { ListQuery, NextCursor, pageOf } from '../pagination.js';
import type { RoutePlugin } from '../types.js';

export const Organization = Type.Object({
  id: Type.String(),
  name: Type.String(),
  domains: Type.Array(Type.String()),
  authservId: Type.Union([Type.String(), Type.Null()]),
  trustedRelays: Type.Array(Type.String()),
});

export const orgRoutes: RoutePlugin = (app, { db }) => {
  app.get('/api/v1/organizations', {
    schema: {
      tags: ['organizations'], summary: 'Organisations the caller may see, by id, cursor-paginated', querystring: ListQuery,
      response: { 200: Type.Object({ items: Type.Array(Organization), nextCursor: NextCursor }) },
    },
  }, async (request) => {
    const p = principalOf(request);
    const all = await listOrgs(db);
    return pageOf(p.role === 'admin' ? all : all.filter((o) => o.id === p.orgId), request.query, (o) => [o.id]);
  });

  app.get('/api/v1/organizations/:orgId', {
    schema: { tags: ['organizations'], params: Type.Object({ orgId: Type.String({ maxLength: 64 }) }), response: { 200: Organization } },
  }, async (request) => {
    assertOrgVisible(principalOf(request), request.params.orgId, `organisation ${request.params.orgId}`);
    return requireOrg(db, request.params.orgId);
  });

  app.put('/api/v1/organizations/:orgId', {
    schema: {
      tags: ['organizations'],
      summary: 'Create or replace an organisation (admins)',
      params: Type.Object({ orgId: Type.String({ maxLength: 64 }) }),
      body: Type.Object({
        name: Type.String({ maxLength: 200 }),
        domains: Type.Array(Type.String({ maxLength: 253 }), { maxItems: 1000 }),
        authservId: Type.Optional(Type.Union([Type.String({ maxLength: 253 }), Type.Null()])),
        trustedRelays: Type.Optional(Type.Array(Type.String({ maxLength: 253 }), { maxItems: 1000 })),
      }),
      response: { 200: Organization },
    },
  }, async (request) => {
    assertAdmin(principalOf(request));
    const org = parseOrganization({ ...request.body, id: request.params.orgId }, `organisation ${request.params.orgId}`);
    await db.transaction((tx) => upsertOrgs(tx, [org]));
    return requireOrg(db, org.id);
  });
};
