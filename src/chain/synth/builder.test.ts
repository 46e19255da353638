import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { parseBitcoinAddress } from '../address/index.js';
import { parseBlock, isCoinbase } from '../codec/index.js';
import { scanBlkRecords } from '../ingest/blkfile.js';
import { NETWORK_PARAMS } from '../address/networks.js';
import { ChainBuilder } from './builder.js';
import { writeSyntheticChain } from './random.js';

void test('synth: a scripted theft, peel chain and exchange deposit makes valid blocks', () => {
  const b = new ChainBuilder({ seed: 42 });
  const victim = b.newAddress('p2wpkh');
  const thief = b.newAddress('p2tr');
  const exchange = b.newAddress('p2pkh');
  const blocks = [b.genesis!, b.mineBlock({ coinbaseTo: victim.script })];
  const theft = b.spend(b.utxosOf(victim.script), [{ address: thief.address, value: 49.9e8 }]);
  let coin = theft.outputs[0]!;
  for (let hop = 0; hop < 5; hop++) {
    const next = b.newAddress('p2wpkh');
    const tx = b.spend([coin], [{ script: exchange.script, value: 1e8 }, { script: next.script, value: coin.value - 1e8 - 1000 }]);
    coin = tx.outputs[1]!;
  }
  blocks.push(b.mineBlock());
  assert.equal(b.utxosOf(exchange.script).length, 5);
  assert.equal(parseBitcoinAddress(victim.address, 'regtest')?.type, 'p2wpkh');
  for (const blk of blocks) {
    const parsed = parseBlock(blk.raw);
    assert.deepEqual(parsed.header.hash, blk.hash);
    assert.ok(isCoinbase(parsed.txs[0]!));
  }
  assert.equal(blocks[2]!.txs.length, 7);
  assert.throws(() => b.spend([coin], [{ script: thief.script, value: coin.value + 1 }]), /exceed inputs/);
});

void test('synth: the same seed writes the same chain, and every block verifies', () => {
  const dirs = [0, 1].map(() => fs.mkdtempSync(path.join(os.tmpdir(), 'sw-synth-')));
  try {
    const [a, c] = dirs.map((d) => writeSyntheticChain({ blocks: 40, txsPerBlock: 30, out: d, seed: 9 }));
    assert.equal(a!.tipHash, c!.tipHash);
    const buf = fs.readFileSync(a!.files[0]!);
    assert.deepEqual(buf, fs.readFileSync(c!.files[0]!));
    const { records, problem } = scanBlkRecords(buf, new Set([NETWORK_PARAMS.regtest.magic]));
    assert.equal(problem, null);
    assert.equal(records.length, 41);
    let txs = 0;
    for (const r of records) txs += parseBlock(buf.subarray(r.blockOffset, r.blockOffset + r.length)).txs.length;
    assert.equal(txs, a!.transactions);
  } finally {
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  }
});
