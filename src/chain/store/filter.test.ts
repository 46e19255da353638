import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { test } from 'node:test';
import { AddressFilter, filterLog2Bits } from './filter.js';

void test('the address filter never forgets a key and rarely claims an unseen one', () => {
  const n = 50_000;
  const f = new AddressFilter(filterLog2Bits(n));
  const key = (i: number): Buffer => Buffer.concat([Buffer.from([0, 20]), crypto.createHash('sha256').update(String(i)).digest().subarray(0, 20)]);
  for (let i = 0; i < n; i++) f.add(key(i));
  for (let i = 0; i < n; i++) assert.ok(f.mayHave(key(i)), `key ${i}`);
  let false_ = 0;
  for (let i = n; i < 3 * n; i++) if (f.mayHave(key(i))) false_++;
  assert.ok(false_ / (2 * n) < 0.01, `false-positive rate ${false_ / (2 * n)}`);
  assert.equal(f.count, n);
  assert.ok(f.capacity >= n);
});
