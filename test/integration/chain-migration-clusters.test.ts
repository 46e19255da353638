import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createTestStore, engineTest, tempDir } from '../helpers/stores.js';
import { addressId, BlkWriter, ChainBuilder, clusterView, importBlocks, type SynthBlock } from '../../src/chain/index.js';
import { migrate, type Db } from '../../src/store/index.js';

function writeBlk(dir: string, name: string, magic: number, blocks: readonly SynthBlock[]): string {
  const d = path.join(dir, name);
  const w = new BlkWriter(d, { magic });
  for (const x of blocks) w.write(x.raw);
  w.close();
  return d;
}

/** Address rows (id, cluster id) and cluster sizes, comparable across stores. */
async function clustersDump(db: Db): Promise<string> {
  const a = await db.all<{ id: number; c: number | null }>('SELECT id, cluster_id AS c FROM chain_addresses ORDER BY id');
  const c = await db.all<{ id: number; size: number }>('SELECT id, size FROM chain_clusters ORDER BY id');
  return JSON.stringify([a.map((r) => [Number(r.id), r.c === null ? null : Number(r.c)]), c.map((r) => [Number(r.id), Number(r.size)])]);
}

/**
 * Three imports: A = {a}, B = {b1, b2} and C = {c1..c4} formed in the first, A absorbed into B in the second
 * (B is larger), B (now 3) absorbed into C (4) in the third. A's id was absorbed twice.
 */
function threeImports(dir: string): { files: string[]; a: Buffer; b1: Buffer; c1: Buffer; b2: Buffer; c: Buffer[] } {
  const b = new ChainBuilder({ seed: 72 });
  const [a, b1, b2, c1, c2, c3, c4] = ['p2wpkh', 'p2pkh', 'p2wpkh', 'p2tr', 'p2wpkh', 'p2sh', 'p2wpkh'].map((t) => b.newAddress(t as 'p2wpkh'));
  const first: SynthBlock[] = [b.genesis as SynthBlock];
  for (const x of [a, b1, b2, c1, c2, c3, c4]) first.push(b.mineBlock({ coinbaseTo: x!.script }));
  const u = (x: { script: Buffer }) => b.utxosOf(x.script)[0]!;
  b.spend([u(b1!), u(b2!)], [{ script: b1!.script, value: 99e8 }]);
  b.spend([u(c1!), u(c2!), u(c3!), u(c4!)], [{ script: c1!.script, value: 199e8 }]);
  first.push(b.mineBlock());
  b.spend([u(a!), u(b1!)], [{ script: b1!.script, value: 148e8 }]);
  const second = [b.mineBlock()];
  b.spend([u(b1!), u(c1!)], [{ script: c1!.script, value: 346e8 }]);
  const third = [b.mineBlock()];
  return {
    files: [writeBlk(dir, 'one', b.magic, first), writeBlk(dir, 'two', b.magic, second), writeBlk(dir, 'three', b.magic, third)],
    a: a!.script, b1: b1!.script, b2: b2!.script, c1: c1!.script, c: [c2!.script, c3!.script, c4!.script],
  };
}

engineTest('chain migration 72: an id absorbed twice resolves to the final cluster through its address row, with the alias table gone', async (_t, s) => {
  const dir = tempDir('chain-m72-');
  try {
    const chain = threeImports(dir);
    const id = async (script: Buffer): Promise<number> => (await addressId(s.db, script))!.id;
    await importBlocks(s.db, [chain.files[0]!], 'blk', { network: 'regtest' });
    const [A, B, C] = [await id(chain.a), await id(chain.b1), await id(chain.c1)];
    assert.equal((await clusterView(s.db, String(B), 10)).size, 2);
    assert.equal((await clusterView(s.db, String(C), 10)).size, 4);
    await importBlocks(s.db, [chain.files[1]!], 'blk', { network: 'regtest' });
    assert.equal((await clusterView(s.db, String(A), 10)).id, B, 'A absorbed into B');
    await importBlocks(s.db, [chain.files[2]!], 'blk', { network: 'regtest' });
    const final = await clusterView(s.db, String(A), 10);
    assert.equal(final.id, C);
    assert.equal(final.size, 7);
    assert.deepEqual(await clusterView(s.db, String(B), 10), final);

    // Put the store back to migration 71's layout: the alias rows the writer used to add at each merge (the
    // absorbed id and the cluster that absorbed it then; new addresses merged in their first batch included).
    const big = s.db.engine === 'sqlite' ? 'INTEGER' : 'BIGINT';
    await s.db.exec(`CREATE TABLE chain_cluster_aliases (old_id ${big} PRIMARY KEY, new_id ${big} NOT NULL)`);
    const [B2, ...Cs] = [await id(chain.b2), ...await Promise.all(chain.c.map(id))];
    await s.db.insertMany('chain_cluster_aliases', ['old_id', 'new_id'], [[B2, B], ...Cs.map((c) => [c, C]), [A, B], [B, C]]);
    await s.db.run('DELETE FROM schema_migrations WHERE version = 72');
    const before = await clustersDump(s.db);
    // And a row that disagrees with the aliases (as if an update had been lost): the migration settles it.
    await s.db.run('UPDATE chain_addresses SET cluster_id = ? WHERE id = ?', [B, A]);

    assert.deepEqual(await migrate(s.db), [72]);
    assert.deepEqual(await migrate(s.db), [], 'applied once');
    const gone = s.db.engine === 'sqlite'
      ? await s.db.get<{ n: number }>("SELECT count(*) AS n FROM sqlite_master WHERE name = 'chain_cluster_aliases'")
      : await s.db.get<{ n: number }>("SELECT count(*) AS n FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace WHERE c.relname = 'chain_cluster_aliases' AND s.nspname = current_schema()");
    assert.equal(Number(gone?.n), 0, 'chain_cluster_aliases is dropped');
    assert.equal(await clustersDump(s.db), before, 'the address rows say what the aliases said');
    for (const x of [A, B, B2, ...Cs, C]) assert.deepEqual(await clusterView(s.db, String(x), 10), final, `id ${x}`);

    // A fresh import of the same chain (same batches) holds the same rows and resolves the same way.
    const fresh = await createTestStore(s.engine);
    try {
      for (const f of chain.files) await importBlocks(fresh.db, [f], 'blk', { network: 'regtest' });
      assert.equal(await clustersDump(fresh.db), before);
      for (const x of [A, B, C]) assert.deepEqual(await clusterView(fresh.db, String(x), 10), final);
      // An id that is no address is not a cluster.
      await assert.rejects(clusterView(fresh.db, '999999', 10), /not in the index/);
    } finally {
      await fresh.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
