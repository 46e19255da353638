import assert from 'node:assert/strict';
import { test } from 'node:test';
import { redactUrl, toPgPlaceholders } from './postgres.js';

test('placeholders become $n outside quotes and comments', () => {
  assert.equal(toPgPlaceholders('SELECT * FROM t WHERE a = ? AND b = ?'), 'SELECT * FROM t WHERE a = $1 AND b = $2');
  assert.equal(toPgPlaceholders("SELECT '?' AS q, \"a?\" FROM t WHERE x = ? -- why?\n AND y = ?"), "SELECT '?' AS q, \"a?\" FROM t WHERE x = $1 -- why?\n AND y = $2");
});

test('the password never appears in a displayed URL', () => {
  assert.equal(redactUrl('postgres://u:secret@db:5432/x'), 'postgres://u:***@db:5432/x');
  assert.ok(!redactUrl('not a url').includes('secret'));
});
