import assert from 'node:assert/strict';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { httpFixture, type HttpFixture } from '../helpers/http.js';
import { engineTest } from '../helpers/stores.js';

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
};

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
