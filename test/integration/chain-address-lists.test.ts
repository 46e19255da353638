import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createTestStore, engineTest, tempDir } from '../helpers/stores.js';
import {
  addressView, BlkWriter, ChainBuilder, clusterView, importBlocks, outputsOfAddress, outputsOfAddresses, addressId, type SynthBlock,
} from '../../src/chain/index.js';
import type { Db } from '../../src/store/index.js';

function writeBlk(dir: string, magic: number, blocks: readonly SynthBlock[], name: string): string {
  const d = path.join(dir, name);
  const w = new BlkWriter(d, { magic });
  for (const b of blocks) w.write(b.raw);
  w.close();
  return d;
}

async function paidIds(db: Db, script: Uint8Array): Promise<number[]> {
  const a = await addressId(db, script);
  assert.ok(a !== null);
  return (await outputsOfAddress(db, a.id)).map((o) => o.id);
}

engineTest('chain: an address paid many times over several imports, and a reorg taking some of it back, reads as a fresh import of the same chain', async (_t, s) => {
  const dir = tempDir('chain-lists-');
  try {
    const b = new ChainBuilder({ seed: 21 });
    const hot = b.newAddress('p2wpkh');
    const other = b.newAddress('p2pkh');
    const g = b.genesis as SynthBlock;
    const main: SynthBlock[] = [];
    for (let i = 1; i <= 20; i++) main.push(b.mineBlock({ coinbaseTo: hot.script }));
    const u = b.utxosOf(hot.script);
    // 250 outputs to the hot address in one transaction (more than a chunk holds), then two more coinbases.
    b.spend([u[0]!], Array.from({ length: 250 }, () => ({ script: hot.script, value: 0.1e8 })));
    const fan = b.mineBlock({ coinbaseTo: hot.script });
    const tail = [fan, b.mineBlock({ coinbaseTo: hot.script }), b.mineBlock({ coinbaseTo: hot.script })];
    // The winning branch from block 20: four blocks, one paying the hot address once more.
    const fork: SynthBlock[] = [];
    fork.push(b.mineBlock({ parent: main[19]!.hash, coinbaseTo: other.script }));
    b.spend([u[1]!], [{ script: hot.script, value: 10e8 }, { script: other.script, value: 39e8 }]);
    fork.push(b.mineBlock({ parent: fork[0]!.hash, coinbaseTo: other.script }));
    fork.push(b.mineBlock({ parent: fork[1]!.hash, coinbaseTo: other.script }));
    fork.push(b.mineBlock({ parent: fork[2]!.hash, coinbaseTo: other.script }));

    // Incremental imports: each a batch appending to the lists written before.
    await importBlocks(s.db, [writeBlk(dir, b.magic, [g, ...main.slice(0, 7)], 'a')], 'blk', { network: 'regtest' });
    assert.equal((await paidIds(s.db, hot.script)).length, 7);
    await importBlocks(s.db, [writeBlk(dir, b.magic, main.slice(7), 'b')], 'blk', { network: 'regtest' });
    assert.equal((await paidIds(s.db, hot.script)).length, 20);
    await importBlocks(s.db, [writeBlk(dir, b.magic, tail, 'c')], 'blk', { network: 'regtest' });
    const before = await paidIds(s.db, hot.script);
    assert.equal(before.length, 20 + 250 + 3);
    assert.deepEqual(before, [...before].sort((x, y) => x - y));
    assert.equal((await addressView(s.db, hot.address)).received, 20 * 50e8 + 250 * 0.1e8 + 3 * 50e8);
    // New payments since an output id: only the later ones.
    const a = (await addressId(s.db, hot.script))!;
    const cut = before[100]!;
    assert.deepEqual((await outputsOfAddresses(s.db, [a.id], cut)).map((o) => o.id), before.slice(101));

    const r = await importBlocks(s.db, [writeBlk(dir, b.magic, fork, 'd')], 'blk', { network: 'regtest' });
    assert.equal(r.height, 24);
    const after = await paidIds(s.db, hot.script);
    assert.equal(after.length, 21);

    const fresh = await createTestStore(s.engine);
    try {
      await importBlocks(fresh.db, [writeBlk(dir, b.magic, [g, ...main, ...fork], 'e')], 'blk', { network: 'regtest' });
      assert.deepEqual(await paidIds(s.db, hot.script), await paidIds(fresh.db, hot.script));
      assert.deepEqual(await paidIds(s.db, other.script), await paidIds(fresh.db, other.script));
      assert.deepEqual(await addressView(s.db, hot.address), await addressView(fresh.db, hot.address));
      assert.deepEqual(await addressView(s.db, other.address), await addressView(fresh.db, other.address));
      assert.deepEqual(await clusterView(s.db, hot.address, 10), await clusterView(fresh.db, hot.address, 10));
    } finally {
      await fresh.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
