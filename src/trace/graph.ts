import {
  blockInfo, clustersOf, graphTxs, outputsById, TX_FLAGS, type GraphOutput, type GraphTx,
} from '../chain/index.js';
import type { Queryable } from '../store/index.js';

/**
 * The chain as a trace sees it: transactions with their outputs, the outputs they spend, their block, and the
 * clusters of the addresses involved, fetched in batches through the chain domain's graph primitives (primary-key
 * lookups only) and cached for the length of one trace.
 */
export interface TxData {
  tx: GraphTx;
  outputs: GraphOutput[];
  /** The outputs spent by each input (null: coinbase, or an unresolved input of a loose block). */
  spent: (GraphOutput | null)[];
  coinbase: boolean;
  coinjoin: boolean;
  height: number | null;
  /** Unix seconds. */
  time: number;
}

export class TraceGraph {
  private readonly txCache = new Map<number, TxData>();
  private readonly blocks = new Map<number, { height: number | null; time: number }>();
  readonly clusters = new Map<number, number>();
  /** Queries issued, for the benchmark. */
  fetches = 0;

  constructor(readonly q: Queryable, private readonly wantClusters: boolean) {}

  cached(id: number): TxData | undefined {
    return this.txCache.get(id);
  }

  /** Drop a processed transaction (one trace never needs it again) unless the cache is shared and small. */
  forget(id: number): void {
    if (!this.shared || this.txCache.size > 50_000) {
      for (const o of this.txCache.get(id)?.outputs ?? []) this.outputIndex.delete(o.id);
      this.txCache.delete(id);
    }
  }

  /** The outputs of the cached transactions, by id: an input spending one of them needs no store lookup. */
  private readonly outputIndex = new Map<number, GraphOutput>();

  /** Keep processed transactions for later runs (watch checks follow many watches over the same new blocks). */
  shared = false;

  /** Fetch transactions not yet cached (with their outputs, spent outputs, blocks and clusters). */
  async load(ids: readonly number[]): Promise<void> {
    const want = [...new Set(ids)].filter((id) => !this.txCache.has(id));
    if (want.length === 0) return;
    this.fetches++;
    const txs = await graphTxs(this.q, want);
    // A transaction's own outputs come with its row; only the outputs its inputs spend are fetched.
    const outs = new Map<number, GraphOutput>();
    const spentIds: number[] = [];
    for (const t of txs.values()) for (const o of t.outputs) outs.set(o.id, o);
    for (const t of txs.values()) {
      for (const i of t.inputs) {
        if (i === null || outs.has(i)) continue;
        const known = this.outputIndex.get(i);
        if (known !== undefined) outs.set(i, known);
        else spentIds.push(i);
      }
    }
    for (const [id, o] of await outputsById(this.q, spentIds)) outs.set(id, o);
    const blockIds = [...new Set([...txs.values()].map((t) => t.blockId))].filter((b) => !this.blocks.has(b));
    if (blockIds.length > 0) for (const [id, b] of await blockInfo(this.q, blockIds)) this.blocks.set(id, { height: b.height, time: b.time });
    if (this.wantClusters) {
      const addr = [...outs.values()].map((o) => o.addressId).filter((a): a is number => a !== null && !this.clusters.has(a));
      if (addr.length > 0) for (const [a, c] of await clustersOf(this.q, addr)) this.clusters.set(a, c);
    }
    for (const t of txs.values()) {
      const outputs: GraphOutput[] = [];
      for (let n = 0; n < t.nOut; n++) {
        const o = outs.get(t.id + n);
        if (o !== undefined) outputs.push(o);
      }
      for (const o of outputs) this.outputIndex.set(o.id, o);
      const b = this.blocks.get(t.blockId);
      this.txCache.set(t.id, {
        tx: t, outputs, spent: t.inputs.map((i) => (i === null ? null : (outs.get(i) ?? null))),
        coinbase: (t.flags & TX_FLAGS.coinbase) !== 0, coinjoin: (t.flags & TX_FLAGS.coinjoin) !== 0,
        height: b?.height ?? null, time: b?.time ?? 0,
      });
    }
  }

  /**
   * Load, level by level in big batches, the transactions that forward traces from these transactions could
   * reach: the spenders of their outputs, then of those outputs' spenders, up to `hops` levels or about `maxTxs`
   * transactions. Many watches followed over the same new blocks then cost a few large queries instead of a few
   * small ones each; what the traces do not reach is only cached, never counted.
   */
  async prefetchForward(txIds: readonly number[], hops: number, maxTxs: number): Promise<void> {
    let level = [...new Set(txIds)];
    const seen = new Set(level);
    for (let h = 0; h < hops && level.length > 0 && seen.size <= maxTxs; h++) {
      await this.load(level);
      const next: number[] = [];
      for (const id of level) {
        for (const o of this.txCache.get(id)?.outputs ?? []) {
          if (o.spentTx !== null && !seen.has(o.spentTx) && seen.size < maxTxs) {
            seen.add(o.spentTx);
            next.push(o.spentTx);
          }
        }
      }
      level = next;
    }
  }

  async clustersFor(addressIds: readonly number[]): Promise<void> {
    const missing = [...new Set(addressIds)].filter((a) => !this.clusters.has(a));
    if (missing.length > 0) for (const [a, c] of await clustersOf(this.q, missing)) this.clusters.set(a, c);
  }

  clusterOf(addressId: number | null): number | null {
    if (addressId === null) return null;
    return this.clusters.get(addressId) ?? addressId;
  }

  /** Txid and block of transactions by id (for endpoints whose creating transaction was not processed). */
  async txMeta(ids: readonly number[]): Promise<Map<number, { txid: Buffer; height: number | null; time: number }>> {
    const out = new Map<number, { txid: Buffer; height: number | null; time: number }>();
    const missing: number[] = [];
    for (const id of new Set(ids)) {
      const c = this.txCache.get(id);
      if (c !== undefined) out.set(id, { txid: c.tx.txid, height: c.height, time: c.time });
      else missing.push(id);
    }
    if (missing.length === 0) return out;
    const txs = await graphTxs(this.q, missing);
    const blockIds = [...new Set([...txs.values()].map((t) => t.blockId))].filter((b) => !this.blocks.has(b));
    if (blockIds.length > 0) for (const [id, b] of await blockInfo(this.q, blockIds)) this.blocks.set(id, { height: b.height, time: b.time });
    for (const t of txs.values()) {
      const b = this.blocks.get(t.blockId);
      out.set(t.id, { txid: t.txid, height: b?.height ?? null, time: b?.time ?? 0 });
    }
    return out;
  }
}
