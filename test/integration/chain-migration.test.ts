import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { engineTest, tempDir } from '../helpers/stores.js';
import { addressView, BlkWriter, ChainBuilder, chainStatus, clusterView, importBlocks, txView, type SynthBlock } from '../../src/chain/index.js';
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
  const inline = await db.all<{ id: number; outs: Buffer | null }>('SELECT id, outs FROM chain_addresses ORDER BY id');
  const chunked = await db.all<{ a: number; f: number; outs: Buffer }>('SELECT address_id AS a, first_out AS f, outs FROM chain_address_chunks ORDER BY address_id, first_out');
  return JSON.stringify([
    txs.map((t) => [Number(t.id), Number(t.n_out), Buffer.from(t.outs).toString('hex')]),
    inline.map((r) => [Number(r.id), r.outs === null ? null : Buffer.from(r.outs).toString('hex')]),
    chunked.map((c) => [Number(c.a), Number(c.f), Buffer.from(c.outs).toString('hex')]),
  ]);
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
  // (and before migration 71: no address lists)
  await s.db.exec('DROP TABLE chain_address_chunks; ALTER TABLE chain_addresses DROP COLUMN outs; ALTER TABLE chain_txs DROP COLUMN outs');
  await s.db.run('DELETE FROM schema_migrations WHERE version IN (70, 71)');

  assert.deepEqual(await migrate(s.db), [70, 71]);
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

engineTest('chain migration 71: a store with one row per (address, output) is converted to address lists and answers the same', async (_t, s) => {
  // A chain indexed in one batch (what the conversion writes is what one batch writes), with an address paid more
  // often than a row's list holds and more often than a chunk holds.
  const dir = tempDir('chain-m71-');
  try {
    const b = new ChainBuilder({ seed: 31 });
    const hot = b.newAddress('p2wpkh');
    const blocks: SynthBlock[] = [b.genesis as SynthBlock];
    for (let i = 0; i < 30; i++) blocks.push(b.mineBlock({ coinbaseTo: hot.script }));
    const u = b.utxosOf(hot.script);
    b.spend([u[0]!], Array.from({ length: 450 }, () => ({ script: hot.script, value: 0.1e8 })));
    b.spend([u[1]!, u[2]!], [{ script: b.newAddress('p2tr').script, value: 99e8 }]);
    blocks.push(b.mineBlock());
    const w = new BlkWriter(path.join(dir, 'blk'), { magic: b.magic });
    for (const x of blocks) w.write(x.raw);
    w.close();
    await importBlocks(s.db, [path.join(dir, 'blk')], 'blk', { network: 'regtest' });
    const fresh = await outputsDump(s.db);
    const chunks = await s.db.get<{ n: number }>('SELECT count(*) AS n FROM chain_address_chunks');
    assert.ok(Number(chunks?.n) >= 3, 'the hot address is chunked');
    const before = {
      status: await chainStatus(s.db), hot: await addressView(s.db, hot.address), cluster: await clusterView(s.db, hot.address, 10),
    };
    assert.equal(before.hot.received, 30 * 50e8 + 450 * 0.1e8);

    // Put the store back to migration 70's layout: chain_address_outputs rows (from the lists, decoded here
    // independently of the index code), no lists, no ledger row 71.
    const pairs: number[][] = [];
    const read = (base: number, blob: Buffer | null, a: number): void => {
      if (blob === null) return;
      let prev = base;
      for (let i = 0; i < blob.length;) {
        let v = 0;
        for (let mul = 1; ; mul *= 128) {
          const x = blob[i++] as number;
          v += (x & 127) * mul;
          if (x < 128) break;
        }
        prev += v;
        pairs.push([a, prev]);
      }
    };
    for (const r of await s.db.all<{ id: number; outs: Buffer | null }>('SELECT id, outs FROM chain_addresses')) read(0, r.outs === null ? null : Buffer.from(r.outs), Number(r.id));
    for (const c of await s.db.all<{ a: number; f: number; outs: Buffer }>('SELECT address_id AS a, first_out AS f, outs FROM chain_address_chunks')) {
      read(Number(c.f), Buffer.from(c.outs), Number(c.a));
    }
    assert.ok(pairs.length >= 480 && pairs.length <= before.status.outputs);
    const big = s.db.engine === 'sqlite' ? 'INTEGER' : 'BIGINT';
    await s.db.exec(`CREATE TABLE chain_address_outputs (address_id ${big} NOT NULL, out_id ${big} NOT NULL, PRIMARY KEY (address_id, out_id))${s.db.engine === 'sqlite' ? ' WITHOUT ROWID' : ''}`);
    await s.db.insertMany('chain_address_outputs', ['address_id', 'out_id'], pairs);
    await s.db.exec('DROP TABLE chain_address_chunks; ALTER TABLE chain_addresses DROP COLUMN outs');
    await s.db.run('DELETE FROM schema_migrations WHERE version = 71');

    assert.deepEqual(await migrate(s.db), [71]);
    assert.deepEqual(await migrate(s.db), [], 'applied once');
    assert.equal(await outputsDump(s.db), fresh, 'the converted lists are those a fresh import writes');
    const gone = s.db.engine === 'sqlite'
      ? await s.db.get<{ n: number }>("SELECT count(*) AS n FROM sqlite_master WHERE name LIKE 'chain_address_outputs%'")
      : await s.db.get<{ n: number }>("SELECT count(*) AS n FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace WHERE c.relname LIKE 'chain_address_outputs%' AND s.nspname = current_schema()");
    assert.equal(Number(gone?.n), 0, 'chain_address_outputs is dropped');
    assert.deepEqual({ ...(await chainStatus(s.db)), bytesOnDisk: 0 }, { ...before.status, bytesOnDisk: 0 });
    assert.deepEqual(await addressView(s.db, hot.address), before.hot);
    assert.deepEqual(await clusterView(s.db, hot.address, 10), before.cluster);
    // And importing more into the migrated store appends to the converted lists.
    const more = [b.mineBlock({ coinbaseTo: hot.script }), b.mineBlock({ coinbaseTo: hot.script })];
    const w2 = new BlkWriter(path.join(dir, 'more'), { magic: b.magic });
    for (const x of more) w2.write(x.raw);
    w2.close();
    await importBlocks(s.db, [path.join(dir, 'more')], 'blk', { network: 'regtest' });
    assert.equal((await addressView(s.db, hot.address)).received, before.hot.received + 2 * 50e8);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
