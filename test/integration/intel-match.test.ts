import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fixedClock } from '../../src/core/index.js';
import { importIntelFile, loadMatcher, type IntelMatch } from '../../src/intel/index.js';
import { engineTest } from '../helpers/stores.js';

const clock = fixedClock('2026-11-22T12:00:00.000Z');
const T0 = '2024-01-01T00:00:00.000Z';
let n = 0;
const uuid = (): string => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;

function ind(pattern: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { type: 'indicator', spec_version: '2.1', id: `indicator--${uuid()}`, created: T0, modified: T0, pattern, pattern_type: 'stix', valid_from: T0, ...extra };
}

const ACTOR = { type: 'intrusion-set', spec_version: '2.1', id: `intrusion-set--${uuid()}`, created: T0, modified: T0, name: 'Lazarus Group', aliases: ['HIDDEN COBRA', 'ZINC'] };
const CAMPAIGN = { type: 'campaign', spec_version: '2.1', id: `campaign--${uuid()}`, created: T0, modified: T0, name: 'Operation Dream Job' };
const I_CAMP = ind("[domain-name:value = 'jobs-portal.example']");
const I_DIRECT = ind("[ipv4-addr:value = '10.1.2.3']");
const OBJECTS = [
  ACTOR, CAMPAIGN, I_CAMP, I_DIRECT,
  ind("[ipv4-addr:value = '10.0.0.0/8']", { confidence: 40 }),
  ind("[ipv4-addr:value ISSUBSET '10.1.0.0/16']", { confidence: 60 }),
  ind("[ipv6-addr:value = '2001:db8::/32']"),
  ind("[domain-name:value = 'evil.co.uk']"),
  ind("[domain-name:value = 'co.uk']"),
  ind("[url:value = 'https://phish.example/login?next=%2Fhome']"),
  ind("[email-addr:value = 'ceo@spoof.example']"),
  ind("[domain-name:value = 'spoof.example']"),
  ind("[cryptocurrency-wallet:value = 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4']"),
  ind("[file:hashes.'SHA-256' = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855']"),
  ind("[domain-name:value = 'old.example']", { valid_until: '2025-01-01T00:00:00.000Z' }),
  ind("[domain-name:value = 'withdrawn.example']", { revoked: true }),
  ind("[domain-name:value = 'future.example']", { valid_from: '2030-01-01T00:00:00.000Z' }),
  ind("[domain-name:value = 'lure.example'] AND [ipv4-addr:value = '192.0.2.66']"),
  { type: 'relationship', spec_version: '2.1', id: `relationship--${uuid()}`, created: T0, modified: T0, relationship_type: 'indicates', source_ref: I_DIRECT.id, target_ref: ACTOR.id },
  { type: 'relationship', spec_version: '2.1', id: `relationship--${uuid()}`, created: T0, modified: T0, relationship_type: 'indicates', source_ref: I_CAMP.id, target_ref: CAMPAIGN.id },
  { type: 'relationship', spec_version: '2.1', id: `relationship--${uuid()}`, created: T0, modified: T0, relationship_type: 'attributed-to', source_ref: CAMPAIGN.id, target_ref: ACTOR.id },
];

async function setup(home: string, db: Parameters<typeof loadMatcher>[0]): Promise<Awaited<ReturnType<typeof loadMatcher>>> {
  const f = path.join(home, 'feed.json');
  fs.writeFileSync(f, JSON.stringify({ type: 'bundle', id: `bundle--${uuid()}`, objects: OBJECTS }));
  await importIntelFile(db, f, { source: 'test-feed' }, clock);
  return loadMatcher(db, { clock });
}

const brief = (ms: IntelMatch[]): [string, string, string][] => ms.map((m) => [m.indicator, m.via, m.status]);

engineTest('an IP matches the exact IP and every containing CIDR, longest prefix first', async (_t, s) => {
  const m = await setup(s.home, s.db);
  assert.deepEqual(brief(await m.match([{ type: 'ipv4', value: '10.1.2.3' }])), [
    ['10.1.2.3', 'exact', 'active'], ['10.1.0.0/16', 'cidr', 'active'], ['10.0.0.0/8', 'cidr', 'active'],
  ]);
  assert.deepEqual(brief(await m.match([{ type: 'ipv4', value: '10.200.0.1' }])), [['10.0.0.0/8', 'cidr', 'active']]);
  assert.deepEqual(brief(await m.match([{ type: 'ipv6', value: '2001:DB8:0::7' }])), [['2001:db8::/32', 'cidr', 'active']]);
  assert.deepEqual(brief(await m.match([{ type: 'ipv4', value: '11.0.0.1' }])), []);
  assert.deepEqual(brief(await m.match([{ type: 'cidr', value: '10.1.0.0/16' }])), [['10.1.0.0/16', 'exact', 'active'], ['10.0.0.0/8', 'cidr', 'active']]);
  assert.deepEqual(brief(await m.match([{ type: 'ipv6', value: '::ffff:10.1.2.3' }])).map((x) => x[0]), ['10.1.2.3', '10.1.0.0/16', '10.0.0.0/8'], 'IPv4-mapped IPv6 is the IPv4 address');
  const direct = (await m.match([{ type: 'ipv4', value: '10.1.2.3' }]))[0]!;
  assert.deepEqual(direct.actors, [{ name: 'Lazarus Group', aliases: ['HIDDEN COBRA', 'ZINC'] }]);
});

engineTest('a domain matches itself and its parents up to the registrable domain, never the public suffix', async (_t, s) => {
  const m = await setup(s.home, s.db);
  assert.deepEqual(brief(await m.match([{ type: 'domain', value: 'a.b.EVIL.co.uk.' }])), [['evil.co.uk', 'parent-domain', 'active']]);
  assert.deepEqual(brief(await m.match([{ type: 'domain', value: 'other.co.uk' }])), [], 'co.uk is a public suffix: an indicator on it matches only itself');
});

engineTest('URLs are normalised and also match their host; emails also match their domain', async (_t, s) => {
  const m = await setup(s.home, s.db);
  assert.deepEqual(brief(await m.match([{ type: 'url', value: 'HTTPS://Phish.Example:443/login?next=%2fhome#x' }])), [
    ['https://phish.example/login?next=%2Fhome', 'exact', 'active'],
  ]);
  assert.deepEqual(brief(await m.match([{ type: 'url', value: 'http://x.evil.co.uk/a' }])), [['evil.co.uk', 'url-host', 'active']]);
  assert.deepEqual(brief(await m.match([{ type: 'url', value: 'http://10.1.9.9/a' }])), [['10.1.0.0/16', 'url-host', 'active'], ['10.0.0.0/8', 'url-host', 'active']]);
  assert.deepEqual(brief(await m.match([{ type: 'email', value: 'CEO@Spoof.Example' }])), [['ceo@spoof.example', 'exact', 'active'], ['spoof.example', 'email-domain', 'active']]);
});

engineTest('bitcoin addresses match in any case-equivalent form; hashes case-insensitively', async (_t, s) => {
  const m = await setup(s.home, s.db);
  assert.equal((await m.match([{ type: 'btc-address', value: 'BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4' }])).length, 1);
  assert.equal((await m.match([{ type: 'btc-address', value: 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5' }])).length, 0, 'bad checksum');
  assert.equal((await m.match([{ type: 'sha256', value: 'E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855' }])).length, 1);
});

engineTest('expired, revoked and not-yet-valid indicators are reported as such, not as live', async (_t, s) => {
  const m = await setup(s.home, s.db);
  assert.deepEqual(brief(await m.match([{ type: 'domain', value: 'old.example' }])), [['old.example', 'exact', 'expired']]);
  assert.deepEqual(brief(await m.match([{ type: 'domain', value: 'withdrawn.example' }])), [['withdrawn.example', 'exact', 'revoked']]);
  assert.deepEqual(brief(await m.match([{ type: 'domain', value: 'future.example' }])), [['future.example', 'exact', 'not-yet-valid']]);
});

engineTest('complex patterns are evaluated against all of a message\'s observables together', async (_t, s) => {
  const m = await setup(s.home, s.db);
  assert.equal(m.complexPatterns, 1);
  const both = await m.match([{ type: 'sha1', value: 'da39a3ee5e6b4b0d3255bfef95601890afd80709' }, { type: 'domain', value: 'lure.example' }, { type: 'ipv4', value: '192.0.2.66' }]);
  assert.deepEqual(both.map((x) => [x.type, x.via, x.indicator, x.observable.value]), [['pattern', 'pattern', "[domain-name:value = 'lure.example'] AND [ipv4-addr:value = '192.0.2.66']", 'lure.example']]);
  assert.deepEqual(await m.match([{ type: 'domain', value: 'lure.example' }]), []);
});

engineTest('actors reached through a campaign attributed to them; campaigns listed', async (_t, s) => {
  const m = await setup(s.home, s.db);
  const [hit] = await m.match([{ type: 'domain', value: 'jobs-portal.example' }]);
  assert.deepEqual(hit?.campaigns, [{ name: 'Operation Dream Job' }]);
  assert.deepEqual(hit?.actors.map((a) => a.name), ['Lazarus Group']);
});

engineTest('sightings count distinct messages per organisation; rescanning a message does not inflate them', async (_t, s) => {
  const m = await setup(s.home, s.db);
  const hits = await m.match([{ type: 'ipv4', value: '10.1.2.3' }]);
  await s.db.transaction((tx) => m.recordSightings(tx, 'hanbit', '<a@x>', hits, '2026-07-01T00:00:00.000Z'));
  await s.db.transaction((tx) => m.recordSightings(tx, 'hanbit', '<a@x>', hits, '2026-07-02T00:00:00.000Z'));
  await s.db.transaction((tx) => m.recordSightings(tx, 'hanbit', '<b@x>', hits, '2026-06-15T00:00:00.000Z'));
  await s.db.transaction((tx) => m.recordSightings(tx, 'coinnara', '<c@x>', hits.slice(0, 1), '2026-07-03T00:00:00.000Z'));
  const rows = await s.db.all<{ org_id: string; count: number; first_seen: string; last_seen: string }>(
    "SELECT s.org_id, s.count, s.first_seen, s.last_seen FROM intel_sightings s JOIN intel_indicator_values v ON v.indicator_id = s.indicator_id WHERE v.value = '10.1.2.3' ORDER BY s.org_id");
  assert.deepEqual(rows.map((r) => ({ ...r, count: Number(r.count) })), [
    { org_id: 'coinnara', count: 1, first_seen: '2026-07-03T00:00:00.000Z', last_seen: '2026-07-03T00:00:00.000Z' },
    { org_id: 'hanbit', count: 2, first_seen: '2026-06-15T00:00:00.000Z', last_seen: '2026-07-01T00:00:00.000Z' },
  ]);
});
