/**
 * A bounded map that forgets its oldest entries, in O(1) per operation: two generations, and when the young one
 * fills up the old one is dropped whole. (A single Map evicting with `keys().next()` looks O(1) but is not:
 * V8 leaves deleted slots at the front of the table until the next rehash, so each eviction walks past all of
 * them, and a long import went quadratic.)
 */
export class BoundedMap<K, V> {
  private young = new Map<K, V>();
  private old = new Map<K, V>();
  private readonly generation: number;

  constructor(max: number) {
    this.generation = Math.max(1, Math.floor(max / 2));
  }

  get(k: K): V | undefined {
    const v = this.young.get(k);
    return v !== undefined ? v : this.old.get(k);
  }

  set(k: K, v: V): void {
    this.young.set(k, v);
    if (this.young.size >= this.generation) {
      this.old = this.young;
      this.young = new Map();
    }
  }

  delete(k: K): void {
    this.young.delete(k);
    this.old.delete(k);
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

/**
 * What the indexer remembers of a recent transaction to resolve spends of it without the store: its outputs'
 * values, address ids (0: no address), script types and spending transactions (0: unspent, kept up to date by
 * the writer, so the outputs blob can be rewritten without reading it) at [off, off + n) of its batch's arrays,
 * which it shares with every other transaction of that batch (one allocation per batch, not four per transaction).
 */
export interface CachedTx {
  id: number;
  n: number;
  off: number;
  values: Float64Array;
  addrs: Float64Array;
  types: Uint8Array;
  spent: Float64Array;
}
