import assert from 'node:assert/strict';
import path from 'node:path';
import { BlkWriter, ChainBuilder, importBlocks, NETWORK_PARAMS, type SynthBlock } from '../../src/chain/index.js';
import { traceFunds, type TraceResult } from '../../src/trace/index.js';
import { engineTest, tempDir } from '../helpers/stores.js';

const BTC = 100_000_000;

/**
 * A hand-worked graph, through the real importer and engine. Coinbase A (50 BTC, tainted) and coinbase B (50 BTC,
 * clean). tx1 spends A → p 20, q 30 (no fee). tx2 spends q and B (in the order given) → r 40, s 39.9, fee 0.1.
 */
function chain(order: 'qB' | 'Bq'): { files: string[]; a: string; tx1: string; tx2: string; r: string; s: string } {
  const b = new ChainBuilder({ seed: 3, network: 'regtest', coinbaseValue: 50 * BTC });
  const [ka, kb, kp, kq, kr, ks] = [b.newAddress(), b.newAddress(), b.newAddress(), b.newAddress(), b.newAddress(), b.newAddress()];
  const blocks: SynthBlock[] = [b.genesis!];
  const ba = b.mineBlock({ coinbaseTo: ka.script });
  const bb = b.mineBlock({ coinbaseTo: kb.script });
  blocks.push(ba, bb);
  const A = { ...ba.txs[0]!.outputs[0]! };
  const B = { ...bb.txs[0]!.outputs[0]! };
  const tx1 = b.spend([A], [{ script: kp.script, value: 20 * BTC }, { script: kq.script, value: 30 * BTC }]);
  const q = tx1.outputs[1]!;
  const tx2 = b.spend(order === 'qB' ? [q, B] : [B, q], [{ script: kr.script, value: 40 * BTC }, { script: ks.script, value: 39.9 * BTC }]);
  blocks.push(b.mineBlock({ fees: 0.1 * BTC }));
  const dir = tempDir('spearwatch-handworked-');
  const w = new BlkWriter(path.join(dir, 'blocks'), { magic: NETWORK_PARAMS.regtest.magic });
  for (const x of blocks) w.write(x.raw);
  w.close();
  return { files: w.files, a: ka.address, tx1: tx1.txidHex, tx2: tx2.txidHex, r: kr.address, s: ks.address };
}

const tainted = (r: TraceResult, address: string): number => r.endpoints.find((e) => e.address === address)?.taintedValue ?? 0;

engineTest('trace models on a hand-worked graph: haircut, FIFO (both input orders) and poison, forward and back', async (_t, st) => {
  const c = chain('qB');
  await importBlocks(st.db, c.files, 'blk', { network: 'regtest' });
  const src = [`${c.tx1}:1`, `${c.tx1}:0`];
  // Haircut: tx2 carries 30 tainted of 80 (3/8): r 15, s 14.9625, fee 0.0375; p keeps its 20.
  const h = await traceFunds(st.db, src, { stopAt: [] });
  assert.equal(h.totalValue, 50 * BTC);
  assert.equal(tainted(h, c.r), 15 * BTC);
  assert.equal(tainted(h, c.s), 14.9625 * BTC);
  assert.equal(h.fees, 0.0375 * BTC);
  assert.equal(h.accounting.conserved, true);
  // FIFO with q first: r takes [0,40) of the line, where q's 30 BTC lie; s and the fee get none.
  const f = await traceFunds(st.db, src, { model: 'fifo', stopAt: [] });
  assert.equal(tainted(f, c.r), 30 * BTC);
  assert.equal(tainted(f, c.s), 0);
  assert.equal(f.fees, 0);
  // Poison: every output of tx2 in full, 100 BTC "tainted" out of 50.
  const p = await traceFunds(st.db, src, { model: 'poison', stopAt: [] });
  assert.equal(tainted(p, c.r) + tainted(p, c.s) + p.fees, 80 * BTC);
  assert.equal(p.accounting.conserved, false);
  // Backward from r: haircut 15 from A's coinbase and 25 from B's; FIFO 30 from A and 10 from B.
  const hb = await traceFunds(st.db, [c.r], { direction: 'backward', stopAt: [] });
  assert.deepEqual(hb.endpoints.map((e) => [e.reasons, e.taintedValue]).sort(), [[['coinbase'], 15 * BTC], [['coinbase'], 25 * BTC]].sort());
  assert.equal(tainted(hb, c.a), 15 * BTC);
  const fb = await traceFunds(st.db, [c.r], { direction: 'backward', model: 'fifo', stopAt: [] });
  assert.equal(tainted(fb, c.a), 30 * BTC);
  assert.equal(fb.totalValue, 40 * BTC);
  assert.equal(fb.accounting.coinbase, 40 * BTC);
});

engineTest('trace FIFO on a hand-worked graph: the clean input first moves the taint to the later outputs and the fee', async (_t, st) => {
  const c = chain('Bq');
  await importBlocks(st.db, c.files, 'blk', { network: 'regtest' });
  const f = await traceFunds(st.db, [`${c.tx1}:1`], { model: 'fifo', stopAt: [] });
  // Line: B [0,50), q [50,80). r [0,40): none; s [40,79.9): [50,79.9) = 29.9; fee [79.9,80): 0.1.
  assert.equal(tainted(f, c.r), 0);
  assert.equal(tainted(f, c.s), 29.9 * BTC);
  assert.equal(f.fees, 0.1 * BTC);
  assert.equal(f.accounting.conserved, true);
  // Haircut does not care about order: still 3/8 of each.
  const h = await traceFunds(st.db, [`${c.tx1}:1`], { stopAt: [] });
  assert.equal(tainted(h, c.r), 15 * BTC);
});
