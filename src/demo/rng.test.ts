import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from './rng.js';

test('same seed, same stream; different seed, different stream', () => {
  const a = new Rng(42);
  const b = new Rng(42);
  const c = new Rng(43);
  const sa = Array.from({ length: 20 }, () => a.next32());
  assert.deepEqual(sa, Array.from({ length: 20 }, () => b.next32()));
  assert.notDeepEqual(sa, Array.from({ length: 20 }, () => c.next32()));
});

test('forks are independent of draws on the parent', () => {
  const a = new Rng(7);
  const b = new Rng(7);
  b.next32();
  b.next32();
  assert.equal(a.fork('orgs').next32(), b.fork('orgs').next32());
  assert.notEqual(a.fork('orgs').next32(), a.fork('mail').next32());
});

test('int stays in range and hits both ends; uuid is version 4', () => {
  const r = new Rng(1);
  const seen = new Set<number>();
  for (let i = 0; i < 2000; i++) {
    const v = r.int(3, 6);
    assert.ok(v >= 3 && v <= 6);
    seen.add(v);
  }
  assert.deepEqual([...seen].sort(), [3, 4, 5, 6]);
  assert.match(r.uuid(), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
});

test('sample returns distinct items', () => {
  const r = new Rng(9);
  const s = r.sample([1, 2, 3, 4, 5, 6, 7, 8], 5);
  assert.equal(new Set(s).size, 5);
});
