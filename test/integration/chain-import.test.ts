import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { engineTest, tempDir } from '../helpers/stores.js';
import { addressView, chainStatus, importBlocks, txView, type ImportReport } from '../../src/chain/index.js';

const FIX = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../test/fixtures/chain');
const fx = (n: string): string => path.join(FIX, n);

engineTest('chain: mainnet blocks 0-438 and 1-255 import together to height 438', async (_t, s) => {
  const r = await importBlocks(s.db, [fx('mainnet-blocks-0-438.blk'), fx('btcd-blocks1-256.dat')], 'blk', { network: 'mainnet' });
  assert.equal(r.height, 438);
  assert.equal(r.duplicates, 255);
  assert.equal(r.connected, 439);
  assert.deepEqual(r.problems, []);
  const st = await chainStatus(s.db);
  assert.equal(st.height, 438);
  assert.equal(st.blocks, 439);
  assert.equal(st.network, 'mainnet');
  assert.equal(st.tipHash, r.tipHash);
  assert.ok(st.bytesOnDisk > 0);

  const tx = await txView(s.db, 'f4184fc596403b9d638783cf57adfe4c75c605f6356fbc91338530e9831e9e16');
  assert.equal(tx.height, 170);
  assert.equal(tx.fee, 0);
  assert.deepEqual(tx.outputs.map((o) => [o.address, o.value, o.type]), [
    ['1Q2TWHE3GMdB6BZKafqwxXtWAWgFt5Jvm3', 1_000_000_000, 'p2pk'],
    ['12cbQLTFMXRnSzktFkuoG3eHoMeFtpTu3S', 4_000_000_000, 'p2pk'],
  ]);
  // The input spends block 9's coinbase.
  assert.equal(tx.inputs.length, 1);
  assert.equal(tx.inputs[0]?.prevTxid, '0437cd7f8525ceed2324359c2d0ba26006d92d856a9c20fa0241106ee5a597c9');
  assert.equal(tx.inputs[0]?.value, 5_000_000_000);
  const coinbase9 = await txView(s.db, '0437cd7f8525ceed2324359c2d0ba26006d92d856a9c20fa0241106ee5a597c9');
  assert.equal(coinbase9.height, 9);
  assert.equal(coinbase9.inputs[0]?.coinbase, true);
  assert.deepEqual(coinbase9.outputs[0]?.spentBy, { txid: tx.txid, vin: 0 });

  const hal = await addressView(s.db, '1Q2TWHE3GMdB6BZKafqwxXtWAWgFt5Jvm3');
  assert.equal(hal.received, 1_000_000_000);
  assert.equal(hal.balance, 1_000_000_000);
  assert.equal(hal.txCount, 1);
  assert.equal(hal.firstSeen, '2009-01-12T03:30:25.000Z');

  // Importing the same files again reads nothing new (each file resumes where its last scan ended); a rescan
  // reads everything and finds only duplicates.
  const again = await importBlocks(s.db, [fx('mainnet-blocks-0-438.blk')], 'blk', {});
  assert.equal(again.connected, 0);
  assert.equal(again.blocksRead, 0);
  const rescan = await importBlocks(s.db, [fx('mainnet-blocks-0-438.blk')], 'blk', { rescan: true });
  assert.equal(rescan.duplicates, 439);
  assert.equal(rescan.connected, 0);
  assert.equal((await chainStatus(s.db)).transactions, st.transactions);
});

engineTest('chain: blocks appended to a blk file after an import are picked up by reading only the new bytes', async (_t, s) => {
  const dir = tempDir('chain-append-');
  try {
    const full = fs.readFileSync(fx('mainnet-blocks-0-438.blk'));
    let p = 0;
    for (let i = 0; i < 300; i++) p += 8 + full.readUInt32LE(p + 4);
    const file = path.join(dir, 'blk00000.dat');
    // Core preallocates: zero padding after the last record is normal.
    fs.writeFileSync(file, Buffer.concat([full.subarray(0, p), Buffer.alloc(1000)]));
    const r1 = await importBlocks(s.db, [dir], 'blk', { network: 'mainnet' });
    assert.equal(r1.height, 299);
    assert.deepEqual(r1.problems, []);
    fs.writeFileSync(file, full);
    const r2 = await importBlocks(s.db, [dir], 'blk', {});
    assert.equal(r2.blocksRead, 139);
    assert.equal(r2.height, 438);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

const SINGLE = [
  'bitcoinj-block169482.dat', 'bitcoinj-block227835.dat', 'bitcoinj-block227836.dat', 'bitcoinj-block363703.dat',
  'bitcoinj-block370661.dat', 'bitcoinj-block383616.dat', 'bitcoinj-block481815.dat', 'bitcoinj-block481829.dat', 'block413567.raw',
];

engineTest('chain: single raw blocks import as loose segments with unresolved inputs', async (_t, s) => {
  const r: ImportReport = await importBlocks(s.db, SINGLE.map(fx), 'raw', { network: 'mainnet' });
  assert.deepEqual(r.problems, []);
  assert.equal(r.loose, SINGLE.length);
  assert.ok(r.unresolvedInputs > 0);
  const st = await chainStatus(s.db);
  assert.equal(st.blocks, SINGLE.length);
  assert.equal(st.height, -1);
  const n = await s.db.get<{ n: number }>(
    "SELECT tx_count AS n FROM chain_blocks WHERE source LIKE '%block413567.raw'",
  );
  assert.equal(Number(n?.n), 1557);
  const txs = await s.db.get<{ n: number }>('SELECT count(*) AS n FROM chain_txs t JOIN chain_blocks b ON b.id = t.block_id WHERE b.source LIKE ?', ['%block413567.raw']);
  assert.equal(Number(txs?.n), 1557);
  // 227835 and 227836 are consecutive: the second one's spends of the first resolve, never guessed otherwise.
  const unresolved = await s.db.get<{ n: number }>('SELECT count(*) AS n FROM chain_unresolved');
  assert.equal(Number(unresolved?.n), r.unresolvedInputs);
});

engineTest('chain: a truncated file is reported with file, offset and reason; blocks before it are kept', async (_t, s) => {
  const dir = tempDir('chain-trunc-');
  try {
    const full = fs.readFileSync(fx('mainnet-blocks-0-438.blk'));
    const cut = full.subarray(0, Math.floor(full.length / 2));
    const file = path.join(dir, 'blk00000.dat');
    fs.writeFileSync(file, cut);
    const r = await importBlocks(s.db, [dir], 'blk', { network: 'mainnet' });
    assert.equal(r.problems.length, 1);
    assert.equal(r.problems[0]?.file, file);
    assert.match(r.problems[0]?.reason ?? '', /truncated block/);
    assert.ok((r.problems[0]?.offset ?? 0) > 0);
    assert.ok(r.height > 100 && r.height < 438, `height ${r.height}`);
    const st = await chainStatus(s.db);
    assert.equal(st.height, r.height);
    const stored = await s.db.get<{ n: number }>('SELECT count(*) AS n FROM chain_problems');
    assert.equal(Number(stored?.n), 1);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

engineTest('chain: a corrupt block stops the chain at the block before it, with its offset', async (_t, s) => {
  const dir = tempDir('chain-corrupt-');
  try {
    const full = Buffer.from(fs.readFileSync(fx('mainnet-blocks-0-438.blk')));
    // Flip a byte inside the 201st record's transactions: framing stays intact, the merkle root no longer matches.
    let p = 0;
    for (let i = 0; i < 200; i++) p += 8 + full.readUInt32LE(p + 4);
    const len = full.readUInt32LE(p + 4);
    const at = p + 8 + len - 5;
    full[at] = (full[at] ?? 0) ^ 0xff;
    fs.writeFileSync(path.join(dir, 'blk00000.dat'), full);
    const r = await importBlocks(s.db, [dir], 'blk', { network: 'mainnet' });
    assert.equal(r.height, 199);
    assert.equal(r.problems.length, 1);
    assert.equal(r.problems[0]?.offset, p + 8);
    assert.match(r.problems[0]?.reason ?? '', /merkle root|locktime|truncated|trailing/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

engineTest('chain: network magic is checked against --network', async (_t, s) => {
  const r = await importBlocks(s.db, [fx('mainnet-blocks-0-438.blk')], 'blk', { network: 'testnet' });
  assert.equal(r.connected, 0);
  assert.match(r.problems[0]?.reason ?? '', /magic f9beb4d9 is mainnet, not --network testnet/);
  // Nothing was recorded, so the store is not pinned to testnet; once mainnet blocks are in, it is pinned.
  const main = await importBlocks(s.db, [fx('mainnet-blocks-0-438.blk')], 'blk', { network: 'mainnet' });
  assert.equal(main.height, 438);
  await assert.rejects(importBlocks(s.db, [fx('btcd-blocks1-256.dat')], 'blk', { network: 'testnet' }), /holds mainnet/);
});
