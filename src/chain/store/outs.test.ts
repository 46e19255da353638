import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeOuts, encodeOuts, withSpent } from './outs.js';

void test('output blobs round-trip values up to 21M BTC, large address ids and spends on both sides', () => {
  const txId = 3_000_000_000;
  const values = [0, 1, 127, 128, 2_100_000_000_000_000, 546];
  const addrs = [0, 1, 2 ** 40, 17, 0, 99];
  const types = [7, 1, 3, 15, 9, 0];
  const spent = [0, txId + 1, txId + 2 ** 35, 0, txId - 5, txId + 128];
  const blob = encodeOuts(txId, values, addrs, types, spent);
  assert.deepEqual(decodeOuts(txId, blob), { value: values, addr: addrs, type: types, spent });
  // A sub-range of the arrays.
  assert.deepEqual(decodeOuts(txId, encodeOuts(txId, values, addrs, types, spent, 1, 2)), {
    value: values.slice(1, 3), addr: addrs.slice(1, 3), type: types.slice(1, 3), spent: spent.slice(1, 3),
  });
  // An unspent one-output transaction paying address 1: value 2 bytes, address and type 1, spent field 3 wide.
  assert.equal(encodeOuts(5, [1000], [1], [1], [0]).length, 6);
  // A spend fits the reserved width: the blob keeps its size.
  assert.equal(encodeOuts(5, [1000], [1], [1], [5 + 500_000]).length, 6);
  assert.deepEqual(decodeOuts(txId, null), { value: [], addr: [], type: [], spent: [] });
});

void test('setting and clearing spends rewrites only those outputs; a truncated blob stops at its end', () => {
  const blob = encodeOuts(10, [5, 6, 7], [1, 2, 3], [1, 1, 1], [0, 0, 12]);
  const set = decodeOuts(10, withSpent(10, blob, [{ n: 0, spentTx: 11 }, { n: 2, spentTx: 0 }, { n: 9, spentTx: 50 }]));
  assert.deepEqual(set.spent, [11, 0, 0]);
  assert.deepEqual(set.value, [5, 6, 7]);
  const cut = decodeOuts(10, blob.subarray(0, 7));
  assert.equal(cut.value.length, 2);
  assert.deepEqual(cut.value, [5, 6]);
});
