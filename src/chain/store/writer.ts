import { SqliteDb, type Queryable, type SqlValue } from '../../store/index.js';
import { addressScript, classifyScript } from '../address/script.js';
import { isCoinbase, prevTxidAt, prevTxidBytes, type Block, type Tx, type TxInput } from '../codec/index.js';
import { CHAIN_LIMITS } from '../limits.js';
import { BoundedKeyMap, ByteKeyTable, hashBytes } from './bytekeys.js';
import { AddressNumbering } from './addresses.js';
import { applyUnions, type UnionGroup } from './cluster.js';
import { isCoinjoinLike } from './coinjoin.js';
import { addKeys, addressKeyValue, candidateIds, txKeyValue } from './keyed.js';
import { txsHoldingOutputs } from './graph.js';
import { decodeIns, encodeIns } from './ins.js';
import { decodeOuts, encodeOuts, withSpent, type DecodedOuts } from './outs.js';
import { batchPaid, writePaid } from './paid.js';
import {
  BLOCK_STATUS, TX_FLAGS, chunks, placeholders, scriptTypeCode,
} from './keys.js';

export interface WriterOptions {
  /** Union change outputs with their inputs (one-time-change heuristic). Off by default: see oneTimeChange. */
  changeHeuristic?: boolean;
  maxClusterSize?: number;
  txCacheEntries?: number;
}

export interface ConnectItem {
  block: Block;
  blockRowId: number;
  /** Null for loose blocks. */
  height: number | null;
}

export interface ConnectStats {
  txs: number;
  outputs: number;
  inputs: number;
  unresolved: number;
  guarded: number;
  coinjoins: number;
}

/** Output counts up to this are cached (a transaction with more is looked up in the store when spent). */
const TX_CACHE_N = 65_536;

/**
 * What the indexer remembers of a recent batch to resolve spends of its transactions without the store: its
 * outputs' values, address ids (0: no address), script types and spending transactions (0: unspent, kept up to date
 * by the writer, so an outputs blob can be rewritten without reading it), by output id minus `firstOut`. A cached
 * transaction (txCache: txid → id × 2^16 + output count) is found in the batch whose ids hold its id: no object per
 * transaction or per input.
 */
interface CachedBatch {
  firstOut: number;
  endOut: number;
  txs: number;
  values: Float64Array;
  addrs: Float64Array;
  types: Uint8Array;
  spent: Float64Array;
}

/** A stored transaction found by txid, its outputs decoded on first use. */
interface StoredTx {
  id: number;
  nOut: number;
  outs: Buffer | null;
  decoded: DecodedOuts | null;
}

/**
 * One batch laid out flat: transactions by batch index `t`, outputs by batch index `j` (output id minus the
 * batch's first output id), inputs by batch index `k` (the inputs of transaction t are [inStart[t], inStart[t+1])).
 * Flat typed arrays rather than an object per output keep a 50,000-transaction batch to a few dozen allocations.
 */
interface BatchPlan {
  txs: Tx[];
  blockRow: number[];
  coinbase: boolean[];
  /** Output id of each transaction's first output (its id). */
  txId: Float64Array;
  /** Output count of each transaction. */
  txNOut: Int32Array;
  firstOut: number;
  outType: Uint8Array;
  outValue: Float64Array;
  /** Address slot per output (index into slotScripts/slotHash), -1 when the output has no address. */
  outSlot: Int32Array;
  slotScripts: Uint8Array[];
  /** Each slot's script's table hash (bytekeys.ts). */
  slotHash: number[];
  /** Address id per output, 0 when none; filled once the batch's addresses are known. */
  outAddr: Float64Array;
  /** Spending transaction per output when it is spent inside this batch, else 0. */
  outSpent: Float64Array;
  inStart: Int32Array;
  /** Table hash of each input's previous txid (0 for a coinbase's). */
  inHash: Int32Array;
  /** Batch index of each transaction by txid (`values`: the latest transaction with that txid). */
  byTxid: ByteKeyTable;
  /** Table hash of each transaction's txid. */
  txHash: Int32Array;
  ranges: { rowId: number; height: number | null; firstTx: number }[];
}

/**
 * Writes blocks into the index. One instance per import: it keeps the id counters and the caches, so it must be
 * the only writer of the chain tables while it lives (each batch runs in one store transaction).
 */
export class ChainWriter {
  private nextOut = 1;
  private unresolvedCount = 0;
  /** Recent transactions by txid: id * 2^16 + output count (the outputs' values and addresses are in `recent`). */
  private readonly txCache: BoundedKeyMap;
  /** The output arrays of the last batches, enough to cover every transaction the cache can hold. */
  private recent: CachedBatch[] = [];
  private readonly cacheEntries: number;
  /** Address ids: the next one to give, recent addresses, and the filter of every indexed one. */
  private readonly addresses = new AddressNumbering();

  constructor(private readonly opts: WriterOptions = {}) {
    this.cacheEntries = opts.txCacheEntries ?? CHAIN_LIMITS.txCacheEntries;
    this.txCache = new BoundedKeyMap(this.cacheEntries);
  }

  /**
   * Where a cached transaction's outputs are: the index in `recent` of the batch holding them, or -1 when it is not
   * cached (or its batch has been let go). `v` is its txCache value.
   */
  private recentIndex(v: number): number {
    if (v < 0) return -1;
    const id = Math.floor(v / TX_CACHE_N);
    for (let i = this.recent.length - 1; i >= 0; i--) {
      const b = this.recent[i] as CachedBatch;
      if (id >= b.firstOut && id < b.endOut) return i;
    }
    return -1;
  }

  /** Read the id counters (max + 1): at the start of every batch, since a disconnect may have freed ids. */
  async load(q: Queryable): Promise<void> {
    const r = await q.get<{ o: number | null; a: number | null; u: number }>(
      `SELECT (SELECT id + n_out FROM chain_txs ORDER BY id DESC LIMIT 1) AS o, (SELECT max(id) FROM chain_addresses) AS a,
              (SELECT count(*) FROM chain_unresolved) AS u`,
    );
    this.nextOut = Number(r?.o ?? 1);
    this.addresses.next = Number(r?.a ?? 0) + 1;
    this.unresolvedCount = Number(r?.u ?? 0);
  }

  /** Forget cached transactions (after a disconnect their ids may be gone). */
  clearCaches(): void {
    this.txCache.clear();
    this.recent = [];
    this.addresses.clearCache();
  }

  /**
   * Transactions by txid from the store (latest wins for the BIP-30 duplicate coinbases): `txids[e]` is entry e of
   * `table`; the answer's entry e is what the store holds for it (undefined: nothing).
   */
  private async lookupTxs(q: Queryable, txids: readonly Buffer[], table: ByteKeyTable): Promise<(StoredTx | undefined)[]> {
    const found = new Array<StoredTx | undefined>(txids.length);
    if (txids.length === 0) return found;
    const ids = await candidateIds(q, 'chain_tx_keys', txids.map((t) => txKeyValue(t)));
    for (const part of chunks(ids)) {
      const rows = await q.all<{ id: number; txid: Buffer; n_out: number; outs: Buffer | null }>(
        `SELECT id, txid, n_out, outs FROM chain_txs WHERE id IN (${placeholders(part.length)})`, part,
      );
      for (const r of rows) {
        const e = r.txid.length === 32 ? table.find(r.txid, 0, 32, hashBytes(r.txid, 0, 32)) : -1;
        if (e < 0) continue;
        const prev = found[e];
        if (prev === undefined || prev.id < Number(r.id)) found[e] = { id: Number(r.id), nOut: Number(r.n_out), outs: r.outs, decoded: null };
      }
    }
    return found;
  }

  private plan(items: readonly ConnectItem[]): BatchPlan {
    let nTx = 0;
    let nOut = 0;
    let nIn = 0;
    for (const item of items) {
      nTx += item.block.txs.length;
      for (const tx of item.block.txs) {
        nOut += tx.outputs.length;
        nIn += tx.inputs.length;
      }
    }
    const p: BatchPlan = {
      txs: new Array<Tx>(nTx), blockRow: new Array<number>(nTx), coinbase: new Array<boolean>(nTx), txId: new Float64Array(nTx), txNOut: new Int32Array(nTx),
      firstOut: this.nextOut, outType: new Uint8Array(nOut), outValue: new Float64Array(nOut), outSlot: new Int32Array(nOut), slotScripts: [], slotHash: [],
      outAddr: new Float64Array(nOut), outSpent: new Float64Array(nOut), inStart: new Int32Array(nTx + 1), inHash: new Int32Array(nIn),
      byTxid: new ByteKeyTable(nTx), txHash: new Int32Array(nTx), ranges: [],
    };
    // The batch's address scripts, one slot each (the slot is the table's entry).
    const slots = new ByteKeyTable(nOut);
    let t = 0;
    let j = 0;
    let k = 0;
    for (const item of items) {
      p.ranges.push({ rowId: item.blockRowId, height: item.height, firstTx: this.nextOut });
      for (const tx of item.block.txs) {
        p.txs[t] = tx;
        p.blockRow[t] = item.blockRowId;
        p.txId[t] = this.nextOut;
        p.txNOut[t] = tx.outputs.length;
        p.inStart[t] = k;
        const cb = isCoinbase(tx);
        p.coinbase[t] = cb;
        for (const i of tx.inputs) p.inHash[k++] = cb ? 0 : hashBytes(prevTxidBytes(i), prevTxidAt(i), 32);
        for (const o of tx.outputs) {
          const type = classifyScript(o.script);
          p.outType[j] = scriptTypeCode(type);
          p.outValue[j] = o.value;
          const as = addressScript(o.script, type);
          if (as === null) p.outSlot[j] = -1;
          else {
            const h = hashBytes(as, 0, as.length);
            const slot = slots.add(as, 0, as.length, h);
            if (slot === p.slotScripts.length) {
              p.slotScripts.push(as);
              p.slotHash.push(h);
            }
            p.outSlot[j] = slot;
          }
          j++;
        }
        const h = hashBytes(tx.txid, 0, 32);
        p.txHash[t] = h;
        p.byTxid.values[p.byTxid.add(tx.txid, 0, 32, h)] = t;
        this.nextOut += tx.outputs.length;
        t++;
      }
    }
    p.inStart[nTx] = k;
    return p;
  }

  /** Index a batch of blocks, in chain order, inside the caller's transaction. */
  async connect(q: Queryable, items: readonly ConnectItem[]): Promise<ConnectStats> {
    try {
      return await this.connectBatch(q, items);
    } catch (e) {
      // The caller's transaction rolls back: what the caches learnt from this batch (ids, spends) is void.
      this.clearCaches();
      throw e;
    }
  }

  private async connectBatch(q: Queryable, items: readonly ConnectItem[]): Promise<ConnectStats> {
    const stats: ConnectStats = { txs: 0, outputs: 0, inputs: 0, unresolved: 0, guarded: 0, coinjoins: 0 };
    const firstNewAddr = this.addresses.next;
    const p = this.plan(items);
    const nTx = p.txs.length;
    const { ids: slotIds, freshIds, fresh } = await this.addresses.resolve(q, p.slotScripts, p.slotHash);
    for (let j = 0; j < p.outSlot.length; j++) {
      const slot = p.outSlot[j] as number;
      p.outAddr[j] = slot < 0 ? 0 : (slotIds[slot] as number);
    }
    // Where each address new to the index first appears (one-time-change heuristic).
    const firstSeenIn = new Map<number, number>();
    if (this.opts.changeHeuristic === true) {
      for (let t = 0; t < nTx; t++) {
        const id0 = (p.txId[t] as number) - p.firstOut;
        for (let j = id0; j < id0 + (p.txs[t] as Tx).outputs.length; j++) {
          const a = p.outAddr[j] as number;
          if (a >= firstNewAddr && !firstSeenIn.has(a)) firstSeenIn.set(a, p.txId[t] as number);
        }
      }
    }
    // Inputs are resolved from this batch, then the cache, then the store; the first two are looked up once here.
    // Previous transactions to look up in the store: one entry each (`needTx`), and each input's entry (-1: none).
    let needTable: ByteKeyTable | null = null;
    const needTx: Buffer[] = [];
    const inNeed = new Int32Array(p.inHash.length).fill(-1);
    const inBatch = new Int32Array(p.inHash.length).fill(-1);
    // Inputs of cached transactions: the txCache value and the index of the batch in `recent` (-1: not cached).
    const inCacheV = new Float64Array(p.inHash.length);
    const inCacheR = new Int32Array(p.inHash.length).fill(-1);
    for (let t = 0; t < nTx; t++) {
      if (p.coinbase[t] === true) continue;
      const tx = p.txs[t] as Tx;
      for (let k = p.inStart[t] as number, vin = 0; vin < tx.inputs.length; k++, vin++) {
        const inp = tx.inputs[vin] as TxInput;
        const buf = prevTxidBytes(inp);
        const at = prevTxidAt(inp);
        const h = p.inHash[k] as number;
        const e = p.byTxid.find(buf, at, 32, h);
        if (e >= 0) {
          inBatch[k] = p.byTxid.values[e] as number;
          continue;
        }
        const v = this.txCache.get(buf, at, 32, h);
        const r = this.recentIndex(v);
        if (r >= 0) {
          inCacheV[k] = v;
          inCacheR[k] = r;
        } else {
          needTable ??= new ByteKeyTable(p.inHash.length);
          const n = needTable.add(buf, at, 32, h);
          if (n === needTx.length) needTx.push(inp.prevTxid);
          inNeed[k] = n;
        }
      }
    }
    const stored = needTable !== null ? await this.lookupTxs(q, needTx, needTable) : [];

    const txCols = { id: [] as number[], txid: [] as Buffer[], block: [] as number[], nOut: [] as number[], nIn: [] as number[], fee: [] as (number | null)[], flags: [] as number[], ins: [] as Buffer[] };
    const unresolved = { tx: [] as number[], vin: [] as number[], prev: [] as Buffer[], vout: [] as number[] };
    // Earlier transactions whose outputs this batch spends: their outputs as they will be rewritten.
    const rewrite = new Map<number, { readonly values: ArrayLike<number>; readonly addrs: ArrayLike<number>; readonly types: ArrayLike<number>; readonly spent: ArrayLike<number>; readonly off: number; readonly n: number }>();
    const groups: UnionGroup[] = [];
    const outIds: (number | null)[] = [];
    const inAddrs: (number | null)[] = [];
    for (let t = 0; t < nTx; t++) {
      const tx = p.txs[t] as Tx;
      const id = p.txId[t] as number;
      const coinbase = p.coinbase[t] === true;
      let flags = (coinbase ? TX_FLAGS.coinbase : 0) | (tx.hasWitness ? TX_FLAGS.segwit : 0);
      let inValue = 0;
      let complete = !coinbase;
      // outIds and inAddrs are reused from transaction to transaction (their first nIn entries are this one's):
      // emptying an array lets go of its space, and two new ones per transaction were a good part of the garbage.
      const nIn = tx.inputs.length;
      for (let k = p.inStart[t] as number, vin = 0; vin < nIn; k++, vin++) {
        if (coinbase) {
          outIds[vin] = null;
          continue;
        }
        const inp = tx.inputs[vin] as TxInput;
        const vout = inp.vout;
        let outId: number | null = null;
        let value = 0;
        let addr = 0;
        const b = inBatch[k] as number;
        if (b >= 0) {
          if (b < t && vout < (p.txNOut[b] as number)) {
            outId = (p.txId[b] as number) + vout;
            const j = outId - p.firstOut;
            value = p.outValue[j] as number;
            addr = p.outAddr[j] as number;
            p.outSpent[j] = id;
          }
        } else {
          const r = inCacheR[k] as number;
          if (r >= 0) {
            const v = inCacheV[k] as number;
            const cid = Math.floor(v / TX_CACHE_N);
            const n = v % TX_CACHE_N;
            if (vout < n) {
              const c = this.recent[r] as CachedBatch;
              const off = cid - c.firstOut;
              outId = cid + vout;
              value = c.values[off + vout] as number;
              addr = c.addrs[off + vout] as number;
              c.spent[off + vout] = id;
              if (!rewrite.has(cid)) rewrite.set(cid, { values: c.values, addrs: c.addrs, types: c.types, spent: c.spent, off, n });
            }
          } else {
            const e = inNeed[k] as number;
            const s = e < 0 ? undefined : stored[e];
            if (s !== undefined && s.decoded === null) s.decoded = decodeOuts(s.id, s.outs);
            if (s !== undefined && vout < s.nOut && vout < (s.decoded as DecodedOuts).value.length) {
              outId = s.id + vout;
              value = (s.decoded as DecodedOuts).value[vout] as number;
              addr = (s.decoded as DecodedOuts).addr[vout] as number;
              (s.decoded as DecodedOuts).spent[vout] = id;
              if (!rewrite.has(s.id)) {
                const d = s.decoded as DecodedOuts;
                rewrite.set(s.id, { values: d.value, addrs: d.addr, types: d.type, spent: d.spent, off: 0, n: d.value.length });
              }
            }
          }
        }
        outIds[vin] = outId;
        if (outId === null) {
          complete = false;
          flags |= TX_FLAGS.unresolved;
          unresolved.tx.push(id);
          unresolved.vin.push(vin);
          unresolved.prev.push(Buffer.from(inp.prevTxid));
          unresolved.vout.push(vout);
          inAddrs[vin] = null;
        } else {
          inValue += value;
          inAddrs[vin] = addr === 0 ? null : addr;
        }
      }
      const j0 = id - p.firstOut;
      const nOut = tx.outputs.length;
      let outValue = 0;
      for (let j = j0; j < j0 + nOut; j++) outValue += p.outValue[j] as number;
      const fee = complete ? inValue - outValue : null;
      // Single-input transactions merge nothing (unless the change heuristic adds an output) and cannot be CoinJoins.
      if (!coinbase && (nIn >= 2 || this.opts.changeHeuristic === true)) {
        const distinct = distinctAddresses(inAddrs, nIn);
        // (isCoinjoinLike needs two distinct input addresses.)
        if (distinct.length >= 2 && isCoinjoinLike({ inputAddresses: inAddrs, inputCount: nIn, outputValues: p.outValue.subarray(j0, j0 + nOut), distinctInputs: distinct.length })) {
          flags |= TX_FLAGS.coinjoin;
          stats.coinjoins++;
        } else {
          if (this.opts.changeHeuristic === true) {
            const change = oneTimeChange(id, Array.from(p.outAddr.subarray(j0, j0 + nOut)), distinct, firstSeenIn);
            if (change !== null) distinct.push(change);
          }
          if (distinct.length >= 2) groups.push({ txId: id, addrs: distinct });
        }
      }
      stats.inputs += tx.inputs.length;
      txCols.id.push(id);
      txCols.txid.push(tx.txid);
      txCols.block.push(p.blockRow[t] as number);
      txCols.nOut.push(nOut);
      txCols.nIn.push(tx.inputs.length);
      txCols.fee.push(fee);
      txCols.flags.push(flags);
      txCols.ins.push(encodeIns(id, outIds, nIn));
    }
    const nOutAll = p.outValue.length;
    // Outputs go into their transaction's row, with the spends made inside this batch already in.
    const outsBlobs = new Array<Buffer>(nTx);
    for (let t = 0; t < nTx; t++) {
      outsBlobs[t] = encodeOuts(p.txId[t] as number, p.outValue, p.outAddr, p.outType, p.outSpent, (p.txId[t] as number) - p.firstOut, (p.txs[t] as Tx).outputs.length);
    }
    const { inlineUpdates, newChunks, freshOuts } = await batchPaid(q, p.outSlot, slotIds, p.firstOut, firstNewAddr, freshIds.length);
    await insertColumns(q, 'chain_txs', [
      ['id', 'bigint', txCols.id], ['txid', 'bytea', txCols.txid], ['block_id', 'bigint', txCols.block], ['n_out', 'int', txCols.nOut],
      ['n_in', 'int', txCols.nIn], ['fee', 'bigint', txCols.fee], ['flags', 'int', txCols.flags], ['ins', 'bytea', txCols.ins], ['outs', 'bytea', outsBlobs],
    ]);
    await addKeys(q, 'chain_tx_keys', txCols.txid.map((t) => txKeyValue(t)), txCols.id);
    await writePaid(q, inlineUpdates, newChunks);
    await insertColumns(q, 'chain_unresolved', [
      ['tx_id', 'bigint', unresolved.tx], ['vin', 'int', unresolved.vin], ['prev_txid', 'bytea', unresolved.prev], ['vout', 'bigint', unresolved.vout],
    ]);
    await rewriteOuts(q, [...rewrite.entries()].sort((a, b) => a[0] - b[0]).map(([owner, o]) => [owner, encodeOuts(owner, o.values, o.addrs, o.types, o.spent, o.off, o.n)]));
    if (this.unresolvedCount > 0) await this.resolveLater(q, p);
    this.unresolvedCount += unresolved.tx.length;
    const unions = await applyUnions(q, groups, this.opts.maxClusterSize ?? CHAIN_LIMITS.maxClusterSize, firstNewAddr);
    stats.guarded = unions.guarded;
    await insertColumns(q, 'chain_addresses', [
      ['id', 'bigint', freshIds], ['script', 'bytea', fresh], ['cluster_id', 'bigint', freshIds.map((id) => unions.pending.get(id) ?? null)],
      ['outs', 'bytea', freshOuts],
    ]);
    await addKeys(q, 'chain_address_keys', fresh.map((x) => addressKeyValue(x)), freshIds);
    for (let i = 0; i < p.ranges.length; i++) {
      const r = p.ranges[i];
      if (r === undefined) continue;
      await q.run('UPDATE chain_blocks SET status = ?, height = ?, first_tx = ?, end_tx = ? WHERE id = ?', [
        r.height === null ? BLOCK_STATUS.loose : BLOCK_STATUS.main, r.height, r.firstTx, p.ranges[i + 1]?.firstTx ?? this.nextOut, r.rowId,
      ]);
    }
    for (let t = 0; t < nTx; t++) {
      const n = (p.txs[t] as Tx).outputs.length;
      if (n < TX_CACHE_N) this.txCache.set((p.txs[t] as Tx).txid, 0, 32, p.txHash[t] as number, (p.txId[t] as number) * TX_CACHE_N + n);
    }
    this.recent.push({ firstOut: p.firstOut, endOut: this.nextOut, txs: nTx, values: p.outValue, addrs: p.outAddr, types: p.outType, spent: p.outSpent });
    // Keep the newest batches holding at least as many transactions as the cache (it holds at most that many).
    let keep = 0;
    let held = 0;
    for (let i = this.recent.length - 1; i >= 0 && held < this.cacheEntries; i--, keep++) held += (this.recent[i] as CachedBatch).txs;
    if (keep < this.recent.length) this.recent = this.recent.slice(this.recent.length - keep);
    stats.txs = nTx;
    stats.outputs = nOutAll;
    stats.unresolved = unresolved.tx.length;
    return stats;
  }

  /** Inputs of earlier loose blocks that spend transactions of this batch become resolved. */
  private async resolveLater(q: Queryable, p: BatchPlan): Promise<void> {
    const found: { txId: number; vin: number; outId: number; owner: number }[] = [];
    for (const part of chunks(p.txs.map((t) => t.txid))) {
      const rows = await q.all<{ tx_id: number; vin: number; prev_txid: Buffer; vout: number }>(
        `SELECT tx_id, vin, prev_txid, vout FROM chain_unresolved WHERE prev_txid IN (${placeholders(part.length)})`, part,
      );
      for (const r of rows) {
        const e = p.byTxid.find(r.prev_txid, 0, 32, hashBytes(r.prev_txid, 0, 32));
        if (e < 0) continue;
        const t = p.byTxid.values[e] as number;
        if (Number(r.vout) >= (p.txs[t] as Tx).outputs.length) continue;
        const outId = (p.txId[t] as number) + Number(r.vout);
        found.push({ txId: Number(r.tx_id), vin: Number(r.vin), outId, owner: p.txId[t] as number });
        // The batch's arrays stay the cached truth of its outputs' spends.
        p.outSpent[outId - p.firstOut] = Number(r.tx_id);
      }
    }
    for (const f of found) {
      const t = await q.get<{ ins: Buffer }>('SELECT ins FROM chain_txs WHERE id = ?', [f.txId]);
      if (t === undefined) continue;
      const ids = decodeIns(f.txId, t.ins);
      ids[f.vin] = f.outId;
      await q.run('UPDATE chain_txs SET ins = ? WHERE id = ?', [encodeIns(f.txId, ids), f.txId]);
      await q.run('DELETE FROM chain_unresolved WHERE tx_id = ? AND vin = ?', [f.txId, f.vin]);
    }
    await markSpent(q, found.map((f) => ({ outId: f.outId, txId: f.txId, owner: f.owner })));
    this.unresolvedCount -= found.length;
  }
}

type ColumnType = 'bigint' | 'int' | 'bytea';

/** Prepared single-row statements per connection and table (SQLite): with secondary indexes present, measured
 * faster than multi-row VALUES, and the per-row cost is the B-tree work, not the call. */
const sqliteInserts = new WeakMap<object, Map<string, { run(...params: unknown[]): unknown }>>();

/**
 * Bulk insert of column arrays (all of one length). SQLite: one prepared statement, bound straight from the
 * arrays (every value is already a number, Buffer or null). PostgreSQL: one `INSERT … SELECT FROM unnest(…)`
 * per 20,000 rows, a handful of array parameters instead of one parameter per value.
 */
async function insertColumns(q: Queryable, table: string, cols: readonly (readonly [string, ColumnType, readonly (number | Buffer | Uint8Array | null)[]])[]): Promise<void> {
  const n = cols[0]?.[2].length ?? 0;
  if (n === 0) return;
  const names = cols.map((c) => c[0]).join(', ');
  if (q instanceof SqliteDb) {
    let cache = sqliteInserts.get(q.raw);
    if (cache === undefined) {
      cache = new Map<string, { run(...params: unknown[]): unknown }>();
      sqliteInserts.set(q.raw, cache);
    }
    let st = cache.get(table);
    if (st === undefined) {
      st = q.raw.prepare(`INSERT INTO ${table} (${names}) VALUES (${cols.map(() => '?').join(', ')})`);
      cache.set(table, st);
    }
    const a = cols.map((c) => c[2]);
    const width = a.length;
    if (width === 2) {
      const [c0, c1] = a as [readonly unknown[], readonly unknown[]];
      for (let i = 0; i < n; i++) st.run(c0[i], c1[i]);
    } else if (width === 3) {
      const [c0, c1, c2] = a as [readonly unknown[], readonly unknown[], readonly unknown[]];
      for (let i = 0; i < n; i++) st.run(c0[i], c1[i], c2[i]);
    } else if (width === 4) {
      const [c0, c1, c2, c3] = a as [readonly unknown[], readonly unknown[], readonly unknown[], readonly unknown[]];
      for (let i = 0; i < n; i++) st.run(c0[i], c1[i], c2[i], c3[i]);
    } else if (width === 5) {
      const [c0, c1, c2, c3, c4] = a as [readonly unknown[], readonly unknown[], readonly unknown[], readonly unknown[], readonly unknown[]];
      for (let i = 0; i < n; i++) st.run(c0[i], c1[i], c2[i], c3[i], c4[i]);
    } else {
      const row = new Array<unknown>(width);
      for (let i = 0; i < n; i++) {
        for (let c = 0; c < width; c++) row[c] = (a[c] as readonly unknown[])[i];
        st.run(row);
      }
    }
    return;
  }
  const casts = cols.map((c) => `?::${c[1]}[]`).join(', ');
  for (let start = 0; start < n; start += 20_000) {
    const params = cols.map((c) => c[2].slice(start, start + 20_000)) as unknown as SqlValue[];
    await q.run(`INSERT INTO ${table} (${names}) SELECT * FROM unnest(${casts})`, params);
  }
}

/**
 * Set (or, with a null `txId`, clear) the spending transaction of outputs: each holding transaction's outputs
 * blob is read, changed and written back once, however many of its outputs change. `owner` (the transaction
 * holding the output) is looked up when not given.
 */
export async function markSpent(q: Queryable, spends: readonly { outId: number; txId: number | null; owner?: number }[]): Promise<void> {
  if (spends.length === 0) return;
  const unknown = spends.filter((s) => s.owner === undefined).map((s) => s.outId);
  const holders = unknown.length === 0 ? [] : (await txsHoldingOutputs(q, unknown)).map((r) => r.id).sort((a, b) => a - b);
  const ownerOf = (outId: number): number => {
    let lo = 0;
    let hi = holders.length - 1;
    let best = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if ((holders[mid] as number) <= outId) {
        best = holders[mid] as number;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return best;
  };
  const byOwner = new Map<number, { n: number; spentTx: number }[]>();
  for (const s of spends) {
    const owner = s.owner ?? ownerOf(s.outId);
    if (owner < 0) continue;
    let list = byOwner.get(owner);
    if (list === undefined) byOwner.set(owner, (list = []));
    list.push({ n: s.outId - owner, spentTx: s.txId ?? 0 });
  }
  // In id order: neighbouring transactions share pages, so sorting saves page walks.
  const owners = [...byOwner.keys()].sort((a, b) => a - b);
  const blobs: [number, Buffer][] = [];
  if (q instanceof SqliteDb) {
    const read = q.raw.prepare('SELECT outs FROM chain_txs WHERE id = ?').pluck();
    for (const o of owners) {
      const blob = read.get(o) as Buffer | null | undefined;
      if (blob !== undefined) blobs.push([o, withSpent(o, blob, byOwner.get(o) as { n: number; spentTx: number }[])]);
    }
  } else {
    for (const part of chunks(owners, 20_000)) {
      const rows = await q.all<{ id: number; outs: Buffer | null }>('SELECT id, outs FROM chain_txs WHERE id = ANY(?::bigint[])', [part as unknown as SqlValue]);
      for (const r of rows) blobs.push([Number(r.id), withSpent(Number(r.id), r.outs, byOwner.get(Number(r.id)) as { n: number; spentTx: number }[])]);
    }
  }
  await rewriteOuts(q, blobs);
}

/** Write transactions' outputs blobs (in id order). */
async function rewriteOuts(q: Queryable, blobs: readonly (readonly [number, Buffer])[]): Promise<void> {
  if (blobs.length === 0) return;
  if (q instanceof SqliteDb) {
    const write = q.raw.prepare('UPDATE chain_txs SET outs = ? WHERE id = ?');
    for (const [id, blob] of blobs) write.run(blob, id);
    return;
  }
  for (const part of chunks(blobs, 20_000)) {
    await q.run('UPDATE chain_txs SET outs = v.o FROM unnest(?::bigint[], ?::bytea[]) AS v(i, o) WHERE chain_txs.id = v.i', [
      part.map((b) => b[0]), part.map((b) => b[1]),
    ] as unknown as SqlValue[]);
  }
}

/** The distinct non-null addresses among the first n, in first-seen order. */
function distinctAddresses(addrs: readonly (number | null)[], n: number): number[] {
  if (n > 16) return [...new Set(addrs.slice(0, n).filter((a): a is number => a !== null))];
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const a = addrs[i] as number | null;
    if (a !== null && !out.includes(a)) out.push(a);
  }
  return out;
}

/**
 * One-time change (after Meiklejohn et al., "A Fistful of Bitcoins", IMC 2013, simplified): in a two-output
 * transaction where exactly one output goes to an address first seen in this very transaction and no output
 * returns to an input address, that output is taken as change. Known to produce false merges; off by default.
 */
function oneTimeChange(txId: number, ids: number[], inputs: number[], firstSeenIn: Map<number, number>): number | null {
  if (ids.length !== 2 || inputs.length === 0) return null;
  if (ids[0] === ids[1] || ids.some((id) => id === 0 || inputs.includes(id))) return null;
  const fresh = ids.filter((id) => firstSeenIn.get(id) === txId);
  return fresh.length === 1 ? (fresh[0] ?? null) : null;
}
