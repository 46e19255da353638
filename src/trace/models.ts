import { cap, normalise, place, slice, total, type Intervals } from './intervals.js';
import { TRACE_LIMITS } from './limits.js';
import type { TraceModel } from './types.js';

/**
 * Taint models: how the tainted value on a transaction's inputs is spread over its outputs (forward), or how the
 * value of traced outputs is attributed to the inputs that paid for them (backward). Each model is a pure
 * function of one transaction; the trace engine applies it in chain order, so every transaction is processed
 * once with all of its tainted inputs known.
 *
 * - **haircut** — Möser, Böhme & Breuker, "Towards Risk Scoring of Bitcoin Transactions" (FC 2014, BITCOIN
 *   workshop): every output (and the fee) gets the tainted share of the inputs in proportion to its value; also
 *   GraphSense's estimate of the value flowing along an address-graph edge. Shares are integers by the largest
 *   remainder method, so a transaction conserves tainted value to the satoshi.
 * - **poison** — Möser, Böhme & Breuker 2014 again: a single tainted input taints every output in full. The
 *   most conservative view for screening (nothing tainted escapes), and it over-counts by design: tainted value
 *   grows at every merge with clean coins, so conservation does not hold and the result says so.
 * - **fifo** — Anderson, Shumailov & Ahmed, "Making Bitcoin Legal" (Security Protocols XXVI, 2018), after
 *   Clayton's Case (1816): the first satoshi in is the first satoshi out. Inputs are laid end to end in input
 *   order and outputs in output order; a satoshi's position decides where it goes, and what lies past the last
 *   output is the fee. Taint is kept as exact satoshi ranges, so it conserves by construction.
 *
 * Backward, the same rules run in reverse: haircut attributes each traced satoshi to the inputs in proportion to
 * their value, FIFO maps the traced output ranges onto the input ranges at the same positions, poison marks
 * every input in full.
 */

export interface Tainted<T> {
  /** Value of the input (forward) or output (backward); null when the index does not know it (unresolved input). */
  value: number | null;
  taint: T | null;
}

export interface TaintModel<T> {
  readonly name: TraceModel;
  /** True when tainted value is conserved exactly (haircut, FIFO); poison marks whole outputs. */
  readonly conserves: boolean;
  /** The taint of an output that is tainted in full. */
  full(value: number): T;
  /** Tainted satoshis. */
  amount(t: T): number;
  /** Spread tainted inputs over outputs (in order) and the fee. `fee` is the tainted satoshis paid to the miner. */
  forward(inputs: readonly Tainted<T>[], outputValues: readonly number[]): { outputs: (T | null)[]; fee: number };
  /** Attribute traced outputs to the inputs that funded them (in input order). */
  backward(outputs: readonly Tainted<T>[], inputValues: readonly (number | null)[]): (T | null)[];
}

const sum = (xs: readonly number[]): number => xs.reduce((s, x) => s + x, 0);

/**
 * Split `amount` over slots proportional to `weights` (integers ≥ 0): floor shares, then the remainder one
 * satoshi at a time to the largest fractional parts (ties to the earlier slot). Exact: the shares sum to
 * `amount`. BigInt because amount × weight reaches 2^101.
 */
export function proportional(amount: number, weights: readonly number[]): number[] {
  const denom = sum(weights);
  if (amount <= 0 || denom <= 0) return weights.map(() => 0);
  const a = BigInt(amount);
  const d = BigInt(denom);
  const shares: number[] = [];
  const rems: { i: number; r: bigint }[] = [];
  let given = 0;
  weights.forEach((w, i) => {
    const p = a * BigInt(w);
    const q = p / d;
    shares.push(Number(q));
    given += Number(q);
    rems.push({ i, r: p - q * d });
  });
  let left = amount - given;
  rems.sort((x, y) => (x.r === y.r ? x.i - y.i : x.r > y.r ? -1 : 1));
  for (let k = 0; left > 0 && k < rems.length; k++, left--) {
    const i = (rems[k] as { i: number }).i;
    shares[i] = (shares[i] as number) + 1;
  }
  return shares;
}

/**
 * Input values for a transaction whose inputs are not all known (a loose block's unresolved input): the unknown
 * inputs together are given the least they must have brought, the output total minus the known inputs (as if
 * the fee were zero), shared equally. Documented in docs/trace.md; only loose segments have unknown inputs.
 */
export function knownInputValues(values: readonly (number | null)[], outputTotal: number): number[] {
  const unknown = values.filter((v) => v === null).length;
  if (unknown === 0) return values as number[];
  const known = sum(values.filter((v): v is number => v !== null));
  const missing = Math.max(0, outputTotal - known);
  const each = proportional(missing, values.filter((v) => v === null).map(() => 1));
  let k = 0;
  return values.map((v) => (v === null ? (each[k++] as number) : v));
}

const orNull = (n: number): number | null => (n > 0 ? n : null);

export const haircut: TaintModel<number> = {
  name: 'haircut',
  conserves: true,
  full: (v) => v,
  amount: (t) => t,
  forward(inputs, outputValues) {
    const tin = sum(inputs.map((i) => i.taint ?? 0));
    const outTotal = sum(outputValues);
    const vin = sum(knownInputValues(inputs.map((i) => i.value), outTotal));
    const fee = Math.max(0, vin - outTotal);
    const shares = proportional(Math.min(tin, vin), [...outputValues, fee]);
    return { outputs: shares.slice(0, outputValues.length).map(orNull), fee: shares[outputValues.length] ?? 0 };
  },
  backward(outputs, inputValues) {
    const tout = sum(outputs.map((o) => o.taint ?? 0));
    const vals = knownInputValues(inputValues, sum(outputs.map((o) => o.value ?? 0)));
    return proportional(tout, vals).map(orNull);
  },
};

export const poison: TaintModel<number> = {
  name: 'poison',
  conserves: false,
  full: (v) => v,
  amount: (t) => t,
  forward(inputs, outputValues) {
    const any = inputs.some((i) => (i.taint ?? 0) > 0);
    if (!any) return { outputs: outputValues.map(() => null), fee: 0 };
    const vin = sum(inputs.map((i) => i.value ?? 0));
    return { outputs: outputValues.map(orNull), fee: Math.max(0, vin - sum(outputValues)) };
  },
  backward(outputs, inputValues) {
    const any = outputs.some((o) => (o.taint ?? 0) > 0);
    const vals = knownInputValues(inputValues, sum(outputs.map((o) => o.value ?? 0)));
    return vals.map((v) => (any ? orNull(v) : null));
  },
};

function lay(values: readonly number[]): number[] {
  const offsets: number[] = [];
  let at = 0;
  for (const v of values) {
    offsets.push(at);
    at += v;
  }
  return offsets;
}

export const fifo: TaintModel<Intervals> = {
  name: 'fifo',
  conserves: true,
  full: (v) => (v > 0 ? [0, v] : []),
  amount: total,
  forward(inputs, outputValues) {
    const outTotal = sum(outputValues);
    const vals = knownInputValues(inputs.map((i) => i.value), outTotal);
    const inOff = lay(vals);
    const line: Intervals = [];
    inputs.forEach((inp, i) => {
      if (inp.taint !== null) line.push(...place(inp.taint, inOff[i] as number, vals[i] as number));
    });
    const all = normalise(line);
    const outOff = lay(outputValues);
    const outputs = outputValues.map((v, k) => {
      const part = cap(slice(all, 0, outOff[k] as number, (outOff[k] as number) + v), TRACE_LIMITS.maxIntervals);
      return part.length > 0 ? part : null;
    });
    const vin = sum(vals);
    return { outputs, fee: total(slice(all, 0, outTotal, Math.max(outTotal, vin))) };
  },
  backward(outputs, inputValues) {
    const outVals = outputs.map((o) => o.value ?? 0);
    const outOff = lay(outVals);
    const line: Intervals = [];
    outputs.forEach((o, k) => {
      if (o.taint !== null) line.push(...place(o.taint, outOff[k] as number, outVals[k] as number));
    });
    const all = normalise(line);
    const vals = knownInputValues(inputValues, sum(outVals));
    const inOff = lay(vals);
    return vals.map((v, i) => {
      const part = cap(slice(all, 0, inOff[i] as number, (inOff[i] as number) + v), TRACE_LIMITS.maxIntervals);
      return part.length > 0 ? part : null;
    });
  },
};

export const MODELS = { haircut, poison, fifo } as const;

export function isTraceModel(v: string): v is TraceModel {
  return v === 'haircut' || v === 'poison' || v === 'fifo';
}
