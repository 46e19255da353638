import assert from 'node:assert/strict';
import fs from 'node:fs';
import { WEB_ROOT } from '../../src/http/routes/web.js';
import { httpFixture } from '../helpers/http.js';
import { engineTest } from '../helpers/stores.js';

engineTest('the dashboard is served with a strict CSP; asset paths cannot leave web/dist', async (_t, s) => {
  const f = await httpFixture(s);
  try {
    assert.ok(fs.existsSync(`${WEB_ROOT}index.html`), 'web/dist is built by npm run build (npm test builds first)');
    const page = await f.app.inject({ method: 'GET', url: '/' });
    assert.equal(page.statusCode, 200);
    assert.match(String(page.headers['content-type']), /text\/html/);
    const csp = String(page.headers['content-security-policy']);
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'self'(;|$)/, 'scripts only as files from the app itself');
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.equal(page.headers['x-content-type-options'], 'nosniff');
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(page.body)?.[1];
    assert.ok(script !== undefined, 'index.html loads its script from /assets');
    const js = await f.app.inject({ method: 'GET', url: script });
    assert.equal(js.statusCode, 200);
    assert.match(String(js.headers['cache-control']), /immutable/);
    for (const url of ['/assets/..%2F..%2Fpackage.json', '/assets/../index.html', '/assets/%2e%2e/%2e%2e/package.json', '/assets/x.map', '/package.json']) {
      const r = await f.app.inject({ method: 'GET', url });
      assert.notEqual(r.statusCode, 200, url);
      assert.doesNotMatch(r.body, /"devDependencies"/, url);
    }
    const api404 = await f.app.inject({ method: 'GET', url: '/api/v1/no-such-route', headers: f.auth('alpha:analyst') });
    assert.equal(api404.statusCode, 404);
  } finally {
    await f.close();
  }
});
