import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { engineTest, tempDir } from '../helpers/stores.js';
import { BlkWriter, ChainBuilder, addressId, addressIds, addressView, clusterView, importBlocks, txView, type SynthBlock } from '../../src/chain/index.js';

function write(dir: string, name: string, magic: number, blocks: SynthBlock[]): string {
  const d = path.join(dir, name);
  const w = new BlkWriter(d, { magic });
  for (const b of blocks) w.write(b.raw);
  w.close();
  return d;
}

engineTest('chain: multi-input clustering, CoinJoin exclusion, size guard and stable ids across imports', async (_t, s) => {
  const dir = tempDir('chain-cluster-');
  try {
    const b = new ChainBuilder({ seed: 21 });
    const first: SynthBlock[] = [b.genesis as SynthBlock];
    const [a1, a2, a3, a4, a5, a6] = ['p2wpkh', 'p2pkh', 'p2tr', 'p2wpkh', 'p2sh', 'p2wpkh'].map((t) => b.newAddress(t as 'p2wpkh'));
    for (const a of [a1, a2, a3, a4, a5, a6]) first.push(b.mineBlock({ coinbaseTo: a!.script }));
    const u = (a: { script: Buffer }) => b.utxosOf(a.script)[0]!;
    const dest = b.newAddress('p2wpkh');
    // a1 + a2 spent together: one entity.
    b.spend([u(a1!), u(a2!)], [{ script: dest.script, value: 99e8 }]);
    // A CoinJoin-like transaction: a3 and a4 each pay into two equal 20 BTC outputs plus change: not merged.
    const cj = b.spend([u(a3!), u(a4!)], [
      { script: b.newAddress().script, value: 20e8 }, { script: b.newAddress().script, value: 20e8 },
      { script: b.newAddress().script, value: 29e8 }, { script: b.newAddress().script, value: 29e8 },
    ]);
    first.push(b.mineBlock());
    const r1 = await importBlocks(s.db, [write(dir, 'one', b.magic, first)], 'blk', { network: 'regtest', maxClusterSize: 3 });
    assert.equal(r1.coinjoins, 1);
    const c1 = await addressView(s.db, a1!.address);
    const c2 = await addressView(s.db, a2!.address);
    assert.equal(c1.cluster, c2.cluster);
    const cl = await clusterView(s.db, a1!.address, 10);
    assert.equal(cl.size, 2);
    assert.deepEqual([...cl.addresses].sort(), [a1!.address, a2!.address].sort());
    assert.equal(cl.received, 100e8);
    assert.equal(cl.balance, 0);
    assert.notEqual((await addressView(s.db, a3!.address)).cluster, (await addressView(s.db, a4!.address)).cluster);
    assert.ok(((await txView(s.db, cj.txidHex)).outputs.length) === 4);
    // Batched lookups agree with one-by-one lookups, in order, with repeats and never-seen scripts.
    const unseen = b.newAddress('p2wpkh');
    const scripts = [a1!.script, unseen.script, a3!.script, a1!.script, dest.script];
    const batch = await addressIds(s.db, scripts);
    assert.deepEqual(batch, await Promise.all(scripts.map((x) => addressId(s.db, x))));
    assert.equal(batch[1], null);
    assert.ok(batch[0] !== null && batch[0]!.cluster === c1.cluster);

    // Second import: a5 joins the {a1,a2} cluster through a new address that shares an input with a1's cluster.
    const a1b = b.newAddress('p2wpkh');
    const second: SynthBlock[] = [b.mineBlock({ coinbaseTo: a1b.script })];
    b.spend([u(dest), u(a1b)], [{ script: b.newAddress().script, value: 100e8 }]);
    second.push(b.mineBlock());
    const r2 = await importBlocks(s.db, [write(dir, 'two', b.magic, second)], 'blk', { maxClusterSize: 3 });
    assert.equal(r2.oversizeClusters, 0);
    const destView = await addressView(s.db, dest.address);
    const merged = await addressView(s.db, a1b.address);
    assert.equal(destView.cluster, merged.cluster);
    // The {a1,a2} cluster keeps its id: it was not the one absorbed (dest+a1b is the same size; ties keep the smaller id).
    const before = c1.cluster;
    assert.ok(before !== null);
    const now = await clusterView(s.db, String(before), 10);
    assert.equal(now.id, before);
    assert.equal(now.size, 2);

    // a5 + a6 + a2 (whose cluster has 2 addresses) would make 4 > guard 3: reported, not merged.
    const third: SynthBlock[] = [b.mineBlock({ coinbaseTo: a2!.script })];
    b.spend([u(a5!), u(a6!), u(a2!)], [{ script: b.newAddress().script, value: 1e8 }]);
    third.push(b.mineBlock());
    const r3 = await importBlocks(s.db, [write(dir, 'three', b.magic, third)], 'blk', { maxClusterSize: 3 });
    assert.equal(r3.oversizeClusters, 1);
    assert.notEqual((await addressView(s.db, a5!.address)).cluster, (await addressView(s.db, a6!.address)).cluster);
    const guard = await s.db.get<{ n: number }>('SELECT count(*) AS n FROM chain_cluster_guard');
    assert.equal(Number(guard?.n), 1);
    // An absorbed cluster id keeps resolving to the cluster that absorbed it.
    const absorbed = destView.cluster === merged.cluster && merged.cluster !== null ? await clusterView(s.db, String(merged.cluster), 10) : null;
    assert.ok(absorbed !== null && absorbed.size === 2);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

engineTest('chain: the one-time-change heuristic is off by default and merges fresh change when asked', async (_t, s) => {
  const dir = tempDir('chain-change-');
  try {
    const b = new ChainBuilder({ seed: 22 });
    const payer = b.newAddress('p2wpkh');
    const merchant = b.newAddress('p2pkh');
    const blocks: SynthBlock[] = [b.genesis as SynthBlock, b.mineBlock({ coinbaseTo: payer.script }), b.mineBlock({ coinbaseTo: merchant.script })];
    const change = b.newAddress('p2wpkh');
    // The merchant address was seen before (block 2); the change address is new in this transaction.
    b.spend(b.utxosOf(payer.script), [{ script: merchant.script, value: 10e8 }, { script: change.script, value: 39.9e8 }]);
    blocks.push(b.mineBlock());
    const file = write(dir, 'blk', b.magic, blocks);
    const other = await (await import('../helpers/stores.js')).createTestStore(s.engine);
    try {
      await importBlocks(s.db, [file], 'blk', { network: 'regtest' });
      assert.notEqual((await addressView(s.db, change.address)).cluster, (await addressView(s.db, payer.address)).cluster);
      await importBlocks(other.db, [file], 'blk', { network: 'regtest', changeHeuristic: true });
      const c = await addressView(other.db, change.address);
      assert.equal(c.cluster, (await addressView(other.db, payer.address)).cluster);
      assert.notEqual((await addressView(other.db, merchant.address)).cluster, c.cluster);
    } finally {
      await other.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
