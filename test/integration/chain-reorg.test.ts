import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { engineTest, tempDir } from '../helpers/stores.js';
import { BlkWriter, ChainBuilder, chainStatus, importBlocks, txView, type SynthBlock } from '../../src/chain/index.js';

function writeBlk(dir: string, magic: number, blocks: readonly SynthBlock[], xorKey?: Buffer, name = 'blk'): string {
  const d = path.join(dir, name);
  const w = new BlkWriter(d, { magic, ...(xorKey ? { xorKey } : {}) });
  for (const b of blocks) w.write(b.raw);
  w.close();
  return d;
}

engineTest('chain: xor-obfuscated files with blocks out of order and a stale branch', async (_t, s) => {
  const dir = tempDir('chain-xor-');
  try {
    const b = new ChainBuilder({ seed: 11 });
    const main: SynthBlock[] = [b.genesis as SynthBlock];
    const alice = b.newAddress('p2wpkh');
    main.push(b.mineBlock({ coinbaseTo: alice.script }));
    const bob = b.newAddress('p2pkh');
    const pay = b.spend([b.utxosOf(alice.script)[0]!], [{ script: bob.script, value: 20e8 }, { script: alice.script, value: 29.9e8 }]);
    main.push(b.mineBlock());
    main.push(b.mineBlock());
    // A competing block at height 2 that loses (less work than the main chain's two blocks on top of 1).
    const stale = b.mineBlock({ parent: main[1]!.hash, txs: [] });
    const shuffled = [main[3]!, main[0]!, stale, main[2]!, main[1]!];
    const blkDir = writeBlk(dir, b.magic, shuffled, Buffer.from('0123456789abcdef', 'hex'));
    assert.ok(fs.existsSync(path.join(blkDir, 'xor.dat')));
    const r = await importBlocks(s.db, [blkDir], 'blk', { network: 'regtest' });
    assert.deepEqual(r.problems, []);
    assert.equal(r.height, 3);
    assert.equal(r.tipHash, main[3]!.hashHex);
    assert.equal(r.stale, 1);
    const tx = await txView(s.db, pay.txidHex);
    assert.equal(tx.height, 2);
    assert.equal(tx.fee, 0.1e8);
    assert.equal(tx.outputs[0]?.address, bob.address);
    assert.equal(tx.inputs[0]?.address, alice.address);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

engineTest('chain: a reorg seen on a later import is applied', async (_t, s) => {
  const dir = tempDir('chain-reorg-');
  try {
    const b = new ChainBuilder({ seed: 12 });
    const g = b.genesis as SynthBlock;
    const a1 = b.mineBlock();
    const funder = b.utxosOf(a1.txs[0]!.outputs[0]!.script)[0]!;
    const carol = b.newAddress('p2tr');
    const spendA = b.spend([funder], [{ script: carol.script, value: 49e8 }]);
    const a2 = b.mineBlock();
    // The other branch: from a1, three blocks, without spendA.
    const b2 = b.mineBlock({ parent: a1.hash, txs: [] });
    const b3 = b.mineBlock({ parent: b2.hash, txs: [] });
    const b4 = b.mineBlock({ parent: b3.hash, txs: [] });
    const first = writeBlk(dir, b.magic, [g, a1, a2], undefined, 'first');
    const r1 = await importBlocks(s.db, [first], 'blk', { network: 'regtest' });
    assert.equal(r1.height, 2);
    assert.equal((await txView(s.db, spendA.txidHex)).height, 2);
    const before = await chainStatus(s.db);

    const second = writeBlk(dir, b.magic, [b2, b3, b4], undefined, 'second');
    const r2 = await importBlocks(s.db, [second], 'blk', {});
    assert.equal(r2.disconnected, 1);
    assert.equal(r2.connected, 3);
    assert.equal(r2.height, 4);
    assert.equal(r2.tipHash, b4.hashHex);
    await assert.rejects(txView(s.db, spendA.txidHex), /not in the index/);
    // a1's coinbase output is unspent again.
    const cb = await txView(s.db, a1.txs[0]!.txidHex);
    assert.equal(cb.outputs[0]?.spentBy, null);
    const after = await chainStatus(s.db);
    assert.equal(after.transactions, before.transactions - 2 + 3);
    assert.equal(after.blocks, 5);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

engineTest('chain: an interrupted import resumes to the same state as an uninterrupted one', async (_t, s) => {
  const dir = tempDir('chain-resume-');
  try {
    const b = new ChainBuilder({ seed: 13 });
    const blocks: SynthBlock[] = [b.genesis as SynthBlock];
    for (let i = 0; i < 30; i++) {
      const spendable = blocks.flatMap((x) => x.txs.flatMap((t) => t.outputs)).filter((o) => b.utxosOf(o.script).length > 0).slice(0, 3);
      for (const o of spendable) {
        const u = b.utxosOf(o.script)[0];
        if (u !== undefined && u.value > 10_000) b.spend([u], [{ script: b.newAddress().script, value: u.value - 1000 }]);
      }
      blocks.push(b.mineBlock());
    }
    const blk = writeBlk(dir, b.magic, blocks);
    await assert.rejects(
      importBlocks(s.db, [blk], 'blk', { network: 'regtest', batchBlocks: 7, onProgress: (done) => { if (done >= 14) throw new Error('killed'); } }),
      /killed/,
    );
    const partial = await chainStatus(s.db);
    assert.equal(partial.height, 13);
    const r = await importBlocks(s.db, [blk], 'blk', { network: 'regtest', batchBlocks: 7 });
    assert.equal(r.height, 30);
    const resumed = await chainStatus(s.db);
    const fresh = await (async () => {
      const { createTestStore } = await import('../helpers/stores.js');
      const other = await createTestStore(s.engine);
      try {
        await importBlocks(other.db, [blk], 'blk', { network: 'regtest' });
        return await chainStatus(other.db);
      } finally {
        await other.close();
      }
    })();
    assert.deepEqual({ ...resumed, bytesOnDisk: 0 }, { ...fresh, bytesOnDisk: 0 });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

engineTest('chain: a loose raw block joins the main chain when its ancestors arrive, its inputs resolved', async (_t, s) => {
  const dir = tempDir('chain-loose-');
  try {
    const b = new ChainBuilder({ seed: 14 });
    const g = b.genesis as SynthBlock;
    const a = b.newAddress('p2wpkh');
    const b1 = b.mineBlock({ coinbaseTo: a.script });
    const pay = b.spend(b.utxosOf(a.script), [{ script: b.newAddress().script, value: 10e8 }]);
    const b2 = b.mineBlock();
    const rawFile = path.join(dir, 'b2.raw');
    fs.writeFileSync(rawFile, b2.raw);
    const r1 = await importBlocks(s.db, [rawFile], 'raw', { network: 'regtest' });
    assert.equal(r1.loose, 1);
    assert.equal(r1.unresolvedInputs, 1);
    const loose = await txView(s.db, pay.txidHex);
    assert.equal(loose.height, null);
    assert.equal(loose.inputs[0]?.unresolved, true);
    assert.equal(loose.inputs[0]?.prevTxid, b1.txs[0]!.txidHex);
    const blk = writeBlk(dir, b.magic, [g, b1, b2]);
    const r2 = await importBlocks(s.db, [blk], 'blk', {});
    assert.equal(r2.height, 2);
    const joined = await txView(s.db, pay.txidHex);
    assert.equal(joined.height, 2);
    assert.equal(joined.inputs[0]?.value, 50e8);
    assert.equal(joined.fee, 40e8);
    const st = await chainStatus(s.db);
    assert.equal(st.transactions, 4);
    assert.equal(Number((await s.db.get<{ n: number }>('SELECT count(*) AS n FROM chain_unresolved'))?.n), 0);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
