import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, runCli } from '../helpers/cli.js';
import { engineTest } from '../helpers/stores.js';

/**
 * The hand-written spear-phishing set (test/fixtures/mail/independent, see its README): three fictional Korean
 * exchanges registered from orgs.json, 30 attacks that must be malicious and 30 everyday mails that must be clean.
 * Written independently of the demo generator, so it measures the rules on mail they were not shaped by.
 */
const DIR = path.join(ROOT, 'test', 'fixtures', 'mail', 'independent');
interface Expected { file: string; org: string; expect: 'malicious' | 'suspicious' | 'clean'; why: string }
interface Line { file: string; org: string | null; verdict: string; score: number; signals: { id: string }[] }

engineTest('independent spear-phishing set: every attack malicious, every everyday mail clean, each for its organisation', async (_t, s) => {
  const imp = await runCli(['org', 'import', path.join(DIR, 'orgs.json')], { env: s.env });
  assert.equal(imp.code, 0, imp.stderr);
  const expected = JSON.parse(fs.readFileSync(path.join(DIR, 'expected.json'), 'utf8')) as Expected[];
  const r = await runCli(['scan', path.join(DIR, 'attack'), path.join(DIR, 'benign'), '--offline', '--json', '--workers', '2'], { env: s.env });
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Line);
  assert.equal(lines.length, expected.length);
  const wrong: string[] = [];
  for (const e of expected) {
    const got = lines.find((l) => l.file.endsWith(e.file));
    assert.ok(got !== undefined, e.file);
    assert.equal(got.org, e.org, `${e.file}: organisation resolved from the recipients`);
    const ok = e.expect === 'malicious' ? got.verdict === 'malicious' : e.expect === 'suspicious' ? got.verdict !== 'clean' : got.verdict === 'clean';
    if (!ok) wrong.push(`${e.file}: ${got.verdict} ${got.score} (${got.signals.map((x) => x.id).join(', ')}), expected ${e.expect}`);
  }
  assert.deepEqual(wrong, []);
});
