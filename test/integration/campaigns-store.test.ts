import assert from 'node:assert/strict';
import { engineTest } from '../helpers/stores.js';
import { campaignsOfMessage, rebuildCampaigns, snapshotCampaigns, updateCampaigns } from '../../src/campaigns/index.js';
import { makeMail, scenarioMails, storeMails } from './campaigns-helpers.js';

engineTest('incremental updates in any batch order give the same campaigns as a rebuild', async (_t, s) => {
  const mails = scenarioMails();
  // an order unlike time order, in uneven batches
  const order = mails.map((m, i) => ({ m, k: (i * 7919) % mails.length })).sort((x, y) => x.k - y.k).map((x) => x.m);
  const idOf = new Map<(typeof mails)[number], string>();
  for (const batch of [order.slice(0, 4), order.slice(4, 5), order.slice(5, 13), order.slice(13)]) {
    const ids = await storeMails(s.db, batch);
    batch.forEach((m, i) => idOf.set(m, ids[i]!));
    await updateCampaigns(s.db, { messages: ids, now: () => '2026-09-01T00:00:00.000Z' });
  }
  const incremental = await snapshotCampaigns(s.db);
  await rebuildCampaigns(s.db, { now: () => '2026-09-01T00:00:00.000Z' });
  assert.deepEqual(await snapshotCampaigns(s.db), incremental);
  const rows = await s.db.all<{ id: string; attempt_count: number; message_count: number; name: string }>('SELECT id, attempt_count, message_count, name FROM campaigns ORDER BY first_seen');
  assert.deepEqual(rows.map((r) => [r.attempt_count, r.message_count]).sort(), [[3, 3], [5, 15]]);
  assert.equal(rows.find((r) => r.attempt_count === 5)?.name, '175.45.178.12 campaign');
  const spearMail = mails.find((m) => m.report.originatingIp === '175.45.178.12' && m.report.verdict === 'malicious')!;
  assert.deepEqual((await campaignsOfMessage(s.db, idOf.get(spearMail)!)).map((c) => c.name), ['175.45.178.12 campaign']);
  const newsletter = mails.find((m) => m.report.verdict === 'clean')!;
  assert.deepEqual(await campaignsOfMessage(s.db, idOf.get(newsletter)!), []);
  const clean = await s.db.get<{ n: number | string }>("SELECT COUNT(*) AS n FROM campaign_messages c JOIN mail_messages m ON COALESCE(m.legacy_id, CAST(m.id AS TEXT)) = c.message_id WHERE m.verdict = 'clean'");
  assert.equal(Number(clean?.n), 0);
});

engineTest('a new attempt bridging two campaigns merges them and the merge is recorded', async (_t, s) => {
  const base = { org: 'org-a', to: 'kim@org-a.example', body: 'Please open the attached statement and confirm the balances today.' };
  const weapon = 'ab'.repeat(32);
  const a = makeMail({ ...base, from: 'a@alpha-evil.example', subject: 'One', date: '2026-07-01T09:00:00.000Z', originatingIp: '198.51.100.10', attachments: [weapon] });
  const b = makeMail({ ...base, from: 'b@beta-evil.example', subject: 'Two', date: '2026-07-10T09:00:00.000Z', originatingIp: '192.0.2.20', body: 'Quarterly custody review documents are attached for your signature.' });
  await updateCampaigns(s.db, { messages: await storeMails(s.db, [a, b]) });
  assert.equal((await s.db.all('SELECT id FROM campaigns')).length, 2);
  // the same weapon as the first, sent from the second's IP
  const bridge = makeMail({ ...base, from: 'c@gamma-evil.example', subject: 'Three', date: '2026-07-20T09:00:00.000Z', originatingIp: '192.0.2.20', attachments: [weapon], body: 'Your payroll access expires; renew it from the HR portal now.' });
  const r = await updateCampaigns(s.db, { messages: await storeMails(s.db, [bridge]) });
  const rows = await s.db.all<{ id: string; attempt_count: number }>('SELECT id, attempt_count FROM campaigns');
  assert.deepEqual(rows.map((x) => x.attempt_count), [3]);
  assert.equal(r.merges.length, 1);
  const merge = await s.db.get<{ kept: string; absorbed: string; bridge_attempts: string }>('SELECT kept, absorbed, bridge_attempts FROM campaign_merges');
  assert.equal(merge?.kept, rows[0]!.id);
  assert.equal((JSON.parse(merge.absorbed) as string[]).length, 1);
  assert.equal((JSON.parse(merge.bridge_attempts) as string[]).length, 1);
});

engineTest('a message rescanned as clean leaves its campaign', async (_t, s) => {
  const m = makeMail({ org: 'org-a', from: 'x@evil.example', to: 'kim@org-a.example', subject: 'Hi', date: '2026-07-01T09:00:00.000Z', body: 'hello there friend', originatingIp: '198.51.100.10' });
  await updateCampaigns(s.db, { messages: await storeMails(s.db, [m]) });
  assert.equal((await s.db.all('SELECT id FROM campaigns')).length, 1);
  m.report.verdict = 'clean';
  await updateCampaigns(s.db, { messages: await storeMails(s.db, [m], '2026-09-02T00:00:00.000Z') });
  assert.equal((await s.db.all('SELECT id FROM campaigns')).length, 0);
  assert.equal((await s.db.all('SELECT message_id FROM campaign_facts')).length, 0);
});

engineTest('weak items crossing the fan-out cap split a campaign the same way incrementally and on rebuild', async (_t, s) => {
  // the same body from neighbouring addresses: body (0.6) + /24 (0.4) join while at most 64 attempts share them
  const mail = (i: number): ReturnType<typeof makeMail> => makeMail({
    org: 'org-a', from: `s${i}@sender${i}.example`, to: 'kim@org-a.example', subject: 'Custody account review',
    date: new Date(Date.UTC(2026, 0, 1) + i * 4 * 86_400_000).toISOString(), originatingIp: `198.51.100.${i + 1}`,
    body: 'Your custody account review is pending. Download the attached statement and confirm the balances with the treasury desk before the end of the week.',
  });
  const first = Array.from({ length: 64 }, (_, i) => mail(i));
  await updateCampaigns(s.db, { messages: await storeMails(s.db, first) });
  assert.equal((await s.db.all('SELECT id FROM campaigns')).length, 1);
  await updateCampaigns(s.db, { messages: await storeMails(s.db, [mail(64)]) });
  const incremental = await snapshotCampaigns(s.db);
  assert.equal((await s.db.all('SELECT id FROM campaigns')).length, 65);
  await rebuildCampaigns(s.db);
  assert.deepEqual(await snapshotCampaigns(s.db), incremental);
});
