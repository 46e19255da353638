import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { RULES } from './rules.js';
import { repoRoot } from './test-helpers.js';

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [p] : [];
  });
}

void test('every signal id the mail analysers can emit has a rule (an unpriced signal would silently weigh nothing)', () => {
  const missing: string[] = [];
  for (const file of sources(path.join(repoRoot(), 'src', 'mail'))) {
    for (const m of fs.readFileSync(file, 'utf8').matchAll(/\bsignal\(\s*'([a-z]+\.[a-z-]+)'/g)) {
      if (m[1]!.startsWith('attachment.')) continue;
      if (RULES[m[1]!] === undefined) missing.push(`${m[1]!} (${path.basename(file)})`);
    }
  }
  assert.deepEqual(missing, []);
});

void test('every rule has a description and a reason, and no single content lure decides a verdict alone except by design', () => {
  for (const [id, r] of Object.entries(RULES)) {
    assert.ok(r.description.length > 10 && r.reason.length > 10, id);
    assert.ok(r.weight >= 0 && r.weight <= 100, id);
  }
  // the weak lures exist to enable the lure-and-vehicle combinations; keep them below the suspicious threshold
  for (const id of ['content.prize-lure', 'content.stranger-offer', 'content.gambling-offer', 'content.lure-foreign-link', 'content.single-foreign-action', 'link.image-host', 'sender.abused-tld']) {
    assert.ok(RULES[id]!.weight < 30, id);
  }
});
