import assert from 'node:assert/strict';
import { test } from 'node:test';
import crypto from 'node:crypto';
import { eip55Valid, keccak256, sponge256 } from './keccak.js';

test('keccak256 known answers (empty, "abc", a sentence)', () => {
  const hex = (s: string): string => Buffer.from(keccak256(Buffer.from(s))).toString('hex');
  assert.equal(hex(''), 'c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470');
  assert.equal(hex('abc'), '4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45');
  assert.equal(hex('The quick brown fox jumps over the lazy dog'), '4d741b6f1eb29cb2a9b9911c82f56fa8d73b04959d3d9d222895df6c0b28aa15');
});

test('EIP-55: the EIP\'s examples pass, one flipped letter fails, single-case needs no checksum', () => {
  for (const a of ['0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed', '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359', '0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB', '0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb']) {
    assert.equal(eip55Valid(a), true, a);
  }
  assert.equal(eip55Valid('0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD'), false);
  assert.equal(eip55Valid('0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed'), true);
  assert.equal(eip55Valid('0x5AAEB6053F3E94C9B9A09F33669435E7EF1BEAED'), true);
});

test('the sponge with SHA3 padding equals node:crypto sha3-256 for every length 0..300 (block boundaries included)', () => {
  const data = Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 31 + 7) & 0xff));
  for (let n = 0; n <= 300; n++) {
    const want = crypto.createHash('sha3-256').update(data.subarray(0, n)).digest('hex');
    assert.equal(Buffer.from(sponge256(data.subarray(0, n), 0x06)).toString('hex'), want, `length ${n}`);
  }
});
