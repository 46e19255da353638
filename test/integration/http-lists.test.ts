import assert from 'node:assert/strict';
import { importBlocks } from '../../src/chain/index.js';
import { systemClock } from '../../src/core/index.js';
import { importIntelFile } from '../../src/intel/index.js';
import { upsertOrgs } from '../../src/orgs/index.js';
import { addTag } from '../../src/trace/index.js';
import { httpFixture, type HttpFixture } from '../helpers/http.js';
import { engineTest } from '../helpers/stores.js';
import { writeTrail } from '../helpers/trail.js';

/** Walk a cursor-paginated list page by page and return every item's key, checking each page's size. */
async function walk(f: HttpFixture, url: string, auth: { authorization: string }, limit: number, key: (x: Record<string, unknown>) => string): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | null = null;
  for (let guard = 0; guard < 100; guard++) {
    const sep = url.includes('?') ? '&' : '?';
    const r: { statusCode: number; body: string; json: <T>() => T } = await f.app.inject({ method: 'GET', url: `${url}${sep}limit=${limit}${cursor === null ? '' : `&cursor=${cursor}`}`, headers: auth });
    assert.equal(r.statusCode, 200, r.body);
    const body = r.json<{ items: Record<string, unknown>[]; nextCursor: string | null }>();
    assert.ok(body.items.length <= limit);
    seen.push(...body.items.map(key));
    cursor = body.nextCursor;
    if (cursor === null) return seen;
    assert.equal(body.items.length, limit, 'a page before the last is full');
  }
  throw new Error(`${url}: no last page`);
}

engineTest('HTTP lists: organisations, users, tokens, actors, tags and exchanges are cursor-paginated, whole and without repeats', async (_t, s) => {
  const f = await httpFixture(s);
  try {
    const admin = f.auth('alpha:admin');
    await upsertOrgs(s.db, ['charlie', 'delta', 'echo'].map((id) => ({ id, name: id, domains: [`${id}.example`], authservId: null, trustedRelays: [] })));
    const orgs = await walk(f, '/api/v1/organizations', admin, 2, (o) => String(o.id));
    assert.deepEqual(orgs, ['alpha', 'bravo', 'charlie', 'delta', 'echo']);
    // An analyst pages through its own organisation only.
    assert.deepEqual(await walk(f, '/api/v1/organizations', f.auth('bravo:analyst'), 1, (o) => String(o.id)), ['bravo']);

    const tokens = await walk(f, '/api/v1/tokens', admin, 4, (t) => String(t.id));
    assert.equal(tokens.length, 6);
    assert.equal(new Set(tokens).size, 6);
    assert.deepEqual(tokens, [...tokens].sort((a, b) => Number(a) - Number(b)));
    assert.equal((await walk(f, '/api/v1/tokens', f.auth('bravo:analyst'), 2, (t) => String(t.orgId))).join(), 'bravo,bravo,bravo');

    assert.deepEqual(await walk(f, '/api/v1/users', admin, 1, (u) => String(u.email)), ['analyst@alpha-ex.example', 'analyst@bravo-ex.example']);

    const addresses = ['bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq', '1BoatSLRHtKNngkdXEeobR76b53LETtpyT', '3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy'];
    for (const [i, a] of addresses.entries()) await addTag(s.db, { address: a, label: `Exchange ${String.fromCharCode(67 - i)}`, category: 'exchange' });
    const tags = await walk(f, '/api/v1/tags', admin, 2, (t) => String(t.address));
    assert.deepEqual(tags, addresses);
    // Exchanges are those whose tagged addresses the chain index holds.
    const trail = writeTrail({ seed: 43, backgroundPerBlock: 2 });
    await importBlocks(s.db, trail.files, 'blk', { network: 'regtest' });
    await importIntelFile(s.db, trail.tagsFile, {}, systemClock);
    const exchanges = await walk(f, '/api/v1/exchanges', admin, 1, (e) => String(e.name));
    assert.ok(exchanges.length >= 2, exchanges.join());
    assert.deepEqual(exchanges, [...new Set(exchanges)].sort());
    for (const name of Object.keys(trail.scenario.truth.toExchanges)) assert.ok(exchanges.includes(name), name);
    // TagPacks name their entities as actors: paged by name, the pages add up to the whole list.
    const actors = await walk(f, '/api/v1/intel/actors', admin, 4, (a) => String(a.name));
    const whole = (await f.app.inject({ method: 'GET', url: '/api/v1/intel/actors?limit=1000', headers: admin })).json<{ items: { name: string }[]; nextCursor: null }>();
    assert.ok(actors.length > 4);
    assert.deepEqual(actors, whole.items.map((a) => a.name));
    assert.equal(whole.nextCursor, null);

    // A cursor is a position: the page after a deleted item still starts at the next one.
    const first = (await f.app.inject({ method: 'GET', url: '/api/v1/organizations?limit=3', headers: admin })).json<{ nextCursor: string }>();
    await s.db.run("DELETE FROM organization_domains WHERE org_id = 'charlie'");
    await s.db.run("DELETE FROM organizations WHERE id = 'charlie'");
    const next = (await f.app.inject({ method: 'GET', url: `/api/v1/organizations?limit=3&cursor=${first.nextCursor}`, headers: admin })).json<{ items: { id: string }[] }>();
    assert.deepEqual(next.items.map((o) => o.id), ['delta', 'echo']);

    const bad = await f.app.inject({ method: 'GET', url: '/api/v1/users?cursor=not-a-cursor', headers: admin });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.json<{ message: string }>().message, /invalid cursor/);
    assert.equal((await f.app.inject({ method: 'GET', url: '/api/v1/tokens?limit=0', headers: admin })).statusCode, 400);
  } finally {
    await f.close();
  }
});
