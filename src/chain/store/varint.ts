/**
 * Unsigned LEB128 varints read from a blob (the inputs and outputs blobs of `chain_txs`). A varint cut off by the
 * blob's end ends there: a truncated or corrupt blob decodes to what it holds, never past its end.
 */
export class VarintReader {
  pos = 0;

  constructor(private readonly blob: Uint8Array) {}

  get done(): boolean {
    return this.pos >= this.blob.length;
  }

  next(): number {
    let v = 0;
    let mul = 1;
    for (;;) {
      const b = this.blob[this.pos++] ?? 0;
      v += (b & 0x7f) * mul;
      mul *= 0x80;
      if ((b & 0x80) === 0 || this.pos >= this.blob.length) return v;
    }
  }
}

/**
 * The first n bytes of `src` (an encoder's reused space) as a Buffer of their own (from Node's pool when small),
 * copied without a view in between (below 256 bytes): one object per blob a batch keeps, not two.
 */
export function copyOut(src: Uint8Array, n: number): Buffer {
  const out = Buffer.allocUnsafe(n);
  // Buffer#copy of a part of its source makes a view of it first; most blobs are a few dozen bytes.
  if (n <= 256) for (let i = 0; i < n; i++) out[i] = src[i] as number;
  else out.set(src.subarray(0, n));
  return out;
}
