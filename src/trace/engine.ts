import { addressStrings, toDisplayHex, type GraphOutput, type Network } from '../chain/index.js';
import type { Queryable } from '../store/index.js';
import { TraceGraph, type TxData } from './graph.js';
import { NumberHeap } from './heap.js';
import { TRACE_LIMITS } from './limits.js';
import type { TaintModel, Tainted } from './models.js';
import { addFiat, type PriceBook } from './prices.js';
import { exchangeName, type TagBook } from './tags.js';
import type {
  AddressTag, EndpointReason, TraceAccounting, TraceDirection, TraceEndpoint, TraceExchange, TraceFlow, TracePattern,
} from './types.js';

/**
 * The trace engine. Transactions are processed once each, in chain order (forward: smallest transaction id
 * first; backward: largest first), so every transaction sees all of its tainted inputs (or traced outputs) at
 * once: a merge of two tainted paths is one application of the model, not two, and the result does not depend
 * on the order paths were discovered. Transaction ids are dense in chain order (see src/chain/README.md), so a
 * spending transaction always has a larger id than the one that created the output.
 *
 * Tainted value leaves the trail only at an endpoint, each with its reason — a tagged stop category
 * (exchange by default), unspent, the hop limit, dust below `minValue`, the work limit, `until`, a coinbase or
 * an unresolved input (backward) — or as a fee. Under haircut and FIFO these parts add up to the traced total to
 * the satoshi; `accounting.conserved` checks it on every result.
 */

export interface StartOutput<T> {
  output: GraphOutput;
  taint: T;
  hop: number;
}

export interface EngineOptions {
  direction: TraceDirection;
  hops: number;
  minValue: number;
  stopAt: ReadonlySet<string>;
  until: { height?: number; time?: number } | null;
  maxTxs: number;
  tags: TagBook;
  prices: PriceBook;
  network: Network;
  /** Share one graph cache across several runs (watch checks); a fresh one otherwise. */
  graph?: TraceGraph;
}

/** A tainted output where the trail stopped (kept per output for watches; grouped by address for results). */
export interface Terminal<T> {
  output: GraphOutput | null;
  taint: T;
  amount: number;
  hop: number;
  reason: EndpointReason;
  /** Id of the transaction that created the output (forward) or holds it (backward); null when unknown. */
  txId: number | null;
  tag: AddressTag | null;
}

interface FlowRec {
  hop: number;
  txId: number;
  from: number[];
  to: GraphOutput | null;
  value: number;
  tainted: number;
  n: number;
}

interface TxRec {
  txId: number;
  hop: number;
  taintedIn: number;
  cleanIn: number;
  taintedOuts: number;
  coinjoin: boolean;
  /** Peel step: two outputs, the smaller at most a quarter; the larger's spender and the smaller's value. */
  peel: { next: number | null; small: number } | null;
}

export interface EngineRun<T> {
  totalValue: number;
  terminals: Terminal<T>[];
  flows: FlowRec[];
  fees: number;
  txs: TxRec[];
  maxHop: number;
  graph: TraceGraph;
  /** Transactions that moved tainted value (forward: spent a tainted output), with their hop. */
  moved: Map<number, number>;
}

const PEEL_SHARE = 0.25;

export async function runEngine<T>(q: Queryable, model: TaintModel<T>, starts: readonly StartOutput<T>[], opts: EngineOptions): Promise<EngineRun<T>> {
  const graph = opts.graph ?? new TraceGraph(q, opts.tags.size > 0);
  const run: EngineRun<T> = { totalValue: 0, terminals: [], flows: [], fees: 0, txs: [], maxHop: 0, graph, moved: new Map() };
  const forward = opts.direction === 'forward';
  const heap = new NumberHeap(!forward);
  /** Forward: tainted outputs waiting for their spender, by output id. Backward: traced outputs by their tx. */
  const waiting = new Map<number, { output: GraphOutput; taint: T; hop: number }>();
  const demand = new Map<number, Map<number, { output: GraphOutput; taint: T; hop: number }>>();
  const seenStart = new Set<number>();

  const terminal = (output: GraphOutput | null, taint: T, hop: number, reason: EndpointReason, txId: number | null, tag: AddressTag | null = null): void => {
    run.terminals.push({ output, taint, amount: model.amount(taint), hop, reason, txId, tag });
  };

  if (opts.tags.size > 0) await graph.clustersFor(starts.map((s) => s.output.addressId).filter((a): a is number => a !== null));

  const stopTagOf = (o: GraphOutput): AddressTag | null => {
    if (o.addressId === null || opts.stopAt.size === 0) return null;
    return opts.tags.stopTag(o.addressId, graph.clusterOf(o.addressId) ?? o.addressId, opts.stopAt);
  };

  /**
   * A source reached again along the trail (change paid back to a source address, one source funding another):
   * it is already followed in full, so the tainted value arriving here was counted twice — once in the source
   * it came from, once in this one. It is taken off the total instead of being followed a second time.
   */
  let starting = true;
  const absorbed = (o: GraphOutput, amount: number): boolean => {
    if (starting || !seenStart.has(o.id)) return false;
    run.totalValue -= amount;
    return true;
  };

  /** Decide what happens to a tainted output reached at `hop` (forward: may it be followed to its spender?). */
  const reachForward = (o: GraphOutput, taint: T, hop: number): void => {
    const amount = model.amount(taint);
    if (amount <= 0 || absorbed(o, amount)) return;
    const stop = hop > 0 ? stopTagOf(o) : null;
    if (stop !== null) terminal(o, taint, hop, stop.category === 'exchange' ? 'exchange' : 'stop-at', o.txId, stop);
    else if (o.spentTx === null) terminal(o, taint, hop, 'unspent', o.txId);
    else if (amount < opts.minValue) terminal(o, taint, hop, 'dust', o.txId);
    else if (hop >= opts.hops) terminal(o, taint, hop, 'beyond-hops', o.txId);
    else {
      waiting.set(o.id, { output: o, taint, hop });
      heap.push(o.spentTx);
    }
  };

  const reachBackward = (o: GraphOutput, taint: T, hop: number): void => {
    const amount = model.amount(taint);
    if (amount <= 0 || absorbed(o, amount)) return;
    const stop = hop > 0 ? stopTagOf(o) : null;
    if (stop !== null) terminal(o, taint, hop, stop.category === 'exchange' ? 'exchange' : 'stop-at', o.txId, stop);
    else if (amount < opts.minValue) terminal(o, taint, hop, 'dust', o.txId);
    else if (hop >= opts.hops) terminal(o, taint, hop, 'beyond-hops', o.txId);
    else {
      const d = demand.get(o.txId) ?? new Map<number, { output: GraphOutput; taint: T; hop: number }>();
      d.set(o.n, { output: o, taint, hop });
      demand.set(o.txId, d);
      heap.push(o.txId);
    }
  };

  for (const s of starts) seenStart.add(s.output.id);
  const begun = new Set<number>();
  for (const s of starts) {
    if (begun.has(s.output.id)) continue;
    begun.add(s.output.id);
    run.totalValue += model.amount(s.taint);
    if (forward) reachForward(s.output, s.taint, s.hop);
    else reachBackward(s.output, s.taint, s.hop);
  }
  starting = false;

  const beyondUntil = (d: TxData): boolean => {
    const u = opts.until;
    if (u === null) return false;
    if (forward) return (u.height !== undefined && d.height !== null && d.height > u.height) || (u.time !== undefined && d.time > u.time);
    return (u.height !== undefined && d.height !== null && d.height < u.height) || (u.time !== undefined && d.time < u.time);
  };

  let processed = 0;
  for (;;) {
    const id = heap.pop();
    if (id === undefined) break;
    if (graph.cached(id) === undefined) await graph.load([id, ...heap.peekMany(TRACE_LIMITS.prefetch - 1)]);
    const d = graph.cached(id);
    graph.forget(id);
    if (forward) {
      // The tainted inputs of this transaction, all known now (their creators have smaller ids).
      const ins: Tainted<T>[] = [];
      const taintedFrom: { output: GraphOutput; taint: T; hop: number }[] = [];
      const inputIds = d?.tx.inputs ?? [];
      for (let i = 0; i < inputIds.length; i++) {
        const oid = inputIds[i] ?? null;
        const w = oid === null ? undefined : waiting.get(oid);
        if (w !== undefined && oid !== null) {
          waiting.delete(oid);
          taintedFrom.push(w);
        }
        ins.push({ value: d?.spent[i]?.value ?? null, taint: w?.taint ?? null });
      }
      if (d === undefined) {
        // The spender vanished (a reorg between reading the output and the transaction): the coins are unspent.
        for (const w of taintedFrom) terminal(w.output, w.taint, w.hop, 'unspent', w.output.txId);
        continue;
      }
      const hop = Math.min(...taintedFrom.map((w) => w.hop)) + 1;
      if (beyondUntil(d)) {
        for (const w of taintedFrom) terminal(w.output, w.taint, w.hop, 'until', w.output.txId);
        continue;
      }
      if (processed >= opts.maxTxs) {
        for (const w of taintedFrom) terminal(w.output, w.taint, w.hop, 'work-limit', w.output.txId);
        continue;
      }
      processed++;
      run.moved.set(id, hop);
      if (hop > run.maxHop) run.maxHop = hop;
      const outValues = d.outputs.map((o) => o.value);
      const res = model.forward(ins, outValues);
      run.fees += res.fee;
      const fromAddrs = [...new Set(taintedFrom.map((w) => w.output.addressId).filter((a): a is number => a !== null))];
      const taintedIn = taintedFrom.reduce((s, w) => s + model.amount(w.taint), 0);
      const cleanIn = ins.reduce((s, x) => s + (x.taint === null ? (x.value ?? 0) : 0), 0);
      let taintedOuts = 0;
      d.outputs.forEach((o, k) => {
        const t = res.outputs[k] ?? null;
        if (t === null) return;
        taintedOuts++;
        run.flows.push({ hop, txId: id, from: fromAddrs, to: o, value: o.value, tainted: model.amount(t), n: o.n });
        reachForward(o, t, hop);
      });
      let peel: TxRec['peel'] = null;
      if (d.outputs.length === 2 && !d.coinjoin) {
        const [a, b] = d.outputs as [GraphOutput, GraphOutput];
        const big = a.value >= b.value ? a : b;
        const small = big === a ? b : a;
        if (small.value <= PEEL_SHARE * (a.value + b.value) && (res.outputs[big.n] ?? null) !== null) peel = { next: big.spentTx, small: small.value };
      }
      run.txs.push({ txId: id, hop, taintedIn, cleanIn, taintedOuts, coinjoin: d.coinjoin, peel });
    } else {
      const want = demand.get(id);
      demand.delete(id);
      if (want === undefined) continue;
      const traced = [...want.values()];
      if (d === undefined) {
        for (const w of traced) terminal(w.output, w.taint, w.hop, 'unresolved', id);
        continue;
      }
      if (d.coinbase) {
        for (const w of traced) terminal(w.output, w.taint, w.hop, 'coinbase', id);
        continue;
      }
      if (beyondUntil(d)) {
        for (const w of traced) terminal(w.output, w.taint, w.hop, 'until', id);
        continue;
      }
      if (processed >= opts.maxTxs) {
        for (const w of traced) terminal(w.output, w.taint, w.hop, 'work-limit', id);
        continue;
      }
      processed++;
      const hop = Math.min(...traced.map((w) => w.hop)) + 1;
      run.moved.set(id, hop);
      if (hop > run.maxHop) run.maxHop = hop;
      const outs: Tainted<T>[] = d.outputs.map((o) => ({ value: o.value, taint: want.get(o.n)?.taint ?? null }));
      const res = model.backward(outs, d.spent.map((s) => s?.value ?? null));
      const largest = traced.reduce((m, w) => (model.amount(w.taint) > model.amount(m.taint) ? w : m), traced[0] as { output: GraphOutput; taint: T; hop: number });
      if (opts.tags.size > 0) await graph.clustersFor(d.spent.map((s) => s?.addressId ?? null).filter((a): a is number => a !== null));
      res.forEach((t, i) => {
        if (t === null) return;
        const prev = d.spent[i] ?? null;
        if (prev === null) {
          terminal(null, t, hop, 'unresolved', id);
          return;
        }
        run.flows.push({ hop, txId: id, from: prev.addressId === null ? [] : [prev.addressId], to: largest.output, value: prev.value, tainted: model.amount(t), n: i });
        reachBackward(prev, t, hop);
      });
      run.txs.push({ txId: id, hop, taintedIn: traced.reduce((s, w) => s + model.amount(w.taint), 0), cleanIn: 0, taintedOuts: traced.length, coinjoin: d.coinjoin, peel: null });
    }
  }
  return run;
}

// ---------------------------------------------------------------------------------------------------------------
// Shaping a run into the CLI/API result.

const iso = (unix: number | null): string | null => (unix === null || unix === 0 ? null : new Date(unix * 1000).toISOString());

function scriptLabel(o: GraphOutput): string {
  return `(${o.type})`;
}

export interface Shaped {
  flows: TraceFlow[];
  flowsOmitted: number;
  endpoints: TraceEndpoint[];
  endpointsOmitted: number;
  exchanges: TraceExchange[];
  accounting: TraceAccounting;
  patterns: TracePattern[];
  notes: string[];
}

export async function shapeRun<T>(run: EngineRun<T>, model: TaintModel<T>, opts: EngineOptions): Promise<Shaped> {
  const g = run.graph;
  const metaIds = [...run.terminals.map((t) => t.txId), ...run.flows.map((f) => f.txId), ...run.txs.map((t) => t.txId)].filter((x): x is number => x !== null);
  const meta = await g.txMeta(metaIds);
  const addrIds = new Set<number>();
  for (const t of run.terminals) if (t.output?.addressId !== null && t.output?.addressId !== undefined) addrIds.add(t.output.addressId);
  const flowsKept = [...run.flows].sort((a, b) => a.hop - b.hop || a.txId - b.txId || a.n - b.n).slice(0, TRACE_LIMITS.maxFlows);
  for (const f of flowsKept) {
    for (const a of f.from) addrIds.add(a);
    if (f.to?.addressId !== null && f.to?.addressId !== undefined) addrIds.add(f.to.addressId);
  }
  const names = await addressStrings(g.q, [...addrIds], opts.network);
  await g.clustersFor(run.terminals.map((t) => t.output?.addressId ?? null).filter((a): a is number => a !== null));
  const nameOf = (o: GraphOutput | null): string | null => (o === null ? null : o.addressId === null ? scriptLabel(o) : (names.get(o.addressId) ?? scriptLabel(o)));
  const hexOf = (txId: number | null): string => {
    const m = txId === null ? undefined : meta.get(txId);
    return m === undefined ? '' : toDisplayHex(m.txid);
  };

  const flows: TraceFlow[] = flowsKept.map((f) => ({
    hop: f.hop, txid: hexOf(f.txId), from: f.from.map((a) => names.get(a) ?? ''), to: nameOf(f.to) ?? '', value: f.value, taintedValue: f.tainted, n: f.n,
  }));

  const acc: TraceAccounting = {
    exchanges: 0, stopped: 0, unspent: 0, beyondHops: 0, dust: 0, workLimit: 0, coinbase: 0, unresolved: 0, until: 0, fees: run.fees, total: 0, conserved: false,
  };
  const byAddr = new Map<string, TraceEndpoint & { _min: number }>();
  const exchanges = new Map<string, TraceExchange>();
  for (const t of run.terminals) {
    switch (t.reason) {
      case 'exchange': acc.exchanges += t.amount; break;
      case 'stop-at': acc.stopped += t.amount; break;
      case 'unspent': acc.unspent += t.amount; break;
      case 'beyond-hops': acc.beyondHops += t.amount; break;
      case 'dust': acc.dust += t.amount; break;
      case 'work-limit': acc.workLimit += t.amount; break;
      case 'coinbase': acc.coinbase += t.amount; break;
      case 'unresolved': acc.unresolved += t.amount; break;
      case 'until': acc.until += t.amount; break;
    }
    const m = t.txId === null ? undefined : meta.get(t.txId);
    const time = iso(m?.time ?? null);
    const fiat = opts.prices.convert(t.amount, time);
    const address = nameOf(t.output);
    const key = address ?? '(unresolved)';
    const cluster = g.clusterOf(t.output?.addressId ?? null);
    let e = byAddr.get(key);
    if (e === undefined) {
      const tags = t.output?.addressId === null || t.output === null ? [] : opts.tags.tagsOf(t.output.addressId, cluster ?? t.output.addressId);
      e = {
        address, cluster, tags: tags.map((x) => ({ label: x.label, category: x.category, actor: x.actor, source: x.source, ...(x.inferred ? { inferred: true } : {}) })),
        taintedValue: 0, firstReached: time, hop: t.hop, fiat: { usd: 0, krw: 0 }, reasons: [], outputs: 0, _min: m?.time ?? Infinity,
      };
      byAddr.set(key, e);
    }
    e.taintedValue += t.amount;
    e.outputs++;
    e.hop = Math.min(e.hop, t.hop);
    if ((m?.time ?? Infinity) < e._min) {
      e._min = m?.time ?? Infinity;
      e.firstReached = time;
    }
    e.fiat = addFiat(e.fiat, fiat);
    if (!e.reasons.includes(t.reason)) e.reasons.push(t.reason);
    if (t.reason === 'exchange' && t.tag !== null && t.output !== null) {
      const name = exchangeName(t.tag);
      const x = exchanges.get(name) ?? { name, taintedValue: 0, fiat: { usd: 0, krw: 0 }, deposits: [] };
      x.taintedValue += t.amount;
      x.fiat = addFiat(x.fiat, fiat);
      x.deposits.push({ address: address ?? '', txid: hexOf(t.txId), value: t.output.value, taintedValue: t.amount, time, height: m?.height ?? null, fiat });
      exchanges.set(name, x);
    }
  }
  acc.total = acc.exchanges + acc.stopped + acc.unspent + acc.beyondHops + acc.dust + acc.workLimit + acc.coinbase + acc.unresolved + acc.until + acc.fees;
  acc.conserved = acc.total === run.totalValue;

  const allEndpoints = [...byAddr.values()].sort((a, b) => b.taintedValue - a.taintedValue || String(a.address).localeCompare(String(b.address)));
  const endpoints = allEndpoints.slice(0, TRACE_LIMITS.maxEndpoints).map(({ _min, ...e }) => e);
  for (const x of exchanges.values()) x.deposits.sort((a, b) => (a.time ?? '').localeCompare(b.time ?? '') || a.txid.localeCompare(b.txid));

  const patterns = findPatterns(run, hexOf);
  const notes: string[] = [];
  if (!model.conserves) notes.push('poison marks every output of a transaction with a tainted input as tainted in full, so tainted value grows at each merge with clean coins; the parts do not add up to the traced total by design.');
  if (acc.workLimit > 0) notes.push(`the trace stopped after ${opts.maxTxs} transactions (work limit); ${acc.workLimit} sat were not followed further.`);
  if (acc.beyondHops > 0) notes.push(`${acc.beyondHops} sat moved on beyond the hop limit (${opts.hops}); trace again from those endpoints or with a larger --hops.`);
  if (acc.dust > 0) notes.push(`${acc.dust} sat were below --min-value ${opts.minValue} and not followed.`);
  if (acc.unresolved > 0) notes.push(`${acc.unresolved} sat came through inputs the index has not resolved (a loose segment); import the missing blocks to follow them.`);
  const missing = [...opts.prices.missing];
  if (missing.length > 0) notes.push(`no price for ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ` and ${missing.length - 5} more` : ''}: fiat values that need them are null (import prices with \`spearwatch prices import\`).`);
  return {
    flows, flowsOmitted: run.flows.length - flowsKept.length, endpoints, endpointsOmitted: allEndpoints.length - endpoints.length,
    exchanges: [...exchanges.values()].sort((a, b) => b.taintedValue - a.taintedValue || a.name.localeCompare(b.name)),
    accounting: acc, patterns, notes,
  };
}

const MAX_PATTERNS = 500;

function findPatterns(run: EngineRun<unknown>, hexOf: (id: number) => string): TracePattern[] {
  const out: TracePattern[] = [];
  const byId = new Map(run.txs.map((t) => [t.txId, t]));
  const isStep = (t: TxRec | undefined): t is TxRec & { peel: NonNullable<TxRec['peel']> } => t !== undefined && t.peel !== null;
  const hasPred = new Set<number>();
  for (const t of run.txs) if (isStep(t) && t.peel.next !== null && isStep(byId.get(t.peel.next))) hasPred.add(t.peel.next);
  for (const t of run.txs) {
    if (t.coinjoin) out.push({ kind: 'coinjoin', txid: hexOf(t.txId), hop: t.hop, taintedValue: t.taintedIn });
    else if (t.taintedOuts >= 3) out.push({ kind: 'split', txid: hexOf(t.txId), hop: t.hop, taintedValue: t.taintedIn, outputs: t.taintedOuts });
    if (t.cleanIn > 0 && t.taintedIn > 0 && !t.coinjoin) out.push({ kind: 'merge', txid: hexOf(t.txId), hop: t.hop, taintedValue: t.taintedIn, cleanValue: t.cleanIn });
    if (isStep(t) && !hasPred.has(t.txId)) {
      let len = 1;
      let peeled = t.peel.small;
      let cur: TxRec = t;
      const seen = new Set([t.txId]);
      for (;;) {
        const nextId: number | null = cur.peel?.next ?? null;
        const next = nextId === null ? undefined : byId.get(nextId);
        if (!isStep(next) || seen.has(next.txId)) break;
        seen.add(next.txId);
        len++;
        peeled += next.peel.small;
        cur = next;
      }
      if (len >= 3) out.push({ kind: 'peel-chain', txid: hexOf(t.txId), hop: t.hop, taintedValue: t.taintedIn, length: len, lastTxid: hexOf(cur.txId), peeledValue: peeled });
    }
  }
  const rank = (p: TracePattern): number => (p.kind === 'peel-chain' ? 0 : p.kind === 'coinjoin' ? 1 : p.kind === 'split' ? 2 : 3);
  return out.sort((a, b) => rank(a) - rank(b) || a.hop - b.hop || b.taintedValue - a.taintedValue).slice(0, MAX_PATTERNS);
}
