import { SqliteDb, type Queryable, type SqlValue } from '../../store/index.js';
import { decodeIns } from './ins.js';
import { BLOCK_STATUS, chunks } from './keys.js';
import { decodeOuts } from './outs.js';
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
  const txs = await q.all<{ id: number; ins: Buffer; outs: Buffer | null }>('SELECT id, ins, outs FROM chain_txs WHERE id >= ? AND id < ?', [b.firstTx, b.endTx]);
  const spent = txs.flatMap((t) => decodeIns(Number(t.id), t.ins)).filter((x): x is number => x !== null && (x < b.firstTx || x >= b.endTx));
  await markSpent(q, spent.map((outId) => ({ outId, txId: null })));
  const addr: number[] = [];
  const out: number[] = [];
  for (const t of txs) {
    const d = decodeOuts(Number(t.id), t.outs);
    d.addr.forEach((a, n) => {
      if (a !== 0) {
        addr.push(a);
        out.push(Number(t.id) + n);
      }
    });
  }
  if (q instanceof SqliteDb) {
    const del = q.raw.prepare('DELETE FROM chain_address_outputs WHERE address_id = ? AND out_id = ?');
    for (let i = 0; i < addr.length; i++) del.run(addr[i], out[i]);
  } else {
    for (const part of chunks(addr.map((_, i) => i), 20_000)) {
      await q.run('DELETE FROM chain_address_outputs d USING unnest(?::bigint[], ?::bigint[]) AS v(a, o) WHERE d.address_id = v.a AND d.out_id = v.o', [
        part.map((i) => addr[i]), part.map((i) => out[i]),
      ] as unknown as SqlValue[]);
    }
  }
  await q.run('DELETE FROM chain_unresolved WHERE tx_id >= ? AND tx_id < ?', [b.firstTx, b.endTx]);
  await q.run('DELETE FROM chain_txs WHERE id >= ? AND id < ?', [b.firstTx, b.endTx]);
  await q.run('UPDATE chain_blocks SET status = ?, first_tx = NULL, end_tx = NULL WHERE id = ?', [status, b.rowId]);
}
