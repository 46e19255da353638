import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { engineTest } from '../helpers/stores.js';
import { addressView, chainStatus, clusterView, importBlocks, txView } from '../../src/chain/index.js';
import { migrate, SqliteDb, type Db } from '../../src/store/index.js';

const FIX = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../test/fixtures/chain');
const fx = (n: string): string => path.join(FIX, n);

async function indexDefs(db: Db): Promise<string[]> {
  const rows = db.engine === 'sqlite'
    ? await db.all<{ d: string }>("SELECT sql AS d FROM sqlite_master WHERE name IN ('chain_txs_key', 'chain_addresses_key') ORDER BY name")
    : await db.all<{ d: string }>("SELECT indexdef AS d FROM pg_indexes WHERE indexname IN ('chain_addresses_key', 'chain_txs_key') AND schemaname = current_schema() ORDER BY indexname");
  return rows.map((r) => r.d.replace(/\s+/g, ' '));
}

const HAL_TX = 'f4184fc596403b9d638783cf57adfe4c75c605f6356fbc91338530e9831e9e16';

engineTest('chain migration 21: a store indexed with 8-byte key prefixes is converted and answers the same', async (_t, s) => {
  // Put the store back to migration 20's layout (8-byte prefix indexes, no ledger row 21), index a chain in it,
  // then let the runner bring it up to date: 21 applies although later migrations (30, 50, 51) already have.
  await s.db.exec(`DROP INDEX chain_txs_key; CREATE INDEX chain_txs_key ON chain_txs (substr(txid, 1, 8));
    DROP INDEX chain_addresses_key; CREATE INDEX chain_addresses_key ON chain_addresses (substr(script, 4, 8))`);
  await s.db.run('DELETE FROM schema_migrations WHERE version = 21');
  await importBlocks(s.db, [fx('mainnet-blocks-0-438.blk')], 'blk', { network: 'mainnet' });
  const before = {
    status: await chainStatus(s.db), tx: await txView(s.db, HAL_TX),
    hal: await addressView(s.db, '1Q2TWHE3GMdB6BZKafqwxXtWAWgFt5Jvm3'), cluster: await clusterView(s.db, '1Q2TWHE3GMdB6BZKafqwxXtWAWgFt5Jvm3', 10),
  };
  assert.ok((await indexDefs(s.db)).every((d) => d.includes(', 8)')));

  assert.deepEqual(await migrate(s.db), [21]);
  const defs = await indexDefs(s.db);
  assert.equal(defs.length, 2);
  assert.ok(defs.every((d) => d.includes(', 6)')), defs.join('; '));
  assert.deepEqual(await migrate(s.db), [], 'applied once');

  assert.deepEqual({ ...(await chainStatus(s.db)), bytesOnDisk: 0 }, { ...before.status, bytesOnDisk: 0 });
  assert.deepEqual(await txView(s.db, HAL_TX), before.tx);
  assert.deepEqual(await addressView(s.db, '1Q2TWHE3GMdB6BZKafqwxXtWAWgFt5Jvm3'), before.hal);
  assert.deepEqual(await clusterView(s.db, '1Q2TWHE3GMdB6BZKafqwxXtWAWgFt5Jvm3', 10), before.cluster);
  if (s.db instanceof SqliteDb) {
    // The lookups use the new indexes (the expressions in keys.ts match the migration's).
    const plan = s.db.raw.prepare("EXPLAIN QUERY PLAN SELECT id FROM chain_txs WHERE substr(txid, 1, 6) = x'000000000000'").all() as { detail: string }[];
    assert.ok(plan.some((p) => p.detail.includes('chain_txs_key')), JSON.stringify(plan));
    const aplan = s.db.raw.prepare("EXPLAIN QUERY PLAN SELECT id FROM chain_addresses WHERE substr(script, 4, 6) = x'000000000000'").all() as { detail: string }[];
    assert.ok(aplan.some((p) => p.detail.includes('chain_addresses_key')), JSON.stringify(aplan));
  }
  // And importing more into the migrated store goes on from where it was.
  const more = await importBlocks(s.db, [fx('btcd-blocks1-256.dat')], 'blk', { network: 'mainnet' });
  assert.equal(more.duplicates, 255);
  assert.equal((await chainStatus(s.db)).height, 438);
});

/** Everything the chain index holds about transactions and outputs, in a comparable form. */
async function outputsDump(db: Db): Promise<string> {
  const txs = await db.all<{ id: number; n_out: number; outs: Buffer }>('SELECT id, n_out, outs FROM chain_txs ORDER BY id');
  const paid = await db.all<{ a: number; o: number }>('SELECT address_id AS a, out_id AS o FROM chain_address_outputs ORDER BY address_id, out_id');
  return JSON.stringify([txs.map((t) => [Number(t.id), Number(t.n_out), Buffer.from(t.outs).toString('hex')]), paid.map((p) => [Number(p.a), Number(p.o)])]);
}

engineTest('chain migration 70: a store with one row per output is converted to packed outputs and answers the same', async (_t, s) => {
  await importBlocks(s.db, [fx('mainnet-blocks-0-438.blk')], 'blk', { network: 'mainnet' });
  const fresh = await outputsDump(s.db);
  const before = {
    status: await chainStatus(s.db), tx: await txView(s.db, HAL_TX),
    hal: await addressView(s.db, '1Q2TWHE3GMdB6BZKafqwxXtWAWgFt5Jvm3'), cluster: await clusterView(s.db, '1Q2TWHE3GMdB6BZKafqwxXtWAWgFt5Jvm3', 10),
  };
  assert.ok(before.hal.received > 0);

  // Put the store back to migration 60's layout: chain_outputs rows (written from the packed rows, decoded here
  // independently of the index code) and no ledger row 70.
  const big = s.db.engine === 'sqlite' ? 'INTEGER' : 'BIGINT';
  await s.db.exec(`CREATE TABLE chain_outputs (id ${big} PRIMARY KEY, value ${big} NOT NULL, address_id ${big}, type INTEGER NOT NULL, spent_tx ${big});
    CREATE INDEX chain_outputs_address ON chain_outputs (address_id) WHERE address_id IS NOT NULL`);
  const rows: (number | null)[][] = [];
  for (const t of await s.db.all<{ id: number; outs: Buffer }>('SELECT id, outs FROM chain_txs ORDER BY id')) {
    const b = Buffer.from(t.outs);
    let i = 0;
    const next = (): number => {
      let v = 0;
      for (let mul = 1; ; mul *= 128) {
        const x = b[i++] as number;
        v += (x & 127) * mul;
        if (x < 128) return v;
      }
    };
    for (let n = 0; i < b.length; n++) {
      const value = next();
      const at = next();
      const sp = next();
      const spent = sp === 0 ? null : sp % 2 === 0 ? Number(t.id) + sp / 2 : Number(t.id) - (sp + 1) / 2;
      rows.push([Number(t.id) + n, value, at >= 16 ? Math.floor(at / 16) : null, at % 16, spent]);
    }
  }
  assert.equal(rows.length, before.status.outputs);
  assert.ok(rows.some((r) => r[4] !== null) && rows.some((r) => r[4] === null), 'spent and unspent outputs');
  await s.db.insertMany('chain_outputs', ['id', 'value', 'address_id', 'type', 'spent_tx'], rows);
  await s.db.exec('DROP TABLE chain_address_outputs; ALTER TABLE chain_txs DROP COLUMN outs');
  await s.db.run('DELETE FROM schema_migrations WHERE version = 70');

  assert.deepEqual(await migrate(s.db), [70]);
  assert.deepEqual(await migrate(s.db), [], 'applied once');
  assert.equal(await outputsDump(s.db), fresh, 'the converted rows are those a fresh import writes');
  const gone = s.db.engine === 'sqlite'
    ? await s.db.get<{ n: number }>("SELECT count(*) AS n FROM sqlite_master WHERE name LIKE 'chain_outputs%'")
    : await s.db.get<{ n: number }>("SELECT count(*) AS n FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace WHERE c.relname LIKE 'chain_outputs%' AND s.nspname = current_schema()");
  assert.equal(Number(gone?.n), 0, 'chain_outputs and its index are dropped');
  assert.deepEqual({ ...(await chainStatus(s.db)), bytesOnDisk: 0 }, { ...before.status, bytesOnDisk: 0 });
  assert.deepEqual(await txView(s.db, HAL_TX), before.tx);
  assert.deepEqual(await addressView(s.db, '1Q2TWHE3GMdB6BZKafqwxXtWAWgFt5Jvm3'), before.hal);
  assert.deepEqual(await clusterView(s.db, '1Q2TWHE3GMdB6BZKafqwxXtWAWgFt5Jvm3', 10), before.cluster);
  const more = await importBlocks(s.db, [fx('btcd-blocks1-256.dat')], 'blk', { network: 'mainnet' });
  assert.equal(more.duplicates, 255);
  assert.equal((await chainStatus(s.db)).height, 438);
});
