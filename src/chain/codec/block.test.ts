import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'node:test';
import { classifyScript, scriptToAddress, toDisplayHex } from '../address/index.js';
import { NETWORK_PARAMS } from '../address/networks.js';
import { scanBlkRecords } from '../ingest/blkfile.js';
import { isCoinbase, parseBlock, parseTx, wtxid } from './index.js';

const FIX = new URL('../../../../test/fixtures/chain/', import.meta.url);
const read = (name: string): Buffer => fs.readFileSync(new URL(name, FIX));
const MAINNET = new Set([NETWORK_PARAMS.mainnet.magic]);

function framedBlocks(name: string): Buffer[] {
  const buf = read(name);
  const { records, problem } = scanBlkRecords(buf, MAINNET);
  assert.equal(problem, null);
  return records.map((r) => buf.subarray(r.blockOffset, r.blockOffset + r.length));
}

// Heights and transaction counts of the single-block fixtures (hashes checked against the header's own PoW).
const SINGLE: [string, number][] = [
  ['bitcoinj-block169482.dat', 0],
  ['bitcoinj-block227835.dat', 0],
  ['bitcoinj-block227836.dat', 0],
  ['bitcoinj-block363703.dat', 0],
  ['bitcoinj-block370661.dat', 0],
  ['bitcoinj-block383616.dat', 0],
  ['bitcoinj-block481815.dat', 0],
  ['bitcoinj-block481829.dat', 0],
  ['block413567.raw', 1557],
];

void test('every single-block fixture parses with its merkle root verified', () => {
  for (const [name, txs] of SINGLE) {
    const b = parseBlock(read(name));
    if (txs > 0) assert.equal(b.txs.length, txs, name);
    assert.ok(b.txs.length >= 1, name);
  }
  const framed = framedBlocks('btcd-block277647.dat');
  assert.equal(framed.length, 1);
  parseBlock(framed[0] as Buffer);
});

void test('block 481829 is a SegWit block whose witness commitment verifies', () => {
  const b = parseBlock(read('bitcoinj-block481829.dat'));
  const witnessTxs = b.txs.filter((t) => t.hasWitness);
  assert.ok(witnessTxs.length > 0);
  const t = witnessTxs[0];
  assert.ok(t);
  assert.notDeepEqual(wtxid(t), t.txid);
  assert.equal(toDisplayHex(b.header.hash).slice(0, 8), '00000000');
  assert.ok(b.weight > b.size && b.weight <= 4_000_000);
  assert.ok(b.txs.flatMap((x) => x.inputs).some((i) => i.witness.length > 0));
});

void test('mainnet blocks 0-438: genesis, and block 170 pays 10 BTC to Hal Finney spending block 9', () => {
  const blocks = framedBlocks('mainnet-blocks-0-438.blk').map((b) => parseBlock(b));
  assert.equal(blocks.length, 439);
  assert.equal(toDisplayHex(blocks[0]?.header.hash ?? Buffer.alloc(0)), '000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f');
  const all = blocks.flatMap((b) => b.txs);
  const t170 = all.find((t) => toDisplayHex(t.txid) === 'f4184fc596403b9d638783cf57adfe4c75c605f6356fbc91338530e9831e9e16');
  assert.ok(t170);
  assert.equal(t170.outputs.length, 2);
  assert.equal(t170.outputs[0]?.value, 10 * 1e8);
  assert.equal(scriptToAddress(t170.outputs[0]?.script ?? Buffer.alloc(0), 'mainnet'), '1Q2TWHE3GMdB6BZKafqwxXtWAWgFt5Jvm3');
  assert.equal(t170.outputs[1]?.value, 40 * 1e8);
  assert.equal(classifyScript(t170.outputs[1]?.script ?? Buffer.alloc(0)), 'p2pk');
  assert.equal(scriptToAddress(t170.outputs[1]?.script ?? Buffer.alloc(0), 'mainnet'), '12cbQLTFMXRnSzktFkuoG3eHoMeFtpTu3S');
  const input = t170.inputs[0];
  assert.ok(input);
  const block9Coinbase = blocks[9]?.txs[0];
  assert.ok(block9Coinbase && isCoinbase(block9Coinbase));
  assert.deepEqual(input.prevTxid, block9Coinbase.txid);
  assert.equal(input.vout, 0);
});

void test('a tx round-trips through parseTx', () => {
  const b = parseBlock(read('bitcoinj-block481829.dat'));
  const t = b.txs.find((x) => x.hasWitness);
  assert.ok(t);
  assert.deepEqual(parseTx(Buffer.from(t.raw)).txid, t.txid);
});

// Hostile and corrupt blocks: each must fail with its reason, quickly, without allocating the claimed counts.
void test('corrupt blocks are refused with a reason', () => {
  const good = read('bitcoinj-block169482.dat');
  const cases: [string, (b: Buffer) => Buffer, RegExp][] = [
    ['merkle-root-flipped', (b) => { const c = Buffer.from(b); c[40] = (c[40] ?? 0) ^ 1; return c; }, /proof of work|merkle root/],
    ['truncated-block', (b) => b.subarray(0, b.length - 10), /truncated|larger than the \d+ bytes left/],
    ['trailing-garbage', (b) => Buffer.concat([b, Buffer.from([1, 2, 3])]), /trailing bytes/],
    ['varint-count-larger-than-bytes', (b) => { const c = Buffer.from(b.subarray(0, 81)); c[80] = 0xfe; return Buffer.concat([c, Buffer.from([0xff, 0xff, 0xff, 0x7f])]); }, /count \d+ larger than/],
    ['empty-input', () => Buffer.alloc(0), /truncated block header/],
    ['tx-byte-flipped', (b) => { const c = Buffer.from(b); c[c.length - 20] = (c[c.length - 20] ?? 0) ^ 0xff; return c; }, /merkle root|truncated|trailing|count/],
  ];
  for (const [name, mutate, reason] of cases) {
    assert.throws(() => parseBlock(mutate(good), { checkPow: name !== 'merkle-root-flipped' }), reason, name);
  }
  const hugeVarint = Buffer.concat([good.subarray(0, 80), Buffer.from([0xff, 0, 0, 0, 0, 0, 0, 0, 1])]);
  assert.throws(() => parseBlock(hugeVarint), /too large/);
});

void test('proof of work is checked against the header bits', () => {
  const c = Buffer.from(read('bitcoinj-block169482.dat'));
  c.writeUInt32LE((c.readUInt32LE(76) + 1) >>> 0, 76);
  assert.throws(() => parseBlock(c), /proof of work/);
});
