import {
  addressStrings, findTx, fromDisplayHex, getMeta, outputsById, outputsOfAddresses, parseBitcoinAddress, toDisplayHex, type GraphOutput, type Network,
} from '../chain/index.js';
import { campaignsOfMessage } from '../campaigns/index.js';
import { SpearwatchError } from '../core/index.js';
import { chunks, placeholders, type Db, type Queryable, type SqlValue } from '../store/index.js';
import { runEngine, type EngineOptions, type StartOutput } from './engine.js';
import { TraceGraph } from './graph.js';
import { syncInterest } from './interest.js';
import { syncMailWatches } from './mail-watches.js';
import { TRACE_LIMITS } from './limits.js';
import { getTraceMeta, setTraceMeta } from './meta.js';
import { isTraceModel, MODELS, type TaintModel } from './models.js';
import { PriceBook } from './prices.js';
import { exchangeName, TagBook } from './tags.js';
import type { FiatValue, TraceModel } from './types.js';

/**
 * Watches and alerts. A watch names an address, a transaction or one output; it keeps the tainted outputs it is
 * still waiting on (its frontier). After every chain import `checkWatches`:
 *  - matches the outputs the index added against watched addresses (one query per 500 addresses, not per
 *    watch) → `watched-address-received`, and the new coins join that watch's frontier;
 *  - finds frontier outputs that are now spent and continues the trace from exactly those, in chain order,
 *    with the watch's model → `tainted-funds-moved` per transaction that moved coins the watch was holding
 *    (how far they went on within the same import is in its detail), and
 *    `funds-reached-exchange` per deposit into a tagged exchange (with the tainted value in BTC, USD and KRW);
 *  - keeps the unspent tainted outputs as the new frontier.
 * Each alert is raised once: (watch, kind, txid, address) is unique in the store.
 */

export type WatchKind = 'address' | 'tx' | 'outpoint';
export type AlertKind = 'watched-address-received' | 'tainted-funds-moved' | 'funds-reached-exchange';

export interface WatchInput {
  target: string;
  caseName?: string;
  model?: TraceModel;
  hops?: number;
  org?: string | null;
  /** The message (API id) the target was found in, and its SHA-256. */
  messageId?: string | null;
  messageSha256?: string | null;
  campaignId?: string | null;
}

export interface Watch {
  id: number;
  org: string | null;
  target: string;
  kind: WatchKind;
  case: string;
  model: TraceModel;
  hops: number;
  messageId: string | null;
  messageSha256: string | null;
  campaignId: string | null;
  createdAt: string;
  /** The target is in the index (its outputs are being followed). */
  resolved: boolean;
  /** Tainted outputs still unspent that the watch is waiting on, and their tainted value. */
  frontier: { outputs: number; taintedValue: number };
  alerts: number;
  checkedAt: string | null;
}

export interface Alert {
  id: number;
  kind: AlertKind;
  watchId: number;
  case: string;
  org: string | null;
  target: string;
  address: string | null;
  txid: string | null;
  exchange: string | null;
  value: number;
  taintedValue: number;
  /** taintedValue in BTC, as a decimal string (exact). */
  btc: string;
  usd: number | null;
  krw: number | null;
  height: number | null;
  time: string | null;
  raisedAt: string;
  detail: string;
}

const TXID = /^[0-9a-fA-F]{64}$/;
const OUTPOINT = /^([0-9a-fA-F]{64}):(\d{1,6})$/;

/** Satoshis as an exact BTC decimal string. */
export function satsToBtc(sats: number): string {
  const neg = sats < 0;
  const s = String(Math.abs(Math.trunc(sats))).padStart(9, '0');
  return `${neg ? '-' : ''}${s.slice(0, -8)}.${s.slice(-8)}`;
}

function parseTarget(text: string): { target: string; kind: WatchKind } {
  const t = text.trim();
  const op = OUTPOINT.exec(t);
  if (op !== null) return { target: `${(op[1] as string).toLowerCase()}:${Number(op[2])}`, kind: 'outpoint' };
  if (TXID.test(t)) return { target: t.toLowerCase(), kind: 'tx' };
  const p = parseBitcoinAddress(t);
  if (p === null) throw new SpearwatchError('SW_USAGE', `not an address, txid or txid:vout: ${text}`);
  return { target: p.address, kind: 'address' };
}

interface WatchRow {
  id: number; org_id: string; target: string; kind: WatchKind; case_name: string; model: TraceModel; hops: number;
  message_id: string | null; message_sha256: string | null; campaign_id: string | null; created_at: string; last_output: number; resolved: number; checked_at: string | null;
}

const WATCH_COLS = 'id, org_id, target, kind, case_name, model, hops, message_id, message_sha256, campaign_id, created_at, last_output, resolved, checked_at';

export async function addWatch(db: Db, w: WatchInput, now: Date = new Date()): Promise<{ watch: Watch; created: boolean }> {
  const { target, kind } = parseTarget(w.target);
  const model = w.model ?? 'haircut';
  if (!isTraceModel(model)) throw new SpearwatchError('SW_USAGE', `--model must be haircut, poison or fifo (got ${String(model)})`);
  const hops = w.hops ?? TRACE_LIMITS.defaultHops;
  if (!Number.isInteger(hops) || hops < 1 || hops > TRACE_LIMITS.maxHops) throw new SpearwatchError('SW_USAGE', `--hops must be 1–${TRACE_LIMITS.maxHops}`);
  const network = (await getMeta(db, 'network')) as Network | undefined;
  if (kind === 'address' && network !== undefined && parseBitcoinAddress(target, network) === null) {
    throw new SpearwatchError('SW_USAGE', `${target} is not a ${network} address (the index holds ${network})`);
  }
  const org = w.org ?? '';
  const caseName = (w.caseName ?? '').trim() || target;
  const r = await db.run(
    `INSERT INTO trace_watches (org_id, target, kind, case_name, model, hops, message_id, message_sha256, campaign_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (org_id, target) DO NOTHING`,
    [org, target, kind, caseName, model, hops, w.messageId ?? null, w.messageSha256 ?? null, w.campaignId ?? null, now.toISOString()],
  );
  const row = await db.get<WatchRow>(`SELECT ${WATCH_COLS} FROM trace_watches WHERE org_id = ? AND target = ?`, [org, target]);
  if (row === undefined) throw new SpearwatchError('SW_INTERNAL', 'watch vanished after insert');
  return { watch: (await shapeWatches(db, [row]))[0] as Watch, created: r.changes > 0 };
}

/**
 * When a watch was last checked: the time of the last check that ran after it was created. One check covers every
 * watch, so the time is kept once (`trace_meta` 'watch:checked'), not rewritten into every watch row each time;
 * `checked_at` holds what stores written before that kept per row.
 */
function checkedAtOf(r: WatchRow, lastCheck: string | undefined): string | null {
  const own = r.checked_at;
  const all = lastCheck !== undefined && lastCheck >= r.created_at ? lastCheck : null;
  if (own === null) return all;
  return all !== null && all > own ? all : own;
}

async function shapeWatches(q: Queryable, rows: readonly WatchRow[]): Promise<Watch[]> {
  const out: Watch[] = [];
  const lastCheck = rows.length > 0 ? await getTraceMeta(q, 'watch:checked') : undefined;
  for (const r of rows) {
    const f = await q.all<{ taint: string }>('SELECT taint FROM trace_watch_frontier WHERE watch_id = ?', [r.id]);
    const model = MODELS[r.model] as TaintModel<unknown>;
    const a = await q.get<{ n: number }>('SELECT count(*) AS n FROM trace_alerts WHERE watch_id = ?', [r.id]);
    out.push({
      id: Number(r.id), org: r.org_id === '' ? null : r.org_id, target: r.target, kind: r.kind, case: r.case_name, model: r.model, hops: Number(r.hops),
      messageId: r.message_id, messageSha256: r.message_sha256,
      campaignId: r.campaign_id ?? (r.message_id === null ? null : ((await campaignsOfMessage(q, r.message_id))[0]?.id ?? null)), createdAt: r.created_at, resolved: Number(r.resolved) === 1,
      frontier: { outputs: f.length, taintedValue: f.reduce((s, x) => s + model.amount(JSON.parse(x.taint) as unknown), 0) },
      alerts: Number(a?.n ?? 0), checkedAt: checkedAtOf(r, lastCheck),
    });
  }
  return out;
}

/** Watches, all or one organisation's (null: those set up without an organisation too). */
export async function listWatches(q: Queryable, filter: { org?: string | null; afterId?: number; limit?: number } = {}): Promise<Watch[]> {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (filter.org !== undefined) {
    where.push('org_id = ?');
    params.push(filter.org ?? '');
  }
  if (filter.afterId !== undefined) {
    where.push('id > ?');
    params.push(filter.afterId);
  }
  const rows = await q.all<WatchRow>(
    `SELECT ${WATCH_COLS} FROM trace_watches ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id${filter.limit !== undefined ? ' LIMIT ?' : ''}`,
    filter.limit !== undefined ? [...params, filter.limit] : params,
  );
  return shapeWatches(q, rows);
}

export async function getWatch(q: Queryable, id: number): Promise<Watch | null> {
  const r = await q.get<WatchRow>(`SELECT ${WATCH_COLS} FROM trace_watches WHERE id = ?`, [id]);
  return r === undefined ? null : ((await shapeWatches(q, [r]))[0] ?? null);
}

/** Remove a watch by id or target (its alerts stay: they happened). Returns how many were removed. */
export async function removeWatch(db: Db, ref: string, org?: string | null): Promise<number> {
  const byId = /^\d+$/.test(ref);
  const target = byId ? null : parseTarget(ref).target;
  return db.transaction(async (tx) => {
    const rows = byId
      ? await tx.all<{ id: number }>(`SELECT id FROM trace_watches WHERE id = ?${org === undefined ? '' : ' AND org_id = ?'}`, org === undefined ? [Number(ref)] : [Number(ref), org ?? ''])
      : await tx.all<{ id: number }>(`SELECT id FROM trace_watches WHERE target = ?${org === undefined ? '' : ' AND org_id = ?'}`, org === undefined ? [target] : [target, org ?? '']);
    for (const r of rows) {
      await tx.run('DELETE FROM trace_watch_frontier WHERE watch_id = ?', [r.id]);
      await tx.run('DELETE FROM trace_watches WHERE id = ?', [r.id]);
    }
    return rows.length;
  });
}

interface AlertRow {
  id: number; kind: AlertKind; watch_id: number; org_id: string; case_name: string; target: string; address: string; txid: string;
  exchange: string | null; value: number; tainted_value: number; usd: number | null; krw: number | null; height: number | null; time: string | null;
  raised_at: string; detail: string;
}

function shapeAlert(r: AlertRow): Alert {
  return {
    id: Number(r.id), kind: r.kind, watchId: Number(r.watch_id), case: r.case_name, org: r.org_id === '' ? null : r.org_id, target: r.target,
    address: r.address === '' ? null : r.address, txid: r.txid === '' ? null : r.txid, exchange: r.exchange, value: Number(r.value),
    taintedValue: Number(r.tainted_value), btc: satsToBtc(Number(r.tainted_value)), usd: r.usd === null ? null : Number(r.usd),
    krw: r.krw === null ? null : Number(r.krw), height: r.height === null ? null : Number(r.height), time: r.time, raisedAt: r.raised_at, detail: r.detail,
  };
}

export async function listAlerts(q: Queryable, filter: { since?: string; org?: string | null; kind?: AlertKind; watchId?: number; limit?: number; afterId?: number } = {}): Promise<Alert[]> {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (filter.since !== undefined) {
    const t = Date.parse(filter.since);
    if (Number.isNaN(t)) throw new SpearwatchError('SW_USAGE', `--since must be a time (ISO 8601 or YYYY-MM-DD), got ${filter.since}`);
    where.push('raised_at >= ?');
    params.push(new Date(t).toISOString());
  }
  if (filter.org !== undefined) {
    where.push('org_id = ?');
    params.push(filter.org ?? '');
  }
  if (filter.kind !== undefined) {
    where.push('kind = ?');
    params.push(filter.kind);
  }
  if (filter.watchId !== undefined) {
    where.push('watch_id = ?');
    params.push(filter.watchId);
  }
  if (filter.afterId !== undefined) {
    where.push('id > ?');
    params.push(filter.afterId);
  }
  const rows = await q.all<AlertRow>(
    `SELECT * FROM trace_alerts ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id LIMIT ?`, [...params, filter.limit ?? 10_000],
  );
  return rows.map(shapeAlert);
}

// ---------------------------------------------------------------------------------------------------------------
// Checking.

export interface CheckReport {
  watches: number;
  resolved: number;
  followed: number;
  alerts: Alert[];
  ms: number;
}

function firstMovesOf(st: readonly StartOutput<unknown>[]): number[] {
  return st.map((x) => x.output.spentTx).filter((x): x is number => x !== null);
}

interface PendingAlert {
  kind: AlertKind; address: string; txid: string; exchange: string | null; value: number; tainted: number;
  height: number | null; time: string | null; detail: string;
  /** Fiat at the date the funds moved, stored with the alert so that a later price import does not rewrite it. */
  fiat: FiatValue;
}

/** Append to a list in a map (in place: spreading a copy per item is quadratic for a busy watch). */
function pushTo<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const l = m.get(k);
  if (l === undefined) m.set(k, [v]);
  else l.push(v);
}

const isoOf = (unix: number | null): string | null => (unix === null || unix === 0 ? null : new Date(unix * 1000).toISOString());

/**
 * Run after a chain import. `rebuild` (after a reorg disconnected blocks) starts every watch's frontier over from
 * its target; alerts already raised are not raised again.
 */
export async function checkWatches(db: Db, opts: { rebuild?: boolean; now?: Date } = {}): Promise<CheckReport> {
  const t0 = Date.now();
  const now = opts.now ?? new Date();
  const report: CheckReport = { watches: 0, resolved: 0, followed: 0, alerts: [], ms: 0 };
  await syncMailWatches(db);
  const watchCount = await db.get<{ n: number }>('SELECT count(*) AS n FROM trace_watches');
  report.watches = Number(watchCount?.n ?? 0);
  const networkText = (await getMeta(db, 'network')) as Network | undefined;
  if (report.watches === 0 || networkText === undefined) {
    report.ms = Date.now() - t0;
    return report;
  }
  const network = networkText;
  if (opts.rebuild === true) {
    await db.transaction(async (tx) => {
      await tx.run('DELETE FROM trace_watch_frontier');
      await tx.run('UPDATE trace_watches SET last_output = -1, resolved = 0');
    });
  }
  await syncInterest(db);
  const prices = await PriceBook.load(db);
  /**
   * The rows of the watches this check touches, read when first needed: with tens of thousands of watches, most
   * of them waiting on addresses that were not paid, reading every row each time costs more than the check.
   */
  const byId = new Map<number, WatchRow>();
  const loadRows = async (ids: Iterable<number>): Promise<void> => {
    for (const part of chunks([...new Set(ids)].filter((id) => !byId.has(id)))) {
      for (const r of await db.all<WatchRow>(`SELECT ${WATCH_COLS} FROM trace_watches WHERE id IN (${placeholders(part.length)})`, part)) byId.set(Number(r.id), r);
    }
  };
  /** Per watch: new frontier entries, alerts to raise. */
  const adds = new Map<number, { output: GraphOutput; taint: unknown; hop: number }[]>();
  const pending = new Map<number, PendingAlert[]>();
  const lastOutput = new Map<number, number>();
  const resolvedNow = new Set<number>();
  const alert = (w: number, a: Omit<PendingAlert, 'fiat'>): void => {
    const l = pending.get(w) ?? [];
    l.push({ ...a, fiat: a.tainted > 0 ? prices.convert(a.tainted, a.time) : { usd: null, krw: null } });
    pending.set(w, l);
  };
  const addFrontier = (w: number, output: GraphOutput, hop: number): void => {
    const r = byId.get(w) as WatchRow;
    const l = adds.get(w) ?? [];
    l.push({ output, taint: (MODELS[r.model] as TaintModel<unknown>).full(output.value), hop });
    adds.set(w, l);
  };

  // 1. New payments to watched addresses (batched over all address watches).
  const addrWatches = await db.all<{ id: number; last_output: number; resolved: number; address_id: number }>(
    `SELECT w.id, w.last_output, w.resolved, i.address_id FROM trace_watches w JOIN trace_interest i ON i.address = w.target
     WHERE w.kind = 'address' AND i.address_id IS NOT NULL`,
  );
  if (addrWatches.length > 0) {
    const minLast = Math.min(...addrWatches.map((a) => Number(a.last_output)));
    const outs = await outputsOfAddresses(db, addrWatches.map((a) => Number(a.address_id)), minLast);
    const byAddr = new Map<number, GraphOutput[]>();
    for (const o of outs) if (o.addressId !== null) pushTo(byAddr, o.addressId, o);
    const txIds = new Set<number>();
    const fresh: { w: number; o: GraphOutput }[] = [];
    for (const a of addrWatches) {
      const w = Number(a.id);
      for (const o of byAddr.get(Number(a.address_id)) ?? []) {
        if (o.id <= Number(a.last_output)) continue;
        fresh.push({ w, o });
        txIds.add(o.txId);
        lastOutput.set(w, Math.max(lastOutput.get(w) ?? -1, o.id));
      }
      if (Number(a.resolved) === 0) resolvedNow.add(w);
    }
    if (fresh.length > 0) {
      await loadRows(fresh.map((f) => f.w));
      const meta = await new TraceGraph(db, false).txMeta([...txIds]);
      for (const { w, o } of fresh) {
        const m = meta.get(o.txId);
        const r = byId.get(w) as WatchRow;
        alert(w, {
          kind: 'watched-address-received', address: r.target, txid: m === undefined ? '' : toDisplayHex(m.txid), exchange: null, value: o.value, tainted: o.value,
          height: m?.height ?? null, time: isoOf(m?.time ?? null), detail: `${r.target} received ${satsToBtc(o.value)} BTC in output ${o.n}`,
        });
        addFrontier(w, o, 0);
      }
    }
  }

  // 2. Transaction and output watches whose target has just appeared in the index.
  for (const r of await db.all<WatchRow>(`SELECT ${WATCH_COLS} FROM trace_watches WHERE kind <> 'address' AND resolved = 0 ORDER BY id`)) {
    byId.set(Number(r.id), r);
    const hex = r.target.slice(0, 64);
    const t = await findTx(db, fromDisplayHex(hex) ?? Buffer.alloc(0));
    if (t === undefined) continue;
    const ids = r.kind === 'tx' ? Array.from({ length: Number(t.n_out) }, (_, n) => Number(t.id) + n) : [Number(t.id) + Number(r.target.slice(65))];
    const outs = await outputsById(db, ids);
    for (const o of outs.values()) addFrontier(Number(r.id), o, 0);
    resolvedNow.add(Number(r.id));
  }

  // 3. Frontier outputs (stored, and just added) that are now spent: follow them.
  const stored = await db.all<{ watch_id: number; output_id: number; tx_id: number | null; taint: string; hop: number }>('SELECT watch_id, output_id, tx_id, taint, hop FROM trace_watch_frontier');
  const txOf = new Map<number, number>();
  for (const s of stored) if (s.tx_id !== null) txOf.set(Number(s.output_id), Number(s.tx_id));
  const storedOuts = await outputsById(db, stored.map((s) => Number(s.output_id)), txOf);
  const starts = new Map<number, StartOutput<unknown>[]>();
  const consumed = new Map<number, number[]>();
  for (const s of stored) {
    const o = storedOuts.get(Number(s.output_id));
    const w = Number(s.watch_id);
    if (o === undefined || o.spentTx === null) continue;
    pushTo(starts, w, { output: o, taint: JSON.parse(s.taint) as unknown, hop: Number(s.hop) });
    pushTo(consumed, w, o.id);
  }
  for (const [w, list] of adds) {
    for (const a of list) if (a.output.spentTx !== null) pushTo(starts, w, { output: a.output, taint: a.taint, hop: a.hop });
  }
  const newFrontier = new Map<number, { output: GraphOutput; taint: unknown; hop: number }[]>();
  for (const [w, list] of adds) newFrontier.set(w, list.filter((a) => a.output.spentTx === null));
  if (starts.size > 0) {
    await loadRows(starts.keys());
    const tags = await TagBook.load(db);
    const graph = new TraceGraph(db, tags.size > 0);
    graph.shared = true;
    const allStarts = [...starts.values()].flat();
    const maxHops = Math.max(...[...starts.keys()].map((w) => Number((byId.get(w) as WatchRow).hops)));
    await graph.prefetchForward(firstMovesOf(allStarts), maxHops, TRACE_LIMITS.watchPrefetchTxs);
    if (tags.size > 0) await graph.clustersFor(allStarts.map((x) => x.output.addressId).filter((a): a is number => a !== null));
    for (const [w, st] of starts) {
      const r = byId.get(w) as WatchRow;
      const model = MODELS[r.model] as TaintModel<unknown>;
      const eo: EngineOptions = {
        direction: 'forward', hops: Number(r.hops), minValue: TRACE_LIMITS.defaultMinValue, stopAt: new Set(['exchange']), until: null,
        maxTxs: TRACE_LIMITS.maxTxs, tags, prices, network, graph,
      };
      // Outputs reached before this check are at hop ≥ 0; the engine treats hop-0 outputs as sources (no stop test),
      // which is right for the watch's own coins.
      const run = await runEngine(db, model, st, eo);
      report.followed++;
      const meta = await run.graph.txMeta([...firstMovesOf(st), ...run.terminals.map((t) => t.txId).filter((x): x is number => x !== null)]);
      // One alert per transaction that moved coins the watch was holding (its frontier, or new payments to a
      // watched address); how far they went on in the same import is its detail, not a flood of alerts.
      const firstMoves = new Set(st.map((x) => x.output.spentTx).filter((x): x is number => x !== null));
      const deepest = run.txs.reduce((m, t) => Math.max(m, t.hop), 0);
      const later = run.txs.length - firstMoves.size;
      for (const t of run.txs) {
        if (!firstMoves.has(t.txId)) continue;
        const m = meta.get(t.txId);
        const onward = later > 0 ? `; in this import they went on through ${later} more transaction${later === 1 ? '' : 's'} (hop ${deepest})` : '';
        alert(w, {
          kind: 'tainted-funds-moved', address: '', txid: m === undefined ? '' : toDisplayHex(m.txid), exchange: null, value: t.taintedIn + t.cleanIn, tainted: t.taintedIn,
          height: m?.height ?? null, time: isoOf(m?.time ?? null), detail: `${satsToBtc(t.taintedIn)} BTC of watched funds moved at hop ${t.hop}${onward}`,
        });
      }
      const addrIds = run.terminals.filter((t) => t.reason === 'exchange').map((t) => t.output?.addressId).filter((a): a is number => a !== null && a !== undefined);
      const names = await addressStrings(db, addrIds, network);
      for (const t of run.terminals) {
        if (t.reason === 'unspent' && t.output !== null) pushTo(newFrontier, w, { output: t.output, taint: t.taint, hop: t.hop });
        if (t.reason !== 'exchange' || t.output === null || t.tag === null) continue;
        const m = t.txId === null ? undefined : meta.get(t.txId);
        const time = isoOf(m?.time ?? null);
        const address = t.output.addressId === null ? '' : (names.get(t.output.addressId) ?? '');
        const name = exchangeName(t.tag);
        alert(w, {
          kind: 'funds-reached-exchange', address, txid: m === undefined ? '' : toDisplayHex(m.txid), exchange: name, value: t.output.value, tainted: t.amount,
          height: m?.height ?? null, time, detail: `${satsToBtc(t.amount)} BTC of tainted funds reached ${name} at deposit ${address} (hop ${t.hop}, ${r.model})`,
        });
      }
    }
  }

  // 4. Write frontiers, watch state and alerts in one transaction.
  const raisedAt = now.toISOString();
  const inserted: AlertRow[] = [];
  await db.transaction(async (tx) => {
    for (const [w, ids] of consumed) {
      for (const part of chunks(ids)) await tx.run(`DELETE FROM trace_watch_frontier WHERE watch_id = ? AND output_id IN (${placeholders(part.length)})`, [w, ...part]);
    }
    const frontierRows: SqlValue[][] = [];
    for (const [w, all] of newFrontier) {
      // An output can be both a new payment to a watched address and the end of its own trail: keep it once.
      const byOutput = new Map<number, { output: GraphOutput; taint: unknown; hop: number }>();
      for (const f of all) if (!byOutput.has(f.output.id) || (byOutput.get(f.output.id)?.hop ?? 0) > f.hop) byOutput.set(f.output.id, f);
      for (const f of byOutput.values()) frontierRows.push([w, f.output.id, f.output.txId, JSON.stringify(f.taint), f.hop]);
    }
    await tx.insertMany('trace_watch_frontier', ['watch_id', 'output_id', 'tx_id', 'taint', 'hop'], frontierRows,
      'ON CONFLICT (watch_id, output_id) DO UPDATE SET tx_id = excluded.tx_id, taint = excluded.taint, hop = excluded.hop');
    for (const [w, last] of lastOutput) await tx.run('UPDATE trace_watches SET last_output = ? WHERE id = ? AND last_output < ?', [last, w, last]);
    for (const part of chunks([...resolvedNow])) await tx.run(`UPDATE trace_watches SET resolved = 1 WHERE id IN (${placeholders(part.length)})`, part);
    await setTraceMeta(tx, 'watch:checked', raisedAt);
    const alertRows: SqlValue[][] = [];
    for (const [w, list] of pending) {
      const r = byId.get(w) as WatchRow;
      for (const a of list) {
        alertRows.push([a.kind, w, r.org_id, r.case_name, r.target, a.address, a.txid, a.exchange, a.value, a.tainted, a.fiat.usd, a.fiat.krw, a.height, a.time, raisedAt, a.detail]);
      }
    }
    // A hundred alerts a statement; one already raised (same watch, kind, txid, address) is not raised again.
    for (const part of chunks(alertRows, 100)) {
      inserted.push(...await tx.all<AlertRow>(
        `INSERT INTO trace_alerts (kind, watch_id, org_id, case_name, target, address, txid, exchange, value, tainted_value, usd, krw, height, time, raised_at, detail)
         VALUES ${part.map((r) => `(${placeholders(r.length)})`).join(', ')} ON CONFLICT (watch_id, kind, txid, address) DO NOTHING RETURNING *`,
        part.flat(),
      ));
    }
  });
  report.resolved = resolvedNow.size;
  report.alerts = inserted.map(shapeAlert).sort((a, b) => a.id - b.id);
  report.ms = Date.now() - t0;
  return report;
}
