import assert from 'node:assert/strict';
import { SESSION_COOKIE } from '../../src/http/index.js';
import { ALPHA, httpFixture } from '../helpers/http.js';
import { engineTest } from '../helpers/stores.js';

engineTest('health and the OpenAPI document need no credentials; the document lists every route', async (_t, s) => {
  const f = await httpFixture(s);
  try {
    const health = await f.app.inject({ method: 'GET', url: '/api/v1/health' });
    assert.equal(health.statusCode, 200);
    assert.equal(health.json<{ store: string }>().store, s.engine);
    const doc = (await f.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json<{ openapi: string; paths: Record<string, Record<string, unknown>> }>();
    assert.match(doc.openapi, /^3\./);
    for (const route of f.app.routeTable) {
      const [method, url] = route.split(' ') as [string, string];
      if (url === '/api/v1/openapi.json' || !url.startsWith('/api/')) continue;
      const oasPath = url.replace(/:(\w+)/g, '{$1}');
      assert.ok(doc.paths[oasPath]?.[method.toLowerCase()] !== undefined, `OpenAPI lacks ${route}`);
    }
  } finally {
    await f.close();
  }
});

engineTest('no credentials, a wrong token or a revoked token: 401 in the error shape', async (_t, s) => {
  const f = await httpFixture(s);
  try {
    for (const headers of [{}, { authorization: 'Bearer swt_nope' }, { authorization: 'Basic abc' }]) {
      const r = await f.app.inject({ method: 'GET', url: '/api/v1/organizations', headers });
      assert.equal(r.statusCode, 401);
      assert.equal(r.json<{ code: string }>().code, 'SW_UNAUTHENTICATED');
    }
    const list = (await f.app.inject({ method: 'GET', url: '/api/v1/tokens', headers: f.auth('alpha:admin') })).json<{ items: { id: number; name: string }[] }>();
    const victim = list.items.find((t) => t.name === 'alpha viewer')!;
    const del = await f.app.inject({ method: 'DELETE', url: `/api/v1/tokens/${victim.id}`, headers: f.auth('alpha:analyst') });
    assert.equal(del.statusCode, 204);
    assert.equal((await f.app.inject({ method: 'GET', url: '/api/v1/me', headers: f.auth('alpha:viewer') })).statusCode, 401);
  } finally {
    await f.close();
  }
});

engineTest('browser login: HttpOnly SameSite cookie, and state changes need the CSRF token', async (_t, s) => {
  const f = await httpFixture(s);
  try {
    const bad = await f.app.inject({ method: 'POST', url: '/api/v1/session', payload: { email: 'analyst@alpha-ex.example', password: 'wrong password!' } });
    assert.equal(bad.statusCode, 401);
    const login = await f.app.inject({ method: 'POST', url: '/api/v1/session', payload: { email: 'ANALYST@alpha-ex.example', password: f.password } });
    assert.equal(login.statusCode, 200, login.body);
    const setCookie = String(login.headers['set-cookie']);
    assert.match(setCookie, /HttpOnly/);
    assert.match(setCookie, /SameSite=Strict/);
    const sid = login.cookies.find((c) => c.name === SESSION_COOKIE)!.value;
    const { csrfToken } = login.json<{ csrfToken: string }>();
    const me = await f.app.inject({ method: 'GET', url: '/api/v1/me', cookies: { [SESSION_COOKIE]: sid } });
    assert.deepEqual(me.json(), { kind: 'user', name: 'analyst@alpha-ex.example', orgId: 'alpha', role: 'analyst' });
    const body = { orgId: 'alpha', role: 'viewer', name: 'from the browser' };
    const noCsrf = await f.app.inject({ method: 'POST', url: '/api/v1/tokens', cookies: { [SESSION_COOKIE]: sid }, payload: body });
    assert.equal(noCsrf.statusCode, 403);
    const withCsrf = await f.app.inject({ method: 'POST', url: '/api/v1/tokens', cookies: { [SESSION_COOKIE]: sid }, headers: { 'x-csrf-token': csrfToken }, payload: body });
    assert.equal(withCsrf.statusCode, 200, withCsrf.body);
    const out = await f.app.inject({ method: 'DELETE', url: '/api/v1/session', cookies: { [SESSION_COOKIE]: sid }, headers: { 'x-csrf-token': csrfToken } });
    assert.equal(out.statusCode, 204);
    assert.equal((await f.app.inject({ method: 'GET', url: '/api/v1/me', cookies: { [SESSION_COOKIE]: sid } })).statusCode, 401);
  } finally {
    await f.close();
  }
});

engineTest('bad input gets 400 with a clear message; prototype poisoning is refused; unknown routes 404', async (_t, s) => {
  const f = await httpFixture(s);
  try {
    const wrongType = await f.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: f.auth('alpha:admin'), payload: { orgId: 'alpha', role: 'superuser' } });
    assert.equal(wrongType.statusCode, 400);
    assert.equal(wrongType.json<{ code: string }>().code, 'SW_USAGE');
    const poison = await f.app.inject({
      method: 'PUT', url: '/api/v1/organizations/zulu', headers: { ...f.auth('alpha:admin'), 'content-type': 'application/json' },
      payload: '{"name":"Z","domains":["z.example"],"__proto__":{"admin":true}}',
    });
    assert.equal(poison.statusCode, 400);
    const badJson = await f.app.inject({ method: 'PUT', url: '/api/v1/organizations/zulu', headers: { ...f.auth('alpha:admin'), 'content-type': 'application/json' }, payload: '{"name":' });
    assert.equal(badJson.statusCode, 400);
    const badDomain = await f.app.inject({ method: 'PUT', url: '/api/v1/organizations/zulu', headers: f.auth('alpha:admin'), payload: { name: 'Z', domains: ['not a domain'] } });
    assert.equal(badDomain.statusCode, 400);
    assert.match(badDomain.json<{ message: string }>().message, /not a valid domain/);
    const nowhere = await f.app.inject({ method: 'GET', url: '/api/v1/nowhere', headers: f.auth('alpha:admin') });
    assert.equal(nowhere.statusCode, 404);
    assert.equal(nowhere.json<{ code: string }>().code, 'SW_NOT_FOUND');
  } finally {
    await f.close();
  }
});

engineTest('viewers cannot change anything; analysts cannot mint admin tokens; admins see every organisation', async (_t, s) => {
  const f = await httpFixture(s);
  try {
    const viewer = await f.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: f.auth('alpha:viewer'), payload: { orgId: 'alpha', role: 'viewer' } });
    assert.equal(viewer.statusCode, 403);
    const escalate = await f.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: f.auth('alpha:analyst'), payload: { orgId: 'alpha', role: 'admin' } });
    assert.equal(escalate.statusCode, 403);
    const orgs = (await f.app.inject({ method: 'GET', url: '/api/v1/organizations', headers: f.auth('bravo:admin') })).json<{ items: { id: string }[] }>();
    assert.deepEqual(orgs.items.map((o) => o.id), ['alpha', 'bravo']);
    const one = await f.app.inject({ method: 'GET', url: '/api/v1/organizations/alpha', headers: f.auth('bravo:admin') });
    assert.equal(one.json<{ name: string }>().name, ALPHA.name);
  } finally {
    await f.close();
  }
});
