import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addressKeyValue, CHUNK_MAX, decodeChunk, encodeChunk, splitPoints, txKeyValue } from './keyed.js';

void test('key chunks: entries round-trip, keys of 40 bits, short scripts padded with zeros', () => {
  const keys = [5, 5, 9, 2 ** 40 - 1];
  const ids = [7, 3_000_000_000, 1, 2 ** 40];
  const ks: number[] = [];
  const is: number[] = [];
  decodeChunk(4, encodeChunk(4, keys, ids), ks, is);
  assert.deepEqual([ks, is], [keys, ids]);
  assert.equal(txKeyValue(Buffer.from('0102030405ff', 'hex')), 0x0102030405);
  // OP_1 0x02 0x4e73 (pay-to-anchor): one byte of the program, then zeros.
  assert.equal(addressKeyValue(Buffer.from('51024e73', 'hex')), 0x73 * 2 ** 32);
});

void test('key chunks: a full chunk is cut into pieces of at most CHUNK_MAX, never inside a run of equal keys', () => {
  assert.deepEqual(splitPoints(Array.from({ length: CHUNK_MAX }, (_x, i) => i)), [0], 'a chunk at the limit stays whole');
  for (const n of [CHUNK_MAX + 1, 1000, 12_345]) {
    // Runs of equal keys of every length from 1 to 9.
    const keys: number[] = [];
    for (let v = 0; keys.length < n; v++) for (let r = 0; r <= v % 9 && keys.length < n; r++) keys.push(v);
    const starts = splitPoints(keys);
    assert.equal(starts[0], 0);
    for (let p = 0; p < starts.length; p++) {
      const from = starts[p]!;
      const to = starts[p + 1] ?? n;
      assert.ok(to > from && to - from <= CHUNK_MAX, `piece ${p}: ${to - from} entries`);
      if (p > 0) assert.notEqual(keys[from], keys[from - 1], 'a key never spans two pieces');
    }
  }
});
