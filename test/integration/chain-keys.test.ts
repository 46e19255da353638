import assert from 'node:assert/strict';
import { engineTest } from '../helpers/stores.js';
import { addKeys, CHUNK_MAX, decodeChunk, idsByKeys, removeKeys, type KeyTable } from '../../src/chain/store/keyed.js';
import type { Db } from '../../src/store/index.js';

/** A small deterministic generator (xorshift), so a failure reproduces. */
function rng(seed: number): () => number {
  let x = seed;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

/** Every chunk within its bounds (k up to the next chunk's k), at most CHUNK_MAX entries, sorted; the first at k = 0. */
async function checkChunks(db: Db, table: KeyTable): Promise<number> {
  const rows = await db.all<{ k: number; entries: Buffer }>(`SELECT k, entries FROM ${table} ORDER BY k`);
  assert.equal(Number(rows[0]?.k), 0);
  let total = 0;
  rows.forEach((r, i) => {
    const ks: number[] = [];
    const ids: number[] = [];
    decodeChunk(Number(r.k), r.entries, ks, ids);
    const next = i + 1 < rows.length ? Number(rows[i + 1]!.k) : Infinity;
    assert.ok(ks.length <= CHUNK_MAX, `chunk ${r.k}: ${ks.length} entries`);
    ks.forEach((key, j) => {
      assert.ok(key >= Number(r.k) && key < next, `key ${key} outside chunk [${r.k}, ${next})`);
      if (j > 0) assert.ok(key > ks[j - 1]! || (key === ks[j - 1]! && ids[j]! > ids[j - 1]!), 'sorted by (key, id)');
    });
    total += ks.length;
  });
  return total;
}

engineTest('key chunks: batches of adds and removes answer every lookup like a map, duplicate keys included', async (_t, s) => {
  const r = rng(73);
  const model = new Map<number, Set<number>>();
  let nextId = 1;
  const table: KeyTable = 'chain_tx_keys';
  // Keys from a narrow range too, so equal keys (BIP-30 duplicate txids, colliding prefixes) land in full chunks.
  const key = (): number => (r() < 0.2 ? Math.floor(r() * 50) * 2 ** 30 : Math.floor(r() * 2 ** 40));
  for (let batch = 0; batch < 6; batch++) {
    const ks: number[] = [];
    const ids: number[] = [];
    for (let i = 0; i < 1500; i++) {
      const k = key();
      ks.push(k);
      ids.push(nextId);
      let set = model.get(k);
      if (set === undefined) model.set(k, (set = new Set()));
      set.add(nextId++);
    }
    await s.db.transaction((tx) => addKeys(tx, table, ks, ids));
    if (batch % 2 === 1) {
      // Take out every third id of the last batch (a disconnect).
      const gone = ids.map((id, i) => [ks[i]!, id] as const).filter((_x, i) => i % 3 === 0);
      await s.db.transaction((tx) => removeKeys(tx, table, gone.map((g) => g[0]), gone.map((g) => g[1])));
      for (const [k, id] of gone) {
        model.get(k)!.delete(id);
        if (model.get(k)!.size === 0) model.delete(k);
      }
    }
    const stored = await checkChunks(s.db, table);
    assert.equal(stored, [...model.values()].reduce((n, x) => n + x.size, 0));
  }
  const probe = [...model.keys(), 1, 2 ** 40 - 1, 12345];
  const found = await idsByKeys(s.db, table, probe);
  for (const k of probe) assert.deepEqual((found.get(k) ?? []).sort((a, b) => a - b), [...(model.get(k) ?? [])].sort((a, b) => a - b), `key ${k}`);
  const rows = await s.db.get<{ n: number }>(`SELECT count(*) AS n FROM ${table}`);
  assert.ok(Number(rows?.n) > 50, `${rows?.n} chunks`);
  // Removing everything leaves the first chunk, empty.
  const all = [...model.entries()].flatMap(([k, ids]) => [...ids].map((id) => [k, id] as const));
  await s.db.transaction((tx) => removeKeys(tx, table, all.map((a) => a[0]), all.map((a) => a[1])));
  assert.equal(await checkChunks(s.db, table), 0);
  assert.equal((await idsByKeys(s.db, table, probe)).size, 0);
});
