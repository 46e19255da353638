/**
 * A Bloom filter over address scripts (their bytes), answering "never indexed" without a store probe:
 * most addresses of a batch are new, and each probe is an index descent. k = 5 probes per key from two FNV-1a
 * hashes (Kirsch–Mitzenmacher double hashing); at 16 bits per key about 0.2 % of new addresses still get probed
 * (a "maybe" is always checked against the store, so false positives cost time, never correctness).
 */
const K = 5;

let h1 = 0;
let h2 = 0;

/** The two hashes of a key, into h1 and h2 (no array per call). */
function hashes(key: Uint8Array): void {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ key.length;
  for (let i = 0; i < key.length; i++) {
    const c = key[i] as number;
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  b ^= b >>> 15;
  h1 = a >>> 0;
  h2 = (b | 1) >>> 0;
}

export class AddressFilter {
  private readonly bits: Uint32Array;
  private readonly mask: number;
  /** Keys added. */
  count = 0;

  /** A filter of 2^log2Bits bits. */
  constructor(log2Bits: number) {
    this.bits = new Uint32Array(Math.max(1, 2 ** (log2Bits - 5)));
    this.mask = 2 ** log2Bits - 1;
  }

  /** Keys this filter holds before its false-positive rate passes ~1 % (12 bits per key). */
  get capacity(): number {
    return Math.floor((this.mask + 1) / 12);
  }

  add(key: Uint8Array): void {
    hashes(key);
    for (let i = 0; i < K; i++) {
      const b = (h1 + Math.imul(i, h2)) & this.mask;
      this.bits[b >>> 5] = (this.bits[b >>> 5] as number) | (1 << (b & 31));
    }
    this.count++;
  }

  /** False: the key was never added. True: it may have been. */
  mayHave(key: Uint8Array): boolean {
    hashes(key);
    for (let i = 0; i < K; i++) {
      const b = (h1 + Math.imul(i, h2)) & this.mask;
      if (((this.bits[b >>> 5] as number) & (1 << (b & 31))) === 0) return false;
    }
    return true;
  }
}

/** Bits for a filter that holds `n` keys at 16 bits each (at least 2^20, a power of two). */
export function filterLog2Bits(n: number): number {
  return Math.max(20, Math.ceil(Math.log2(Math.max(1, n) * 16)));
}
