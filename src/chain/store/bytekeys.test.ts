import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { test } from 'node:test';
import { BoundedKeyMap, ByteKeyTable, hashBytes } from './bytekeys.js';

const key = (i: number, len = 32): Buffer => crypto.createHash('sha256').update(String(i)).digest().subarray(0, len);

void test('byte-key table numbers keys densely and finds them by their bytes, wherever they sit', () => {
  const t = new ByteKeyTable(1000);
  for (let i = 0; i < 1000; i++) {
    const k = key(i, 20 + (i % 15));
    assert.equal(t.add(k, 0, k.length, hashBytes(k, 0, k.length)), i);
  }
  assert.equal(t.size, 1000);
  const buf = Buffer.concat([Buffer.alloc(7), key(500, 20 + (500 % 15))]);
  assert.equal(t.find(buf, 7, buf.length - 7, hashBytes(buf, 7, buf.length - 7)), 500);
  assert.equal(t.add(buf, 7, buf.length - 7, hashBytes(buf, 7, buf.length - 7)), 500);
  const other = key(5000);
  assert.equal(t.find(other, 0, 32, hashBytes(other, 0, 32)), -1);
  // A prefix of a key is another key.
  assert.equal(t.find(key(3, 20), 0, 19, hashBytes(key(3, 20), 0, 19)), -1);
  assert.throws(() => t.add(other, 0, 32, hashBytes(other, 0, 32)), RangeError);
  t.clear();
  assert.equal(t.size, 0);
  assert.equal(t.find(buf, 7, buf.length - 7, hashBytes(buf, 7, buf.length - 7)), -1);
});

void test('byte-key table: keys that all share one hash still resolve (past the probe bound, by string)', () => {
  const n = 300;
  const t = new ByteKeyTable(n);
  for (let i = 0; i < n; i++) assert.equal(t.add(key(i), 0, 32, 12345), i);
  for (let i = 0; i < n; i++) assert.equal(t.find(key(i), 0, 32, 12345), i, `key ${i}`);
  for (let i = 0; i < n; i++) assert.equal(t.add(key(i), 0, 32, 12345), i);
  assert.equal(t.size, n);
  assert.equal(t.find(key(n + 1), 0, 32, 12345), -1);
});

void test('bounded key map keeps the newest entries within its bound', () => {
  const m = new BoundedKeyMap(10);
  const h = (i: number): number => hashBytes(key(i), 0, 32);
  for (let i = 0; i < 1000; i++) m.set(key(i), 0, 32, h(i), i * 2);
  assert.ok(m.size <= 10);
  assert.equal(m.get(key(999), 0, 32, h(999)), 1998);
  assert.equal(m.get(key(995), 0, 32, h(995)), 1990);
  assert.equal(m.get(key(100), 0, 32, h(100)), -1);
  m.set(key(999), 0, 32, h(999), 1);
  assert.equal(m.get(key(999), 0, 32, h(999)), 1);
  m.clear();
  assert.equal(m.get(key(999), 0, 32, h(999)), -1);
});

void test('bounded key map stays linear over many generations', () => {
  const m = new BoundedKeyMap(200_000);
  const b = Buffer.alloc(32);
  for (let i = 0; i < 2_000_000; i++) {
    b.writeUInt32LE(i, 0);
    m.set(b, 0, 32, hashBytes(b, 0, 32), i);
  }
  assert.equal(m.get(b, 0, 32, hashBytes(b, 0, 32)), 1999999);
  assert.ok(m.size <= 200_000);
});

void test('bounded key map: a key read from the old generation moves into the young one', () => {
  const m = new BoundedKeyMap(4);
  const h = (i: number): number => hashBytes(key(i), 0, 32);
  m.set(key(1), 0, 32, h(1), 10);
  m.set(key(2), 0, 32, h(2), 20); // young full: {1, 2} becomes old
  assert.equal(m.getKeep(key(1), 0, 32, h(1)), 10); // copied into young
  m.set(key(3), 0, 32, h(3), 30); // young {1, 3} full: old {2} goes
  assert.equal(m.get(key(2), 0, 32, h(2)), -1);
  assert.equal(m.get(key(1), 0, 32, h(1)), 10);
  assert.equal(m.getKeep(key(9), 0, 32, h(9)), -1);
});
