import assert from 'node:assert/strict';
import { httpFixture } from '../helpers/http.js';
import { engineTest } from '../helpers/stores.js';
import { mailTo, multipart, upload, uploadOne, type Uploaded } from './http-fixtures.js';

interface Page {
  items: { id: string; org: string; verdict: string; subject: string; signals: string[]; from: { address: string } }[];
  nextCursor: string | null;
}

engineTest('upload a raw message: stored for the caller’s organisation, with its id and analysis', async (_t, s) => {
  const f = await httpFixture(s);
  try {
    const raw = mailTo('alpha');
    const up = await uploadOne(f, 'alpha:analyst', raw);
    assert.match(up.id, /^[0-9a-f]+$/);
    assert.equal(up.report.org, 'alpha');
    assert.notEqual(up.report.verdict, 'clean', 'a credential lure from a lookalike domain with failed DMARC');
    assert.ok(up.report.signals.some((x) => x.id === 'auth.dmarc-fail'));

    const one = await f.app.inject({ method: 'GET', url: `/api/v1/messages/${up.id}`, headers: f.auth('alpha:viewer') });
    assert.equal(one.statusCode, 200, one.body);
    const detail = one.json<{ id: string; org: string; report: Uploaded['report'] & { receivedChain: unknown[]; auth: { dmarc: string } } }>();
    assert.equal(detail.id, up.id);
    assert.equal(detail.report.sha256, up.report.sha256);
    assert.equal(detail.report.auth.dmarc, 'fail');
    assert.equal(detail.report.receivedChain.length, 2);

    const raw2 = await f.app.inject({ method: 'GET', url: `/api/v1/messages/${up.id}/raw`, headers: f.auth('alpha:viewer') });
    assert.equal(raw2.statusCode, 200);
    assert.equal(raw2.headers['content-type'], 'message/rfc822');
    assert.match(String(raw2.headers['content-disposition']), /^attachment; filename="[0-9a-f]{64}\.eml"$/);
    assert.equal(raw2.headers['x-content-type-options'], 'nosniff');
    assert.deepEqual(raw2.rawPayload, raw);

    // the same bytes again: one message, not two
    const again = await uploadOne(f, 'alpha:analyst', raw);
    assert.equal(again.id, up.id);
    const list = (await f.app.inject({ method: 'GET', url: '/api/v1/messages', headers: f.auth('alpha:analyst') })).json<Page>();
    assert.equal(list.items.length, 1);
    assert.ok(list.items[0]!.signals.includes('auth.dmarc-fail'));
  } finally {
    await f.close();
  }
});

engineTest('multipart upload of several files answers one item per file, in order', async (_t, s) => {
  const f = await httpFixture(s);
  try {
    const files = [
      { name: 'a.eml', bytes: mailTo('alpha', { subject: 'first' }) },
      { name: 'b.eml', bytes: mailTo('alpha', { subject: 'second' }) },
    ];
    const { body, contentType } = multipart(files);
    const r = await f.app.inject({ method: 'POST', url: '/api/v1/messages', headers: { ...f.auth('alpha:analyst'), 'content-type': contentType }, payload: body });
    assert.equal(r.statusCode, 200, r.body);
    const items = r.json<{ items: Uploaded[] }>().items;
    assert.deepEqual(items.map((i) => [i.file, i.report.subject]), [['a.eml', 'first'], ['b.eml', 'second']]);
  } finally {
    await f.close();
  }
});

engineTest('list and search: verdict, org, sender, dates, signal, free text, cursor pages', async (_t, s) => {
  const f = await httpFixture(s);
  try {
    await uploadOne(f, 'alpha:analyst', mailTo('alpha', { subject: 'Wallet audit', date: 'Mon, 06 Jul 2026 08:00:00 +0000' }));
    await uploadOne(f, 'alpha:analyst', mailTo('alpha', { subject: 'Quarterly report', from: 'Bob <bob@partner.example>', date: 'Wed, 08 Jul 2026 08:00:00 +0000', text: 'Minutes attached. See you Thursday.' }));
    await uploadOne(f, 'alpha:analyst', mailTo('alpha', { subject: 'Password reset needed', date: 'Fri, 10 Jul 2026 08:00:00 +0000' }));
    await uploadOne(f, 'bravo:analyst', mailTo('bravo', { subject: 'Bravo only' }));
    const get = async (q: string, who: 'alpha:analyst' | 'alpha:admin' = 'alpha:analyst'): Promise<Page> => {
      const r = await f.app.inject({ method: 'GET', url: `/api/v1/messages${q}`, headers: f.auth(who) });
      assert.equal(r.statusCode, 200, r.body);
      return r.json<Page>();
    };
    assert.deepEqual((await get('')).items.map((i) => i.subject), ['Password reset needed', 'Quarterly report', 'Wallet audit'], 'newest first, own org only');
    assert.equal((await get('', 'alpha:admin')).items.length, 4);
    assert.deepEqual((await get('?org=bravo', 'alpha:admin')).items.map((i) => i.subject), ['Bravo only']);
    assert.deepEqual((await get('?org=bravo')).items, [], 'an analyst filtering on another org gets nothing');
    assert.deepEqual((await get('?sender=partner.example')).items.map((i) => i.subject), ['Quarterly report']);
    assert.deepEqual((await get('?sender=bob@partner.example')).items.map((i) => i.subject), ['Quarterly report']);
    assert.deepEqual((await get('?q=PASSWORD')).items.map((i) => i.subject), ['Password reset needed']);
    assert.deepEqual((await get('?q=100%25')).items, [], 'LIKE wildcards in the text are literal');
    assert.deepEqual((await get('?since=2026-07-07&until=2026-07-09')).items.map((i) => i.subject), ['Quarterly report']);
    const withSignal = await get('?signal=auth.dmarc-fail');
    assert.equal(withSignal.items.length, 3);
    assert.deepEqual((await get('?signal=auth.no-such-signal')).items, []);
    const verdicts = new Set((await get('?verdict=clean')).items.map((i) => i.verdict));
    assert.ok(verdicts.size <= 1 && (verdicts.size === 0 || verdicts.has('clean')));
    const p1 = await get('?limit=2');
    assert.equal(p1.items.length, 2);
    assert.ok(p1.nextCursor !== null);
    const p2 = await get(`?limit=2&cursor=${p1.nextCursor}`);
    assert.deepEqual(p2.items.map((i) => i.subject), ['Wallet audit']);
    assert.equal(p2.nextCursor, null);
  } finally {
    await f.close();
  }
});

engineTest('search: words through the index find what they begin, in any case, and nothing else', async (_t, s) => {
  const f = await httpFixture(s);
  try {
    await uploadOne(f, 'alpha:analyst', mailTo('alpha', { subject: 'Password reset needed' }));
    await uploadOne(f, 'alpha:analyst', mailTo('alpha', { subject: 'Quarterly report', from: 'Bob Lee <bob.lee@partner.example>' }));
    await uploadOne(f, 'alpha:analyst', mailTo('alpha', { subject: '=?UTF-8?B?67mE67CA67KI7Zi4IOuzgOqyvSDsmpTssq0=?=' }));
    const subjects = async (q: string): Promise<string[]> => {
      const r = await f.app.inject({ method: 'GET', url: `/api/v1/messages?q=${encodeURIComponent(q)}`, headers: f.auth('alpha:analyst') });
      assert.equal(r.statusCode, 200, r.body);
      return r.json<Page>().items.map((i) => i.subject).sort();
    };
    assert.deepEqual(await subjects('password'), ['Password reset needed']);
    assert.deepEqual(await subjects('PASS'), ['Password reset needed'], 'a word matches the words it begins');
    assert.deepEqual(await subjects('word'), [], 'but not words it is only inside of');
    assert.deepEqual(await subjects('reset password'), ['Password reset needed'], 'every word must match, in any order');
    assert.deepEqual(await subjects('reset report'), []);
    assert.deepEqual(await subjects('bob'), ['Quarterly report'], 'the sender address');
    assert.deepEqual(await subjects('partner.example'), ['Quarterly report'], 'an address or domain is its words');
    assert.deepEqual(await subjects('Lee'), ['Quarterly report'], 'the sender name');
    assert.deepEqual(await subjects('비밀번호'), ['비밀번호 변경 요청'], 'Korean words');
    assert.deepEqual(await subjects('zzqqxx'), [], 'a word in no message');
    assert.deepEqual(await subjects('q'), [], 'one letter matches only the one-letter word');
    assert.deepEqual(await subjects('%%'), [], 'punctuation alone is no word');
    const bravo = await f.app.inject({ method: 'GET', url: '/api/v1/messages?q=password', headers: f.auth('bravo:analyst') });
    assert.deepEqual(bravo.json<Page>().items, [], 'another organisation’s mail is not found');
  } finally {
    await f.close();
  }
});

engineTest('bad uploads and bad queries: 400/415 with a clear message, nothing stored', async (_t, s) => {
  const f = await httpFixture(s);
  try {
    const empty = await upload(f, 'alpha:analyst', Buffer.alloc(0));
    assert.equal(empty.statusCode, 400, empty.body);
    const wrongType = await f.app.inject({ method: 'POST', url: '/api/v1/messages', headers: { ...f.auth('alpha:analyst'), 'content-type': 'text/csv' }, payload: 'a,b' });
    assert.equal(wrongType.statusCode, 415);
    const noFile = multipart([], { note: 'x' });
    const r = await f.app.inject({ method: 'POST', url: '/api/v1/messages', headers: { ...f.auth('alpha:analyst'), 'content-type': noFile.contentType }, payload: noFile.body });
    assert.equal(r.statusCode, 400);
    assert.match(r.json<{ message: string }>().message, /no file/);
    for (const url of ['/api/v1/messages/not-hex', '/api/v1/messages?cursor=@@@', '/api/v1/messages?verdict=evil', '/api/v1/messages?since=yesterday', '/api/v1/messages?limit=100000']) {
      const b = await f.app.inject({ method: 'GET', url, headers: f.auth('alpha:analyst') });
      assert.equal(b.statusCode, 400, `${url}: ${b.body}`);
      assert.equal(b.json<{ code: string }>().code, 'SW_USAGE');
    }
    const missing = await f.app.inject({ method: 'GET', url: `/api/v1/messages/${'ab'.repeat(32)}`, headers: f.auth('alpha:analyst') });
    assert.equal(missing.statusCode, 404);
    const list = await f.app.inject({ method: 'GET', url: '/api/v1/messages', headers: f.auth('alpha:admin') });
    assert.deepEqual(list.json<Page>().items, []);
  } finally {
    await f.close();
  }
});

engineTest('viewers cannot upload; nobody uploads into another organisation', async (_t, s) => {
  const f = await httpFixture(s);
  try {
    assert.equal((await upload(f, 'alpha:viewer', mailTo('alpha'))).statusCode, 403);
    assert.equal((await upload(f, 'bravo:analyst', mailTo('alpha'), '?org=alpha')).statusCode, 404);
    const own = await uploadOne(f, 'bravo:analyst', mailTo('alpha'));
    assert.equal(own.report.org, 'bravo', "a non-admin's upload belongs to its own organisation whatever the recipients say");
    const admin = await upload(f, 'alpha:admin', mailTo('bravo', { subject: 'routed by recipients' }));
    assert.equal(admin.json<{ items: Uploaded[] }>().items[0]!.report.org, 'bravo');
  } finally {
    await f.close();
  }
});

engineTest('the viewer body is sanitised server-side: no scripts, no remote loads, links defanged', async (_t, s) => {
  const f = await httpFixture(s);
  try {
    const html = '<html><head><script>alert(1)</script><style>body{background:url(https://track.example/a.png)}</style></head><body>' +
      '<p onclick="steal()">Dear user, <a href="https://alpha-ex-login.example/login?u=1">log in here</a></p>' +
      '<img src="https://track.example/pixel.gif?id=7" alt="logo" onerror="alert(2)">' +
      '<form action="https://collect.example/p"><input type="password" name="pw"></form>' +
      '<iframe src="https://evil.example/"></iframe><svg onload="alert(3)"><circle/></svg></body></html>';
    const up = await uploadOne(f, 'alpha:analyst', mailTo('alpha', { html }));
    const r = await f.app.inject({ method: 'GET', url: `/api/v1/messages/${up.id}/body`, headers: f.auth('alpha:analyst') });
    assert.equal(r.statusCode, 200, r.body);
    const b = r.json<{ kind: string; html: string; remoteImages: number; links: number; forms: number }>();
    assert.equal(b.kind, 'html');
    assert.equal(b.remoteImages, 1);
    assert.equal(b.links, 1);
    assert.equal(b.forms, 1);
    assert.doesNotMatch(b.html, /<script|onclick|onerror|onload|<iframe|<svg|<img|<form|<input|href=|src=|url\(https/i);
    assert.doesNotMatch(b.html, /https?:\/\//i, 'no live URL anywhere in the document');
    assert.match(b.html, /hxxps:\/\/alpha-ex-login\[\.\]example\/login/);
    assert.match(b.html, /remote image from track\[\.\]example not loaded: logo/);
    assert.match(b.html, /password field/);
    assert.match(b.html, /Content-Security-Policy" content="default-src 'none'/);
  } finally {
    await f.close();
  }
});
