import { SqliteDb, type Queryable, type SqlValue } from '../../store/index.js';
import { addressScript, classifyScript } from '../address/script.js';
import { isCoinbase, type Block, type Tx } from '../codec/index.js';
import { CHAIN_LIMITS } from '../limits.js';
import { BoundedMap, type CachedTx } from './cache.js';
import { applyUnions, type UnionGroup } from './cluster.js';
import { isCoinjoinLike } from './coinjoin.js';
import { decodeIns, encodeIns } from './ins.js';
import {
  ADDRESS_KEY_SQL, BLOCK_STATUS, TX_FLAGS, TX_KEY_SQL, addressKey, chunks, distinctBytes, latin1, placeholders, scriptTypeCode, txKey,
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

interface Spend {
  outId: number;
  txId: number;
}

interface TxPlan {
  tx: Tx;
  id: number;
  blockRowId: number;
  types: number[];
  addrKeys: (string | null)[];
  /** Address id per output (0: none), filled once the batch's addresses are known. */
  addrs: number[];
}

/**
 * Writes blocks into the index. One instance per import: it keeps the id counters and the caches, so it must be
 * the only writer of the chain tables while it lives (each batch runs in one store transaction).
 */
export class ChainWriter {
  private nextOut = 1;
  private nextAddr = 1;
  private unresolvedCount = 0;
  private readonly txCache: BoundedMap<string, CachedTx>;
  private readonly addrCache = new BoundedMap<string, number>(CHAIN_LIMITS.txCacheEntries);

  constructor(private readonly opts: WriterOptions = {}) {
    this.txCache = new BoundedMap(opts.txCacheEntries ?? CHAIN_LIMITS.txCacheEntries);
  }

  /** Read the id counters (max + 1): at the start of every batch, since a disconnect may have freed ids. */
  async load(q: Queryable): Promise<void> {
    const r = await q.get<{ o: number | null; a: number | null; u: number }>(
      `SELECT (SELECT max(id) FROM chain_outputs) AS o, (SELECT max(id) FROM chain_addresses) AS a,
              (SELECT count(*) FROM chain_unresolved) AS u`,
    );
    this.nextOut = Number(r?.o ?? 0) + 1;
    this.nextAddr = Number(r?.a ?? 0) + 1;
    this.unresolvedCount = Number(r?.u ?? 0);
  }

  /** Forget cached transactions (after a disconnect their ids may be gone). */
  clearCaches(): void {
    this.txCache.clear();
    this.addrCache.clear();
  }

  private async addressIds(q: Queryable, scripts: Map<string, Uint8Array>): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    const missing: [string, Uint8Array][] = [];
    for (const [k, s] of scripts) {
      const id = this.addrCache.get(k);
      if (id !== undefined) out.set(k, id);
      else missing.push([k, s]);
    }
    for (const part of chunks(missing)) {
      const keys = distinctBytes(part.map(([, s]) => addressKey(s)));
      const rows = await q.all<{ id: number; script: Buffer }>(
        `SELECT id, script FROM chain_addresses WHERE ${ADDRESS_KEY_SQL} IN (${placeholders(keys.length)})`, keys,
      );
      for (const r of rows) {
        const k = latin1(r.script);
        if (scripts.has(k)) out.set(k, Number(r.id));
      }
    }
    const fresh: SqlValue[][] = [];
    for (const [k, s] of missing) {
      if (out.has(k)) continue;
      const id = this.nextAddr++;
      out.set(k, id);
      fresh.push([id, s]);
    }
    await insertRows(q, 'chain_addresses', ['id', 'script'], fresh);
    for (const [k, id] of out) this.addrCache.set(k, id);
    return out;
  }

  /** Transactions by txid from the store (latest wins for the BIP-30 duplicate coinbases). */
  private async lookupTxs(q: Queryable, txids: Map<string, Buffer>): Promise<Map<string, { id: number; nOut: number }>> {
    const found = new Map<string, { id: number; nOut: number }>();
    for (const part of chunks([...txids.values()])) {
      const keys = distinctBytes(part.map((t) => txKey(t)));
      const rows = await q.all<{ id: number; txid: Buffer; n_out: number }>(
        `SELECT id, txid, n_out FROM chain_txs WHERE ${TX_KEY_SQL} IN (${placeholders(keys.length)})`, keys,
      );
      for (const r of rows) {
        const k = latin1(r.txid);
        const prev = found.get(k);
        if (txids.has(k) && (prev === undefined || prev.id < Number(r.id))) found.set(k, { id: Number(r.id), nOut: Number(r.n_out) });
      }
    }
    return found;
  }

  private async lookupOutputs(q: Queryable, ids: number[]): Promise<Map<number, { value: number; addr: number }>> {
    const out = new Map<number, { value: number; addr: number }>();
    for (const part of chunks([...new Set(ids)])) {
      const rows = await q.all<{ id: number; value: number; address_id: number | null }>(
        `SELECT id, value, address_id FROM chain_outputs WHERE id IN (${placeholders(part.length)})`, part,
      );
      for (const r of rows) out.set(Number(r.id), { value: Number(r.value), addr: r.address_id === null ? 0 : Number(r.address_id) });
    }
    return out;
  }

  private plan(items: readonly ConnectItem[]): { plans: TxPlan[]; scripts: Map<string, Uint8Array>; ranges: { rowId: number; height: number | null; firstTx: number }[] } {
    const plans: TxPlan[] = [];
    const scripts = new Map<string, Uint8Array>();
    const ranges: { rowId: number; height: number | null; firstTx: number }[] = [];
    for (const item of items) {
      ranges.push({ rowId: item.blockRowId, height: item.height, firstTx: this.nextOut });
      for (const tx of item.block.txs) {
        const types: number[] = [];
        const addrKeys: (string | null)[] = [];
        for (const o of tx.outputs) {
          const t = classifyScript(o.script);
          types.push(scriptTypeCode(t));
          const as = addressScript(o.script, t);
          if (as === null) addrKeys.push(null);
          else {
            const k = latin1(as);
            addrKeys.push(k);
            if (!scripts.has(k)) scripts.set(k, as);
          }
        }
        plans.push({ tx, id: this.nextOut, blockRowId: item.blockRowId, types, addrKeys, addrs: [] });
        this.nextOut += tx.outputs.length;
      }
    }
    return { plans, scripts, ranges };
  }

  /** Index a batch of blocks, in chain order, inside the caller's transaction. */
  async connect(q: Queryable, items: readonly ConnectItem[]): Promise<ConnectStats> {
    const stats: ConnectStats = { txs: 0, outputs: 0, inputs: 0, unresolved: 0, guarded: 0, coinjoins: 0 };
    const firstNewAddr = this.nextAddr;
    const { plans, scripts, ranges } = this.plan(items);
    const batch = new Map<string, TxPlan>();
    for (const p of plans) batch.set(latin1(p.tx.txid), p);
    const addrIds = await this.addressIds(q, scripts);
    // Address ids per output, and where each address new to the index first appears (one-time-change heuristic).
    const firstSeenIn = new Map<number, number>();
    for (const p of plans) {
      p.addrs = p.addrKeys.map((k) => (k === null ? 0 : (addrIds.get(k) ?? 0)));
      if (this.opts.changeHeuristic === true) {
        for (const id of p.addrs) if (id >= firstNewAddr && !firstSeenIn.has(id)) firstSeenIn.set(id, p.id);
      }
    }
    // Resolve inputs: this batch, then the cache, then the store.
    const needTx = new Map<string, Buffer>();
    for (const p of plans) {
      if (isCoinbase(p.tx)) continue;
      for (const i of p.tx.inputs) {
        const k = latin1(i.prevTxid);
        if (!batch.has(k) && this.txCache.get(k) === undefined) needTx.set(k, i.prevTxid);
      }
    }
    const stored = needTx.size > 0 ? await this.lookupTxs(q, needTx) : new Map<string, { id: number; nOut: number }>();
    const needOut: number[] = [];
    for (const p of plans) {
      if (isCoinbase(p.tx)) continue;
      for (const i of p.tx.inputs) {
        const s = stored.get(latin1(i.prevTxid));
        if (s !== undefined && i.vout < s.nOut) needOut.push(s.id + i.vout);
      }
    }
    const storedOuts = needOut.length > 0 ? await this.lookupOutputs(q, needOut) : new Map<number, { value: number; addr: number }>();

    const txRows: SqlValue[][] = [];
    const unresolvedRows: SqlValue[][] = [];
    const oldSpends: Spend[] = [];
    const batchSpent = new Map<number, number>();
    const groups: UnionGroup[] = [];
    for (const p of plans) {
      const coinbase = isCoinbase(p.tx);
      let flags = (coinbase ? TX_FLAGS.coinbase : 0) | (p.tx.hasWitness ? TX_FLAGS.segwit : 0);
      let inValue = 0;
      let complete = !coinbase;
      const inAddrs: (number | null)[] = [];
      const outIds: (number | null)[] = [];
      p.tx.inputs.forEach((inp, vin) => {
        if (coinbase) {
          outIds.push(null);
          return;
        }
        const k = latin1(inp.prevTxid);
        let outId: number | null = null;
        let value = 0;
        let addr = 0;
        const b = batch.get(k);
        const c = b === undefined ? this.txCache.get(k) : undefined;
        const s = b === undefined && c === undefined ? stored.get(k) : undefined;
        const so = s !== undefined && inp.vout < s.nOut ? storedOuts.get(s.id + inp.vout) : undefined;
        if (b !== undefined && b.id < p.id && inp.vout < b.tx.outputs.length) {
          outId = b.id + inp.vout;
          value = b.tx.outputs[inp.vout]?.value ?? 0;
          addr = b.addrs[inp.vout] ?? 0;
          batchSpent.set(outId, p.id);
        } else if (c !== undefined && inp.vout < c.values.length) {
          outId = c.id + inp.vout;
          value = c.values[inp.vout] ?? 0;
          addr = c.addrs[inp.vout] ?? 0;
          oldSpends.push({ outId, txId: p.id });
        } else if (s !== undefined && so !== undefined) {
          outId = s.id + inp.vout;
          value = so.value;
          addr = so.addr;
          oldSpends.push({ outId, txId: p.id });
        }
        outIds.push(outId);
        if (outId === null) {
          complete = false;
          flags |= TX_FLAGS.unresolved;
          unresolvedRows.push([p.id, vin, Buffer.from(inp.prevTxid), inp.vout]);
          inAddrs.push(null);
        } else {
          inValue += value;
          inAddrs.push(addr === 0 ? null : addr);
        }
      });
      const outValue = p.tx.outputs.reduce((sum, o) => sum + o.value, 0);
      const fee = complete ? inValue - outValue : null;
      if (!coinbase) {
        if (isCoinjoinLike({ inputAddresses: inAddrs, outputValues: p.tx.outputs.map((o) => o.value) })) {
          flags |= TX_FLAGS.coinjoin;
          stats.coinjoins++;
        } else {
          const distinct = [...new Set(inAddrs.filter((a): a is number => a !== null))];
          if (this.opts.changeHeuristic === true) {
            const change = oneTimeChange(p, distinct, firstSeenIn);
            if (change !== null) distinct.push(change);
          }
          if (distinct.length >= 2) groups.push({ txId: p.id, addrs: distinct });
        }
      }
      stats.inputs += p.tx.inputs.length;
      txRows.push([p.id, p.tx.txid, p.blockRowId, p.tx.outputs.length, p.tx.inputs.length, fee, flags, encodeIns(p.id, outIds)]);
    }
    const outRows: SqlValue[][] = [];
    for (const p of plans) {
      p.tx.outputs.forEach((o, n) => {
        const id = p.id + n;
        const a = p.addrs[n] ?? 0;
        outRows.push([id, o.value, a === 0 ? null : a, p.types[n] ?? 0, batchSpent.get(id) ?? null]);
      });
    }
    await insertRows(q, 'chain_txs', ['id', 'txid', 'block_id', 'n_out', 'n_in', 'fee', 'flags', 'ins'], txRows);
    await insertRows(q, 'chain_outputs', ['id', 'value', 'address_id', 'type', 'spent_tx'], outRows);
    await insertRows(q, 'chain_unresolved', ['tx_id', 'vin', 'prev_txid', 'vout'], unresolvedRows);
    await markSpent(q, oldSpends);
    if (this.unresolvedCount > 0) await this.resolveLater(q, plans.map((p) => p.tx.txid), batch);
    this.unresolvedCount += unresolvedRows.length;
    stats.guarded = (await applyUnions(q, groups, this.opts.maxClusterSize ?? CHAIN_LIMITS.maxClusterSize)).guarded;
    for (let i = 0; i < ranges.length; i++) {
      const r = ranges[i];
      if (r === undefined) continue;
      await q.run('UPDATE chain_blocks SET status = ?, height = ?, first_tx = ?, end_tx = ? WHERE id = ?', [
        r.height === null ? BLOCK_STATUS.loose : BLOCK_STATUS.main, r.height, r.firstTx, ranges[i + 1]?.firstTx ?? this.nextOut, r.rowId,
      ]);
    }
    for (const p of plans) {
      this.txCache.set(latin1(p.tx.txid), { id: p.id, values: p.tx.outputs.map((o) => o.value), addrs: p.addrs });
    }
    stats.txs = plans.length;
    stats.outputs = outRows.length;
    stats.unresolved = unresolvedRows.length;
    return stats;
  }

  /** Inputs of earlier loose blocks that spend transactions of this batch become resolved. */
  private async resolveLater(q: Queryable, txids: Buffer[], batch: Map<string, TxPlan>): Promise<void> {
    const found: { txId: number; vin: number; outId: number }[] = [];
    for (const part of chunks(txids)) {
      const rows = await q.all<{ tx_id: number; vin: number; prev_txid: Buffer; vout: number }>(
        `SELECT tx_id, vin, prev_txid, vout FROM chain_unresolved WHERE prev_txid IN (${placeholders(part.length)})`, part,
      );
      for (const r of rows) {
        const p = batch.get(latin1(r.prev_txid));
        if (p === undefined || Number(r.vout) >= p.tx.outputs.length) continue;
        found.push({ txId: Number(r.tx_id), vin: Number(r.vin), outId: p.id + Number(r.vout) });
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
    await markSpent(q, found.map((f) => ({ outId: f.outId, txId: f.txId })));
    this.unresolvedCount -= found.length;
  }
}

/**
 * Bulk insert. On SQLite, a prepared statement bound straight from the row arrays (every value here is already
 * a number, Buffer or null, so the generic binder's per-row conversion is skipped); elsewhere insertMany.
 */
async function insertRows(q: Queryable, table: string, columns: readonly string[], rows: readonly (readonly SqlValue[])[]): Promise<void> {
  if (rows.length === 0) return;
  if (q instanceof SqliteDb) {
    const st = q.raw.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
    for (const r of rows) st.run(r);
    return;
  }
  await q.insertMany(table, columns, rows);
}

export async function markSpent(q: Queryable, spends: readonly { outId: number; txId: number | null }[]): Promise<void> {
  if (q instanceof SqliteDb) {
    // SQLite fast path: one prepared statement, primary-key updates inside the caller's transaction.
    const st = q.raw.prepare('UPDATE chain_outputs SET spent_tx = ? WHERE id = ?');
    for (const s of spends) st.run(s.txId, s.outId);
    return;
  }
  for (const part of chunks(spends, 400)) {
    const values = part.map(() => '(CAST(? AS BIGINT), CAST(? AS BIGINT))').join(', ');
    await q.run(
      `UPDATE chain_outputs SET spent_tx = v.column2 FROM (VALUES ${values}) AS v WHERE chain_outputs.id = v.column1`,
      part.flatMap((s) => [s.outId, s.txId]),
    );
  }
}

/**
 * One-time change (after Meiklejohn et al., "A Fistful of Bitcoins", IMC 2013, simplified): in a two-output
 * transaction where exactly one output goes to an address first seen in this very transaction and no output
 * returns to an input address, that output is taken as change. Known to produce false merges; off by default.
 */
function oneTimeChange(p: TxPlan, inputs: number[], firstSeenIn: Map<number, number>): number | null {
  if (p.tx.outputs.length !== 2 || inputs.length === 0) return null;
  const ids = p.addrs;
  if (ids[0] === ids[1] || ids.some((id) => id === 0 || inputs.includes(id))) return null;
  const fresh = ids.filter((id) => firstSeenIn.get(id) === p.id);
  return fresh.length === 1 ? (fresh[0] ?? null) : null;
}
