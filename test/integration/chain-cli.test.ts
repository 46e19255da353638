import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cliJson } from '../helpers/cli.js';
import { createTestStore, engineTest, tempDir, type TestStore } from '../helpers/stores.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const FIX = path.join(ROOT, 'test/fixtures/chain');

function cli(s: TestStore, args: string[]): ReturnType<typeof cliJson> {
  return cliJson(s.env, args);
}

engineTest('chain CLI: import, status, tx, address, cluster keep their JSON contract', (_t, s) => Promise.resolve(contract(s)));

function contract(s: TestStore): void {
  const imp = cli(s, ['chain', 'import', path.join(FIX, 'mainnet-blocks-0-438.blk'), path.join(FIX, 'btcd-blocks1-256.dat'), '--network', 'mainnet', '--json']);
  assert.equal(imp.code, 0, imp.stderr);
  assert.equal((imp.json as { height: number }).height, 438);
  const st = cli(s, ['chain', 'status', '--json']);
  assert.equal(st.code, 0);
  assert.deepEqual(Object.keys(st.json as object), ['network', 'height', 'tipHash', 'blocks', 'transactions', 'outputs', 'addresses', 'clusters', 'bytesOnDisk']);
  assert.equal((st.json as { height: number }).height, 438);

  const tx = cli(s, ['chain', 'tx', 'f4184fc596403b9d638783cf57adfe4c75c605f6356fbc91338530e9831e9e16', '--json']);
  assert.equal(tx.code, 0, tx.stderr);
  const t = tx.json as { txid: string; fee: number; inputs: object[]; outputs: { n: number; address: string; value: number; spentBy: unknown }[] };
  assert.deepEqual(Object.keys(t), ['txid', 'blockHash', 'height', 'time', 'fee', 'inputs', 'outputs']);
  assert.deepEqual(Object.keys(t.inputs[0]!), ['prevTxid', 'vout', 'address', 'value']);
  assert.deepEqual(Object.keys(t.outputs[0]!), ['n', 'address', 'type', 'value', 'spentBy']);
  assert.deepEqual(t.outputs.map((o) => [o.address, o.value]), [['1Q2TWHE3GMdB6BZKafqwxXtWAWgFt5Jvm3', 1e9], ['12cbQLTFMXRnSzktFkuoG3eHoMeFtpTu3S', 4e9]]);

  const addr = cli(s, ['chain', 'address', '1Q2TWHE3GMdB6BZKafqwxXtWAWgFt5Jvm3', '--json']);
  assert.deepEqual(Object.keys(addr.json as object), ['address', 'type', 'received', 'sent', 'balance', 'txCount', 'firstSeen', 'lastSeen', 'cluster']);
  const cl = cli(s, ['chain', 'cluster', '12cbQLTFMXRnSzktFkuoG3eHoMeFtpTu3S', '--limit', '5', '--json']);
  assert.equal(cl.code, 0);
  assert.deepEqual(Object.keys(cl.json as object), ['id', 'size', 'addresses', 'received', 'balance', 'tags']);

  assert.equal(cli(s, ['chain', 'tx', 'ab'.repeat(32), '--json']).code, 3, 'unknown txid');
  assert.equal(cli(s, ['chain', 'tx', 'nonsense']).code, 2, 'malformed txid');
  assert.equal(cli(s, ['chain', 'address', '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb']).code, 2, 'bad checksum');
  assert.equal(cli(s, ['chain', 'import']).code, 2, 'nothing to import');
}

engineTest('chain CLI: synth is deterministic and imports with a corrupt-file exit code', (_t, s) => Promise.resolve(synth(s)));

function synth(s: TestStore): void {
  const dir = tempDir('chain-synth-');
  try {
    const a = cli(s, ['chain', 'synth', '--blocks', '30', '--txs-per-block', '20', '--out', path.join(dir, 'a'), '--seed', '5', '--json']);
    const b = cli(s, ['chain', 'synth', '--blocks', '30', '--txs-per-block', '20', '--out', path.join(dir, 'b'), '--seed', '5', '--json']);
    assert.equal(a.code, 0, a.stderr);
    assert.equal(b.code, 0, b.stderr);
    assert.deepEqual(fs.readFileSync(path.join(dir, 'a/blk00000.dat')), fs.readFileSync(path.join(dir, 'b/blk00000.dat')));
    const imp = cli(s, ['chain', 'import', path.join(dir, 'a'), '--network', 'regtest', '--json']);
    assert.equal(imp.code, 0, imp.stderr);
    const r = imp.json as { height: number; transactions: number };
    assert.equal(r.height, 30);
    assert.equal(r.transactions, (a.json as { transactions: number }).transactions);
    // A truncated copy: exit 3, the report names the file, nothing already indexed is lost.
    const buf = fs.readFileSync(path.join(dir, 'a/blk00000.dat'));
    fs.mkdirSync(path.join(dir, 'c'));
    fs.writeFileSync(path.join(dir, 'c/blk00000.dat'), buf.subarray(0, buf.length - 100));
    const bad = cli(s, ['chain', 'import', path.join(dir, 'c'), '--json']);
    assert.equal(bad.code, 3);
    assert.match((bad.json as { problems: { reason: string }[] }).problems[0]!.reason, /truncated/);
    assert.equal((cli(s, ['chain', 'status', '--json']).json as { height: number }).height, 30);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

engineTest('chain CLI: an import killed with SIGKILL resumes to the same index as an uninterrupted one', async (_t, s) => {
  const dir = tempDir('chain-kill-');
  try {
    const chainDir = path.join(dir, 'blocks');
    assert.equal(cli(s, ['chain', 'synth', '--blocks', '120', '--txs-per-block', '60', '--out', chainDir, '--seed', '3']).code, 0);
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/spearwatch.js'), 'chain', 'import', chainDir, '--network', 'regtest'], {
      env: { ...process.env, ...s.env }, stdio: 'ignore',
    });
    // Kill it as soon as the headers are recorded, while the first batch is being indexed (wherever it lands,
    // before, during or after a batch, the store must stay consistent).
    const exited = new Promise((r) => child.once('exit', r));
    for (let i = 0; i < 400; i++) {
      const n = await s.db.get<{ n: number }>('SELECT count(*) AS n FROM chain_blocks').catch(() => ({ n: 0 }));
      if (Number(n?.n ?? 0) > 0 || child.exitCode !== null) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    child.kill('SIGKILL');
    await exited;
    const resumed = cli(s, ['chain', 'import', chainDir, '--network', 'regtest', '--json']);
    assert.equal(resumed.code, 0, resumed.stderr);
    const after = cli(s, ['chain', 'status', '--json']).json as Record<string, unknown>;
    const other = await createTestStore(s.engine);
    try {
      assert.equal(cli(other, ['chain', 'import', chainDir, '--network', 'regtest']).code, 0);
      const fresh = cli(other, ['chain', 'status', '--json']).json as Record<string, unknown>;
      assert.deepEqual({ ...after, bytesOnDisk: 0 }, { ...fresh, bytesOnDisk: 0 });
      assert.equal(after.height, 120);
    } finally {
      await other.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
