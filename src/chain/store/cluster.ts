import { SqliteDb, type Queryable, type SqlValue } from '../../store/index.js';
import { chunks, placeholders } from './keys.js';

/**
 * Address clustering by the multi-input heuristic (Reid & Harrigan 2011; Meiklejohn et al. 2013): the inputs
 * of one transaction are controlled by one entity. Union-find over clusters, applied per batch: the batch's
 * unions run in memory over the clusters involved, then only the moved memberships are written.
 *
 * Addresses at or above `pendingFrom` are new in the caller's batch and not inserted yet: nothing is read or
 * updated for them, and their cluster ids come back in `pending` for the insert.
 *
 * Ids are stable: an address's cluster id is the id of the founding address; when clusters merge, the larger
 * keeps its id (ties: the smaller id) and every member of the absorbed one, its founding address included, gets
 * the survivor's id. Address rows are never deleted, so an id once shown keeps resolving through its founding
 * address's row: `coalesce(cluster_id, id)` (`resolveClusterId` in query.ts; no alias table, migration 72). A
 * merge that would grow a cluster beyond the guard is not applied but recorded in
 * chain_cluster_guard (one wrong link, such as an undetected CoinJoin, must not collapse the graph).
 * Clusters are not split when a reorg removes the transaction that merged them: a signed transaction spending
 * those inputs together is evidence of common control whether or not it stayed in the best chain.
 */
export interface UnionGroup {
  txId: number;
  addrs: number[];
}

export interface UnionResult {
  merges: number;
  guarded: number;
  /**
   * Cluster ids of the addresses at or above `pendingFrom` that joined a multi-address cluster: addresses the
   * caller has not inserted yet (it writes them with their cluster id, so their rows are never rewritten).
   */
  pending: Map<number, number>;
}

export async function applyUnions(q: Queryable, groups: readonly UnionGroup[], maxSize: number, pendingFrom = Infinity): Promise<UnionResult> {
  const pending = new Map<number, number>();
  if (groups.length === 0) return { merges: 0, guarded: 0, pending };
  // Pending addresses are not stored yet: each is its own singleton cluster, nothing to read.
  const stored = new Set<number>();
  for (const g of groups) for (const a of g.addrs) if (a < pendingFrom) stored.add(a);
  const addrIds = [...stored];
  const clusterOf = new Map<number, number>();
  for (const part of chunks(addrIds)) {
    const rows = await q.all<{ id: number; cluster_id: number | null }>(
      `SELECT id, cluster_id FROM chain_addresses WHERE id IN (${placeholders(part.length)})`, part,
    );
    for (const r of rows) clusterOf.set(Number(r.id), r.cluster_id === null ? Number(r.id) : Number(r.cluster_id));
  }
  const clusterIds = [...new Set(clusterOf.values())].filter((c) => c < pendingFrom);
  const size = new Map<number, number>();
  const existing = new Set<number>();
  for (const part of chunks(clusterIds)) {
    const rows = await q.all<{ id: number; size: number }>(`SELECT id, size FROM chain_clusters WHERE id IN (${placeholders(part.length)})`, part);
    for (const r of rows) {
      size.set(Number(r.id), Number(r.size));
      existing.add(Number(r.id));
    }
  }
  const parent = new Map<number, number>();
  const find = (x: number): number => {
    let r = x;
    for (let p = parent.get(r); p !== undefined && p !== r; p = parent.get(r)) r = p;
    let c = x;
    while (c !== r) {
      const n = parent.get(c) ?? r;
      parent.set(c, r);
      c = n;
    }
    return r;
  };
  const guardRows: SqlValue[][] = [];
  let merges = 0;
  for (const g of groups) {
    let roots: number[] = [];
    if (g.addrs.length > 16) roots = [...new Set(g.addrs.map((a) => find(clusterOf.get(a) ?? a)))];
    else {
      for (const a of g.addrs) {
        const r = find(clusterOf.get(a) ?? a);
        if (!roots.includes(r)) roots.push(r);
      }
    }
    if (roots.length < 2) continue;
    const total = roots.reduce((s, r) => s + (size.get(r) ?? 1), 0);
    if (total > maxSize) {
      guardRows.push([g.txId, JSON.stringify(roots.sort((a, b) => a - b)), total]);
      continue;
    }
    // The survivor: the largest cluster, ties to the smaller id (no sort: the others' order does not matter).
    let survivor = roots[0] as number;
    for (const r of roots) {
      const d = (size.get(r) ?? 1) - (size.get(survivor) ?? 1);
      if (d > 0 || (d === 0 && r < survivor)) survivor = r;
    }
    for (const r of roots) if (r !== survivor) parent.set(r, survivor);
    size.set(survivor, total);
    merges++;
  }
  const absorbed = [...parent.keys()].filter((c) => find(c) !== c);
  const survivors = new Set(absorbed.map((c) => find(c)));
  // A pending address is its own singleton cluster (id = address id) until merged here.
  for (const c of absorbed) if (c >= pendingFrom) pending.set(c, find(c));
  for (const s of survivors) if (s >= pendingFrom) pending.set(s, s);
  if (q instanceof SqliteDb) {
    writeSqlite(q, absorbed, existing, survivors, find, size, pendingFrom);
    await q.insertMany('chain_cluster_guard', ['tx_id', 'cluster_ids', 'size'], guardRows);
    return { merges, guarded: guardRows.length, pending };
  }
  // PostgreSQL: the same writes as set operations over arrays, a handful of round trips per batch instead of
  // four per merge. Order does not matter: every target is a final root, never an absorbed id.
  const arr = (xs: readonly number[]): SqlValue => xs as unknown as SqlValue;
  for (let i = 0; i < absorbed.length; i += 20_000) {
    const part = absorbed.slice(i, i + 20_000);
    const old = part.filter((c) => existing.has(c));
    if (old.length > 0) {
      await q.run('UPDATE chain_addresses SET cluster_id = v.t FROM unnest(?::bigint[], ?::bigint[]) AS v(c, t) WHERE chain_addresses.cluster_id = v.c', [arr(old), arr(old.map(find))]);
      await q.run('DELETE FROM chain_clusters WHERE id = ANY(?::bigint[])', [arr(old)]);
    }
    // A stored cluster's founding row moved with its members; only singletons are written by id.
    const stored = part.filter((c) => c < pendingFrom && !existing.has(c));
    if (stored.length > 0) {
      await q.run('UPDATE chain_addresses SET cluster_id = v.t FROM unnest(?::bigint[], ?::bigint[]) AS v(c, t) WHERE chain_addresses.id = v.c', [arr(stored), arr(stored.map(find))]);
    }
  }
  const surv = [...survivors];
  for (let i = 0; i < surv.length; i += 20_000) {
    const part = surv.slice(i, i + 20_000);
    const stored = part.filter((x) => x < pendingFrom && !existing.has(x));
    if (stored.length > 0) {
      await q.run('UPDATE chain_addresses SET cluster_id = id WHERE id = ANY(?::bigint[])', [arr(stored)]);
    }
    await q.run(
      'INSERT INTO chain_clusters (id, size) SELECT * FROM unnest(?::bigint[], ?::bigint[]) ON CONFLICT (id) DO UPDATE SET size = excluded.size',
      [arr(part), arr(part.map((x) => size.get(x) ?? 1))],
    );
  }
  await q.insertMany('chain_cluster_guard', ['tx_id', 'cluster_ids', 'size'], guardRows);
  return { merges, guarded: guardRows.length, pending };
}

/** The same writes as the portable path, through prepared statements (the SQLite fast path). */
function writeSqlite(
  db: SqliteDb, absorbed: number[], existing: Set<number>, survivors: Set<number>, find: (x: number) => number, size: Map<number, number>,
  pendingFrom: number,
): void {
  const moveMembers = db.raw.prepare('UPDATE chain_addresses SET cluster_id = ? WHERE cluster_id = ?');
  const moveOne = db.raw.prepare('UPDATE chain_addresses SET cluster_id = ? WHERE id = ?');
  const drop = db.raw.prepare('DELETE FROM chain_clusters WHERE id = ?');
  const upsert = db.raw.prepare('INSERT INTO chain_clusters (id, size) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET size = excluded.size');
  // A stored cluster's founding row carries its own id (see above), so moving its members moves that row too, and a
  // stored survivor's row needs no write: only singletons (cluster_id null) are written one by one.
  for (const c of absorbed) {
    const to = find(c);
    if (existing.has(c)) {
      moveMembers.run(to, c);
      drop.run(c);
    } else if (c < pendingFrom) moveOne.run(to, c);
  }
  for (const s of survivors) {
    if (s < pendingFrom && !existing.has(s)) moveOne.run(s, s);
    upsert.run(s, size.get(s) ?? 1);
  }
}
