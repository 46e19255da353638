import { randomBytes } from 'node:crypto';

/**
 * Byte strings (txids, address scripts) as hash-table keys without making a string or a Buffer per key: an
 * open-addressing table over typed arrays whose keys are copied into one byte arena. An import looks up every
 * output's address script and every input's previous txid here (per batch and in the caches of recent
 * transactions and addresses); a latin1 string per lookup and a Map entry per key cost ~3× more per lookup, and the
 * strings were a good part of what the garbage collector had to trace.
 *
 * The hash is seeded per process, so which keys share a bucket cannot be known from outside. Txids and most
 * scripts are hash outputs anyway, but some scripts (unknown witness versions) are chosen freely: a key whose
 * probe runs past `MAX_PROBE` slots goes into a Map by its latin1 string instead, so crafted collisions cost a Map
 * lookup each, never a long walk.
 */
const SEED = randomBytes(4).readInt32LE(0);
const MAX_PROBE = 64;

/** The table hash of bytes [at, at + len) of b (a 32-bit integer). */
export function hashBytes(b: Uint8Array, at: number, len: number): number {
  let h = SEED ^ len;
  const end = at + len;
  let i = at;
  for (; i + 4 <= end; i += 4) {
    h = Math.imul(h ^ ((b[i] as number) | ((b[i + 1] as number) << 8) | ((b[i + 2] as number) << 16) | ((b[i + 3] as number) << 24)), 0x9e3779b1);
    h ^= h >>> 15;
  }
  for (; i < end; i++) {
    h = Math.imul(h ^ (b[i] as number), 0x85ebca6b);
    h ^= h >>> 13;
  }
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  return h ^ (h >>> 13);
}

function latin1At(b: Uint8Array, at: number, len: number): string {
  return Buffer.from(b.buffer, b.byteOffset + at, len).toString('latin1');
}

/** Longest key: its length is kept in one byte before it in the arena. */
export const MAX_KEY_BYTES = 255;

/**
 * Keys → dense entry numbers (0, 1, … in insertion order) with a number per entry (`values`). Holds up to
 * `capacity` entries (more is a programming error: callers size it or roll generations, see BoundedKeyMap).
 * A table slot is three integers, the entry + 1 (0: empty), the key's hash and where its bytes start in the arena
 * (a length byte, then the bytes), so a probe that does not match reads nothing but the slot: one cache line.
 */
export class ByteKeyTable {
  /** Entries held. */
  size = 0;
  readonly values: Float64Array;
  private readonly mask: number;
  /** Per table slot: entry + 1, hash, arena offset. */
  private readonly slots: Int32Array;
  private arena: Uint8Array;
  private used = 0;
  /** Keys whose probe ran too long (see above): latin1 string → entry. */
  private overflow: Map<string, number> | null = null;

  constructor(readonly capacity: number, keyBytes = 32) {
    const cap = Math.max(1, capacity);
    let n = 16;
    while (n < cap * 2) n *= 2;
    this.mask = n - 1;
    this.slots = new Int32Array(n * 3);
    this.values = new Float64Array(cap);
    this.arena = new Uint8Array(cap * (keyBytes + 1));
  }

  private same(start: number, b: Uint8Array, at: number, len: number): boolean {
    const a = this.arena;
    if (a[start] !== len) return false;
    for (let i = 0; i < len; i++) if (a[start + 1 + i] !== b[at + i]) return false;
    return true;
  }

  /** The entry of the key (bytes [at, at + len) of b, table hash h), or -1. */
  find(b: Uint8Array, at: number, len: number, h: number): number {
    const slots = this.slots;
    let p = h & this.mask;
    for (let probe = 0; probe < MAX_PROBE; probe++) {
      const e = (slots[3 * p] as number) - 1;
      if (e < 0) return -1; // slots are only emptied all at once, so a key past a full probe never has one
      if (slots[3 * p + 1] === h && this.same(slots[3 * p + 2] as number, b, at, len)) return e;
      p = (p + 1) & this.mask;
    }
    return this.overflow === null ? -1 : (this.overflow.get(latin1At(b, at, len)) ?? -1);
  }

  /** The entry of the key, added (value 0) when absent: a new entry is numbered `size - 1` after the call. */
  add(b: Uint8Array, at: number, len: number, h: number): number {
    const slots = this.slots;
    let p = h & this.mask;
    let probe = 0;
    for (; probe < MAX_PROBE; probe++) {
      const e = (slots[3 * p] as number) - 1;
      if (e < 0) break;
      if (slots[3 * p + 1] === h && this.same(slots[3 * p + 2] as number, b, at, len)) return e;
      p = (p + 1) & this.mask;
    }
    if (probe === MAX_PROBE && this.overflow !== null) {
      const e = this.overflow.get(latin1At(b, at, len));
      if (e !== undefined) return e;
    }
    if (this.size >= this.capacity) throw new RangeError(`byte-key table full (${this.capacity} entries)`);
    if (len > MAX_KEY_BYTES) throw new RangeError(`byte-key table key of ${len} bytes`);
    const e = this.size++;
    if (this.used + len + 1 > this.arena.length) {
      const bigger = new Uint8Array(Math.max(this.arena.length * 2, this.used + len + 1));
      bigger.set(this.arena.subarray(0, this.used));
      this.arena = bigger;
    }
    const start = this.used;
    const a = this.arena;
    a[start] = len;
    for (let i = 0; i < len; i++) a[start + 1 + i] = b[at + i] as number;
    this.used += len + 1;
    this.values[e] = 0;
    if (probe === MAX_PROBE) (this.overflow ??= new Map()).set(latin1At(b, at, len), e);
    else {
      slots[3 * p] = e + 1;
      slots[3 * p + 1] = h;
      slots[3 * p + 2] = start;
    }
    return e;
  }

  clear(): void {
    this.slots.fill(0);
    this.size = 0;
    this.used = 0;
    this.overflow = null;
  }
}

/**
 * A bounded key → number cache that forgets its oldest entries (whose Map-based predecessor went quadratic: V8 leaves deleted slots at the front of a Map until it rehashes, so evicting one entry at a time walked past all of them): two
 * generations, and when the young one fills up the old one is emptied and becomes the young one.
 */
export class BoundedKeyMap {
  private young: ByteKeyTable;
  private old: ByteKeyTable;

  constructor(max: number, keyBytes = 32) {
    const generation = Math.max(1, Math.floor(max / 2));
    this.young = new ByteKeyTable(generation, keyBytes);
    this.old = new ByteKeyTable(generation, keyBytes);
  }

  /** The key's value, or -1 when it is not held (values are never negative). */
  get(b: Uint8Array, at: number, len: number, h: number): number {
    let e = this.young.find(b, at, len, h);
    if (e >= 0) return this.young.values[e] as number;
    e = this.old.find(b, at, len, h);
    return e >= 0 ? (this.old.values[e] as number) : -1;
  }

  /** Like get, and a key found only in the old generation is copied into the young one (busy keys stay). */
  getKeep(b: Uint8Array, at: number, len: number, h: number): number {
    const e = this.young.find(b, at, len, h);
    if (e >= 0) return this.young.values[e] as number;
    const o = this.old.find(b, at, len, h);
    if (o < 0) return -1;
    const v = this.old.values[o] as number;
    this.set(b, at, len, h, v);
    return v;
  }

  set(b: Uint8Array, at: number, len: number, h: number, v: number): void {
    const e = this.young.add(b, at, len, h);
    this.young.values[e] = v;
    if (this.young.size >= this.young.capacity) {
      const t = this.old;
      t.clear();
      this.old = this.young;
      this.young = t;
    }
  }

  clear(): void {
    this.young.clear();
    this.old.clear();
  }

  /** Entries held (an entry in both generations counts twice; it is an upper bound). */
  get size(): number {
    return this.young.size + this.old.size;
  }
}
