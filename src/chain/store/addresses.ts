import type { Queryable } from '../../store/index.js';
import { CHAIN_LIMITS } from '../limits.js';
import { BoundedKeyMap } from './bytekeys.js';
import { AddressFilter, filterLog2Bits } from './filter.js';
import { addressesAfter, addressRowsByScripts } from './graph.js';
import { latin1 } from './keys.js';

/**
 * How an import numbers addresses: recent scripts in a bounded cache, stored ones found in the store (past a
 * Bloom filter of every indexed script once that pays off), new ones given the next id. One instance per writer.
 */
export class AddressNumbering {
  /** The id the next new address gets. */
  next = 1;
  private readonly cache = new BoundedKeyMap(CHAIN_LIMITS.txCacheEntries);
  /** Every indexed address script, as a Bloom filter (undefined until first needed; null past its memory cap). */
  private filter: AddressFilter | null | undefined;
  /** Addresses looked up in the store since the numbering started without a filter. */
  private uncheckedLookups = 0;

  clearCache(): void {
    this.cache.clear();
  }

  /**
   * Make the filter hold every stored address with room for `more`: built (or rebuilt, 4× larger, when it
   * fills up) from one id-ordered scan of the address table. Off for good once it would pass its memory cap.
   */
  private async ensureFilter(q: Queryable, more: number): Promise<void> {
    if (this.filter === null) return;
    if (this.filter !== undefined && this.filter.count + more <= this.filter.capacity) return;
    // Building scans every stored address; an import that adds few next to what is stored (a `chain follow` poll,
    // one new block onto a large index) probes the store for those few instead, until it has probed enough
    // addresses for the scan to pay off.
    this.uncheckedLookups += more;
    const stored = this.next - 1;
    if (this.filter === undefined && this.uncheckedLookups * CHAIN_LIMITS.addressProbeCostInScans < stored) return;
    const log2 = Math.max(24, filterLog2Bits(4 * (this.next - 1 + more)));
    if (log2 > CHAIN_LIMITS.addressFilterLog2Bits) {
      this.filter = null;
      return;
    }
    const f = new AddressFilter(log2);
    for (let after = 0; ;) {
      const rows = await addressesAfter(q, after, 50_000);
      for (const r of rows) f.add(r.script);
      const last = rows.at(-1);
      if (last === undefined) break;
      after = Number(last.id);
    }
    this.filter = f;
  }

  /**
   * Address ids for a batch's scripts: cached, stored, or new. New addresses are only numbered here; the caller
   * inserts them (`fresh`) after clustering, with their cluster ids, so their rows are written once.
   */
  async resolve(q: Queryable, scripts: readonly Uint8Array[], hashes: ArrayLike<number>): Promise<{ ids: Float64Array; freshIds: number[]; fresh: Uint8Array[] }> {
    const ids = new Float64Array(scripts.length);
    const missing: number[] = [];
    for (let i = 0; i < scripts.length; i++) {
      const s = scripts[i] as Uint8Array;
      const h = hashes[i] as number;
      const id = this.cache.getKeep(s, 0, s.length, h); // keeps busy addresses in the young generation
      if (id < 0) missing.push(i);
      else ids[i] = id;
    }
    if (missing.length > 0) {
      await this.ensureFilter(q, missing.length);
      const f = this.filter;
      // Only addresses the filter may have seen are looked up; the rest are new for certain.
      const probe = f == null ? missing : missing.filter((i) => f.mayHave(scripts[i] as Uint8Array));
      const want = new Map<string, number>();
      for (const i of probe) want.set(latin1(scripts[i] as Uint8Array), i);
      for (const r of await addressRowsByScripts(q, probe.map((i) => scripts[i] as Uint8Array))) {
        const i = want.get(latin1(r.script));
        if (i !== undefined) ids[i] = Number(r.id);
      }
    }
    const freshIds: number[] = [];
    const fresh: Uint8Array[] = [];
    for (const i of missing) {
      const s = scripts[i] as Uint8Array;
      const h = hashes[i] as number;
      if (ids[i] !== 0) {
        this.cache.set(s, 0, s.length, h, ids[i] as number);
        continue;
      }
      const id = this.next++;
      ids[i] = id;
      freshIds.push(id);
      fresh.push(s);
      this.cache.set(s, 0, s.length, h, id);
      this.filter?.add(s);
    }
    return { ids, freshIds, fresh };
  }
}
