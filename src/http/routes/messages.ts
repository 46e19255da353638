import fastifyMultipart from '@fastify/multipart';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import os from 'node:os';
import { commodityExtra } from '../../campaigns/index.js';
import { SpearwatchError } from '../../core/index.js';
import { assertCanWrite, assertOrgVisible, visibleOrgs, type Principal } from '../../identity/index.js';
import { AnalysisService, DEFAULT_BRANDS, type Brand } from '../../mail/index.js';
import { listOrgs, requireOrg, type Organization } from '../../orgs/index.js';
import { principalOf } from '../auth.js';
import { PageQuery } from '../pagination.js';
import type { RoutePlugin } from '../types.js';
import { campaignsOfMessage } from './campaigns-query.js';
import { ROUTE_LIMITS } from './limits.js';
import { viewerBody } from './message-body.js';
import { UploadIngest } from './messages-ingest.js';
import { getMessage, getRaw, listMessages, MessageId } from './messages-query.js';
import { MessageDetailSchema, MessageSummarySchema, UploadResultSchema, VerdictSchema, ViewerBodySchema } from './messages-schema.js';

const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}([T ][0-9:.]+(Z|[+-]\\d{2}:?\\d{2})?)?$', maxLength: 40 });

interface Upload {
  file: string;
  bytes: Buffer;
}

async function readUploads(request: FastifyRequest): Promise<Upload[]> {
  if (!request.isMultipart()) {
    const body = request.body;
    if (!Buffer.isBuffer(body)) throw new SpearwatchError('SW_USAGE', 'send the message as Content-Type: message/rfc822, or multipart/form-data with files');
    return [{ file: 'upload.eml', bytes: body }];
  }
  const out: Upload[] = [];
  for await (const part of request.parts()) {
    if (part.type !== 'file') continue;
    out.push({ file: part.filename === '' ? `file ${out.length + 1}` : part.filename.slice(0, 255), bytes: await part.toBuffer() });
  }
  return out;
}

function notFound(id: string): SpearwatchError {
  return new SpearwatchError('SW_NOT_FOUND', `message ${id} not found`);
}

/**
 * The organisations, as the same array while they are unchanged: the analysis workers and the lookalike targets
 * are built for an array, and listing them per upload makes a new one each time.
 */
function orgSnapshots(): (list: Organization[]) => Organization[] {
  let last: { json: string; orgs: Organization[] } | null = null;
  return (list) => {
    const json = JSON.stringify(list);
    if (last === null || last.json !== json) last = { json, orgs: list };
    return last.orgs;
  };
}

export const messageRoutes: RoutePlugin = async (app, deps) => {
  const { db, config } = deps;
  const analysis = new AnalysisService(deps.analysisWorkers ?? Math.min(4, os.availableParallelism()));
  // campaigns get the same commodity additions as after `spearwatch scan` and `campaigns rebuild`, so all three agree
  const ingest = new UploadIngest(db, { clock: deps.clock, extraCommodity: commodityExtra(config.home, config.mail.partnerBrands), log: app.log });
  const snapshot = orgSnapshots();
  app.addHook('onClose', () => analysis.close());
  await app.register(fastifyMultipart, {
    limits: { fileSize: config.mail.maxMessageBytes, files: ROUTE_LIMITS.uploadFiles, fields: ROUTE_LIMITS.uploadFields, parts: ROUTE_LIMITS.uploadFiles + ROUTE_LIMITS.uploadFields },
  });
  app.addContentTypeParser('message/rfc822', { parseAs: 'buffer', bodyLimit: config.mail.maxMessageBytes }, (_req, body, done) => done(null, body));
  const brands: Brand[] = [...DEFAULT_BRANDS, ...config.mail.partnerBrands.map((d) => ({ name: d, domains: [d] }))];
  const visible = (p: Principal): 'all' | string[] => visibleOrgs(p);

  app.post('/api/v1/messages', {
    schema: {
      tags: ['messages'],
      summary: 'Upload raw messages for analysis: Content-Type message/rfc822 (one message) or multipart/form-data (several files)',
      description: "Each message is analysed offline (the organisation's Authentication-Results, no DNS), matched against intel and stored. Analysts upload for their own organisation; admins may name one with ?org= or let the recipients decide.",
      consumes: ['message/rfc822', 'multipart/form-data'],
      querystring: Type.Object({ org: Type.Optional(Type.String({ maxLength: 64 })) }),
      response: { 200: UploadResultSchema },
    },
  }, async (request) => {
    const p = principalOf(request);
    assertCanWrite(p);
    let org: Organization | undefined;
    if (p.role === 'admin') org = request.query.org === undefined ? undefined : await requireOrg(db, request.query.org);
    else {
      if (request.query.org !== undefined) assertOrgVisible(p, request.query.org, `organisation ${request.query.org}`);
      org = await requireOrg(db, p.orgId);
    }
    const uploads = await readUploads(request);
    if (uploads.length === 0) throw new SpearwatchError('SW_USAGE', 'no file in the upload');
    const empty = uploads.find((u) => u.bytes.length === 0);
    if (empty !== undefined) throw new SpearwatchError('SW_INPUT_INVALID', `${empty.file}: empty file, not a message`);
    const orgs = snapshot(await listOrgs(db));
    // every file analysed at once (the workers share them out), then stored in order with the store's context
    const reports = await Promise.all(uploads.map((up) => analysis.analyze(up.bytes, { org, orgs, brands, file: up.file })));
    const items = await ingest.store(uploads.map((up, i) => ({ file: up.file, bytes: up.bytes, report: reports[i]! })));
    return { items: items.map((i) => ({ id: i.id, file: i.file, report: i.report })) };
  });

  app.get('/api/v1/messages', {
    schema: {
      tags: ['messages'],
      summary: 'List and search messages, newest first (cursor-paginated)',
      querystring: Type.Composite([PageQuery, Type.Object({
        verdict: Type.Optional(Type.Array(VerdictSchema, { maxItems: 3 })),
        org: Type.Optional(Type.String({ maxLength: 64 })),
        sender: Type.Optional(Type.String({ maxLength: 320, description: 'an address, or a domain (matches its subdomains too)' })),
        since: Type.Optional(IsoDate),
        until: Type.Optional(IsoDate),
        signal: Type.Optional(Type.String({ maxLength: 100, description: 'a signal id, e.g. lookalike.org' })),
        q: Type.Optional(Type.String({ maxLength: ROUTE_LIMITS.searchChars, description: 'free text over subject and sender: every word must begin a word of the subject, the sender address or name (any case)' })),
      })]),
      response: { 200: Type.Object({ items: Type.Array(MessageSummarySchema), nextCursor: Type.Union([Type.String(), Type.Null()]) }) },
    },
  }, async (request) => {
    const q = request.query;
    return listMessages(db, {
      visible: visible(principalOf(request)), org: q.org, verdict: q.verdict, sender: q.sender, since: q.since, until: q.until, signal: q.signal, q: q.q,
    }, q.limit ?? 50, q.cursor);
  });

  app.get('/api/v1/messages/:id', {
    schema: { tags: ['messages'], summary: 'One message with its full analysis', params: Type.Object({ id: MessageId }), response: { 200: MessageDetailSchema } },
  }, async (request) => {
    const m = await getMessage(db, request.params.id, visible(principalOf(request)));
    if (m === null) throw notFound(request.params.id);
    return { id: m.row.id, org: m.row.org, storedAt: m.row.storedAt, report: m.report, campaigns: await campaignsOfMessage(db, m.row) };
  });

  app.get('/api/v1/messages/:id/raw', {
    schema: { tags: ['messages'], summary: 'Download the raw message (always as an attachment, never rendered)', params: Type.Object({ id: MessageId }) },
  }, async (request, reply) => {
    const raw = await getRaw(db, request.params.id, visible(principalOf(request)));
    if (raw === null) throw notFound(request.params.id);
    return reply
      .header('content-type', 'message/rfc822')
      .header('content-disposition', `attachment; filename="${raw.sha256}.eml"`)
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .send(raw.bytes);
  });

  app.get('/api/v1/messages/:id/body', {
    schema: {
      tags: ['messages'],
      summary: 'The body sanitised for the viewer: no scripts, no remote loads (images become placeholders), links defanged',
      params: Type.Object({ id: MessageId }),
      response: { 200: ViewerBodySchema },
    },
  }, async (request) => {
    const raw = await getRaw(db, request.params.id, visible(principalOf(request)));
    if (raw === null) throw notFound(request.params.id);
    return viewerBody(raw.bytes);
  });
};
