import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeIns, encodeIns } from './ins.js';

void test('input blobs round-trip, including large, negative and missing distances', () => {
  const txId = 5_000_000_000;
  const cases: (number | null)[][] = [[], [null], [txId - 1], [txId - 2 ** 40, null, txId + 7, 1, txId - 127, txId - 128]];
  for (const c of cases) assert.deepEqual(decodeIns(txId, encodeIns(txId, c)), c);
  assert.equal(encodeIns(1000, [999]).length, 1);
});
