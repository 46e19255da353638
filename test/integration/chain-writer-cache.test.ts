import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { ChainWriter, NETWORK_PARAMS, parseBlock, scanBlkRecords, writeSyntheticChain, type Block } from '../../src/chain/index.js';
import type { Db } from '../../src/store/index.js';
import { createTestStore, tempDir, testEngines } from '../helpers/stores.js';

/** Everything the writer stores, in a comparable form. */
async function dump(db: Db): Promise<string> {
  const parts: unknown[] = [];
  for (const sql of [
    'SELECT id, txid, n_out, n_in, fee, flags, ins, outs FROM chain_txs ORDER BY id',
    'SELECT address_id, first_out, outs FROM chain_address_chunks ORDER BY address_id, first_out',
    'SELECT id, script, cluster_id, outs FROM chain_addresses ORDER BY id',
    'SELECT id, size FROM chain_clusters ORDER BY id',
    'SELECT tx_id, vin FROM chain_unresolved ORDER BY tx_id, vin',
  ]) {
    const rows = await db.all<Record<string, unknown>>(sql);
    parts.push(rows.map((r) => Object.values(r).map((v) => (Buffer.isBuffer(v) ? v.toString('hex') : v === null ? null : Number(v)))));
  }
  return JSON.stringify(parts);
}

async function index(engine: 'sqlite' | 'postgres', blocks: Block[], txCacheEntries: number | undefined): Promise<{ dump: string; unresolved: number }> {
  const s = await createTestStore(engine);
  try {
    const writer = new ChainWriter(txCacheEntries === undefined ? {} : { txCacheEntries });
    let unresolved = 0;
    for (let i = 0; i < blocks.length; i += 7) {
      const items = blocks.slice(i, i + 7).map((block, k) => ({ block, blockRowId: i + k + 1, height: i + k }));
      unresolved += (await s.db.transaction(async (tx) => {
        await writer.load(tx);
        return writer.connect(tx, items);
      })).unresolved;
    }
    return { dump: await dump(s.db), unresolved };
  } finally {
    await s.close();
  }
}

for (const engine of testEngines()) {
  void test(`chain writer: spends resolve to the same index from the batch, the cache or the store (a cache of 8) [${engine}]`, async () => {
    const dir = tempDir('chain-cache-');
    try {
      writeSyntheticChain({ blocks: 150, txsPerBlock: 25, out: dir, seed: 11 });
      const blocks: Block[] = [];
      for (const f of fs.readdirSync(dir).sort()) {
        const buf = fs.readFileSync(path.join(dir, f));
        for (const r of scanBlkRecords(buf, new Set([NETWORK_PARAMS.regtest.magic])).records) blocks.push(parseBlock(buf.subarray(r.blockOffset, r.blockOffset + r.length)));
      }
      const big = await index(engine, blocks, undefined);
      const tiny = await index(engine, blocks, 8);
      assert.equal(big.unresolved, 0);
      assert.equal(tiny.unresolved, 0);
      assert.ok(big.dump.length > 10_000);
      assert.equal(tiny.dump, big.dump);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
}
