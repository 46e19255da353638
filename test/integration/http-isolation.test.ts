import assert from 'node:assert/strict';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { httpFixture, type HttpFixture } from '../helpers/http.js';
import { engineTest } from '../helpers/stores.js';
import { mailTo, multipart, uploadOne } from './http-fixtures.js';
import { checkWatches } from '../../src/trace/index.js';
import { loadTrail, writeTrail } from '../helpers/trail.js';

/**
 * Strict isolation between organisations, route by route: every route the app serves must have a case here
 * that calls it with organisation bravo's analyst credentials against organisation alpha's data, and shows that
 * nothing of alpha's leaks and nothing of alpha's changes. A new route without a case fails this test.
 */
interface Case {
  /** Why the route needs no cross-organisation check, when it does not. */
  exempt?: string;
  run?: (f: HttpFixture) => Promise<void>;
}

const ATTACKER = 'bravo:analyst' as const;

/** Alpha's data as it would appear in an answer (the id alone may be echoed from the request). */
function noAlpha(r: LightMyRequestResponse): void {
  assert.ok(!/Alpha Exchange|alpha-ex\.example|"orgId":"alpha"|"id":"alpha"/.test(r.body), `alpha's data leaked: ${r.body.slice(0, 300)}`);
}

async function call(f: HttpFixture, opts: InjectOptions): Promise<LightMyRequestResponse> {
  return f.app.inject({ ...opts, headers: { ...f.auth(ATTACKER), ...(opts.headers ?? {}) } });
}

const CASES: Record<string, Case> = {
  'GET /api/v1/health': { exempt: 'public liveness; carries no organisation data' },
  'GET /api/v1/openapi.json': { exempt: 'public API description; carries no organisation data' },
  'GET /': { exempt: "the dashboard's page: the same static file for everyone, public" },
  'GET /assets/*': { exempt: "the dashboard's scripts and styles: static files, public" },
  'POST /api/v1/session': { exempt: 'login; answers only for the credentials given' },
  'DELETE /api/v1/session': { exempt: "ends the caller's own session only" },
  'GET /api/v1/me': {
    run: async (f) => {
      const r = await call(f, { method: 'GET', url: '/api/v1/me' });
      assert.equal(r.json<{ orgId: string }>().orgId, 'bravo');
    },
  },
  'GET /api/v1/organizations': {
    run: async (f) => {
      const r = await call(f, { method: 'GET', url: '/api/v1/organizations' });
      assert.equal(r.statusCode, 200);
      noAlpha(r);
    },
  },
  'GET /api/v1/organizations/:orgId': {
    run: async (f) => {
      const r = await call(f, { method: 'GET', url: '/api/v1/organizations/alpha' });
      assert.equal(r.statusCode, 404);
      noAlpha(r);
    },
  },
  'PUT /api/v1/organizations/:orgId': {
    run: async (f) => {
      const r = await call(f, { method: 'PUT', url: '/api/v1/organizations/alpha', payload: { name: 'pwned', domains: ['alpha-ex.example'] } });
      assert.equal(r.statusCode, 403);
      const after = await f.app.inject({ method: 'GET', url: '/api/v1/organizations/alpha', headers: f.auth('alpha:analyst') });
      assert.equal(after.json<{ name: string }>().name, 'Alpha Exchange');
    },
  },
  'GET /api/v1/users': {
    run: async (f) => {
      const r = await call(f, { method: 'GET', url: '/api/v1/users' });
      assert.equal(r.statusCode, 200);
      noAlpha(r);
    },
  },
  'POST /api/v1/users': {
    run: async (f) => {
      const r = await call(f, { method: 'POST', url: '/api/v1/users', payload: { email: 'mole@alpha-ex.example', orgId: 'alpha', role: 'analyst', password: 'long enough password' } });
      assert.equal(r.statusCode, 403);
    },
  },
  'GET /api/v1/tokens': {
    run: async (f) => {
      const r = await call(f, { method: 'GET', url: '/api/v1/tokens' });
      assert.equal(r.statusCode, 200);
      noAlpha(r);
    },
  },
  'POST /api/v1/tokens': {
    run: async (f) => {
      const r = await call(f, { method: 'POST', url: '/api/v1/tokens', payload: { orgId: 'alpha', role: 'analyst' } });
      assert.equal(r.statusCode, 404);
      noAlpha(r);
    },
  },
  'DELETE /api/v1/tokens/:id': {
    run: async (f) => {
      const alphaTokens = (await f.app.inject({ method: 'GET', url: '/api/v1/tokens', headers: f.auth('alpha:admin') })).json<{ items: { id: number; orgId: string }[] }>();
      const target = alphaTokens.items.find((t) => t.orgId === 'alpha')!;
      const r = await call(f, { method: 'DELETE', url: `/api/v1/tokens/${target.id}` });
      assert.equal(r.statusCode, 404);
      assert.equal((await f.app.inject({ method: 'GET', url: '/api/v1/me', headers: f.auth('alpha:admin') })).statusCode, 200, "alpha's token still works");
    },
  },
  'POST /api/v1/messages': {
    run: async (f) => {
      const r = await call(f, { method: 'POST', url: '/api/v1/messages?org=alpha', headers: { 'content-type': 'message/rfc822' }, payload: mailTo('alpha') });
      assert.equal(r.statusCode, 404);
      // addressed to alpha, but nothing like alpha's attack mail (so it stays out of alpha's campaigns)
      const lunch = mailTo('alpha', { from: 'Friend <friend@lunch.example>', subject: 'Lunch on Friday?', text: 'Noodles at noon?', ip: '192.0.2.200' });
      const { body, contentType } = multipart([{ name: 'x.eml', bytes: lunch }]);
      const own = await call(f, { method: 'POST', url: '/api/v1/messages', headers: { 'content-type': contentType }, payload: body });
      const stored = own.json<{ items: { id: string; report: { org: string } }[] }>().items[0]!;
      assert.equal(stored.report.org, 'bravo', 'stored for the uploader, not for the addressed org');
      const alphaList = await f.app.inject({ method: 'GET', url: '/api/v1/messages', headers: f.auth('alpha:analyst') });
      assert.ok(!alphaList.json<{ items: { id: string }[] }>().items.some((i) => i.id === stored.id), "nothing landed in alpha's inbox");
    },
  },
  'GET /api/v1/messages': {
    run: async (f) => {
      await uploadOne(f, 'alpha:analyst', mailTo('alpha', { subject: 'alpha secret subject' }));
      for (const q of ['', '?org=alpha', '?q=secret', '?sender=alpha-ex-login.example']) {
        const r = await call(f, { method: 'GET', url: `/api/v1/messages${q}` });
        assert.equal(r.statusCode, 200);
        assert.ok(r.json<{ items: { org: string }[] }>().items.every((i) => i.org === 'bravo'), q);
        assert.doesNotMatch(r.body, /alpha secret/);
      }
    },
  },
  'GET /api/v1/messages/:id': {
    run: async (f) => {
      const m = await uploadOne(f, 'alpha:analyst', mailTo('alpha', { subject: 'alpha secret subject' }));
      const r = await call(f, { method: 'GET', url: `/api/v1/messages/${m.id}` });
      assert.equal(r.statusCode, 404);
      assert.doesNotMatch(r.body, /alpha secret/);
    },
  },
  'GET /api/v1/messages/:id/raw': {
    run: async (f) => {
      const m = await uploadOne(f, 'alpha:analyst', mailTo('alpha', { subject: 'alpha secret subject' }));
      const r = await call(f, { method: 'GET', url: `/api/v1/messages/${m.id}/raw` });
      assert.equal(r.statusCode, 404);
      assert.doesNotMatch(r.body, /alpha secret/);
    },
  },
  'GET /api/v1/messages/:id/body': {
    run: async (f) => {
      const m = await uploadOne(f, 'alpha:analyst', mailTo('alpha', { text: 'alpha secret body' }));
      const r = await call(f, { method: 'GET', url: `/api/v1/messages/${m.id}/body` });
      assert.equal(r.statusCode, 404);
      assert.doesNotMatch(r.body, /alpha secret/);
    },
  },
  'GET /api/v1/intel/lookup': {
    run: async (f) => {
      await alphaSighting(f);
      const r = await call(f, { method: 'GET', url: '/api/v1/intel/lookup?value=198.51.100.77&value=alpha-ex-login.example' });
      assert.equal(r.statusCode, 200);
      noAlpha(r);
    },
  },
  'GET /api/v1/intel/actors': {
    run: async (f) => {
      const r = await call(f, { method: 'GET', url: '/api/v1/intel/actors' });
      assert.equal(r.statusCode, 200);
      noAlpha(r);
    },
  },
  'POST /api/v1/intel/import': {
    run: async (f) => {
      await alphaSighting(f);
      const { body, contentType } = multipart([{ name: 'x.csv', bytes: Buffer.from('type,value,confidence\nipv4,198.51.100.77,1\n') }]);
      const r = await call(f, { method: 'POST', url: '/api/v1/intel/import', headers: { 'content-type': contentType }, payload: body });
      assert.equal(r.statusCode, 200);
      noAlpha(r);
      const alphaExport = await f.app.inject({ method: 'GET', url: '/api/v1/intel/export?tlpMax=red', headers: f.auth('alpha:analyst') });
      assert.match(alphaExport.body, /"type":"sighting"/, "alpha's sightings survive another organisation's import");
    },
  },
  'GET /api/v1/intel/export': {
    run: async (f) => {
      await alphaSighting(f);
      const r = await call(f, { method: 'GET', url: '/api/v1/intel/export?tlpMax=red' });
      assert.equal(r.statusCode, 200);
      assert.doesNotMatch(r.body, /"type":"sighting"/);
      noAlpha(r);
    },
  },
  'GET /api/v1/campaigns': {
    run: async (f) => {
      await alphaSighting(f);
      const r = await call(f, { method: 'GET', url: '/api/v1/campaigns' });
      assert.equal(r.statusCode, 200);
      assert.doesNotMatch(r.body, /alpha campaign subject|staff@alpha-ex\.example/);
      noAlpha(r);
    },
  },
  'GET /api/v1/campaigns/:id': {
    run: async (f) => {
      await alphaSighting(f);
      const all = (await f.app.inject({ method: 'GET', url: '/api/v1/campaigns', headers: f.auth('alpha:admin') })).json<{ items: { id: string }[] }>();
      assert.ok(all.items.length > 0);
      for (const c of all.items) {
        const r = await call(f, { method: 'GET', url: `/api/v1/campaigns/${c.id}` });
        assert.equal(r.statusCode, 200);
        assert.doesNotMatch(r.body, /alpha campaign subject|staff@alpha-ex\.example/);
        noAlpha(r);
      }
    },
  },
  'POST /api/v1/trace': {
    run: async (f) => {
      const trail = await alphaWatch(f);
      const r = await call(f, { method: 'POST', url: '/api/v1/trace', payload: { sources: [trail.theft], hops: 100 } });
      assert.equal(r.statusCode, 200, r.body);
      assert.ok(r.json<{ exchanges: unknown[] }>().exchanges.length > 0, 'the public chain and shared tags are everyone\'s');
      assert.doesNotMatch(r.body, /alpha case/);
      noAlpha(r);
    },
  },
  'GET /api/v1/chain/status': {
    run: async (f) => {
      const r = await call(f, { method: 'GET', url: '/api/v1/chain/status' });
      assert.equal(r.statusCode, 200);
      noAlpha(r);
    },
  },
  'GET /api/v1/exchanges': {
    run: async (f) => {
      await alphaWatch(f);
      const r = await call(f, { method: 'GET', url: '/api/v1/exchanges' });
      assert.equal(r.statusCode, 200);
      noAlpha(r);
    },
  },
  'GET /api/v1/tags': {
    run: async (f) => {
      const r = await call(f, { method: 'GET', url: '/api/v1/tags' });
      assert.equal(r.statusCode, 200);
      noAlpha(r);
    },
  },
  'POST /api/v1/tags': {
    run: async (f) => {
      // Tags are shared intelligence: bravo's analyst may add one, bravo's viewer may not.
      const addr = (await alphaWatch(f)).victim;
      const v = await f.app.inject({ method: 'POST', url: '/api/v1/tags', headers: f.auth('bravo:viewer'), payload: { address: addr, label: 'x', category: 'mixer' } });
      assert.equal(v.statusCode, 403);
      const r = await call(f, { method: 'POST', url: '/api/v1/tags', payload: { address: addr, label: 'bravo label', category: 'mixer' } });
      assert.equal(r.statusCode, 200, r.body);
      noAlpha(r);
    },
  },
  'DELETE /api/v1/tags': {
    run: async (f) => {
      const addr = (await alphaWatch(f)).victim;
      const v = await f.app.inject({ method: 'DELETE', url: `/api/v1/tags?address=${addr}`, headers: f.auth('bravo:viewer') });
      assert.equal(v.statusCode, 403);
    },
  },
  'GET /api/v1/prices': {
    run: async (f) => {
      const r = await call(f, { method: 'GET', url: '/api/v1/prices' });
      assert.equal(r.statusCode, 200);
      noAlpha(r);
    },
  },
  'POST /api/v1/prices': {
    run: async (f) => {
      const v = await f.app.inject({ method: 'POST', url: '/api/v1/prices', headers: { ...f.auth('bravo:viewer'), 'content-type': 'text/csv' }, payload: '2026-07-01,USD,1\n' });
      assert.equal(v.statusCode, 403);
    },
  },
  'GET /api/v1/watches': {
    run: async (f) => {
      await alphaWatch(f);
      const r = await call(f, { method: 'GET', url: '/api/v1/watches' });
      assert.equal(r.statusCode, 200);
      assert.deepEqual(r.json<{ items: unknown[] }>().items, []);
      noAlpha(r);
    },
  },
  'POST /api/v1/watches': {
    run: async (f) => {
      const t = await alphaWatch(f);
      // Bravo may watch the same address, as its own watch: alpha's stays untouched and unseen.
      const r = await call(f, { method: 'POST', url: '/api/v1/watches', payload: { target: t.victim, case: 'bravo case' } });
      assert.equal(r.statusCode, 200, r.body);
      assert.equal(r.json<{ org: string; created: boolean }>().org, 'bravo');
      const mine = await f.app.inject({ method: 'GET', url: '/api/v1/watches', headers: f.auth('alpha:analyst') });
      assert.deepEqual(mine.json<{ items: { case: string }[] }>().items.map((w) => w.case), ['alpha case']);
      await f.app.inject({ method: 'DELETE', url: `/api/v1/watches/${r.json<{ id: number }>().id}`, headers: f.auth(ATTACKER) });
    },
  },
  'DELETE /api/v1/watches/:id': {
    run: async (f) => {
      const t = await alphaWatch(f);
      const r = await call(f, { method: 'DELETE', url: `/api/v1/watches/${t.watchId}` });
      assert.equal(r.statusCode, 404);
      const mine = await f.app.inject({ method: 'GET', url: '/api/v1/watches', headers: f.auth('alpha:analyst') });
      assert.equal(mine.json<{ items: unknown[] }>().items.length, 1);
    },
  },
  'GET /api/v1/alerts': {
    run: async (f) => {
      await alphaWatch(f);
      const own = await f.app.inject({ method: 'GET', url: '/api/v1/alerts', headers: f.auth('alpha:analyst') });
      assert.ok(own.json<{ items: unknown[] }>().items.length > 0, 'alpha has alerts');
      const r = await call(f, { method: 'GET', url: '/api/v1/alerts' });
      assert.equal(r.statusCode, 200);
      assert.deepEqual(r.json<{ items: unknown[] }>().items, []);
      assert.doesNotMatch(r.body, /alpha case/);
    },
  },
};

let trailLoaded: Promise<{ theft: string; victim: string; watchId: number }> | null = null;
let trailFixture: HttpFixture | null = null;

/** A laundering trail in the chain index, and alpha's watch on the victim's address with its alerts. */
async function alphaWatch(f: HttpFixture): Promise<{ theft: string; victim: string; watchId: number }> {
  if (trailFixture !== f) {
    trailFixture = f;
    trailLoaded = (async () => {
      const trail = writeTrail({ seed: 31, backgroundPerBlock: 2 });
      await loadTrail(f.db, trail);
      const w = await f.app.inject({ method: 'POST', url: '/api/v1/watches', headers: f.auth('alpha:analyst'), payload: { target: trail.scenario.theft.victim, case: 'alpha case', hops: 100 } });
      assert.equal(w.statusCode, 200, w.body);
      await checkWatches(f.db);
      return { theft: trail.scenario.theft.txid, victim: trail.scenario.theft.victim, watchId: w.json<{ id: number }>().id };
    })();
  }
  return trailLoaded as Promise<{ theft: string; victim: string; watchId: number }>;
}

/** Alpha's intel sighting and campaign: an indicator imported, and a message from it delivered to alpha. */
async function alphaSighting(f: HttpFixture): Promise<void> {
  const { body, contentType } = multipart([{ name: 'feed.csv', bytes: Buffer.from('type,value,actor,confidence,tlp\nipv4,198.51.100.77,Lazarus Group,90,green\n') }]);
  await f.app.inject({ method: 'POST', url: '/api/v1/intel/import', headers: { ...f.auth('alpha:admin'), 'content-type': contentType }, payload: body });
  await uploadOne(f, 'alpha:analyst', mailTo('alpha', { ip: '198.51.100.77', subject: 'alpha campaign subject' }));
}

engineTest("every route refuses another organisation's credentials", async (t, s) => {
  const f = await httpFixture(s);
  try {
    const missing = f.app.routeTable.filter((r) => CASES[r] === undefined);
    assert.deepEqual(missing, [], 'routes without a cross-organisation case in test/integration/http-isolation.test.ts');
    for (const route of f.app.routeTable) {
      const c = CASES[route]!;
      if (c.run === undefined) {
        assert.ok(c.exempt !== undefined && c.exempt.length > 0, `${route}: a case must run or say why it is exempt`);
        continue;
      }
      await t.test(route, () => c.run!(f));
    }
  } finally {
    await f.close();
  }
});
