import { VarintReader, copyOut } from './varint.js';

/**
 * A transaction's outputs as one blob in its `chain_txs` row (`outs`, migration 70): per output three unsigned
 * LEB128 varints,
 *  - the value in satoshis,
 *  - address id × 16 + script type code (address id 0: the output has no address; type codes are below 16),
 *  - the spending transaction as the zigzag-coded distance `spentTx - txId` (0: unspent; a spend is always
 *    by a later transaction except when a loose block's input is resolved by one indexed after it), at least
 *    `SPENT_WIDTH` bytes wide.
 * One row per transaction instead of one per output: a typical output takes 7–10 bytes and no B-tree entry.
 */

export interface DecodedOuts {
  value: number[];
  /** 0 when the output has no address. */
  addr: number[];
  type: number[];
  /** 0 while unspent. */
  spent: number[];
}

let scratch = Buffer.allocUnsafe(1024);

/**
 * The spending-transaction field is written at least this many bytes wide (a zero or a short distance padded
 * with continuation bytes, which every LEB128 reader reads as the same number): a spend recorded later then
 * rewrites the row at the same size instead of growing it, and a full B-tree page is not split for it.
 */
export const SPENT_WIDTH = 3;

function put(at: number, v: number, width = 1): number {
  if (at + 12 > scratch.length) {
    const bigger = Buffer.allocUnsafe(scratch.length * 2);
    scratch.copy(bigger);
    scratch = bigger;
  }
  for (let w = 1; v >= 0x80 || w < width; w++) {
    scratch[at++] = (v % 0x80) | 0x80;
    v = Math.floor(v / 0x80);
  }
  scratch[at++] = v;
  return at;
}

function zigzag(txId: number, spentTx: number): number {
  if (spentTx === 0) return 0;
  const d = spentTx - txId;
  return d > 0 ? 2 * d : -2 * d - 1;
}

/** Encode outputs [from, from + n) of the column arrays (address 0: none; spent 0: unspent). */
export function encodeOuts(
  txId: number, values: ArrayLike<number>, addrs: ArrayLike<number>, types: ArrayLike<number>, spent: ArrayLike<number>, from = 0,
  n = values.length - from,
): Buffer {
  let at = 0;
  for (let j = from; j < from + n; j++) {
    at = put(at, values[j] as number);
    at = put(at, (addrs[j] as number) * 16 + (types[j] as number));
    at = put(at, zigzag(txId, spent[j] as number), SPENT_WIDTH);
  }
  return copyOut(scratch, at);
}

/** Decode an outputs blob (a truncated or corrupt blob decodes to what it holds, never past its end). */
export function decodeOuts(txId: number, blob: Uint8Array | null): DecodedOuts {
  const out: DecodedOuts = { value: [], addr: [], type: [], spent: [] };
  if (blob === null) return out;
  const r = new VarintReader(blob);
  while (!r.done) {
    const value = r.next();
    const at = r.next();
    const sp = r.done ? 0 : r.next();
    out.value.push(value);
    out.addr.push(Math.floor(at / 16));
    out.type.push(at % 16);
    out.spent.push(sp === 0 ? 0 : sp % 2 === 0 ? txId + sp / 2 : txId - (sp + 1) / 2);
  }
  return out;
}

/** The blob with the spending transaction of some outputs (by index in the transaction) set (0: unspent). */
export function withSpent(txId: number, blob: Uint8Array | null, changes: readonly { n: number; spentTx: number }[]): Buffer {
  const d = decodeOuts(txId, blob);
  for (const c of changes) if (c.n < d.spent.length) d.spent[c.n] = c.spentTx;
  return encodeOuts(txId, d.value, d.addr, d.type, d.spent);
}
