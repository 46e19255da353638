import assert from 'node:assert/strict';
import { importBlocks } from '../../src/chain/index.js';
import { systemClock } from '../../src/core/index.js';
import { importIntelFile } from '../../src/intel/index.js';
import { checkWatches } from '../../src/trace/index.js';
import { httpFixture } from '../helpers/http.js';
import { engineTest } from '../helpers/stores.js';
import { writeTrail } from '../helpers/trail.js';

engineTest('HTTP money trail: prices as text/csv, trace as JSON and Graphviz, watches and paginated alerts', async (_t, s) => {
  const f = await httpFixture(s);
  try {
    const trail = writeTrail({ seed: 41, backgroundPerBlock: 3 });
    await importBlocks(s.db, trail.files, 'blk', { network: 'regtest' });
    await importIntelFile(s.db, trail.tagsFile, {}, systemClock);
    const H = { ...f.auth('alpha:analyst') };
    const bad = await f.app.inject({ method: 'POST', url: '/api/v1/prices', headers: { ...H, 'content-type': 'text/csv' }, payload: 'date,currency,price\n2026-13-01,USD,5\n' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.json<{ message: string }>().message, /upload\.csv:2: date must be YYYY-MM-DD/);
    const ok = await f.app.inject({ method: 'POST', url: '/api/v1/prices', headers: { ...H, 'content-type': 'text/csv' }, payload: trail.scenario.pricesCsv });
    assert.equal(ok.statusCode, 200, ok.body);
    const st = await f.app.inject({ method: 'GET', url: '/api/v1/prices', headers: H });
    assert.deepEqual(st.json<{ items: { currency: string }[] }>().items.map((x) => x.currency), ['KRW', 'USD']);

    const r = await f.app.inject({ method: 'POST', url: '/api/v1/trace', headers: H, payload: { sources: trail.scenario.theft.outputs, hops: 100 } });
    assert.equal(r.statusCode, 200, r.body);
    const res = r.json<{ exchanges: { name: string; fiat: { usd: number } }[]; accounting: { conserved: boolean } }>();
    assert.deepEqual(res.exchanges.map((x) => x.name).sort(), Object.keys(trail.scenario.truth.toExchanges).sort());
    assert.ok(res.exchanges.every((x) => x.fiat.usd > 0));
    assert.equal(res.accounting.conserved, true);
    const dot = await f.app.inject({ method: 'POST', url: '/api/v1/trace?format=dot', headers: H, payload: { sources: [trail.scenario.theft.txid] } });
    assert.equal(dot.statusCode, 200);
    assert.match(dot.headers['content-type'] as string, /graphviz/);
    assert.match(dot.body, /^digraph trace/);
    const badSrc = await f.app.inject({ method: 'POST', url: '/api/v1/trace', headers: H, payload: { sources: ['nope'] } });
    assert.equal(badSrc.statusCode, 400);
    const unknownField = await f.app.inject({ method: 'POST', url: '/api/v1/trace', headers: H, payload: { sources: [trail.scenario.theft.txid], hopz: 3 } });
    assert.equal(unknownField.statusCode, 400);

    const w = await f.app.inject({ method: 'POST', url: '/api/v1/watches', headers: H, payload: { target: trail.scenario.theft.victim, case: 'c1', hops: 100 } });
    assert.equal(w.statusCode, 200, w.body);
    const viewer = await f.app.inject({ method: 'POST', url: '/api/v1/watches', headers: f.auth('alpha:viewer'), payload: { target: trail.scenario.theft.victim } });
    assert.equal(viewer.statusCode, 403);
    const w2 = await f.app.inject({ method: 'POST', url: '/api/v1/watches', headers: H, payload: { target: trail.scenario.theft.thiefAddresses[0], case: 'c2' } });
    assert.equal(w2.statusCode, 200, w2.body);
    const p1 = await f.app.inject({ method: 'GET', url: '/api/v1/watches?limit=1', headers: H });
    const page1 = p1.json<{ items: { case: string }[]; nextCursor: string | null }>();
    assert.deepEqual(page1.items.map((x) => x.case), ['c1']);
    const p2 = await f.app.inject({ method: 'GET', url: `/api/v1/watches?limit=1&cursor=${page1.nextCursor ?? ''}`, headers: H });
    assert.deepEqual(p2.json<{ items: { case: string }[]; nextCursor: string | null }>(), { ...p2.json<object>(), nextCursor: null });
    assert.deepEqual(p2.json<{ items: { case: string }[] }>().items.map((x) => x.case), ['c2']);
    await checkWatches(s.db);
    const all: number[] = [];
    let cursor: string | null = null;
    do {
      const q: string = cursor === null ? '' : `&cursor=${cursor}`;
      const p = await f.app.inject({ method: 'GET', url: `/api/v1/alerts?limit=7${q}`, headers: H });
      assert.equal(p.statusCode, 200, p.body);
      const body = p.json<{ items: { id: number }[]; nextCursor: string | null }>();
      all.push(...body.items.map((a) => a.id));
      cursor = body.nextCursor;
    } while (cursor !== null);
    assert.ok(all.length > 7);
    assert.deepEqual(all, [...all].sort((a, b) => a - b));
    assert.equal(new Set(all).size, all.length);
    const ex = await f.app.inject({ method: 'GET', url: '/api/v1/alerts?kind=funds-reached-exchange', headers: H });
    assert.ok(ex.json<{ items: { kind: string; usd: number }[] }>().items.every((a) => a.kind === 'funds-reached-exchange' && a.usd > 0));
  } finally {
    await f.close();
  }
});
