import { Type } from '@sinclair/typebox';
import { campaignView, listCampaigns, type CampaignView } from '../../campaigns/index.js';
import type { Principal } from '../../identity/index.js';
import { principalOf } from '../auth.js';
import { decodeCursor, PageQuery, page } from '../pagination.js';
import type { RoutePlugin } from '../types.js';
import { intelMatcher } from './intel-cache.js';

const Campaign = Type.Object({
  id: Type.String(), name: Type.String(), attempts: Type.Integer(), messages: Type.Integer(), recipientCount: Type.Integer(),
  recipients: Type.Array(Type.String()), organizationCount: Type.Integer(), organizations: Type.Array(Type.String()),
  firstSeen: Type.String(), lastSeen: Type.String(),
  infrastructure: Type.Array(Type.Object({ type: Type.String(), value: Type.String(), attempts: Type.Array(Type.String()) })),
  attribution: Type.Array(Type.Object({ actor: Type.String(), confidence: Type.Number(), evidence: Type.Array(Type.Object({}, { additionalProperties: true })) })),
  attemptList: Type.Array(Type.Object({
    id: Type.String(), sender: Type.Union([Type.String(), Type.Null()]), subject: Type.Union([Type.String(), Type.Null()]), firstSeen: Type.String(), recipients: Type.Array(Type.String()),
  })),
  summary: Type.String(),
});

/**
 * Campaigns span organisations. Admins see them whole; everyone else sees them as their own organisation: its
 * own messages and recipients in full, of the others only counts and the shared infrastructure (the campaigns
 * domain's `asOrg` view), never their subjects, senders' text or recipient addresses.
 */
function asOrg(p: Principal): string | null {
  return p.role === 'admin' ? null : p.orgId;
}

export const campaignRoutes: RoutePlugin = (app, { db }) => {
  app.get('/api/v1/campaigns', {
    schema: {
      tags: ['campaigns'],
      summary: 'Campaigns, most recent activity first (cursor-paginated), as the caller’s organisation sees them',
      querystring: PageQuery,
      response: { 200: Type.Object({ items: Type.Array(Campaign), nextCursor: Type.Union([Type.String(), Type.Null()]) }) },
    },
  }, async (request) => {
    const all = await listCampaigns(db, { asOrg: asOrg(principalOf(request)), matcher: await intelMatcher(db) });
    const after = decodeCursor(request.query.cursor);
    const start = after === undefined ? 0 : all.findIndex((c) => c.id === after[1]) + 1;
    const limit = request.query.limit ?? 50;
    return page<CampaignView>(all.slice(start, start + limit + 1), limit, (c) => [c.lastSeen, c.id]);
  });

  app.get('/api/v1/campaigns/:id', {
    schema: {
      tags: ['campaigns'],
      summary: 'One campaign: attempts, recipients, organisations, infrastructure, attribution and the summary sentence',
      params: Type.Object({ id: Type.String({ maxLength: 100 }) }),
      response: { 200: Campaign },
    },
  }, async (request) => campaignView(db, request.params.id, { asOrg: asOrg(principalOf(request)), matcher: await intelMatcher(db) }));
};
