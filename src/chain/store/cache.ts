/**
 * What the indexer remembers of a recent transaction to resolve spends of it without the store: its outputs'
 * values, address ids (0: no address), script types and spending transactions (0: unspent, kept up to date by
 * the writer, so the outputs blob can be rewritten without reading it) at [off, off + n) of its batch's arrays,
 * which it shares with every other transaction of that batch (one allocation per batch, not four per transaction).
 */
export interface CachedTx {
  id: number;
  n: number;
  off: number;
  values: Float64Array;
  addrs: Float64Array;
  types: Uint8Array;
  spent: Float64Array;
}
