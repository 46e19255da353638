import type { Queryable } from '../../store/index.js';
import { decodeIns } from './ins.js';
import { BLOCK_STATUS, chunks, placeholders } from './keys.js';

export interface IndexedRange {
  rowId: number;
  firstTx: number;
  endTx: number;
}

/**
 * Remove a block's transactions from the index (a reorg, or a loose block about to be connected properly):
 * the outputs it spent become unspent again, and its own rows go. Blocks are disconnected from the tip down,
 * so nothing later in the chain still spends its outputs.
 */
export async function disconnectBlock(q: Queryable, b: IndexedRange, status: number = BLOCK_STATUS.stale): Promise<void> {
  const txs = await q.all<{ id: number; ins: Buffer }>('SELECT id, ins FROM chain_txs WHERE id >= ? AND id < ?', [b.firstTx, b.endTx]);
  const spent = txs.flatMap((t) => decodeIns(Number(t.id), t.ins)).filter((x): x is number => x !== null);
  for (const part of chunks(spent)) {
    await q.run(`UPDATE chain_outputs SET spent_tx = NULL WHERE id IN (${placeholders(part.length)})`, part);
  }
  await q.run('DELETE FROM chain_unresolved WHERE tx_id >= ? AND tx_id < ?', [b.firstTx, b.endTx]);
  await q.run('DELETE FROM chain_outputs WHERE id >= ? AND id < ?', [b.firstTx, b.endTx]);
  await q.run('DELETE FROM chain_txs WHERE id >= ? AND id < ?', [b.firstTx, b.endTx]);
  await q.run('UPDATE chain_blocks SET status = ?, first_tx = NULL, end_tx = NULL WHERE id = ?', [status, b.rowId]);
}
