import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { campaignsOfMessage, listCampaigns, rebuildCampaigns, updateCampaigns } from '../../src/campaigns/index.js';
import { sha256Hex } from '../../src/core/index.js';
import { analyzeMessage, DEFAULT_BRANDS, saveScan, type MessageReport } from '../../src/mail/index.js';
import { migrate, openStore, PostgresDb, type Db } from '../../src/store/index.js';
import { MIGRATIONS } from '../../src/store/migrations/index.js';
import { ROOT, runCli } from '../helpers/cli.js';
import { ALPHA, BRAVO, httpFixture } from '../helpers/http.js';
import { engineTest, type TestStore } from '../helpers/stores.js';
import { makeMail } from './campaigns-helpers.js';
import { mailTo, uploadOne } from './http-fixtures.js';

/** One lure delivered, byte for byte, to two organisations (a shared distribution list, a BCC'd mailing). */
function sharedLure(org: string): { report: MessageReport; raw: Buffer } {
  const m = makeMail({
    org: 'org-a', from: 'desk@listing-review.example', to: 'ops@partners.example', subject: 'Listing deposit overdue',
    date: '2026-07-01T09:00:00.000Z', body: 'Pay the listing deposit through the partner portal within two days.', originatingIp: '198.51.100.77',
  });
  return { report: { ...m.report, org }, raw: m.raw };
}

const count = async (db: Db, table: string): Promise<number> => Number((await db.get<{ n: number | string }>(`SELECT COUNT(*) AS n FROM ${table}`))?.n);

engineTest('per-organisation messages: the same bytes for two organisations are two messages, raw bytes stored once', async (_t, s) => {
  const now = '2026-09-01T00:00:00.000Z';
  const a = sharedLure('org-a');
  const b = sharedLure('org-b');
  const [ra, rb, again] = await s.db.transaction(async (tx) => [await saveScan(tx, a.report, a.raw, now), await saveScan(tx, b.report, b.raw, now), await saveScan(tx, a.report, a.raw, now)]);
  assert.notEqual(ra.id, rb.id, 'each organisation’s copy has its own id');
  assert.equal(again.id, ra.id, 'scanning the same message twice for the same organisation stores it once');
  assert.equal(await count(s.db, 'mail_messages'), 2);
  assert.equal(await count(s.db, 'mail_raw'), 1);
  const orgs = await s.db.all<{ org_id: string }>('SELECT org_id FROM mail_messages WHERE sha256 = ? ORDER BY org_id', [a.report.sha256]);
  assert.deepEqual(orgs.map((o) => o.org_id), ['org-a', 'org-b']);

  // both copies take part in one attempt, and the campaign spans both organisations
  await updateCampaigns(s.db, { messages: [ra.id, rb.id], now: () => now });
  const [view] = await listCampaigns(s.db);
  assert.equal(view?.messages, 2);
  assert.equal(view?.attempts, 1);
  assert.deepEqual(view?.organizations, ['org-a', 'org-b']);
  assert.deepEqual((await campaignsOfMessage(s.db, rb.id)).map((c) => c.id), [view.id]);
  const asB = (await listCampaigns(s.db, { asOrg: 'org-b' }))[0]!;
  assert.equal(asB.organizationCount, 2);
  assert.deepEqual(asB.organizations, ['org-b']);
});

engineTest('per-organisation messages: a copy stored before its organisation was known becomes that organisation’s, keeping its id', async (_t, s) => {
  const now = '2026-09-01T00:00:00.000Z';
  const unknown = sharedLure('org-a');
  unknown.report = { ...unknown.report, org: null };
  const first = await s.db.transaction((tx) => saveScan(tx, unknown.report, unknown.raw, now));
  const adopted = await s.db.transaction((tx) => saveScan(tx, sharedLure('org-a').report, unknown.raw, now));
  assert.equal(adopted.id, first.id);
  assert.equal(await count(s.db, 'mail_messages'), 1);
  assert.equal((await s.db.get<{ org_id: string }>('SELECT org_id FROM mail_messages'))?.org_id, 'org-a');
  // another organisation's copy is a message of its own; the first organisation's stays where it is
  const other = await s.db.transaction((tx) => saveScan(tx, sharedLure('org-b').report, unknown.raw, now));
  assert.notEqual(other.id, first.id);
  assert.equal(await count(s.db, 'mail_messages'), 2);
  assert.equal(await count(s.db, 'mail_sources'), 2, 'where each copy was seen');
});

engineTest('spearwatch scan: one file scanned for two organisations stores two messages; --json carries their ids', async (_t, s) => {
  for (const [id, domain] of [['acme', 'acme-exchange.com'], ['other', 'other-exchange.example']] as const) {
    const r = await runCli(['org', 'add', id, '--name', id, '--domain', domain, '--authserv-id', `mx.${domain}`], { env: s.env });
    assert.equal(r.code, 0, r.stderr);
  }
  const file = path.join(ROOT, 'test', 'fixtures', 'mail', 'own', 'lookalike-spear.eml');
  const scan = async (org: string): Promise<{ id: string; org: string; sha256: string }> => {
    const r = await runCli(['scan', file, '--offline', '--json', '--workers', '1', '--org', org], { env: s.env });
    assert.equal(r.code, 0, r.stderr);
    return JSON.parse(r.stdout.trim()) as { id: string; org: string; sha256: string };
  };
  const acme = await scan('acme');
  const other = await scan('other');
  const acmeAgain = await scan('acme');
  assert.equal(acme.org, 'acme');
  assert.equal(other.org, 'other');
  assert.equal(acme.sha256, other.sha256);
  assert.notEqual(acme.id, other.id);
  assert.equal(acmeAgain.id, acme.id);
  assert.equal(await count(s.db, 'mail_messages'), 2);
  assert.equal(await count(s.db, 'mail_raw'), 1);
  const [view] = await listCampaigns(s.db);
  assert.deepEqual(view?.organizations, ['acme', 'other'], 'the scan updated a campaign spanning both');
  const none = await runCli(['scan', file, '--offline', '--json', '--no-store', '--org', 'acme'], { env: s.env });
  assert.equal((JSON.parse(none.stdout.trim()) as { id?: string }).id, undefined, 'nothing stored, no id');
});

engineTest('HTTP: the same message uploaded by two organisations is two messages, each visible only to its own', async (_t, s) => {
  const f = await httpFixture(s);
  try {
    const raw = mailTo('alpha', { subject: 'Shared lure' });
    const a = await uploadOne(f, 'alpha:analyst', raw);
    const b = await uploadOne(f, 'bravo:analyst', raw);
    assert.notEqual(a.id, b.id);
    assert.equal(a.report.sha256, b.report.sha256);
    assert.deepEqual([a.report.org, b.report.org], ['alpha', 'bravo']);
    assert.equal((await uploadOne(f, 'bravo:analyst', raw)).id, b.id, 'bravo uploading it again: still one message for bravo');
    const get = (id: string, who: 'alpha:analyst' | 'bravo:analyst' | 'alpha:admin'): Promise<{ statusCode: number; json<T>(): T }> =>
      f.app.inject({ method: 'GET', url: `/api/v1/messages/${id}`, headers: f.auth(who) });
    assert.equal((await get(a.id, 'alpha:analyst')).json<{ org: string }>().org, 'alpha');
    assert.equal((await get(b.id, 'bravo:analyst')).json<{ org: string }>().org, 'bravo');
    assert.equal((await get(b.id, 'alpha:analyst')).statusCode, 404, 'bravo’s copy is not alpha’s to see');
    assert.equal((await get(a.id, 'bravo:analyst')).statusCode, 404);
    const all = (await f.app.inject({ method: 'GET', url: '/api/v1/messages', headers: f.auth('alpha:admin') })).json<{ items: { id: string; org: string }[] }>();
    assert.deepEqual(all.items.map((i) => i.org).sort(), ['alpha', 'bravo']);
    const campaigns = (await get(b.id, 'bravo:analyst')).json<{ campaigns: { id: string }[] }>().campaigns;
    assert.equal(campaigns.length, 1);
    const c = (await f.app.inject({ method: 'GET', url: `/api/v1/campaigns/${campaigns[0]!.id}`, headers: f.auth('alpha:admin') })).json<{ organizations: string[]; messages: number }>();
    assert.deepEqual(c.organizations, ['alpha', 'bravo']);
    assert.equal(c.messages, 2);
  } finally {
    await f.close();
  }
});

/** Reopen the test store empty and bring it to schema 51, the last one with messages keyed by SHA-256 alone. */
async function storeAt51(s: TestStore): Promise<Db> {
  await s.db.close();
  let db: Db;
  if (s.engine === 'sqlite') {
    fs.rmSync(path.join(s.home, 'spearwatch.db'), { force: true });
    db = await openStore({ home: s.home, migrate: false });
  } else {
    const url = new URL(s.env.SPEARWATCH_DATABASE_URL!);
    const schema = /search_path=(\w+)/.exec(url.searchParams.get('options') ?? '')![1]!;
    url.searchParams.delete('options');
    const admin = new PostgresDb(url.toString());
    await admin.exec(`DROP SCHEMA ${schema} CASCADE; CREATE SCHEMA ${schema}`);
    await admin.close();
    db = await openStore({ home: s.home, databaseUrl: url.toString(), pgSchema: schema, migrate: false });
  }
  await migrate(db, MIGRATIONS.filter((m) => m.version <= 51));
  s.db = db;
  return db;
}

engineTest('migration 52 converts an old store: ids stay the SHA-256s the API gave out, sources, observables and campaigns follow', async (_t, s) => {
  const db = await storeAt51(s);
  const at = '2026-08-01T00:00:00.000Z';
  const raw = mailTo('alpha', { subject: 'Before the upgrade' });
  const report = await analyzeMessage(raw, { org: ALPHA, orgs: [ALPHA, BRAVO], partnerBrands: DEFAULT_BRANDS, authMode: 'offline' });
  const sha = report.sha256;
  assert.notEqual(report.verdict, 'clean');
  // the rows as spearwatch wrote them up to schema 51 (src/mail/store/repo.ts then), with a campaign fact
  await db.transaction(async (tx) => {
    await tx.run('INSERT INTO mail_raw (sha256, size, bytes, stored_at) VALUES (?, ?, ?, ?)', [sha, raw.length, raw, at]);
    await tx.run(`INSERT INTO mail_messages (sha256, org_id, message_id, sent_date, from_address, from_name, sender_domain, subject, originating_ip, client_ip,
      verdict, score, rules_version, report, first_scanned_at, last_scanned_at) VALUES (?, 'alpha', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'old', ?, ?, ?)`, [
      sha, report.messageId, report.date, report.from.address, report.from.name, 'alpha-ex-login.example', report.subject, report.originatingIp, report.clientIp,
      report.verdict, report.score, JSON.stringify(report), at, at]);
    await tx.run("INSERT INTO mail_sources (sha256, file, idx, seen_at) VALUES (?, 'old.eml', 0, ?)", [sha, at]);
    await tx.run("INSERT INTO mail_observables (sha256, type, value) VALUES (?, 'ipv4', '203.0.113.45')", [sha]);
  });
  const { extractFacts, attemptKey } = await import('../../src/campaigns/index.js');
  const facts = extractFacts(report, raw, at) as unknown as Record<string, unknown>;
  delete facts.id;
  await db.run('INSERT INTO campaign_facts (sha256, org_id, attempt_key, sent_at, scanned_at, facts) VALUES (?, ?, ?, ?, ?, ?)',
    [sha, 'alpha', attemptKey(facts as never), String(facts.date), at, JSON.stringify(facts)]);

  assert.deepEqual(await migrate(db), MIGRATIONS.filter((m) => m.version > 51).map((m) => m.version));
  const row = await db.get<{ id: number; legacy_id: string; org_id: string }>('SELECT id, legacy_id, org_id FROM mail_messages');
  assert.equal(row?.legacy_id, sha);
  assert.equal(row?.org_id, 'alpha');
  assert.deepEqual(await db.all('SELECT file, idx FROM mail_sources WHERE message_id = ?', [Number(row.id)]), [{ file: 'old.eml', idx: 0 }]);
  assert.equal(await count(db, 'mail_observables'), 1);
  assert.deepEqual((await db.all<{ message_id: string }>('SELECT message_id FROM campaign_facts')).map((r) => r.message_id), [sha]);

  // the id the API handed out before the upgrade still opens the message; the rebuilt attempt keeps its old id
  const f = await httpFixture(s);
  try {
    const old = await f.app.inject({ method: 'GET', url: `/api/v1/messages/${sha}`, headers: f.auth('alpha:analyst') });
    assert.equal(old.statusCode, 200, old.body);
    assert.equal(old.json<{ id: string }>().id, sha);
    await rebuildCampaigns(db);
    const [view] = await listCampaigns(db);
    assert.equal(view?.attemptList[0]?.id, `a-${sha256Hex(`${attemptKey(facts as never)}\n${sha}`).slice(0, 12)}`, 'the attempt id it had before');
    // bravo receives the same bytes after the upgrade: a second message with a new-style id, in the same campaign
    const b = await uploadOne(f, 'bravo:analyst', raw);
    assert.match(b.id, /^[1-9][0-9]*$/);
    const [after] = await listCampaigns(db);
    assert.equal(after?.id, view?.id, 'the campaign keeps its id');
    assert.deepEqual(after?.organizations, ['alpha', 'bravo']);
    const page = (await f.app.inject({ method: 'GET', url: '/api/v1/messages', headers: f.auth('alpha:admin') })).json<{ items: { id: string }[] }>();
    assert.deepEqual(page.items.map((i) => i.id).sort(), [b.id, sha].sort());
    // migration 53 indexed the old message for search: by its words and by its signals
    const search = async (q: string): Promise<string[]> =>
      (await f.app.inject({ method: 'GET', url: `/api/v1/messages?${q}`, headers: f.auth('alpha:analyst') })).json<{ items: { id: string }[] }>().items.map((i) => i.id);
    assert.deepEqual(await search('q=upgrade'), [sha]);
    assert.deepEqual(await search('signal=auth.dmarc-fail'), [sha]);
    assert.deepEqual(await search('q=downgrade'), []);
  } finally {
    await f.close();
  }
});
