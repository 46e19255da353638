import assert from 'node:assert/strict';
import path from 'node:path';
import { engineTest } from '../helpers/stores.js';
import { ROOT, runCli } from '../helpers/cli.js';
import { campaignView, listCampaignPage, listCampaigns, updateCampaigns, type CampaignView } from '../../src/campaigns/index.js';
import { systemClock } from '../../src/core/index.js';
import { importIntelFile, loadMatcher } from '../../src/intel/index.js';
import { upsertOrgs } from '../../src/orgs/index.js';
import type { Db } from '../../src/store/index.js';
import { scenarioMails, storeMails } from './campaigns-helpers.js';

const CONTRACT = ['id', 'name', 'attempts', 'messages', 'recipientCount', 'recipients', 'organizationCount', 'organizations', 'firstSeen', 'lastSeen',
  'infrastructure', 'attribution', 'attemptList', 'summary'];

async function seed(db: Db): Promise<void> {
  await db.transaction((tx) => upsertOrgs(tx, [
    { id: 'org-a', name: 'Exchange A', domains: ['org-a.example'], authservId: null, trustedRelays: [] },
    { id: 'org-b', name: 'Exchange B', domains: ['org-b.example'], authservId: null, trustedRelays: [] },
  ]));
  await importIntelFile(db, path.join(ROOT, 'test', 'fixtures', 'campaigns', 'lazarus-ip.stix.json'), {}, systemClock);
  await updateCampaigns(db, { messages: await storeMails(db, scenarioMails()) });
}

engineTest('campaigns --json lists the police case with its statement, attribution and evidence', async (_t, s) => {
  await seed(s.db);
  const r = await runCli(['campaigns', '--json'], { env: s.env });
  assert.equal(r.code, 0, r.stderr);
  const list = JSON.parse(r.stdout) as CampaignView[];
  assert.equal(list.length, 2);
  const spear = list.find((c) => c.attempts === 5)!;
  assert.equal(spear.messages, 15);
  assert.deepEqual(spear.organizations, ['org-a', 'org-b']);
  assert.equal(spear.recipientCount, 11);
  assert.equal(spear.attribution[0]?.actor, 'Lazarus Group');
  assert.equal(spear.attribution[0]?.confidence, 80);
  assert.ok(spear.attribution[0].evidence.length > 0);
  assert.equal(spear.summary, 'Since July 2026, 11 employees at 2 exchanges received 5 separate phishing attempts, all sent from the same IP address 175.45.178.12, which threat intelligence links to Lazarus Group (confidence 80).');
  const other = list.find((c) => c.attempts === 3)!;
  assert.deepEqual(other.attribution, []);
  assert.match(other.summary, /no threat-intelligence attribution\.$/);
});

engineTest('campaigns show prints exactly the contract fields; unknown ids and orgs exit 3', async (_t, s) => {
  await seed(s.db);
  const list = JSON.parse((await runCli(['campaigns', '--json'], { env: s.env })).stdout) as CampaignView[];
  const id = list[0]!.id;
  const r = await runCli(['campaigns', 'show', id, '--json'], { env: s.env });
  assert.equal(r.code, 0, r.stderr);
  const v = JSON.parse(r.stdout) as Record<string, unknown>;
  assert.deepEqual(Object.keys(v), CONTRACT);
  for (const i of v.infrastructure as Record<string, unknown>[]) assert.deepEqual(Object.keys(i), ['type', 'value', 'attempts']);
  for (const a of v.attemptList as Record<string, unknown>[]) assert.deepEqual(Object.keys(a), ['id', 'sender', 'subject', 'firstSeen', 'recipients']);
  const text = await runCli(['campaigns', 'show', id], { env: s.env });
  assert.equal(text.code, 0);
  assert.ok(text.stdout.includes((v.summary as string)));
  assert.equal((await runCli(['campaigns', 'show', 'c-000000000000', '--json'], { env: s.env })).code, 3);
  assert.equal((await runCli(['campaigns', '--as-org', 'no-such-org'], { env: s.env })).code, 3);
});

engineTest('as one organisation: own mail in full, other organisations only as counts and shared indicators', async (_t, s) => {
  await seed(s.db);
  const r = await runCli(['campaigns', '--json', '--as-org', 'org-b'], { env: s.env });
  assert.equal(r.code, 0, r.stderr);
  const list = JSON.parse(r.stdout) as CampaignView[];
  // the look-alike listing scam reached only org-a: org-b sees that it exists, never its subjects or recipients
  assert.ok(!r.stdout.includes('Token listing proposal'));
  assert.ok(!r.stdout.includes('@org-a.example'));
  const scam = list.find((c) => c.attempts === 3)!;
  assert.equal(scam.recipientCount, 3);
  assert.deepEqual(scam.recipients, []);
  assert.deepEqual(scam.organizations, []);
  assert.equal(scam.organizationCount, 1);
  assert.ok(scam.attemptList.every((a) => a.sender === null && a.subject === null && a.recipients.length === 0));
  assert.ok(scam.infrastructure.some((i) => i.value === '203.0.113.9'), 'shared indicators at TLP:AMBER');
  const spear = list.find((c) => c.attempts === 5)!;
  assert.ok(spear.recipients.length > 0 && spear.recipients.every((x) => x.endsWith('@org-b.example')));
  assert.deepEqual(spear.organizations, ['org-b']);
  assert.equal(spear.organizationCount, 2);

  // the same view from the library the server calls, with sharing at TLP:RED: counts only
  const red = await campaignView(s.db, scam.id, { asOrg: 'org-b', sharingTlp: 'red', matcher: await loadMatcher(s.db) });
  assert.deepEqual(red.infrastructure, []);
  assert.equal(red.attempts, 3);
  const admin = await listCampaigns(s.db);
  assert.ok(admin.find((c) => c.id === scam.id)!.recipients.length === 3);
});

engineTest('campaigns rebuild reports what it clustered', async (_t, s) => {
  await seed(s.db);
  const r = await runCli(['campaigns', 'rebuild', '--json'], { env: s.env });
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), { messages: 18, attempts: 8, campaigns: 2 });
});

engineTest('campaign pages for the server: cursor, involved-only, and a forged cursor refused', async (_t, s) => {
  await seed(s.db);
  const p1 = await listCampaignPage(s.db, { limit: 1 });
  assert.equal(p1.items.length, 1);
  assert.notEqual(p1.next, null);
  const p2 = await listCampaignPage(s.db, { limit: 1, cursor: p1.next });
  assert.equal(p2.items.length, 1);
  assert.equal(p2.next, null);
  assert.notEqual(p2.items[0]!.id, p1.items[0]!.id);
  const mine = await listCampaignPage(s.db, { asOrg: 'org-b', involvedOnly: true });
  assert.deepEqual(mine.items.map((c) => c.attempts), [5]);
  await assert.rejects(listCampaignPage(s.db, { cursor: Buffer.from("x' OR 1=1 --").toString('base64url') }), /cursor/);
});
