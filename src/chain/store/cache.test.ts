import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BoundedMap } from './cache.js';

void test('bounded map keeps the newest entries within its bound', () => {
  const m = new BoundedMap<number, number>(10);
  for (let i = 0; i < 1000; i++) m.set(i, i * 2);
  assert.ok(m.size <= 10);
  assert.equal(m.get(999), 1998);
  assert.equal(m.get(995), 1990);
  assert.equal(m.get(100), undefined);
  m.set(999, 1);
  assert.equal(m.get(999), 1);
  m.delete(999);
  assert.equal(m.get(999), undefined);
});

void test('bounded map eviction stays linear over many generations (the V8 deleted-slot walk)', () => {
  const m = new BoundedMap<string, number>(200_000);
  for (let i = 0; i < 2_000_000; i++) m.set(`k${i}`, i);
  assert.equal(m.get('k1999999'), 1999999);
  assert.ok(m.size <= 200_000);
});
