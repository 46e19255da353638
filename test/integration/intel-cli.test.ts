import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { AnySchema, ValidateFunction } from 'ajv';
import { fixedClock } from '../../src/core/index.js';
import { importIntelFile, loadMatcher } from '../../src/intel/index.js';
import { ROOT, runCli } from '../helpers/cli.js';
import { engineTest } from '../helpers/stores.js';

const FIX = path.join(ROOT, 'test', 'fixtures', 'intel');
const SCHEMAS = path.join(FIX, 'stix2-json-schemas');
const T0 = '2024-01-01T00:00:00.000Z';

/** ajv (draft 2020-12) loaded with every OASIS STIX 2.1 schema from the fixtures; validates a whole bundle. */
function bundleValidator(): ValidateFunction {
  // ajv ships CommonJS; require keeps its constructor types without ESM default-interop guesswork.
  const require = createRequire(import.meta.url);
  const Ajv2020 = require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js').default;
  const addFormats = require('ajv-formats') as typeof import('ajv-formats').default;
  // unicodeRegExp off: the OASIS patterns escape '-' outside classes, which the u flag rejects.
  const ajv = new Ajv2020({ strict: false, allErrors: true, unicodeRegExp: false });
  addFormats(ajv);
  let bundle: AnySchema | undefined;
  for (const dir of ['common', 'sdos', 'sros', 'observables']) {
    for (const f of fs.readdirSync(path.join(SCHEMAS, dir))) {
      const schema = JSON.parse(fs.readFileSync(path.join(SCHEMAS, dir, f), 'utf8')) as AnySchema;
      ajv.addSchema(schema);
      if (dir === 'common' && f === 'bundle.json') bundle = schema;
    }
  }
  return ajv.getSchema((bundle as { $id: string }).$id)!;
}

function bundleOf(objects: unknown[]): string {
  return JSON.stringify({ type: 'bundle', id: 'bundle--00000000-0000-4000-8000-0000000000aa', objects });
}

const TLP_IDS = {
  green: 'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da',
  amber: 'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82',
  red: 'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed',
};

function seedFile(home: string): string {
  const ind = (id: string, value: string, tlp?: keyof typeof TLP_IDS): Record<string, unknown> => ({
    type: 'indicator', spec_version: '2.1', id, created: T0, modified: T0, pattern: `[ipv4-addr:value = '${value}']`, pattern_type: 'stix', valid_from: T0,
    ...(tlp === undefined ? {} : { object_marking_refs: [TLP_IDS[tlp]] }),
  });
  const f = path.join(home, 'seed.json');
  fs.writeFileSync(f, bundleOf([
    ind('indicator--00000000-0000-4000-8000-000000000001', '198.51.100.1'),
    ind('indicator--00000000-0000-4000-8000-000000000002', '198.51.100.2', 'green'),
    ind('indicator--00000000-0000-4000-8000-000000000003', '198.51.100.3', 'amber'),
    ind('indicator--00000000-0000-4000-8000-000000000004', '198.51.100.4', 'red'),
    { type: 'intrusion-set', spec_version: '2.1', id: 'intrusion-set--00000000-0000-4000-8000-000000000005', created: T0, modified: T0, name: 'Kimsuky', aliases: ['Velvet Chollima'] },
    { type: 'relationship', spec_version: '2.1', id: 'relationship--00000000-0000-4000-8000-000000000006', created: T0, modified: T0, relationship_type: 'indicates', source_ref: 'indicator--00000000-0000-4000-8000-000000000001', target_ref: 'intrusion-set--00000000-0000-4000-8000-000000000005' },
    { type: 'relationship', spec_version: '2.1', id: 'relationship--00000000-0000-4000-8000-000000000007', created: T0, modified: T0, relationship_type: 'indicates', source_ref: 'indicator--00000000-0000-4000-8000-000000000004', target_ref: 'intrusion-set--00000000-0000-4000-8000-000000000005' },
  ]));
  return f;
}

engineTest('intel import --json reports per file; a hostile file fails with exit 3 and is named', async (_t, s) => {
  const good = path.join(FIX, 'stix-examples', 'apt1.json');
  const bad = path.join(s.home, 'bad.json');
  fs.writeFileSync(bad, '{"type":"bundle","id":"bundle--x","objects":7}');
  const r = await runCli(['intel', 'import', good, bad, '--json'], { env: s.env });
  assert.equal(r.code, 3, r.stderr);
  const reports = JSON.parse(r.stdout) as Record<string, unknown>[];
  assert.equal(reports[0]!.file, good);
  assert.equal(reports[0]!.read, 76);
  assert.equal(reports[0]!.created, 58);
  assert.deepEqual(reports[1], { file: bad, error: { code: 'SW_INPUT_INVALID', message: `${bad}: bundle: "objects" must be a list` } });
  assert.match(r.stderr, /SW_INPUT_INVALID/);
  const usage = await runCli(['intel', 'import', good, '--format', 'pdf'], { env: s.env });
  assert.equal(usage.code, 2);
});

engineTest('intel lookup --json has exactly the contract\'s shape', async (_t, s) => {
  assert.equal((await runCli(['intel', 'import', seedFile(s.home)], { env: s.env })).code, 0);
  const r = await runCli(['intel', 'lookup', '198.51.100.1', 'nothing-here.example', '--json'], { env: s.env });
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { value: string; type: string; matches: Record<string, unknown>[] }[];
  assert.deepEqual(out[1], { value: 'nothing-here.example', type: 'domain', matches: [] });
  assert.equal(out[0]!.value, '198.51.100.1');
  assert.equal(out[0]!.type, 'ipv4');
  const m = out[0]!.matches[0]!;
  for (const k of ['indicator', 'type', 'source', 'confidence', 'tlp', 'validUntil', 'actors', 'campaigns']) assert.ok(k in m, k);
  assert.deepEqual({ indicator: m.indicator, type: m.type, source: m.source, tlp: m.tlp, validUntil: m.validUntil, actors: m.actors, campaigns: m.campaigns, status: m.status }, {
    indicator: '198.51.100.1', type: 'ipv4', source: 'seed', tlp: 'clear', validUntil: null, actors: [{ name: 'Kimsuky', aliases: ['Velvet Chollima'] }], campaigns: [], status: 'active',
  });
  const table = await runCli(['intel', 'lookup', '198.51.100.1'], { env: s.env });
  assert.match(table.stdout, /198\.51\.100\.1\s+ipv4\s+198\.51\.100\.1\s+active\s+seed/);
});

engineTest('intel actors --json lists aliases, sources and indicator counts', async (_t, s) => {
  await runCli(['intel', 'import', seedFile(s.home)], { env: s.env });
  const r = await runCli(['intel', 'actors', '--json'], { env: s.env });
  assert.equal(r.code, 0, r.stderr);
  const actors = JSON.parse(r.stdout) as { name: string; aliases: string[]; sources: { source: string }[]; indicators: number }[];
  assert.deepEqual(actors.map((a) => [a.name, a.aliases, a.sources.map((x) => x.source), a.indicators]), [['Kimsuky', ['Velvet Chollima'], ['seed'], 2]]);
});

engineTest('intel export --format stix validates against the OASIS schemas; nothing above --tlp-max leaves', async (_t, s) => {
  await importIntelFile(s.db, seedFile(s.home), {}, fixedClock('2026-11-22T12:00:00.000Z'));
  await importIntelFile(s.db, path.join(FIX, 'stix-examples', 'apt1.json'), {}, fixedClock('2026-11-22T12:00:00.000Z'));
  await s.db.run("INSERT INTO organizations (id, name, created_at, updated_at) VALUES ('hanbit', 'Hanbit Exchange', ?, ?)", [T0, T0]);
  const m = await loadMatcher(s.db);
  const hits = await m.match([{ type: 'ipv4', value: '198.51.100.1' }, { type: 'ipv4', value: '198.51.100.4' }]);
  await s.db.transaction((tx) => m.recordSightings(tx, 'hanbit', '<m1@x>', hits, '2026-07-01T00:00:00.000Z'));
  const strict = path.join(s.home, 'strict.csv');
  fs.writeFileSync(strict, 'type,value,tlp\nipv4,198.51.100.9,amber+strict\n');
  await importIntelFile(s.db, strict, {}, fixedClock('2026-11-22T12:00:00.000Z'));
  const validate = bundleValidator();
  // The validator must be able to fail: an indicator without its pattern is not STIX.
  assert.equal(validate(JSON.parse(bundleOf([{ type: 'indicator', spec_version: '2.1', id: 'indicator--00000000-0000-4000-8000-0000000000bb', created: T0, modified: T0, valid_from: T0, pattern_type: 'stix' }]))), false);
  const seen: Record<string, string[]> = {};
  for (const tlp of ['clear', 'green', 'amber', 'red']) {
    const r = await runCli(['intel', 'export', '--format', 'stix', '--tlp-max', tlp], { env: s.env });
    assert.equal(r.code, 0, r.stderr);
    const bundle = JSON.parse(r.stdout) as { objects: { type: string; id: string; object_marking_refs?: string[]; where_sighted_refs?: string[] }[] };
    assert.ok(validate(bundle), `${tlp}: ${JSON.stringify(validate.errors?.slice(0, 3))}`);
    seen[tlp] = bundle.objects.filter((o) => o.type === 'indicator' && o.id.startsWith('indicator--00000000')).map((o) => o.id.slice(-1));
    const refs = new Set(bundle.objects.flatMap((o) => o.object_marking_refs ?? []));
    if (tlp === 'clear') assert.deepEqual([...refs], ['marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9']);
    const sightings = bundle.objects.filter((o) => o.type === 'sighting');
    if (tlp === 'amber') {
      assert.equal(sightings.length, 1, 'the red indicator\'s sighting stays home');
      const identity = bundle.objects.find((o) => o.type === 'identity');
      assert.deepEqual(sightings[0]!.where_sighted_refs, [identity!.id]);
    }
    if (tlp === 'red') {
      assert.equal(sightings.length, 2);
      assert.ok(refs.has('marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003'), 'TLP:AMBER+STRICT marking (TLP 2.0 extension) validates too');
    }
    if (tlp === 'clear' || tlp === 'green') assert.equal(sightings.length, 0, 'sightings are at least TLP:AMBER');
  }
  assert.deepEqual(seen, { clear: ['1'], green: ['1', '2'], amber: ['1', '2', '3'], red: ['1', '2', '3', '4'] });
  const since = await runCli(['intel', 'export', '--tlp-max', 'red', '--since', '2025-01-01'], { env: s.env });
  const sinceBundle = JSON.parse(since.stdout) as { objects: { type: string; pattern?: string }[] };
  assert.deepEqual(sinceBundle.objects.filter((o) => o.type === 'indicator').map((o) => o.pattern), ["[ipv4-addr:value = '198.51.100.9']"],
    'only the CSV row (modified = the file\'s mtime, today) is newer than 2025');
  const bad = await runCli(['intel', 'export', '--tlp-max', 'purple'], { env: s.env });
  assert.equal(bad.code, 2);
});

engineTest('importing an export round-trips: same indicators, actors and links; re-import is unchanged', async (_t, s) => {
  await runCli(['intel', 'import', seedFile(s.home), path.join(FIX, 'stix-examples', 'apt1.json'), path.join(FIX, 'misp', 'threat-actor.json')], { env: s.env });
  const out = path.join(s.home, 'export.json');
  const e1 = await runCli(['intel', 'export', '--format', 'stix', '--tlp-max', 'red', '--out', out], { env: s.env });
  assert.equal(e1.code, 0, e1.stderr);
  const other = path.join(s.home, 'other');
  fs.mkdirSync(other);
  const env2 = { ...s.env, SPEARWATCH_HOME: other };
  // The second store is always SQLite: the round trip is about the file, not the engine.
  delete (env2 as Record<string, string | undefined>).SPEARWATCH_DATABASE_URL;
  const imp = await runCli(['intel', 'import', out, '--json'], { env: env2 });
  assert.equal(imp.code, 0, imp.stderr);
  const out2 = path.join(s.home, 'export2.json');
  await runCli(['intel', 'export', '--tlp-max', 'red', '--out', out2], { env: env2 });
  type B = { objects: { type: string; id: string; pattern?: string; name?: string; aliases?: string[]; source_ref?: string; target_ref?: string }[] };
  const a = JSON.parse(fs.readFileSync(out, 'utf8')) as B;
  const b = JSON.parse(fs.readFileSync(out2, 'utf8')) as B;
  const key = (x: B, type: string, f: (o: B['objects'][number]) => unknown): string[] => x.objects.filter((o) => o.type === type).map((o) => JSON.stringify(f(o))).sort();
  assert.deepEqual(key(b, 'indicator', (o) => [o.id, o.pattern]), key(a, 'indicator', (o) => [o.id, o.pattern]));
  assert.deepEqual(key(b, 'intrusion-set', (o) => [o.id, o.name, o.aliases]), key(a, 'intrusion-set', (o) => [o.id, o.name, o.aliases]));
  assert.deepEqual(key(b, 'relationship', (o) => [o.id, o.source_ref, o.target_ref]), key(a, 'relationship', (o) => [o.id, o.source_ref, o.target_ref]));
  const again = await runCli(['intel', 'import', out, '--json'], { env: env2 });
  const rep = (JSON.parse(again.stdout) as { created: number; updated: number }[])[0]!;
  assert.deepEqual([rep.created, rep.updated], [0, 0]);
});
