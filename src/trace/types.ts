/**
 * The money-trail contract shared by the trace engine, tags, fiat, watches/alerts, the CLI and the HTTP API.
 * Values are satoshis as integers (JS numbers are exact below 2^53). Times are ISO-8601 UTC.
 */

export type TraceModel = 'haircut' | 'poison' | 'fifo';
export type TraceDirection = 'forward' | 'backward';

/** What a user can point a trace or a watch at. */
export type TraceSourceKind = 'address' | 'tx' | 'outpoint';

/** A label on an address: from the intel store (TagPack, OFAC, STIX), a manual `tag add`, or inferred from its cluster. */
export interface AddressTag {
  label: string;
  /** exchange | sanctioned | actor | mixer | service | … (free text, lower case). */
  category: string;
  actor: string | null;
  /** Where it came from: `manual`, an intel source name, …; inferred tags say `cluster:<id> via <address>`. */
  source: string;
  /** True when the tag was put on another address of the same cluster and extended to this one. */
  inferred: boolean;
}

/** A value converted at the price of the day it moved; null where no price is known for that day and currency. */
export interface FiatValue {
  usd: number | null;
  krw: number | null;
}

export interface TraceFlow {
  hop: number;
  txid: string;
  /** Forward: the addresses of the transaction's tainted inputs. Backward: the input's address. */
  from: string[];
  /** Forward: the output's address. Backward: the address of the traced output (the largest, when several). */
  to: string;
  /** Forward: the output's value. Backward: the input's value. */
  value: number;
  taintedValue: number;
  /** Forward: the output index; backward: the input index. */
  n: number;
}

/** Why tainted value stopped where it did. */
export type EndpointReason =
  | 'exchange' | 'stop-at' | 'unspent' | 'beyond-hops' | 'dust' | 'work-limit' | 'coinbase' | 'unresolved' | 'until';

export interface TraceEndpoint {
  /** The address; for value in a script without an address (OP_RETURN, bare multisig…): `(type)`; unresolved inputs: null. */
  address: string | null;
  cluster: number | null;
  tags: Array<Pick<AddressTag, 'label' | 'category' | 'actor' | 'source'> & { inferred?: boolean }>;
  taintedValue: number;
  firstReached: string | null;
  hop: number;
  fiat: FiatValue;
  reasons: EndpointReason[];
  outputs: number;
}

export interface ExchangeDeposit {
  address: string;
  txid: string;
  /** The deposit output's value. */
  value: number;
  /** How much of it is tainted under the model. */
  taintedValue: number;
  time: string | null;
  height: number | null;
  fiat: FiatValue;
}

export interface TraceExchange {
  name: string;
  taintedValue: number;
  fiat: FiatValue;
  deposits: ExchangeDeposit[];
}

/** Laundering shapes seen along the trail. */
export interface TracePattern {
  kind: 'peel-chain' | 'split' | 'merge' | 'coinjoin';
  txid: string;
  hop: number;
  taintedValue: number;
  /** peel-chain: transactions in the chain and the last one; split: outputs; merge: clean value joined. */
  length?: number;
  lastTxid?: string;
  peeledValue?: number;
  outputs?: number;
  cleanValue?: number;
}

/** Where every tainted satoshi ended: the parts sum to totalValue for haircut and FIFO. */
export interface TraceAccounting {
  exchanges: number;
  stopped: number;
  unspent: number;
  beyondHops: number;
  dust: number;
  workLimit: number;
  coinbase: number;
  unresolved: number;
  /** Forward: spent only after --until (held as of then); backward: came from before --until. */
  until: number;
  fees: number;
  total: number;
  /** True when the parts add up to totalValue exactly (always for haircut and FIFO; poison over-counts by design). */
  conserved: boolean;
}

export interface TraceResult {
  sources: string[];
  model: TraceModel;
  direction: TraceDirection;
  hops: number;
  minValue: number;
  stopAt: string[];
  until: string | null;
  totalValue: number;
  flows: TraceFlow[];
  flowsOmitted: number;
  endpoints: TraceEndpoint[];
  endpointsOmitted: number;
  exchanges: TraceExchange[];
  unspent: number;
  beyondHops: number;
  /** Tainted value paid as miner fees on the way (part of the conservation identity). */
  fees: number;
  accounting: TraceAccounting;
  patterns: TracePattern[];
  /** Transactions processed, and the deepest hop reached. */
  stats: { transactions: number; maxHop: number; ms: number };
  /** Plain-language notes: missing prices, limits reached, poison over-counting, unresolved inputs. */
  notes: string[];
}

/** Converts satoshis moved at a time to fiat at that day's price (implemented over `prices import` data). */
export interface FiatConverter {
  convert(sats: number, time: string | null): FiatValue;
}

