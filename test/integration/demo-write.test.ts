import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { generateScenario, writeScenario, type ScenarioTruth } from '../../src/demo/index.js';

function tmpDir(t: { after: (fn: () => void) => void }): string {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'sw-demo-'));
  t.after(() => fs.rmSync(base, { recursive: true, force: true }));
  return path.join(base, 'scenario');
}

const sha = (b: Buffer): string => crypto.createHash('sha256').update(b).digest('hex');

test('writeScenario lays out orgs.json, intel, truth and mail as .eml, one mbox and one Maildir', (t) => {
  const s = generateScenario({ seed: 3, benignCount: 120 });
  const dir = tmpDir(t);
  const res = writeScenario(s, dir);
  assert.equal(res.messages, s.messages.length);

  const orgs = JSON.parse(fs.readFileSync(path.join(dir, 'orgs.json'), 'utf8')) as Record<string, unknown>[];
  assert.equal(orgs.length, 4);
  for (const o of orgs) assert.deepEqual(Object.keys(o).sort(), ['authservId', 'domains', 'id', 'name', 'trustedRelays']);
  const stix = JSON.parse(fs.readFileSync(path.join(dir, 'intel', 'lazarus.stix.json'), 'utf8')) as { type: string };
  assert.equal(stix.type, 'bundle');
  const truth = JSON.parse(fs.readFileSync(path.join(dir, 'truth.json'), 'utf8')) as ScenarioTruth;
  assert.equal(truth.messages.length, s.messages.length);

  const maildirOrg = s.exchanges.find((o) => o.layout === 'maildir');
  const mboxOrg = s.exchanges.find((o) => o.layout === 'mbox');
  assert.ok(maildirOrg && mboxOrg);
  const md = path.join(dir, 'mail', maildirOrg.id, 'Maildir');
  assert.ok(fs.readdirSync(path.join(md, 'cur')).length > 0);
  assert.ok(fs.readdirSync(path.join(md, 'new')).length > 0);
  assert.ok(fs.statSync(path.join(md, 'tmp')).isDirectory());

  // Every non-mbox file holds exactly the bytes the truth describes.
  for (const m of truth.messages.filter((x) => !x.file.endsWith('.mbox'))) {
    assert.equal(sha(fs.readFileSync(path.join(dir, m.file))), m.sha256, m.file);
  }

  // The mbox splits on From_ lines back into the recorded messages (mboxrd un-escaping).
  const mbox = fs.readFileSync(path.join(dir, 'mail', `${mboxOrg.id}.mbox`), 'latin1');
  assert.match(mbox, /^From \S+ \w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}\n/);
  const parts = mbox.split(/^From [^\n]*\n/m).slice(1).map((p) => Buffer.from(p.replace(/\n$/, '').replace(/^>(>*From )/gm, '$1'), 'latin1'));
  const inMbox = truth.messages.filter((x) => x.file.endsWith('.mbox')).sort((a, b) => a.index - b.index);
  assert.equal(parts.length, inMbox.length);
  parts.forEach((p, i) => assert.equal(sha(p), inMbox[i]?.sha256));
  assert.equal(mbox.includes('\r\n'), false);

  const emls = truth.messages.filter((x) => x.file.endsWith('.eml'));
  assert.ok(emls.length > 0);
});

test('writeScenario refuses a non-empty directory and leaves it untouched', (t) => {
  const dir = tmpDir(t);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'keep.txt'), 'x');
  const s = generateScenario({ seed: 4, benignCount: 10 });
  assert.throws(() => writeScenario(s, dir), /not an empty directory/);
  assert.deepEqual(fs.readdirSync(dir), ['keep.txt']);
});

test('the same seed writes byte-identical trees', (t) => {
  const a = tmpDir(t);
  const b = tmpDir(t);
  writeScenario(generateScenario({ seed: 9, benignCount: 30 }), a);
  writeScenario(generateScenario({ seed: 9, benignCount: 30 }), b);
  const list = (d: string): string[] => (fs.readdirSync(d, { recursive: true }) as string[]).sort();
  assert.deepEqual(list(a), list(b));
  for (const f of list(a)) {
    const pa = path.join(a, f);
    if (fs.statSync(pa).isFile()) assert.ok(fs.readFileSync(pa).equals(fs.readFileSync(path.join(b, f))), f);
  }
});
