import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fixedClock } from '../../src/core/index.js';
import { importIntelFile, listActors, loadMatcher, resolveActorName } from '../../src/intel/index.js';
import { ROOT } from '../helpers/cli.js';
import { engineTest } from '../helpers/stores.js';

/**
 * Every file in ../shared/intel imports cleanly. Runs only where ../shared exists (developer machines, CI);
 * the same behaviour is covered from test/fixtures/intel by intel-import.test.ts everywhere else.
 */
const SHARED = path.join(ROOT, '..', 'shared', 'intel');

function intelFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'stix2-json-schemas') walk(p);
      } else if (/\.(json|ya?ml|txt|csv)$/i.test(e.name) && !/licen[cs]e/i.test(e.name)) out.push(p);
    }
  };
  walk(SHARED);
  return out.sort();
}

if (fs.existsSync(SHARED)) {
  engineTest('every file in ../shared/intel imports cleanly, and the actors resolve', async (_t, s) => {
    const clock = fixedClock('2026-11-22T12:00:00.000Z');
    for (const f of intelFiles()) {
      const r = await importIntelFile(s.db, f, {}, clock);
      assert.ok(r.read > 0, f);
      // A later file can carry the same records with a newer modification time (the OFAC list as .json and
      // .txt): those are updates, which is as clean as a creation.
      assert.ok(r.created + r.updated + r.unchanged > 0 || r.skipped === r.read, `${f}: ${JSON.stringify(r).slice(0, 300)}`);
    }
    const laz = (await listActors(s.db)).find((a) => a.name === 'Lazarus Group');
    assert.ok(laz !== undefined);
    for (const src of ['The MITRE Corporation', 'misp-galaxy:threat-actor', 'misp-galaxy:mitre-intrusion-set']) assert.ok(laz.sources.some((x) => x.source === src), src);
    assert.equal((await resolveActorName(s.db, 'Bluenoroff'))[0]?.actor.name, 'APT38');
    assert.equal((await resolveActorName(s.db, 'HIDDEN COBRA'))[0]?.actor.name, 'Lazarus Group');
    const m = await loadMatcher(s.db);
    const hit = await m.match([{ type: 'btc-address', value: '3LU8wRu4ZnXP4UM8Yo6kkTiGHM9BubgyiG' }]);
    assert.ok(hit.some((h) => h.actors.some((a) => a.name === 'Lazarus Group')), JSON.stringify(hit).slice(0, 300));
  });
} else {
  void test('../shared/intel is absent: the shared-corpus import check does not run here (fixtures cover the behaviour)', () => {
    assert.equal(fs.existsSync(SHARED), false);
  });
}
