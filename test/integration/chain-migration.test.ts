import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestStore, engineTest, tempDir } from '../helpers/stores.js';
import { addressView, BlkWriter, ChainBuilder, chainStatus, clusterView, importBlocks, txView, writeSyntheticChain, type SynthBlock } from '../../src/chain/index.js';
import { migrate, type Db, type SqlValue } from '../../src/store/index.js';

const FIX = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../test/fixtures/chain');
const fx = (n: string): string => path.join(FIX, n);

async function indexDefs(db: Db): Promise<string[]> {
  const rows = db.engine === 'sqlite'
    ? await db.all<{ d: string }>("SELECT sql AS d FROM sqlite_master WHERE name IN ('chain_txs_key', 'chain_addresses_key') ORDER BY name")
    : await db.all<{ d: string }>("SELECT indexdef AS d FROM pg_indexes WHERE indexname IN ('chain_addresses_key', 'chain_txs_key') AND schemaname = current_schema() ORDER BY indexname");
  return rows.map((r) => r.d.replace(/\s+/g, ' '));
}

const HAL_TX = 'f4184fc596403b9d638783cf57adfe4c75c605f6356fbc91338530e9831e9e16';

engineTest('chain migrations 21 and 73: a store indexed with 8-byte key prefixes is converted and answers the same', async (_t, s) => {
  // Put the store back to migration 20's layout (8-byte prefix indexes, no key chunks, no ledger rows 21 and 73),
  // index a chain in it through those indexes' own queries, then let the runner bring it up to date: 21 applies
  // although later migrations (30, 50, 51…) already have, then 73 turns the prefix indexes into key chunks.
  await s.db.exec(`DROP TABLE chain_tx_keys; DROP TABLE chain_address_keys;
    CREATE INDEX chain_txs_key ON chain_txs (substr(txid, 1, 8)); CREATE INDEX chain_addresses_key ON chain_addresses (substr(script, 4, 8))`);
  await s.db.run('DELETE FROM schema_migrations WHERE version IN (21, 73)');
  // The chain is indexed into a fresh store and copied row by row: the writer of this version keeps key chunks.
  const src = await createTestStore(s.engine);
  try {
    await importBlocks(src.db, [fx('mainnet-blocks-0-438.blk')], 'blk', { network: 'mainnet' });
    await copyChainRows(src.db, s.db);
  } finally {
    await src.close();
  }
  assert.ok((await indexDefs(s.db)).every((d) => d.includes(', 8)')));
  assert.equal((await indexDefs(s.db)).length, 2);

  assert.deepEqual(await migrate(s.db), [21, 73]);
  assert.deepEqual(await indexDefs(s.db), [], 'the prefix indexes are gone');
  assert.deepEqual(await migrate(s.db), [], 'applied once');

  const fresh = await createTestStore(s.engine);
  try {
    await importBlocks(fresh.db, [fx('mainnet-blocks-0-438.blk')], 'blk', { network: 'mainnet' });
    assert.equal(await keysDump(s.db), await keysDump(fresh.db), 'the key chunks are those a fresh import writes');
    assert.deepEqual({ ...(await chainStatus(s.db)), bytesOnDisk: 0 }, { ...(await chainStatus(fresh.db)), bytesOnDisk: 0 });
    assert.deepEqual(await txView(s.db, HAL_TX), await txView(fresh.db, HAL_TX));
    assert.deepEqual(await addressView(s.db, '1Q2TWHE3GMdB6BZKafqwxXtWAWgFt5Jvm3'), await addressView(fresh.db, '1Q2TWHE3GMdB6BZKafqwxXtWAWgFt5Jvm3'));
    assert.deepEqual(await clusterView(s.db, '1Q2TWHE3GMdB6BZKafqwxXtWAWgFt5Jvm3', 10), await clusterView(fresh.db, '1Q2TWHE3GMdB6BZKafqwxXtWAWgFt5Jvm3', 10));
  } finally {
    await fresh.close();
  }
  // And importing more into the migrated store goes on from where it was.
  const more = await importBlocks(s.db, [fx('btcd-blocks1-256.dat')], 'blk', { network: 'mainnet' });
  assert.equal(more.duplicates, 255);
  assert.equal((await chainStatus(s.db)).height, 438);
});

/** The chain tables' rows (all but the key chunks), copied from one store to another of the same engine. */
async function copyChainRows(from: Db, to: Db): Promise<void> {
  for (const t of ['chain_meta', 'chain_blocks', 'chain_txs', 'chain_addresses', 'chain_address_chunks', 'chain_clusters', 'chain_cluster_guard', 'chain_unresolved']) {
    const rows = await from.all<Record<string, unknown>>(`SELECT * FROM ${t}`);
    if (rows.length === 0) continue;
    const cols = Object.keys(rows[0]!);
    await to.run(`DELETE FROM ${t}`);
    await to.insertMany(t, cols, rows.map((r) => cols.map((c) => r[c] as SqlValue)));
  }
}

/** The key chunks, comparable across stores. */
async function keysDump(db: Db): Promise<string> {
  const out: unknown[] = [];
  for (const t of ['chain_tx_keys', 'chain_address_keys']) {
    out.push((await db.all<{ k: number; entries: Buffer }>(`SELECT k, entries FROM ${t} ORDER BY k`)).map((r) => [Number(r.k), Buffer.from(r.entries).toString('hex')]));
  }
  return JSON.stringify(out);
}

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

engineTest('chain migration 73: a store with prefix key indexes is converted to key chunks and answers the same, then grows like a fresh one', async (_t, s) => {
  const dir = tempDir('chain-m73-');
  try {
    // ~32,000 transactions and more addresses, in several files: enough for hundreds of chunks per table and for
    // the conversion's slices of the key space.
    writeSyntheticChain({ blocks: 40, txsPerBlock: 800, out: dir, seed: 73, maxFileBytes: 2_000_000 });
    const files = fs.readdirSync(dir).filter((n) => /^blk\d+\.dat$/.test(n)).sort().map((n) => path.join(dir, n));
    assert.ok(files.length >= 3, `${files.length} files`);
    const head = files.slice(0, -1);
    const tail = files.slice(-1);
    await importBlocks(s.db, head, 'blk', { network: 'regtest' });
    const fresh = await keysDump(s.db);
    const chunkRows = await s.db.get<{ t: number; a: number }>('SELECT (SELECT count(*) FROM chain_tx_keys) AS t, (SELECT count(*) FROM chain_address_keys) AS a');
    assert.ok(Number(chunkRows?.t) > 100 && Number(chunkRows?.a) > 100, JSON.stringify(chunkRows));
    const txids = (await s.db.all<{ txid: Buffer }>('SELECT txid FROM chain_txs ORDER BY id')).map((r) => Buffer.from(r.txid));
    const sample = txids.filter((_x, i) => i % 397 === 0).map((t) => Buffer.from(t).reverse().toString('hex'));
    const before = { status: await chainStatus(s.db), txs: await Promise.all(sample.map((t) => txView(s.db, t))) };
    const addrs = [...new Set(before.txs.flatMap((t) => t.outputs.map((o) => o.address)).filter((a): a is string => a !== null))].slice(0, 40);
    const views = await Promise.all(addrs.map((a) => addressView(s.db, a)));

    // Put the store back to migration 72's layout: the 6-byte prefix indexes, no key chunks, no ledger row 73.
    await s.db.exec(`DROP TABLE chain_tx_keys; DROP TABLE chain_address_keys;
      CREATE INDEX chain_txs_key ON chain_txs (substr(txid, 1, 6)); CREATE INDEX chain_addresses_key ON chain_addresses (substr(script, 4, 6))`);
    await s.db.run('DELETE FROM schema_migrations WHERE version = 73');
    assert.deepEqual(await migrate(s.db), [73]);
    assert.deepEqual(await migrate(s.db), [], 'applied once');
    assert.deepEqual(await indexDefs(s.db), [], 'the prefix indexes are dropped');
    assert.equal(await keysDump(s.db), fresh, 'the converted chunks are those a fresh import writes');
    assert.deepEqual({ ...(await chainStatus(s.db)), bytesOnDisk: 0 }, { ...before.status, bytesOnDisk: 0 });
    assert.deepEqual(await Promise.all(sample.map((t) => txView(s.db, t))), before.txs);
    assert.deepEqual(await Promise.all(addrs.map((a) => addressView(s.db, a))), views);

    // Importing the rest (a second batch: chunks split as they fill) gives what a fresh store importing the same
    // two batches holds.
    await importBlocks(s.db, tail, 'blk', { network: 'regtest' });
    const other = await createTestStore(s.engine);
    try {
      await importBlocks(other.db, head, 'blk', { network: 'regtest' });
      await importBlocks(other.db, tail, 'blk', { network: 'regtest' });
      assert.equal(await keysDump(s.db), await keysDump(other.db));
      const all = (await other.db.all<{ txid: Buffer }>('SELECT txid FROM chain_txs ORDER BY id')).map((r) => Buffer.from(r.txid).reverse().toString('hex'));
      const late = all.filter((_x, i) => i % 211 === 0);
      assert.deepEqual(await Promise.all(late.map((t) => txView(s.db, t))), await Promise.all(late.map((t) => txView(other.db, t))));
    } finally {
      await other.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
