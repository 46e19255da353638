import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { test } from 'node:test';
import { merkleRoot } from './merkle.js';
import { sha256d64, sha256dRange, sha256dRanges } from './sha256.js';

const ref = (b: Uint8Array): Buffer => crypto.createHash('sha256').update(crypto.createHash('sha256').update(b).digest()).digest();

test('sha256dRange equals node:crypto at every length around the padding and long-message boundaries', () => {
  const src = crypto.randomBytes(1200);
  const out = Buffer.alloc(40);
  for (let n = 0; n <= 700; n++) {
    const a = n % 13;
    sha256dRange(src, a, a + n, out, 3);
    assert.deepEqual(out.subarray(3, 35), ref(src.subarray(a, a + n)), `length ${n}`);
  }
});

test('sha256dRanges hashes the concatenation of its ranges (a SegWit txid without the witness)', () => {
  const src = crypto.randomBytes(2000);
  const out = Buffer.alloc(32);
  for (const ranges of [[0, 4, 6, 70, 90, 94], [10, 11, 11, 75, 200, 204], [0, 4, 6, 600, 900, 904], [5, 5, 9, 9]]) {
    const parts = [];
    for (let i = 0; i < ranges.length; i += 2) parts.push(src.subarray(ranges[i], ranges[i + 1]));
    sha256dRanges(src, ranges, out, 0);
    assert.deepEqual(out, ref(Buffer.concat(parts)));
  }
});

test('sha256d64 may write over its own input (merkle levels are computed in place)', () => {
  const b = crypto.randomBytes(96);
  const want = ref(b.subarray(0, 64));
  sha256d64(b, 0, b, 0);
  assert.deepEqual(b.subarray(0, 32), want);
});

test('merkleRoot agrees with the textbook construction and flags CVE-2012-2459 duplicates', () => {
  const naive = (hs: Buffer[]): Buffer => {
    let level = hs;
    while (level.length > 1) {
      const next: Buffer[] = [];
      for (let i = 0; i < level.length; i += 2) next.push(ref(Buffer.concat([level[i]!, level[i + 1] ?? level[i]!])));
      level = next;
    }
    return level[0]!;
  };
  for (const n of [1, 2, 3, 5, 8, 13, 100]) {
    const hs = Array.from({ length: n }, () => crypto.randomBytes(32));
    const m = merkleRoot(hs);
    assert.deepEqual(m.root, naive(hs));
    assert.equal(m.mutated, false);
  }
  const h = Array.from({ length: 3 }, () => crypto.randomBytes(32));
  assert.equal(merkleRoot([h[0]!, h[1]!, h[2]!, h[2]!]).mutated, true);
  assert.equal(merkleRoot([h[0]!, h[1]!, h[2]!]).mutated, false);
});
