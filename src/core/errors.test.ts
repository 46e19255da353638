import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ERROR_CATALOGUE, SpearwatchError, toSpearwatchError } from './errors.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

test('docs/errors.md documents every error code with its exit code and HTTP status, and nothing else', () => {
  const doc = fs.readFileSync(path.join(root, 'docs', 'errors.md'), 'utf8');
  const rows = new Map<string, { exit: number; http: number }>();
  for (const m of doc.matchAll(/^\|\s*`(SW_[A-Z_]+)`\s*\|\s*(\d)\s*\|\s*(\d{3})\s*\|/gm)) {
    rows.set(m[1]!, { exit: Number(m[2]), http: Number(m[3]) });
  }
  for (const [code, spec] of Object.entries(ERROR_CATALOGUE)) {
    assert.deepEqual(rows.get(code), { exit: spec.exit, http: spec.http }, `docs/errors.md row for ${code}`);
  }
  assert.deepEqual([...rows.keys()].sort(), Object.keys(ERROR_CATALOGUE).sort());
});

test('exit codes stay within the documented set', () => {
  for (const spec of Object.values(ERROR_CATALOGUE)) assert.ok([2, 3, 4].includes(spec.exit));
});

test('a typed error keeps its code; anything else becomes SW_INTERNAL with exit 4', () => {
  const typed = new SpearwatchError('SW_NOT_FOUND', 'no such org');
  assert.equal(toSpearwatchError(typed), typed);
  assert.equal(typed.exitCode, 3);
  assert.equal(typed.httpStatus, 404);
  const wrapped = toSpearwatchError(new TypeError('boom'));
  assert.equal(wrapped.code, 'SW_INTERNAL');
  assert.equal(wrapped.exitCode, 4);
  assert.deepEqual(typed.toJSON(), { code: 'SW_NOT_FOUND', message: 'no such org' });
});
