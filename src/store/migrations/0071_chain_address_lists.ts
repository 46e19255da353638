import type { Migration, Queryable } from '../types.js';

/**
 * Chain index: the outputs paid to an address move from `chain_address_outputs` (one B-tree row per output) into
 * delta-coded lists of output ids (LEB128 varints of the difference to the previous id): up to 12 in the address's
 * own row (`chain_addresses.outs`), longer lists in `chain_address_chunks (address_id, first_out, outs)` rows of up
 * to 200 ids each, the first one the key (see src/chain/store/paid.ts).
 *
 * Existing stores are converted here, 20,000 address ids at a time, inside the migration's transaction; the result
 * is what a fresh import writes in one batch. The encoder is this version's, kept here.
 */

const INLINE_MAX = 12;
const CHUNK_MAX = 200;

function encode(base: number, ids: readonly number[], from: number, to: number): Buffer {
  const bytes: number[] = [];
  let prev = base;
  for (let i = from; i < to; i++) {
    let v = (ids[i] as number) - prev;
    prev = ids[i] as number;
    while (v >= 0x80) {
      bytes.push((v % 0x80) | 0x80);
      v = Math.floor(v / 0x80);
    }
    bytes.push(v);
  }
  return Buffer.from(bytes);
}

async function convert(q: Queryable): Promise<void> {
  const r = await q.get<{ lo: number | null; hi: number | null }>('SELECT min(address_id) AS lo, max(address_id) AS hi FROM chain_address_outputs');
  if (r?.lo != null && r.hi != null) {
    const hi = Number(r.hi);
    for (let lo = Number(r.lo); lo <= hi; lo += 20_000) {
      const rows = await q.all<{ a: number; o: number }>(
        'SELECT address_id AS a, out_id AS o FROM chain_address_outputs WHERE address_id >= ? AND address_id < ? ORDER BY address_id, out_id', [lo, lo + 20_000],
      );
      const inlineIds: number[] = [];
      const inlineBlobs: Buffer[] = [];
      const chunkAddr: number[] = [];
      const chunkFirst: number[] = [];
      const chunkBlobs: Buffer[] = [];
      for (let i = 0; i < rows.length;) {
        const a = Number(rows[i]!.a);
        const ids: number[] = [];
        for (; i < rows.length && Number(rows[i]!.a) === a; i++) ids.push(Number(rows[i]!.o));
        if (ids.length <= INLINE_MAX) {
          inlineIds.push(a);
          inlineBlobs.push(encode(0, ids, 0, ids.length));
        } else {
          for (let k = 0; k < ids.length; k += CHUNK_MAX) {
            chunkAddr.push(a);
            chunkFirst.push(ids[k]!);
            chunkBlobs.push(encode(ids[k]!, ids, k, Math.min(ids.length, k + CHUNK_MAX)));
          }
        }
      }
      if (q.engine === 'postgres') {
        if (inlineIds.length > 0) {
          await q.run('UPDATE chain_addresses SET outs = v.o FROM unnest(?::bigint[], ?::bytea[]) AS v(i, o) WHERE chain_addresses.id = v.i', [
            inlineIds as unknown as Buffer, inlineBlobs as unknown as Buffer,
          ]);
        }
        if (chunkAddr.length > 0) {
          await q.run('INSERT INTO chain_address_chunks (address_id, first_out, outs) SELECT * FROM unnest(?::bigint[], ?::bigint[], ?::bytea[])', [
            chunkAddr as unknown as Buffer, chunkFirst as unknown as Buffer, chunkBlobs as unknown as Buffer,
          ]);
        }
      } else {
        for (let k = 0; k < inlineIds.length; k++) await q.run('UPDATE chain_addresses SET outs = ? WHERE id = ?', [inlineBlobs[k]!, inlineIds[k]!]);
        for (let k = 0; k < chunkAddr.length; k++) {
          await q.run('INSERT INTO chain_address_chunks (address_id, first_out, outs) VALUES (?, ?, ?)', [chunkAddr[k]!, chunkFirst[k]!, chunkBlobs[k]!]);
        }
      }
    }
  }
  await q.run('DROP TABLE chain_address_outputs');
}

export const m0071: Migration = {
  version: 71,
  name: 'chain address output lists',
  up: (d) => `
ALTER TABLE chain_addresses ADD COLUMN outs ${d.blob};
CREATE TABLE chain_address_chunks (
  address_id ${d.bigint} NOT NULL,
  first_out ${d.bigint} NOT NULL,
  outs ${d.blob} NOT NULL,
  PRIMARY KEY (address_id, first_out)
)${d.withoutRowid};
`,
  data: convert,
};
