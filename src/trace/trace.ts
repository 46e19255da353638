import {
  addressId, findTx, fromDisplayHex, getMeta, outputsById, outputsOfAddress, parseBitcoinAddress, type GraphOutput, type Network,
} from '../chain/index.js';
import { SpearwatchError } from '../core/index.js';
import type { Db, Queryable } from '../store/index.js';
import { runEngine, shapeRun, type EngineOptions, type EngineRun, type StartOutput } from './engine.js';
import { syncInterest } from './interest.js';
import { TRACE_LIMITS } from './limits.js';
import { MODELS, type TaintModel } from './models.js';
import { PriceBook } from './prices.js';
import { normaliseCategory, TagBook } from './tags.js';
import type { TraceDirection, TraceModel, TraceResult } from './types.js';

export interface TraceOptions {
  direction?: TraceDirection;
  model?: TraceModel;
  hops?: number;
  minValue?: number;
  /** Tag categories where forward tracing stops (default exchange); empty: never stop at tags. */
  stopAt?: readonly string[];
  /** A block height, or a time (ISO 8601 or YYYY-MM-DD): forward, moves after it are not followed; backward, nothing before it. */
  until?: string | null;
  maxTxs?: number;
  /** Reuse a loaded tag book or price book (the server and watches load them once per batch of traces). */
  tags?: TagBook;
  prices?: PriceBook;
}

export interface ResolvedSources {
  labels: string[];
  outputs: GraphOutput[];
}

const TXID = /^[0-9a-fA-F]{64}$/;
const OUTPOINT = /^([0-9a-fA-F]{64}):(\d{1,6})$/;

export async function chainNetwork(q: Queryable): Promise<Network> {
  const n = (await getMeta(q, 'network')) as Network | undefined;
  if (n === undefined) throw new SpearwatchError('SW_NOT_FOUND', 'the chain index is empty: import blocks first (spearwatch chain import)');
  return n;
}

/** Resolve what the user named (addresses, txids, txid:vout) to indexed outputs; anything unknown is an error naming it. */
export async function resolveSources(q: Queryable, texts: readonly string[], network: Network): Promise<ResolvedSources> {
  if (texts.length === 0) throw new SpearwatchError('SW_USAGE', 'trace needs at least one address, txid or txid:vout');
  if (texts.length > TRACE_LIMITS.maxSources) throw new SpearwatchError('SW_INPUT_TOO_LARGE', `${texts.length} sources exceed the limit of ${TRACE_LIMITS.maxSources}`);
  const labels: string[] = [];
  const ids: number[] = [];
  for (const raw of texts) {
    const text = raw.trim();
    const op = OUTPOINT.exec(text);
    if (op !== null || TXID.test(text)) {
      const hex = (op?.[1] ?? text).toLowerCase();
      const t = await findTx(q, fromDisplayHex(hex) ?? Buffer.alloc(0));
      if (t === undefined) throw new SpearwatchError('SW_NOT_FOUND', `transaction ${hex} is not in the index`);
      if (op !== null) {
        const vout = Number(op[2]);
        if (vout >= Number(t.n_out)) throw new SpearwatchError('SW_NOT_FOUND', `transaction ${hex} has ${t.n_out} outputs; there is no output ${vout}`);
        ids.push(Number(t.id) + vout);
        labels.push(`${hex}:${vout}`);
      } else {
        for (let n = 0; n < Number(t.n_out); n++) ids.push(Number(t.id) + n);
        labels.push(hex);
      }
      continue;
    }
    const p = parseBitcoinAddress(text, network);
    if (p === null) {
      const other = parseBitcoinAddress(text);
      throw new SpearwatchError('SW_USAGE', other === null
        ? `not an address, txid or txid:vout: ${text}`
        : `${text} is a ${other.network} address but the index holds ${network}`);
    }
    const a = await addressId(q, p.script);
    if (a === null) throw new SpearwatchError('SW_NOT_FOUND', `address ${p.address} never received anything in the indexed chain`);
    const outs = await outputsOfAddress(q, a.id);
    if (outs.length > TRACE_LIMITS.maxOutputsPerSource) {
      throw new SpearwatchError('SW_INPUT_TOO_LARGE', `address ${p.address} received ${outs.length} outputs, over the limit of ${TRACE_LIMITS.maxOutputsPerSource}: trace chosen txid:vout outputs instead`);
    }
    ids.push(...outs.map((o) => o.id));
    labels.push(p.address);
  }
  const outs = await outputsById(q, ids);
  return { labels, outputs: [...new Set(ids)].map((id) => outs.get(id)).filter((o): o is GraphOutput => o !== undefined) };
}

export function parseUntil(v: string | null | undefined): { height?: number; time?: number } | null {
  if (v === undefined || v === null || v === '') return null;
  if (/^\d{1,9}$/.test(v)) return { height: Number(v) };
  const t = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T23:59:59Z` : v);
  if (Number.isNaN(t)) throw new SpearwatchError('SW_USAGE', `--until must be a block height or a time (YYYY-MM-DD or ISO 8601), got ${v}`);
  return { time: Math.floor(t / 1000) };
}

export function engineOptions(opts: TraceOptions, network: Network, tags: TagBook, prices: PriceBook): EngineOptions {
  const hops = opts.hops ?? TRACE_LIMITS.defaultHops;
  if (!Number.isInteger(hops) || hops < 1 || hops > TRACE_LIMITS.maxHops) throw new SpearwatchError('SW_USAGE', `--hops must be 1–${TRACE_LIMITS.maxHops} (got ${hops})`);
  const minValue = opts.minValue ?? TRACE_LIMITS.defaultMinValue;
  if (!Number.isInteger(minValue) || minValue < 0) throw new SpearwatchError('SW_USAGE', `--min-value must be a whole number of satoshis ≥ 0 (got ${minValue})`);
  const maxTxs = opts.maxTxs ?? TRACE_LIMITS.maxTxs;
  return {
    direction: opts.direction ?? 'forward', hops, minValue, stopAt: new Set((opts.stopAt ?? ['exchange']).map(normaliseCategory)),
    until: parseUntil(opts.until), maxTxs, tags, prices, network,
  };
}

async function runModel<T>(q: Queryable, model: TaintModel<T>, outputs: readonly GraphOutput[], eo: EngineOptions): Promise<{ run: EngineRun<T>; model: TaintModel<T> }> {
  const starts: StartOutput<T>[] = outputs.map((o) => ({ output: o, taint: model.full(o.value), hop: 0 }));
  return { run: await runEngine(q, model, starts, eo), model };
}

/** `spearwatch trace`: follow the value of the sources through the chain under a taint model. */
export async function traceFunds(db: Db, sources: readonly string[], opts: TraceOptions = {}): Promise<TraceResult> {
  const t0 = Date.now();
  const modelName = opts.model ?? 'haircut';
  const direction = opts.direction ?? 'forward';
  if (direction !== 'forward' && direction !== 'backward') throw new SpearwatchError('SW_USAGE', `--direction must be forward or backward (got ${String(direction)})`);
  const network = await chainNetwork(db);
  if (opts.tags === undefined) await syncInterest(db);
  const tags = opts.tags ?? (await TagBook.cached(db));
  const prices = opts.prices ?? (await PriceBook.load(db));
  const eo = engineOptions(opts, network, tags, prices);
  const src = await resolveSources(db, sources, network);
  const shaped = async <T>(m: TaintModel<T>): Promise<{ run: EngineRun<T>; s: Awaited<ReturnType<typeof shapeRun>> }> => {
    const { run } = await runModel(db, m, src.outputs, eo);
    return { run, s: await shapeRun(run, m, eo) };
  };
  const r = modelName === 'fifo' ? await shaped(MODELS.fifo) : modelName === 'poison' ? await shaped(MODELS.poison) : modelName === 'haircut' ? await shaped(MODELS.haircut) : null;
  if (r === null) throw new SpearwatchError('SW_USAGE', `--model must be haircut, poison or fifo (got ${String(modelName)})`);
  const { run, s } = r;
  return {
    sources: src.labels, model: modelName, direction, hops: eo.hops, minValue: eo.minValue, stopAt: [...eo.stopAt], until: opts.until ?? null,
    totalValue: run.totalValue, flows: s.flows, flowsOmitted: s.flowsOmitted, endpoints: s.endpoints, endpointsOmitted: s.endpointsOmitted,
    exchanges: s.exchanges, unspent: s.accounting.unspent, beyondHops: s.accounting.beyondHops, fees: s.accounting.fees, accounting: s.accounting,
    patterns: s.patterns, stats: { transactions: run.txs.length, maxHop: run.maxHop, ms: Date.now() - t0 }, notes: s.notes,
  };
}
