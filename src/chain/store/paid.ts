import { SqliteDb, type Queryable, type SqlValue } from '../../store/index.js';
import { chunks, placeholders } from './keys.js';
import { VarintReader, copyOut } from './varint.js';

/**
 * The outputs paid to each address, as delta-coded lists of output ids (ascending, LEB128 varints of the
 * difference to the previous id; the first from `base`):
 *  - the newest few live in the address's own row (`chain_addresses.outs`, base 0), so an address paid a handful
 *    of times costs a few bytes of a row it has anyway;
 *  - when a batch would take that list past `INLINE_MAX` ids, the list and the batch's new ids move into
 *    `chain_address_chunks (address_id, first_out, outs)` rows of up to `CHUNK_MAX` ids (base `first_out`) and the
 *    row's list starts empty again. Chunks are written once and never appended to, so an address paid millions of
 *    times costs one short row rewrite per batch, not a rewrite of everything it was ever paid.
 * Every id in a chunk is below every id in the row's list and chunks do not overlap: a batch's output ids are above
 * every stored one (a disconnect takes its ids out of the lists; re-indexed blocks get new ids). Readers sort anyway.
 */
export const INLINE_MAX = 12;
/** Ids per chunk row: a chunk stays well under SQLite's in-page payload limit for index B-trees (~1,000 bytes). */
export const CHUNK_MAX = 200;

/** Reused output space for encodeIdList (an id difference takes at most 8 bytes: ids are below 2^53). */
let encodeSpace = Buffer.allocUnsafe(4096);

export function encodeIdList(base: number, ids: ArrayLike<number>, from = 0, to = ids.length): Buffer {
  const need = (to - from) * 8;
  if (encodeSpace.length < need) encodeSpace = Buffer.allocUnsafe(need * 2);
  const out = encodeSpace;
  let o = 0;
  let prev = base;
  for (let i = from; i < to; i++) {
    let v = (ids[i] as number) - prev;
    prev = ids[i] as number;
    while (v >= 0x80) {
      out[o++] = (v % 0x80) | 0x80;
      v = Math.floor(v / 0x80);
    }
    out[o++] = v;
  }
  return copyOut(out, o);
}

export function decodeIdList(base: number, blob: Uint8Array | null, into: number[] = []): number[] {
  if (blob === null) return into;
  const r = new VarintReader(blob);
  let prev = base;
  while (!r.done) {
    prev += r.next();
    into.push(prev);
  }
  return into;
}

/** What an address's stored lists become when `add` (ascending) is appended to its row list `cur`. */
export interface PaidUpdate {
  /** The row's new list (null: empty). */
  inline: Buffer | null;
  /** New chunk rows (first id, blob). */
  chunks: [number, Buffer][];
}

export function appendPaid(cur: readonly number[], add: readonly number[]): PaidUpdate {
  let all: number[];
  if (cur.length === 0) all = add as number[];
  else if (add.length === 0 || (add[0] as number) > (cur[cur.length - 1] as number)) all = [...cur, ...add];
  else all = [...new Set([...cur, ...add])].sort((a, b) => a - b);
  if (all.length <= INLINE_MAX) return { inline: all.length === 0 ? null : encodeIdList(0, all), chunks: [] };
  const out: [number, Buffer][] = [];
  for (let i = 0; i < all.length; i += CHUNK_MAX) {
    const first = all[i] as number;
    out.push([first, encodeIdList(first, all, i, Math.min(all.length, i + CHUNK_MAX))]);
  }
  return { inline: null, chunks: out };
}

/**
 * Write lists: the rows' lists (`UPDATE chain_addresses`, only for addresses already stored; new addresses get
 * theirs with their INSERT) and the new chunks.
 */
export async function writePaid(q: Queryable, inline: readonly (readonly [number, Buffer | null])[], newChunks: readonly (readonly [number, number, Buffer])[]): Promise<void> {
  if (q instanceof SqliteDb) {
    if (inline.length > 0) {
      const st = q.raw.prepare('UPDATE chain_addresses SET outs = ? WHERE id = ?');
      for (const [id, blob] of inline) st.run(blob, id);
    }
    if (newChunks.length > 0) {
      const st = q.raw.prepare('INSERT INTO chain_address_chunks (address_id, first_out, outs) VALUES (?, ?, ?)');
      for (const [a, f, blob] of newChunks) st.run(a, f, blob);
    }
    return;
  }
  for (const part of chunks(inline, 20_000)) {
    await q.run('UPDATE chain_addresses SET outs = v.o FROM unnest(?::bigint[], ?::bytea[]) AS v(i, o) WHERE chain_addresses.id = v.i', [
      part.map((x) => x[0]), part.map((x) => x[1]),
    ] as unknown as SqlValue[]);
  }
  for (const part of chunks(newChunks, 20_000)) {
    await q.run('INSERT INTO chain_address_chunks (address_id, first_out, outs) SELECT * FROM unnest(?::bigint[], ?::bigint[], ?::bytea[])', [
      part.map((x) => x[0]), part.map((x) => x[1]), part.map((x) => x[2]),
    ] as unknown as SqlValue[]);
  }
}

/** What one batch writes for the outputs it pays (see `writePaid`). */
export interface BatchPaid {
  /** Addresses stored before the batch: their rows' new lists. */
  inlineUpdates: [number, Buffer | null][];
  /** New chunk rows (address, first id, blob), for stored and new addresses alike. */
  newChunks: [number, number, Buffer][];
  /** The row lists of the batch's new addresses, in `freshIds` order (written with their INSERT). */
  freshOuts: (Buffer | null)[];
}

/**
 * The outputs a batch pays to each address, in id order: appended to the lists of addresses already stored (ids
 * below `firstNewAddr`; their rows read in id order), and as the first lists of the new ones. The batch's addresses
 * are its slots (`outSlot[j]`: the slot of output `firstOut + j`, -1 for none; `slotIds[slot]`: its address id, one
 * slot per address), so the outputs are grouped by slot with a counting sort instead of a list per address.
 */
export async function batchPaid(
  q: Queryable, outSlot: Int32Array, slotIds: Float64Array, firstOut: number, firstNewAddr: number, freshCount: number,
): Promise<BatchPaid> {
  const nSlots = slotIds.length;
  // start[s] .. start[s + 1]: the outputs of slot s in `order`, ascending.
  const start = new Int32Array(nSlots + 1);
  for (let j = 0; j < outSlot.length; j++) {
    const s = outSlot[j] as number;
    if (s >= 0) start[s + 1] = (start[s + 1] as number) + 1;
  }
  for (let s = 0; s < nSlots; s++) start[s + 1] = (start[s + 1] as number) + (start[s] as number);
  const order = new Float64Array(start[nSlots] as number);
  const fill = start.slice(0, nSlots);
  for (let j = 0; j < outSlot.length; j++) {
    const s = outSlot[j] as number;
    if (s < 0) continue;
    const at = fill[s] as number;
    order[at] = firstOut + j;
    fill[s] = at + 1;
  }
  const oldSlots: number[] = [];
  const freshSlot = new Int32Array(freshCount).fill(-1);
  for (let s = 0; s < nSlots; s++) {
    const a = slotIds[s] as number;
    if (a < firstNewAddr) oldSlots.push(s);
    else freshSlot[a - firstNewAddr] = s;
  }
  oldSlots.sort((x, y) => (slotIds[x] as number) - (slotIds[y] as number));
  const current = await inlinePaid(q, oldSlots.map((s) => slotIds[s] as number));
  const inlineUpdates: [number, Buffer | null][] = [];
  const newChunks: [number, number, Buffer][] = [];
  for (const s of oldSlots) {
    const a = slotIds[s] as number;
    const u = appendPaid(current.get(a) ?? [], Array.from(order.subarray(start[s] as number, start[s + 1] as number)));
    inlineUpdates.push([a, u.inline]);
    for (const [first, blob] of u.chunks) newChunks.push([a, first, blob]);
  }
  const freshOuts = new Array<Buffer | null>(freshCount);
  for (let i = 0; i < freshCount; i++) {
    const s = freshSlot[i] as number;
    const from = s < 0 ? 0 : (start[s] as number);
    const to = s < 0 ? 0 : (start[s + 1] as number);
    if (to - from <= INLINE_MAX) {
      freshOuts[i] = to === from ? null : encodeIdList(0, order, from, to);
      continue;
    }
    const u = appendPaid([], Array.from(order.subarray(from, to)));
    for (const [first, blob] of u.chunks) newChunks.push([firstNewAddr + i, first, blob]);
    freshOuts[i] = u.inline;
  }
  return { inlineUpdates, newChunks, freshOuts };
}

/** The row lists of stored addresses (id → ids), one primary-key probe each (PostgreSQL: one query per 20,000). */
export async function inlinePaid(q: Queryable, ids: readonly number[]): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>();
  if (ids.length === 0) return out;
  if (q instanceof SqliteDb) {
    const st = q.raw.prepare('SELECT outs FROM chain_addresses WHERE id = ?').pluck();
    for (const id of ids) {
      const blob = st.get(id) as Buffer | null | undefined;
      if (blob !== undefined) out.set(id, decodeIdList(0, blob));
    }
    return out;
  }
  for (const part of chunks(ids, 20_000)) {
    const rows = await q.all<{ id: number; outs: Buffer | null }>('SELECT id, outs FROM chain_addresses WHERE id = ANY(?::bigint[])', [part as unknown as SqlValue]);
    for (const r of rows) out.set(Number(r.id), decodeIdList(0, r.outs));
  }
  return out;
}

/**
 * Output ids paid to addresses, each address's in ascending order (an address with no row is absent). With
 * `afterId`, only ids above it (the chunks wholly at or below it are not read).
 */
export async function paidToAddresses(q: Queryable, addressIds: readonly number[], afterId = -1): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>();
  for (const part of chunks([...new Set(addressIds)])) {
    const rows = await q.all<{ id: number; outs: Buffer | null }>(`SELECT id, outs FROM chain_addresses WHERE id IN (${placeholders(part.length)})`, part);
    const inl = new Map(rows.map((r) => [Number(r.id), r.outs]));
    const cs = await q.all<{ address_id: number; first_out: number; outs: Buffer }>(
      `SELECT c.address_id, c.first_out, c.outs FROM chain_address_chunks c WHERE c.address_id IN (${placeholders(part.length)})
         AND c.first_out >= coalesce((SELECT max(p.first_out) FROM chain_address_chunks p WHERE p.address_id = c.address_id AND p.first_out <= ?), 0)
       ORDER BY c.address_id, c.first_out`, [...part, afterId],
    );
    const byAddr = new Map<number, number[]>();
    for (const c of cs) {
      const a = Number(c.address_id);
      let list = byAddr.get(a);
      if (list === undefined) byAddr.set(a, (list = []));
      decodeIdList(Number(c.first_out), c.outs, list);
    }
    for (const [a, blob] of inl) {
      const list = byAddr.get(a) ?? [];
      decodeIdList(0, blob, list);
      const ids = (afterId < 0 ? list : list.filter((x) => x > afterId)).sort((x, y) => x - y);
      out.set(a, ids);
    }
  }
  return out;
}

/** Output ids paid to the members of a cluster (addresses whose cluster_id is `clusterId`), ascending. */
export async function paidToCluster(q: Queryable, clusterId: number): Promise<number[]> {
  const ids: number[] = [];
  for (const r of await q.all<{ outs: Buffer | null }>('SELECT outs FROM chain_addresses WHERE cluster_id = ?', [clusterId])) decodeIdList(0, r.outs, ids);
  for (const c of await q.all<{ first_out: number; outs: Buffer }>(
    'SELECT c.first_out, c.outs FROM chain_addresses a JOIN chain_address_chunks c ON c.address_id = a.id WHERE a.cluster_id = ?', [clusterId],
  )) decodeIdList(Number(c.first_out), c.outs, ids);
  return ids.sort((a, b) => a - b);
}

/**
 * Take output ids out of addresses' lists (a disconnected block's outputs): each address's row list and the
 * chunks holding them are rewritten without them.
 */
export async function removePaid(q: Queryable, byAddress: ReadonlyMap<number, ReadonlySet<number>>): Promise<void> {
  for (const [a, gone] of byAddress) {
    const row = await q.get<{ outs: Buffer | null }>('SELECT outs FROM chain_addresses WHERE id = ?', [a]);
    if (row === undefined) continue;
    const cur = decodeIdList(0, row.outs);
    const kept = cur.filter((x) => !gone.has(x));
    if (kept.length !== cur.length) await q.run('UPDATE chain_addresses SET outs = ? WHERE id = ?', [kept.length === 0 ? null : encodeIdList(0, kept), a]);
    let lo = Infinity;
    for (const x of gone) if (x < lo) lo = x;
    const cs = await q.all<{ first_out: number; outs: Buffer }>(
      `SELECT first_out, outs FROM chain_address_chunks WHERE address_id = ?
         AND first_out >= coalesce((SELECT max(first_out) FROM chain_address_chunks WHERE address_id = ? AND first_out <= ?), 0)`, [a, a, lo],
    );
    for (const c of cs) {
      const ids = decodeIdList(Number(c.first_out), c.outs);
      const left = ids.filter((x) => !gone.has(x));
      if (left.length === ids.length) continue;
      await q.run('DELETE FROM chain_address_chunks WHERE address_id = ? AND first_out = ?', [a, Number(c.first_out)]);
      if (left.length > 0) {
        const first = left[0] as number;
        await q.run('INSERT INTO chain_address_chunks (address_id, first_out, outs) VALUES (?, ?, ?)', [a, first, encodeIdList(first, left)]);
      }
    }
  }
}
