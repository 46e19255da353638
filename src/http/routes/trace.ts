import { Type } from '@sinclair/typebox';
import { chainStatus } from '../../chain/index.js';
import { SpearwatchError } from '../../core/index.js';
import { assertCanWrite, type Principal } from '../../identity/index.js';
import {
  addTag, addWatch, formatTraceDot, getWatch, importPriceText, listAlerts, listExchanges, listManualTags, listWatches, PRICE_LIMITS, priceStatus,
  removeTags, removeWatch, syncMailWatches, TRACE_LIMITS, traceFunds,
} from '../../trace/index.js';
import { principalOf } from '../auth.js';
import { decodeCursor, encodeCursor, ListQuery, NextCursor, pageOf } from '../pagination.js';
import type { App, RoutePlugin } from '../types.js';

const Open = Type.Object({}, { additionalProperties: true });
const Model = Type.Union([Type.Literal('haircut'), Type.Literal('poison'), Type.Literal('fifo')]);
const Category = Type.String({ minLength: 1, maxLength: 40, pattern: '^[A-Za-z0-9][A-Za-z0-9_ -]*$' });
const AlertKindSchema = Type.Union([Type.Literal('watched-address-received'), Type.Literal('tainted-funds-moved'), Type.Literal('funds-reached-exchange')]);

const Watch = Type.Object({
  id: Type.Integer(), org: Type.Union([Type.String(), Type.Null()]), target: Type.String(), kind: Type.String(), case: Type.String(), model: Type.String(),
  hops: Type.Integer(), messageId: Type.Union([Type.String(), Type.Null()]), messageSha256: Type.Union([Type.String(), Type.Null()]), campaignId: Type.Union([Type.String(), Type.Null()]), createdAt: Type.String(),
  resolved: Type.Boolean(), frontier: Type.Object({ outputs: Type.Integer(), taintedValue: Type.Integer() }), alerts: Type.Integer(),
  checkedAt: Type.Union([Type.String(), Type.Null()]),
});
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T): ReturnType<typeof Type.Union> => Type.Union([t, Type.Null()]);
const Alert = Type.Object({
  id: Type.Integer(), kind: Type.String(), watchId: Type.Integer(), case: Type.String(), org: Nullable(Type.String()), target: Type.String(),
  address: Nullable(Type.String()), txid: Nullable(Type.String()), exchange: Nullable(Type.String()), value: Type.Integer(), taintedValue: Type.Integer(),
  btc: Type.String(), usd: Type.Union([Type.Number(), Type.Null()]), krw: Type.Union([Type.Number(), Type.Null()]), height: Type.Union([Type.Integer(), Type.Null()]),
  time: Nullable(Type.String()), raisedAt: Type.String(), detail: Type.String(),
});

/** Watches and alerts belong to an organisation: admins see all, everyone else their own only. */
function orgFilter(p: Principal): { org?: string | null } {
  return p.role === 'admin' ? {} : { org: p.orgId };
}

/**
 * The money trail over HTTP. The chain, address tags and prices are shared by every organisation (public
 * ledger, shared intelligence); watches and their alerts are each organisation's own.
 */
export const traceRoutes: RoutePlugin = (app, { db }) => {
  // text/csv is understood by the price import alone (a scoped parser: other routes still answer 415 to it).
  void app.register((scope: App, _opts, next) => {
    scope.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: PRICE_LIMITS.maxBytes }, (_req, body, done) => done(null, body));
    scope.post('/api/v1/prices', {
      schema: {
        tags: ['trace'], summary: 'Import daily BTC prices: text/csv body of date,currency,price rows',
        consumes: ['text/csv'], response: { 200: Open },
      },
    }, async (request) => {
      assertCanWrite(principalOf(request));
      if (typeof request.body !== 'string') throw new SpearwatchError('SW_USAGE', 'send prices as Content-Type: text/csv');
      return importPriceText(db, request.body, 'upload.csv');
    });
    next();
  });

  app.post('/api/v1/trace', {
    schema: {
      tags: ['trace'],
      summary: 'Trace bitcoin forward (where did it go) or backward (where did it come from) from addresses, txids or txid:vout outputs',
      description: 'Same options and result as `spearwatch trace --json`; `format=dot` answers with a Graphviz graph instead.',
      querystring: Type.Object({ format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('dot')])) }),
      body: Type.Object({
        sources: Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { minItems: 1, maxItems: TRACE_LIMITS.maxSources }),
        direction: Type.Optional(Type.Union([Type.Literal('forward'), Type.Literal('backward')])),
        model: Type.Optional(Model),
        hops: Type.Optional(Type.Integer({ minimum: 1, maximum: TRACE_LIMITS.maxHops })),
        minValue: Type.Optional(Type.Integer({ minimum: 0 })),
        stopAt: Type.Optional(Type.Array(Category, { maxItems: 20 })),
        until: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
        maxTxs: Type.Optional(Type.Integer({ minimum: 1, maximum: TRACE_LIMITS.maxTxs })),
      }, { additionalProperties: false }),
      response: { 200: Open },
    },
  }, async (request, reply) => {
    principalOf(request);
    const b = request.body;
    const r = await traceFunds(db, b.sources, {
      ...(b.direction !== undefined ? { direction: b.direction } : {}), ...(b.model !== undefined ? { model: b.model } : {}),
      ...(b.hops !== undefined ? { hops: b.hops } : {}), ...(b.minValue !== undefined ? { minValue: b.minValue } : {}),
      ...(b.stopAt !== undefined ? { stopAt: b.stopAt } : {}), ...(b.until !== undefined ? { until: b.until } : {}),
      ...(b.maxTxs !== undefined ? { maxTxs: b.maxTxs } : {}),
    });
    if (request.query.format === 'dot') return reply.header('content-type', 'text/vnd.graphviz; charset=utf-8').send(formatTraceDot(r));
    return reply.header('content-type', 'application/json; charset=utf-8').send(JSON.stringify(r));
  });

  app.get('/api/v1/chain/status', {
    schema: { tags: ['trace'], summary: 'What the chain index holds (network, height, transactions, addresses, clusters)', response: { 200: Open } },
  }, async (request) => {
    principalOf(request);
    return chainStatus(db);
  });

  app.get('/api/v1/exchanges', {
    schema: {
      tags: ['trace'], summary: 'Exchanges known from tags, with their tagged addresses and clusters in the chain index, by name, cursor-paginated', querystring: ListQuery,
      response: { 200: Type.Object({ items: Type.Array(Open), nextCursor: NextCursor }) },
    },
  }, async (request) => {
    principalOf(request);
    return pageOf(await listExchanges(db), request.query, (e) => [e.name]);
  });

  app.get('/api/v1/tags', {
    schema: {
      tags: ['trace'], summary: 'Manual address tags (shared by every organisation, like intel), oldest first, cursor-paginated',
      querystring: Type.Intersect([ListQuery, Type.Object({ category: Type.Optional(Category), address: Type.Optional(Type.String({ maxLength: 100 })) })]),
      response: { 200: Type.Object({ items: Type.Array(Open), nextCursor: NextCursor }) },
    },
  }, async (request) => {
    principalOf(request);
    const q = request.query;
    const all = await listManualTags(db, { ...(q.category !== undefined ? { category: q.category } : {}), ...(q.address !== undefined ? { address: q.address } : {}) });
    return pageOf(all, q, (t) => [t.id]);
  });

  app.post('/api/v1/tags', {
    schema: {
      tags: ['trace'], summary: 'Tag an address (exchange, sanctioned, actor, mixer…); the tag extends to its cluster',
      body: Type.Object({
        address: Type.String({ minLength: 1, maxLength: 100 }), label: Type.String({ minLength: 1, maxLength: 200 }), category: Category,
        actor: Type.Optional(Type.String({ maxLength: 200 })),
      }, { additionalProperties: false }),
      response: { 200: Open },
    },
  }, async (request) => {
    assertCanWrite(principalOf(request));
    const b = request.body;
    const r = await addTag(db, { address: b.address, label: b.label, category: b.category, actor: b.actor ?? null });
    return { ...r.tag, created: r.created };
  });

  app.delete('/api/v1/tags', {
    schema: {
      tags: ['trace'], summary: 'Remove the manual tags of an address (or only the one with this label)',
      querystring: Type.Object({ address: Type.String({ minLength: 1, maxLength: 100 }), label: Type.Optional(Type.String({ maxLength: 200 })) }),
      response: { 200: Type.Object({ removed: Type.Integer() }) },
    },
  }, async (request) => {
    assertCanWrite(principalOf(request));
    const removed = await removeTags(db, request.query.address, request.query.label);
    if (removed === 0) throw new SpearwatchError('SW_NOT_FOUND', `no manual tag on ${request.query.address}`);
    return { removed };
  });

  app.get('/api/v1/prices', {
    schema: { tags: ['trace'], summary: 'Which currencies and days have BTC prices', response: { 200: Type.Object({ items: Type.Array(Open) }) } },
  }, async (request) => {
    principalOf(request);
    return { items: await priceStatus(db) };
  });

  app.get('/api/v1/watches', {
    schema: {
      tags: ['trace'], summary: 'Watches of the caller’s organisation (admins: all) with what each still follows, oldest first, cursor-paginated',
      querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })), cursor: Type.Optional(Type.String({ maxLength: 200 })) }),
      response: { 200: Type.Object({ items: Type.Array(Watch), nextCursor: Type.Union([Type.String(), Type.Null()]) }) },
    },
  }, async (request) => {
    const p = principalOf(request);
    await syncMailWatches(db);
    const after = decodeCursor(request.query.cursor);
    const limit = request.query.limit ?? 100;
    const items = await listWatches(db, { ...orgFilter(p), ...(after !== undefined ? { afterId: Number(after[0]) } : {}), limit: limit + 1 });
    const shown = items.slice(0, limit);
    return { items: shown, nextCursor: items.length > limit && shown.length > 0 ? encodeCursor([shown[shown.length - 1]!.id]) : null };
  });

  app.post('/api/v1/watches', {
    schema: {
      tags: ['trace'], summary: 'Watch an address, txid or txid:vout for the caller’s organisation; alerts are raised after each chain import',
      body: Type.Object({
        target: Type.String({ minLength: 1, maxLength: 200 }), case: Type.Optional(Type.String({ maxLength: 200 })), model: Type.Optional(Model),
        hops: Type.Optional(Type.Integer({ minimum: 1, maximum: TRACE_LIMITS.maxHops })),
      }, { additionalProperties: false }),
      response: { 200: Type.Intersect([Watch, Type.Object({ created: Type.Boolean() })]) },
    },
  }, async (request) => {
    const p = principalOf(request);
    assertCanWrite(p);
    const b = request.body;
    const r = await addWatch(db, {
      target: b.target, org: p.orgId, ...(b.case !== undefined ? { caseName: b.case } : {}), ...(b.model !== undefined ? { model: b.model } : {}),
      ...(b.hops !== undefined ? { hops: b.hops } : {}),
    });
    return { ...r.watch, created: r.created };
  });

  app.delete('/api/v1/watches/:id', {
    schema: {
      tags: ['trace'], summary: 'Stop a watch of the caller’s organisation (its alerts are kept)',
      params: Type.Object({ id: Type.Integer({ minimum: 1 }) }), response: { 200: Type.Object({ removed: Type.Integer() }) },
    },
  }, async (request) => {
    const p = principalOf(request);
    assertCanWrite(p);
    const w = await getWatch(db, request.params.id);
    if (w === null || (p.role !== 'admin' && w.org !== p.orgId)) throw new SpearwatchError('SW_NOT_FOUND', `no watch ${request.params.id}`);
    return { removed: await removeWatch(db, String(w.id)) };
  });

  app.get('/api/v1/alerts', {
    schema: {
      tags: ['trace'], summary: 'Alerts of the caller’s organisation (admins: all), oldest first, cursor-paginated',
      querystring: Type.Object({
        since: Type.Optional(Type.String({ maxLength: 40 })), kind: Type.Optional(AlertKindSchema),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })), cursor: Type.Optional(Type.String({ maxLength: 200 })),
      }),
      response: { 200: Type.Object({ items: Type.Array(Alert), nextCursor: Type.Union([Type.String(), Type.Null()]) }) },
    },
  }, async (request) => {
    const p = principalOf(request);
    const q = request.query;
    const after = decodeCursor(q.cursor);
    const limit = q.limit ?? 100;
    const items = await listAlerts(db, {
      ...orgFilter(p), ...(q.since !== undefined ? { since: q.since } : {}), ...(q.kind !== undefined ? { kind: q.kind } : {}),
      ...(after !== undefined ? { afterId: Number(after[0]) } : {}), limit: limit + 1,
    });
    const shown = items.slice(0, limit);
    return { items: shown, nextCursor: items.length > limit && shown.length > 0 ? encodeCursor([shown[shown.length - 1]!.id]) : null };
  });
};
