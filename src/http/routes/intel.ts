import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Type } from '@sinclair/typebox';
import { SpearwatchError, systemClock } from '../../core/index.js';
import { assertCanWrite, type Principal } from '../../identity/index.js';
import { exportStixBundle, importIntelFile, listActors, lookupValues, orgIdentityId, TLP_LEVELS, type ImportReport } from '../../intel/index.js';
import { listOrgs } from '../../orgs/index.js';
import { principalOf } from '../auth.js';
import { ListQuery, NextCursor, pageOf } from '../pagination.js';
import type { RoutePlugin } from '../types.js';
import { intelMatcher, invalidateIntel } from './intel-cache.js';
import { ROUTE_LIMITS } from './limits.js';

const TlpSchema = Type.Union(TLP_LEVELS.map((t) => Type.Literal(t)));
const FORMATS = ['auto', 'stix', 'misp-galaxy', 'tagpack', 'ofac', 'csv'] as const;
const Open = Type.Object({}, { additionalProperties: true });

const LookupMatch = Type.Object({
  indicator: Type.String(), type: Type.String(), source: Type.String(), confidence: Type.Union([Type.Number(), Type.Null()]), tlp: Type.String(),
  validUntil: Type.Union([Type.String(), Type.Null()]), status: Type.String(), via: Type.String(), id: Type.String(),
  actors: Type.Array(Type.Object({ name: Type.String(), aliases: Type.Array(Type.String()) })),
  campaigns: Type.Array(Type.Object({ name: Type.String() })),
});
const Actor = Type.Object({
  id: Type.String(), name: Type.String(), aliases: Type.Array(Type.String()), indicators: Type.Integer(),
  sources: Type.Array(Type.Object({ source: Type.String(), ref: Type.String(), kind: Type.String(), name: Type.String(), aliases: Type.Array(Type.String()) })),
});

/**
 * Intelligence is shared by every organisation; what one organisation saw (sightings) is not. A STIX export for
 * a non-admin keeps only the caller's own sightings and drops the other organisations' identities.
 */
function ownSightingsOnly(bundle: Record<string, unknown>, p: Principal, orgIds: string[]): Record<string, unknown> {
  if (p.role === 'admin') return bundle;
  const mine = orgIdentityId(p.orgId);
  const others = new Set(orgIds.filter((o) => o !== p.orgId).map(orgIdentityId));
  const objects = (bundle.objects as Record<string, unknown>[] | undefined) ?? [];
  return {
    ...bundle,
    objects: objects.filter((o) => {
      if (o.type === 'sighting') return Array.isArray(o.where_sighted_refs) && o.where_sighted_refs.every((r) => r === mine);
      if (o.type === 'identity') return !others.has(String(o.id));
      return true;
    }),
  };
}

async function withTempFile<T>(name: string, bytes: Buffer, fn: (file: string) => Promise<T>): Promise<T> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spearwatch-intel-'));
  // Only the base name, stripped to safe characters: it names the source when the import has none.
  const file = path.join(dir, path.basename(name).replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 100) || 'upload');
  try {
    fs.writeFileSync(file, bytes);
    return await fn(file);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export const intelRoutes: RoutePlugin = (app, { db, clock }) => {
  app.get('/api/v1/intel/lookup', {
    schema: {
      tags: ['intel'],
      summary: 'Look values up (type auto-detected): IPs in CIDRs, parent domains, URL hosts, e-mail domains, bitcoin addresses',
      querystring: Type.Object({ value: Type.Array(Type.String({ minLength: 1, maxLength: 2048 }), { minItems: 1, maxItems: ROUTE_LIMITS.lookupValues }) }),
      response: { 200: Type.Object({ items: Type.Array(Type.Object({ value: Type.String(), type: Type.String(), matches: Type.Array(LookupMatch) })) }) },
    },
  }, async (request) => {
    principalOf(request);
    return { items: await lookupValues(await intelMatcher(db), request.query.value) };
  });

  app.get('/api/v1/intel/actors', {
    schema: {
      tags: ['intel'], summary: 'Actors with aliases, the sources that name them and their indicator counts, by name, cursor-paginated', querystring: ListQuery,
      response: { 200: Type.Object({ items: Type.Array(Actor), nextCursor: NextCursor }) },
    },
  }, async (request) => {
    principalOf(request);
    return pageOf(await listActors(db), request.query, (a) => [a.name, a.id]);
  });

  app.post('/api/v1/intel/import', {
    schema: {
      tags: ['intel'],
      summary: 'Import intel files (multipart/form-data): STIX 2.x, MISP galaxies, TagPacks, OFAC lists, CSV',
      description: 'Each file is parsed fully and written in one transaction: a bad file changes nothing and is reported with its error.',
      consumes: ['multipart/form-data'],
      querystring: Type.Object({
        format: Type.Optional(Type.Union(FORMATS.map((f) => Type.Literal(f)))),
        source: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
        tlp: Type.Optional(TlpSchema),
      }),
      response: { 200: Type.Object({ items: Type.Array(Open) }) },
    },
  }, async (request) => {
    assertCanWrite(principalOf(request));
    if (!request.isMultipart()) throw new SpearwatchError('SW_USAGE', 'send intel files as multipart/form-data');
    const q = request.query;
    const items: (ImportReport | { file: string; error: { code: string; message: string } })[] = [];
    for await (const part of request.parts({ limits: { fileSize: ROUTE_LIMITS.intelUploadBytes } })) {
      if (part.type !== 'file') continue;
      const bytes = await part.toBuffer();
      const name = part.filename === '' ? 'upload' : part.filename;
      try {
        const report = await withTempFile(name, bytes, (file) => importIntelFile(db, file, {
          format: q.format ?? 'auto', ...(q.source === undefined ? {} : { source: q.source }), ...(q.tlp === undefined ? {} : { tlp: q.tlp }),
        }, clock ?? systemClock).catch((e: unknown) => {
          // The temporary path is the server's business: errors name the uploaded file.
          if (e instanceof SpearwatchError) throw new SpearwatchError(e.code, e.message.replaceAll(file, name));
          throw e;
        }));
        items.push({ ...report, file: name });
      } catch (e) {
        if (!(e instanceof SpearwatchError) || e.code === 'SW_INTERNAL') throw e;
        items.push({ file: name, error: { code: e.code, message: e.message } });
      }
    }
    if (items.length === 0) throw new SpearwatchError('SW_USAGE', 'no file in the upload');
    invalidateIntel(db);
    return { items };
  });

  app.get('/api/v1/intel/export', {
    schema: {
      tags: ['intel'],
      summary: 'A STIX 2.1 bundle of indicators, actors, relationships and sightings; nothing above tlpMax leaves',
      querystring: Type.Object({ tlpMax: Type.Optional(TlpSchema), since: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}', maxLength: 40 })) }),
    },
  }, async (request, reply) => {
    const p = principalOf(request);
    const since = request.query.since;
    if (since !== undefined && Number.isNaN(Date.parse(since))) throw new SpearwatchError('SW_USAGE', `since must be an ISO-8601 date or time (got ${since})`);
    const { bundle } = await exportStixBundle(db, { tlpMax: request.query.tlpMax ?? 'clear', ...(since === undefined ? {} : { since: new Date(since).toISOString() }) });
    const orgs = (await listOrgs(db)).map((o) => o.id);
    const out = ownSightingsOnly(bundle, p, orgs);
    return reply
      .header('content-type', 'application/stix+json;version=2.1; charset=utf-8')
      .header('content-disposition', 'attachment; filename="spearwatch-stix.json"')
      .send(JSON.stringify(out));
  });
};
