import type { Queryable } from '../../store/index.js';
import { decodeIns } from './ins.js';
import { removeKeys, txKeyValue } from './keyed.js';
import { BLOCK_STATUS } from './keys.js';
import { decodeOuts } from './outs.js';
import { removePaid } from './paid.js';
import { markSpent } from './writer.js';

export interface IndexedRange {
  rowId: number;
  firstTx: number;
  endTx: number;
}

/**
 * Remove a block's transactions from the index (a reorg, or a loose block about to be connected properly):
 * the outputs it spent become unspent again, and its own rows go (with their outputs' address entries). Blocks
 * are disconnected from the tip down, so nothing later in the chain still spends its outputs.
 */
export async function disconnectBlock(q: Queryable, b: IndexedRange, status: number = BLOCK_STATUS.stale): Promise<void> {
  const txs = await q.all<{ id: number; txid: Buffer; ins: Buffer; outs: Buffer | null }>('SELECT id, txid, ins, outs FROM chain_txs WHERE id >= ? AND id < ?', [b.firstTx, b.endTx]);
  const spent = txs.flatMap((t) => decodeIns(Number(t.id), t.ins)).filter((x): x is number => x !== null && (x < b.firstTx || x >= b.endTx));
  await markSpent(q, spent.map((outId) => ({ outId, txId: null })));
  const gone = new Map<number, Set<number>>();
  for (const t of txs) {
    const d = decodeOuts(Number(t.id), t.outs);
    d.addr.forEach((a, n) => {
      if (a === 0) return;
      let set = gone.get(a);
      if (set === undefined) gone.set(a, (set = new Set()));
      set.add(Number(t.id) + n);
    });
  }
  await removePaid(q, gone);
  await q.run('DELETE FROM chain_unresolved WHERE tx_id >= ? AND tx_id < ?', [b.firstTx, b.endTx]);
  await removeKeys(q, 'chain_tx_keys', txs.map((t) => txKeyValue(t.txid)), txs.map((t) => Number(t.id)));
  await q.run('DELETE FROM chain_txs WHERE id >= ? AND id < ?', [b.firstTx, b.endTx]);
  await q.run('UPDATE chain_blocks SET status = ?, first_tx = NULL, end_tx = NULL WHERE id = ?', [status, b.rowId]);
}
