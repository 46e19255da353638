import type { Migration, Queryable } from '../types.js';

/**
 * Chain index: a transaction's outputs move into its `chain_txs` row as one blob (`outs`: per output the value,
 * address id × 16 + script type, and the spending transaction as a zigzag distance at least 3 bytes wide, LEB128
 * varints; see src/chain/store/outs.ts), and the outputs-by-address index becomes `chain_address_outputs`, a
 * table that is its own key. One B-tree row per transaction instead of one per output plus an index entry for each.
 *
 * Existing stores are converted here, in id order, 5,000 transactions at a time, inside the migration's
 * transaction. The encoder is this version's, kept here: a later format change is a later migration.
 */

function varint(bytes: number[], v: number, width = 1): void {
  for (let w = 1; v >= 0x80 || w < width; w++) {
    bytes.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  bytes.push(v);
}

interface OutRow { id: number; value: number; address_id: number | null; type: number; spent_tx: number | null }

function encode(txId: number, nOut: number, byId: Map<number, OutRow>): Buffer {
  const bytes: number[] = [];
  for (let id = txId; id < txId + nOut; id++) {
    const o = byId.get(id);
    const spent = o?.spent_tx == null ? 0 : Number(o.spent_tx) - txId;
    varint(bytes, o === undefined ? 0 : Number(o.value));
    varint(bytes, (o?.address_id == null ? 0 : Number(o.address_id)) * 16 + (o === undefined ? 9 : Number(o.type)));
    // At least 3 bytes wide, so that a later spend rewrites the row at the same size.
    varint(bytes, spent === 0 ? 0 : spent > 0 ? 2 * spent : -2 * spent - 1, 3);
  }
  return Buffer.from(bytes);
}

async function convert(q: Queryable): Promise<void> {
  await q.run(
    'INSERT INTO chain_address_outputs (address_id, out_id) SELECT address_id, id FROM chain_outputs WHERE address_id IS NOT NULL ORDER BY address_id, id',
  );
  let after = -1;
  for (;;) {
    const txs = await q.all<{ id: number; n_out: number }>('SELECT id, n_out FROM chain_txs WHERE id > ? ORDER BY id LIMIT 5000', [after]);
    const last = txs.at(-1);
    if (last === undefined) break;
    const lo = Number(txs[0]!.id);
    const hi = Number(last.id) + Number(last.n_out);
    const rows = await q.all<OutRow>('SELECT id, value, address_id, type, spent_tx FROM chain_outputs WHERE id >= ? AND id < ?', [lo, hi]);
    const byId = new Map(rows.map((r) => [Number(r.id), r]));
    const ids = txs.map((t) => Number(t.id));
    const blobs = txs.map((t) => encode(Number(t.id), Number(t.n_out), byId));
    if (q.engine === 'postgres') {
      await q.run('UPDATE chain_txs SET outs = v.o FROM unnest(?::bigint[], ?::bytea[]) AS v(i, o) WHERE chain_txs.id = v.i', [
        ids as unknown as Buffer, blobs as unknown as Buffer,
      ]);
    } else {
      for (let i = 0; i < ids.length; i++) await q.run('UPDATE chain_txs SET outs = ? WHERE id = ?', [blobs[i]!, ids[i]!]);
    }
    after = Number(last.id);
  }
  await q.run('DROP TABLE chain_outputs');
}

export const m0070: Migration = {
  version: 70,
  name: 'chain outputs packed into their transactions',
  up: (d) => `
ALTER TABLE chain_txs ADD COLUMN outs ${d.blob};
CREATE TABLE chain_address_outputs (
  address_id ${d.bigint} NOT NULL,
  out_id ${d.bigint} NOT NULL,
  PRIMARY KEY (address_id, out_id)
)${d.withoutRowid};
`,
  data: convert,
};
