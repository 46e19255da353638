import { VarintReader, copyOut } from './varint.js';

/**
 * A transaction's inputs as one blob: per input, the spent output's id as an unsigned LEB128 varint of the
 * zigzag-coded distance `txId - outId` (0 = no output: a coinbase or an unresolved input). Spends are mostly of
 * recent outputs, so most inputs take 2–4 bytes instead of a 15-byte row; distances are negative only when a
 * loose block's input is resolved by a transaction indexed after it.
 */
/** Reused output space for encodeIns (a distance takes at most 8 bytes). */
let encodeSpace = Buffer.allocUnsafe(4096);

/** Encode the first n of outIds (all by default). */
export function encodeIns(txId: number, outIds: readonly (number | null)[], n = outIds.length): Buffer {
  const need = n * 8;
  if (encodeSpace.length < need) encodeSpace = Buffer.allocUnsafe(need * 2);
  const out = encodeSpace;
  let o = 0;
  for (let i = 0; i < n; i++) {
    const id = outIds[i] as number | null;
    let v = 0;
    if (id !== null) {
      const d = txId - id;
      v = d > 0 ? 2 * d : -2 * d - 1;
    }
    while (v >= 0x80) {
      out[o++] = (v % 0x80) | 0x80;
      v = Math.floor(v / 0x80);
    }
    out[o++] = v;
  }
  return copyOut(out, o);
}

export function decodeIns(txId: number, blob: Uint8Array): (number | null)[] {
  const out: (number | null)[] = [];
  const r = new VarintReader(blob);
  while (!r.done) {
    const v = r.next();
    if (v === 0) out.push(null);
    else out.push(v % 2 === 0 ? txId - v / 2 : txId + (v + 1) / 2);
  }
  return out;
}
