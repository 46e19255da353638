/**
 * Caps on the work one trace may do, each with its reason. A trace's fan-out is the attacker's choice (a
 * laundering wallet can split into thousands of outputs per hop), so every trace is bounded and reports what it
 * did not follow instead of running until memory runs out.
 */
export const TRACE_LIMITS = {
  /**
   * Transactions one trace processes. Real laundering trails (peel chains of a few hundred hops, splits into
   * tens of deposits) stay far below; a haircut trace that leaks into general traffic reaches it, and the
   * value it did not follow is reported as `workLimit` (still part of the conservation identity).
   */
  maxTxs: 200_000,
  /** Default `--hops`: the depth the issue specifies; deeper trails are followed by re-tracing from an endpoint. */
  defaultHops: 20,
  /** Largest `--hops` accepted: a peel chain of 1,000 hops is already unusual. */
  maxHops: 10_000,
  /**
   * Default `--min-value`: taint below Bitcoin Core's dust limit (546 sat) is not followed; what is pruned is
   * reported as `dust`. Without it, haircut taint dilutes into satoshi-sized crumbs across the whole economy.
   */
  defaultMinValue: 546,
  /** Flows kept in a result; a trace with more says how many were left out (`flowsOmitted`). */
  maxFlows: 20_000,
  /** Endpoints kept in a result (largest tainted value first); the rest are summed in `endpointsOmitted`. */
  maxEndpoints: 5_000,
  /** Sources in one trace (addresses, transactions or outputs named by the user). */
  maxSources: 10_000,
  /** Outputs one source address may contribute (an exchange hot wallet can have millions). */
  maxOutputsPerSource: 100_000,
  /**
   * FIFO keeps the exact tainted satoshi ranges of each output; past this many ranges per output the closest
   * ranges are joined (the tainted amount is kept exactly, its position within the output shifts slightly).
   */
  maxIntervals: 64,
  /** Transactions fetched from the store at once while tracing. */
  prefetch: 256,
  /**
   * Transactions a watch check loads ahead, breadth-first from the coins it saw move, before following each watch
   * (they share one cache of at most 50,000 transactions, so this keeps the prefetch well inside it).
   */
  watchPrefetchTxs: 20_000,
  /** Nodes in a `--format dot` graph; the rest are summarised in one node. */
  maxDotNodes: 2_000,
} as const;
