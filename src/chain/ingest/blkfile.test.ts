import assert from 'node:assert/strict';
import { test } from 'node:test';
import { frameBlock, scanBlkRecords, xorInPlace } from './blkfile.js';

const MAGIC = 0xd9b4bef9;
const M = new Set([MAGIC]);
const block = (n: number, fill = 1): Buffer => Buffer.alloc(n, fill);

void test('blk framing: records, zero padding, and each kind of damage with its offset', () => {
  const two = Buffer.concat([frameBlock(MAGIC, block(100)), frameBlock(MAGIC, block(200, 2))]);
  const ok = scanBlkRecords(Buffer.concat([two, Buffer.alloc(4096)]), M);
  assert.equal(ok.problem, null, 'zero padding after the last record is the normal end of a file');
  assert.deepEqual(ok.records.map((r) => [r.offset, r.blockOffset, r.length]), [[0, 8, 100], [108, 116, 200]]);

  const hugeLength = Buffer.from(two);
  hugeLength.writeUInt32LE(0xffffffff, 108 + 4);
  const cases: [string, Buffer, number, RegExp, number][] = [
    ['truncated-block', two.subarray(0, two.length - 1), 108, /truncated block: record says 200 bytes, 199 present/, 1],
    ['truncated-record-header', Buffer.concat([two, Buffer.from([0xf9, 0xbe, 0xb4])]), 316, /truncated record header/, 2],
    ['record-length-larger-than-any-block', hugeLength, 108, /record length 4294967295 outside/, 1],
    ['foreign-magic', Buffer.concat([two, frameBlock(0x0709110b, block(100))]), 316, /unexpected magic 0b110907/, 2],
    ['garbage-after-zeros', Buffer.concat([two, Buffer.alloc(8), Buffer.from([1])]), 316, /zero magic followed by data/, 2],
  ];
  for (const [name, buf, offset, reason, kept] of cases) {
    const r = scanBlkRecords(buf, M);
    assert.equal(r.problem?.offset, offset, name);
    assert.match(r.problem?.reason ?? '', reason, name);
    assert.equal(r.records.length, kept, `${name}: records before the damage are kept`);
  }
});

void test('xor obfuscation is keyed by file position and is its own inverse', () => {
  const key = Buffer.from('0102030405060708', 'hex');
  const data = Buffer.from('00000000000000000000', 'hex');
  const a = Buffer.from(data);
  xorInPlace(a, key, 0);
  assert.equal(a.toString('hex'), '01020304050607080102');
  const b = Buffer.from(data.subarray(3));
  xorInPlace(b, key, 3);
  assert.deepEqual(b, a.subarray(3));
  xorInPlace(a, key, 0);
  assert.deepEqual(a, data);
  const zero = Buffer.from(data);
  xorInPlace(zero, Buffer.alloc(8), 0);
  assert.deepEqual(zero, data);
});
