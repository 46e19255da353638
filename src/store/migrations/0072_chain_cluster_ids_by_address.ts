import type { Migration, Queryable } from '../types.js';

/**
 * Chain index: `chain_cluster_aliases` (absorbed cluster id → absorbing id) goes. A cluster id is always the id of
 * its founding address, and when clusters merge every member row, the absorbed id's own address row included, gets
 * the survivor's id (src/chain/store/cluster.ts); address rows are never deleted (a reorg leaves them). So the
 * cluster an id now belongs to is `coalesce(cluster_id, id)` of address row `id`: one primary-key read instead of a
 * chain of alias hops, and one write fewer per absorbed cluster.
 *
 * The writer has always kept that invariant, so there is normally nothing to convert. Before the aliases go, every
 * absorbed id's row is still checked against them: a row that disagrees with its alias's target row is given the
 * target's cluster, repeated until nothing changes (an alias chain of n hops settles in n rounds, at most
 * log2(addresses) since a cluster is only absorbed by one at least as large).
 */
async function settle(q: Queryable): Promise<void> {
  for (let round = 0; round < 64; round++) {
    const r = await q.run(
      `UPDATE chain_addresses AS o SET cluster_id = coalesce(n.cluster_id, n.id)
       FROM chain_cluster_aliases AS a JOIN chain_addresses AS n ON n.id = a.new_id
       WHERE o.id = a.old_id AND coalesce(o.cluster_id, o.id) <> coalesce(n.cluster_id, n.id)`,
    );
    if (r.changes === 0) break;
  }
  await q.run('DROP TABLE chain_cluster_aliases');
}

export const m0072: Migration = {
  version: 72,
  name: 'chain cluster ids by founding address',
  up: () => '',
  data: settle,
};
