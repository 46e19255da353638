import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fixedClock, type SpearwatchError } from '../../src/core/index.js';
import { importIntelFile, listActors, resolveActorName } from '../../src/intel/index.js';
import type { Queryable } from '../../src/store/index.js';
import { ROOT } from '../helpers/cli.js';
import { engineTest } from '../helpers/stores.js';

const FIX = path.join(ROOT, 'test', 'fixtures', 'intel');
const clock = fixedClock('2026-11-22T12:00:00.000Z');

const TABLES = ['intel_indicators', 'intel_indicator_values', 'intel_actors', 'intel_actor_sources', 'intel_actor_aliases', 'intel_campaigns', 'intel_malware', 'intel_relationships', 'intel_identities', 'intel_markings', 'intel_observed_data'];

async function counts(q: Queryable): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of TABLES) out[t] = Number((await q.get<{ n: number | string }>(`SELECT count(*) AS n FROM ${t}`))!.n);
  return out;
}

function write(dir: string, name: string, value: unknown): string {
  const f = path.join(dir, name);
  fs.writeFileSync(f, typeof value === 'string' ? value : JSON.stringify(value));
  return f;
}

const T0 = '2024-01-01T00:00:00.000Z';
const T1 = '2025-01-01T00:00:00.000Z';

function indicator(id: string, pattern: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { type: 'indicator', spec_version: '2.1', id, created: T0, modified: T0, pattern, pattern_type: 'stix', valid_from: T0, ...extra };
}

const IND_A = 'indicator--11111111-1111-4111-8111-111111111111';
const IND_B = 'indicator--22222222-2222-4222-8222-222222222222';

engineTest('every fixture format imports, with a report of read/created/skipped and reasons', async (_t, s) => {
  const files: [string, string][] = [
    ['stix-examples/apt1.json', 'stix'], ['stix-examples/indicator-to-campaign-relationship.json', 'stix'],
    ['stix-examples/malicious-email-indicator-with-attachment.json', 'stix'], ['stix-examples/interop-objectmarking-test.json', 'stix'],
    ['mitre/ics-lazarus-apt38.json', 'stix'], ['misp/threat-actor.json', 'misp-galaxy'], ['misp/mitre-intrusion-set.json', 'misp-galaxy'], ['misp/malpedia.json', 'misp-galaxy'],
    ['graphsense/lazarus.yaml', 'tagpack'], ['graphsense/demo.yaml', 'tagpack'], ['ofac/sanctioned_addresses_XBT.txt', 'ofac'], ['ofac/sanctioned_addresses_ETH.txt', 'ofac'],
  ];
  for (const [f, format] of files) {
    const r = await importIntelFile(s.db, path.join(FIX, f), {}, clock);
    assert.equal(r.format, format, f);
    assert.ok(r.read > 0, f);
    assert.ok(r.created > 0, `${f}: ${JSON.stringify(r)}`);
  }
  const apt1 = await importIntelFile(s.db, path.join(FIX, 'stix-examples/apt1.json'), {}, clock);
  assert.equal(apt1.created, 0, 'idempotent re-import');
  assert.equal(apt1.unchanged, 58);
  assert.equal(apt1.skipped, 18);
  assert.equal(apt1.skippedReasons['type "tool" is not stored by spearwatch'], 10);
  assert.equal(apt1.complexPatterns, 2, 'the two x509 patterns are kept for evaluation, not dropped');
  const ofac = await importIntelFile(s.db, path.join(FIX, 'ofac/sanctioned_addresses_XBT.txt'), {}, clock);
  assert.equal(ofac.skippedReasons['not a bitcoin or ether address'], 1, 'the Tron address in the XBT list');
  const demo = await importIntelFile(s.db, path.join(FIX, 'graphsense/demo.yaml'), {}, clock);
  assert.deepEqual(Object.keys(demo.skippedReasons).sort(), ['currency "BCH" is not tracked', 'currency "XRP" is not tracked', 'currency "ZEC" is not tracked']);
  const eth = await s.db.get<{ n: number | string }>("SELECT count(*) AS n FROM intel_indicator_values WHERE type = 'eth-address'");
  assert.equal(Number(eth?.n), 7, 'five EIP-55-checksummed OFAC addresses, one each in the demo and Lazarus TagPacks');
  const malware = await s.db.all<{ name: string; aliases: string }>("SELECT name, aliases FROM intel_malware WHERE source = 'misp-galaxy:malpedia' ORDER BY name");
  assert.ok(malware.some((m) => m.name === 'KillDisk (Lazarus)' && (JSON.parse(m.aliases) as string[]).includes('KillDisk.NBO')), JSON.stringify(malware));
  const tlpRow = await s.db.get<{ tlp: string }>("SELECT tlp FROM intel_campaigns WHERE id = 'campaign--0c7b5b88-8ff7-4a4d-aa9d-feb398cd0061'");
  assert.equal(tlpRow?.tlp, 'red', 'object_marking_refs to TLP:RED (the unknown second marking is ignored)');
});

engineTest('actors merge across sources by name; aliases stay with their sources; conflicts are kept', async (_t, s) => {
  for (const f of ['mitre/ics-lazarus-apt38.json', 'misp/threat-actor.json', 'misp/mitre-intrusion-set.json', 'graphsense/lazarus.yaml']) {
    await importIntelFile(s.db, path.join(FIX, f), {}, clock);
  }
  const actors = await listActors(s.db);
  const laz = actors.find((a) => a.name === 'Lazarus Group');
  assert.ok(laz !== undefined);
  assert.deepEqual([...new Set(laz.sources.map((x) => x.source))].sort(), ['The MITRE Corporation', 'graphsense:lazarus', 'misp-galaxy:mitre-intrusion-set', 'misp-galaxy:threat-actor']);
  for (const alias of ['HIDDEN COBRA', 'ZINC']) assert.ok(laz.aliases.some((a) => a.toLowerCase() === alias.toLowerCase()), alias);
  assert.equal(laz.indicators, 21, 'the Lazarus TagPack addresses point at the merged actor');
  const apt38 = actors.find((a) => a.name === 'APT38');
  assert.deepEqual([...new Set(apt38!.sources.map((x) => x.source))].sort(), ['The MITRE Corporation', 'misp-galaxy:mitre-intrusion-set']);

  const r38 = await resolveActorName(s.db, 'APT 38');
  assert.equal(r38[0]!.actor.name, 'APT38');
  assert.equal(r38[0]!.match, 'name');
  assert.deepEqual(r38.slice(1).map((x) => [x.actor.name, x.sources]), [['Lazarus Group', ['misp-galaxy:threat-actor']]], 'MISP lists APT38 under Lazarus: kept, with its source');

  const blue = await resolveActorName(s.db, 'Bluenoroff');
  assert.equal(blue[0]!.actor.name, 'APT38', 'two sources say Bluenoroff is APT38');
  assert.deepEqual(blue[0]!.sources.sort(), ['The MITRE Corporation', 'misp-galaxy:mitre-intrusion-set']);
  assert.deepEqual(blue.slice(1).map((x) => x.actor.name), ['Lazarus Group']);

  // MISP's threat-actor galaxy lists Andariel under both Lazarus Group and Silent Chollima: both links are kept.
  const claims = await resolveActorName(s.db, 'Andariel');
  assert.deepEqual(claims.map((x) => [x.actor.name, x.match, x.sources]), [
    ['Lazarus Group', 'alias', ['misp-galaxy:threat-actor']], ['Silent Chollima', 'alias', ['misp-galaxy:threat-actor']],
  ]);
  // Once a source describes Andariel as a group of its own, the name resolves to it first, the alias claims after.
  const own = write(s.home, 'andariel.json', {
    type: 'bundle', id: 'bundle--00000000-0000-4000-8000-000000000004',
    objects: [{ type: 'intrusion-set', spec_version: '2.1', id: 'intrusion-set--66666666-6666-4666-8666-666666666666', created: T0, modified: T0, name: 'Andariel', aliases: ['Silent Chollima'] }],
  });
  await importIntelFile(s.db, own, { source: 'test-feed' }, clock);
  const andariel = await resolveActorName(s.db, 'Andariel');
  assert.equal(andariel[0]!.match, 'name');
  assert.equal(andariel[0]!.actor.name, 'Andariel');
  assert.ok(andariel.some((x) => x.actor.name === 'Lazarus Group' && x.match === 'alias' && x.sources.includes('misp-galaxy:threat-actor')));
  assert.equal(actors.filter((a) => a.name.toLowerCase().replace(/\W/g, '') === 'lazarusgroup').length, 1, 'one Lazarus, not one per source');
});

engineTest('a newer modified replaces; an older one is ignored; same is unchanged', async (_t, s) => {
  const v1 = write(s.home, 'v1.json', { type: 'bundle', id: 'bundle--00000000-0000-4000-8000-000000000001', objects: [indicator(IND_A, "[domain-name:value = 'old.example']")] });
  const v2 = write(s.home, 'v2.json', { type: 'bundle', id: 'bundle--00000000-0000-4000-8000-000000000002', objects: [indicator(IND_A, "[domain-name:value = 'new.example']", { modified: T1 })] });
  assert.equal((await importIntelFile(s.db, v1, {}, clock)).created, 1);
  const up = await importIntelFile(s.db, v2, {}, clock);
  assert.deepEqual(up.byKind.indicator, { created: 0, updated: 1, unchanged: 0, older: 0 });
  const back = await importIntelFile(s.db, v1, {}, clock);
  assert.deepEqual(back.byKind.indicator, { created: 0, updated: 0, unchanged: 0, older: 1 });
  const vals = await s.db.all<{ value: string }>('SELECT value FROM intel_indicator_values');
  assert.deepEqual(vals.map((v) => v.value), ['new.example'], 'the replaced version\'s values are gone');
});

engineTest('STIX 2.0 bundles (MITRE\'s older data) import', async (_t, s) => {
  const f = write(s.home, 'v20.json', {
    type: 'bundle', id: 'bundle--00000000-0000-4000-8000-000000000003', spec_version: '2.0',
    objects: [
      { type: 'indicator', id: IND_B, created: T0, modified: T0, labels: ['malicious-activity'], pattern: "[url:value = 'http://evil.example/x']", valid_from: T0 },
      { type: 'intrusion-set', id: 'intrusion-set--33333333-3333-4333-8333-333333333333', created: T0, modified: T0, name: 'Kimsuky', aliases: ['Velvet Chollima'] },
      { type: 'relationship', id: 'relationship--44444444-4444-4444-8444-444444444444', created: T0, modified: T0, relationship_type: 'indicates', source_ref: IND_B, target_ref: 'intrusion-set--33333333-3333-4333-8333-333333333333' },
      { type: 'observed-data', id: 'observed-data--55555555-5555-4555-8555-555555555555', created: T0, modified: T0, first_observed: T0, last_observed: T0, number_observed: 1, objects: { 0: { type: 'ipv4-addr', value: '198.51.100.1' } } },
    ],
  });
  const r = await importIntelFile(s.db, f, {}, clock);
  assert.equal(r.created, 4);
  assert.deepEqual(await s.db.all('SELECT type, value FROM intel_indicator_values'), [{ type: 'url', value: 'http://evil.example/x' }]);
  assert.equal((await s.db.get<{ labels: string }>('SELECT labels FROM intel_indicators'))?.labels, '["malicious-activity"]');
});

engineTest('CSV with header: typed rows, actor links, bad rows skipped with line and reason', async (_t, s) => {
  const f = write(s.home, 'feed.csv', [
    'type,value,actor,confidence,tlp,valid_until',
    'ipv4,203.0.113.9,Kimsuky,80,amber,2030-01-01',
    'domain,"login.evil.example",,60,green,',
    ',198.51.100.0/24,,,,',
    'md5,not-a-hash,,,,',
    'ipv4,203.0.113.10,,101,,',
    'weird,x,,,,',
    'ipv4,203.0.113.11,,,purple,',
  ].join('\n'));
  const r = await importIntelFile(s.db, f, { source: 'partner-feed' }, clock);
  assert.equal(r.read, 7);
  assert.equal(r.byKind.indicator?.created, 3);
  assert.deepEqual(r.skippedItems.map((x) => x.item), ['line 5', 'line 6', 'line 7', 'line 8']);
  assert.match(r.skippedItems[0]!.reason, /invalid md5/);
  const row = await s.db.get<{ tlp: string; valid_until: string; confidence: number; source: string }>(
    "SELECT i.tlp, i.valid_until, i.confidence, i.source FROM intel_indicators i JOIN intel_indicator_values v ON v.indicator_id = i.id WHERE v.value = '203.0.113.9'");
  assert.deepEqual({ ...row, confidence: Number(row?.confidence) }, { tlp: 'amber', valid_until: '2030-01-01T00:00:00.000Z', confidence: 80, source: 'partner-feed' });
  assert.equal((await listActors(s.db)).find((a) => a.name === 'Kimsuky')?.indicators, 1);
  const reordered = await importIntelFile(s.db, write(s.home, 'reordered.csv', 'value,type\n198.51.100.77,ipv4\n'), {}, clock);
  assert.deepEqual([reordered.format, reordered.byKind.indicator?.created], ['csv', 1], 'CSV detected by its header, whatever the column order');
  await assert.rejects(importIntelFile(s.db, write(s.home, 'bad.csv', 'type,value,colour\nipv4,1.2.3.4,red\n'), { format: 'csv' }, clock), /unknown CSV column/);
});

/** Hostile files: each must fail with a clear error and leave the store exactly as it was. */
const HOSTILE: [string, () => string, RegExp, string][] = [
  ['wrong-types: objects is a string', () => JSON.stringify({ type: 'bundle', id: 'bundle--00000000-0000-4000-8000-000000000009', objects: 'nope' }), /"objects" must be a list/, 'SW_INPUT_INVALID'],
  ['wrong-types: pattern is a number', () => JSON.stringify({ type: 'bundle', id: 'bundle--00000000-0000-4000-8000-000000000009', objects: [indicator(IND_A, "[ipv4-addr:value = '10.9.9.9']"), { ...indicator(IND_B, 'x'), pattern: 42 }] }), /"pattern" must be a string/, 'SW_INPUT_INVALID'],
  ['wrong-types: id without uuid', () => JSON.stringify({ type: 'bundle', id: 'bundle--x', objects: [indicator('indicator--nope', "[ipv4-addr:value = '10.9.9.9']")] }), /"id" must be/, 'SW_INPUT_INVALID'],
  ['million-objects', () => `{"type":"bundle","id":"bundle--00000000-0000-4000-8000-000000000009","objects":[${new Array<string>(1_000_000).fill('{}').join(',')}]}`, /exceeds the limit/, 'SW_INPUT_TOO_LARGE'],
  ['deep-nesting', () => `{"type":"bundle","id":"bundle--00000000-0000-4000-8000-000000000009","objects":[${'['.repeat(5000)}${']'.repeat(5000)}]}`, /nested deeper/, 'SW_INPUT_TOO_LARGE'],
  ['prototype-pollution: __proto__ key', () => `{"type":"bundle","id":"bundle--00000000-0000-4000-8000-000000000009","objects":[${JSON.stringify(indicator(IND_A, "[ipv4-addr:value = '10.9.9.9']")).slice(0, -1)},"__proto__":{"polluted":true}}]}`, /prototype pollution/, 'SW_INPUT_INVALID'],
  ['prototype-pollution: constructor key in YAML', () => 'title: x\ntags:\n- address: 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa\n  currency: BTC\n  constructor:\n    prototype:\n      polluted: true\n', /prototype pollution/, 'SW_INPUT_INVALID'],
  ['yaml-billion-laughs', () => `a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ntags: []\n`, /YAML refused|alias/i, 'SW_INPUT_TOO_LARGE'],
  ['not-json', () => '{"type": "bundle", ', /not valid JSON/, 'SW_INPUT_INVALID'],
  ['wrong-types: TagPack address is a number', () => 'title: x\ncurrency: BTC\ntags:\n- address: 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa\n- address: 12345\n', /tag 1: "address" must be a string/, 'SW_INPUT_INVALID'],
  ['wrong-types: MISP synonyms are not strings', () => JSON.stringify({ type: 'threat-actor', category: 'actor', values: [{ value: 'X', uuid: 'u1', meta: { synonyms: [1, 2] } }] }), /meta.synonyms must be a list of strings/, 'SW_INPUT_INVALID'],
  ['million-objects: MISP galaxy', () => `{"type":"threat-actor","values":[${new Array<string>(600_000).fill('{}').join(',')}]}`, /exceeds the limit/, 'SW_INPUT_TOO_LARGE'],
];

engineTest('hostile files are refused with a clear error and the store is unchanged', async (_t, s) => {
  await importIntelFile(s.db, path.join(FIX, 'stix-examples/apt1.json'), {}, clock);
  const before = await counts(s.db);
  for (const [name, make, re, code] of HOSTILE) {
    const ext = name.includes('YAML') || name.startsWith('yaml') || name.includes('TagPack') ? 'yaml' : 'json';
    const f = write(s.home, `hostile.${ext}`, make());
    await assert.rejects(importIntelFile(s.db, f, {}, clock), (e: SpearwatchError) => {
      assert.match(e.message, re, name);
      assert.equal(e.code, code, name);
      return true;
    }, name);
    assert.deepEqual(await counts(s.db), before, `${name}: store unchanged`);
  }
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});

engineTest('a bad pattern is skipped with its reason; the rest of the file lands', async (_t, s) => {
  const f = write(s.home, 'mixed.json', {
    type: 'bundle', id: 'bundle--00000000-0000-4000-8000-000000000010',
    objects: [indicator(IND_A, "[ipv4-addr:value = '10.9.9.9'"), indicator(IND_B, "[ipv4-addr:value = '10.9.9.8']")],
  });
  const r = await importIntelFile(s.db, f, {}, clock);
  assert.equal(r.created, 1);
  assert.equal(r.skipped, 1);
  assert.match(r.skippedItems[0]!.reason, /pattern syntax error: expected '\]'/);
});
