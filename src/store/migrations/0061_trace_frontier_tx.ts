import type { Dialect, Migration } from '../types.js';

/**
 * A watch's frontier row remembers the transaction that holds its output (`tx_id`, the chain index's transaction
 * id), so a check reads the frontier's outputs by primary key in batches instead of one range probe per output:
 * at thousands of tainted outputs waiting to move, the probes were a large part of every check. Existing rows get
 * theirs here; a row without one (or whose transaction a reorg renumbered) is still found by the probe.
 */
export const m0061: Migration = {
  version: 61,
  name: 'trace frontier transaction ids',
  up: (d: Dialect) => `
ALTER TABLE trace_watch_frontier ADD COLUMN tx_id ${d.bigint};
UPDATE trace_watch_frontier SET tx_id = (SELECT t.id FROM chain_txs t WHERE t.id <= trace_watch_frontier.output_id ORDER BY t.id DESC LIMIT 1);
`,
};
