import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseCsvRows } from './lists.js';

test('CSV rows: quotes, escaped quotes, embedded commas and newlines, CRLF, blank lines', () => {
  const rows = parseCsvRows('type,value\r\nurl,"http://x.example/?a=1,2"\n\nemail,"a""b@x.example"\ndomain,"multi\nline"\n', 't.csv');
  assert.deepEqual(rows, [
    { line: 1, cells: ['type', 'value'] },
    { line: 2, cells: ['url', 'http://x.example/?a=1,2'] },
    { line: 4, cells: ['email', 'a"b@x.example'] },
    { line: 5, cells: ['domain', 'multi\nline'] },
  ]);
});

test('CSV: unterminated quote and column bombs are refused', () => {
  assert.throws(() => parseCsvRows('type,value\nip,"open', 't.csv'), /line 2: unterminated quoted field/);
  assert.throws(() => parseCsvRows(`type,value\n${','.repeat(100)}\n`, 't.csv'), /more than 64 columns/);
});
