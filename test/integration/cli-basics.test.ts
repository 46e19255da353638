import assert from 'node:assert/strict';
import { test } from 'node:test';
import { VERSION } from '../../src/core/index.js';
import { runCli } from '../helpers/cli.js';
import { engineTest, tempDir } from '../helpers/stores.js';

test('--version prints the package version', async () => {
  const r = await runCli(['--version']);
  assert.equal(r.code, 0);
  assert.equal(r.stdout.trim(), VERSION);
});

for (const args of [['--help'], ['org', '--help'], ['org', 'import', '--help'], ['doctor', '--help'], ['demo', '--help']]) {
  test(`${args.join(' ')} prints usage and exits 0`, async () => {
    const r = await runCli(args);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Usage: spearwatch/);
  });
}

const USAGE: string[][] = [[], ['no-such-command'], ['org', 'add', 'x'], ['org', 'list', '--bogus'], ['--log-level', 'loud', 'org', 'list']];
for (const args of USAGE) {
  test(`usage error exits 2: spearwatch ${args.join(' ')}`, async () => {
    const r = await runCli(args, { env: { SPEARWATCH_HOME: tempDir() } });
    assert.equal(r.code, 2, r.stdout + r.stderr);
  });
}

test('an unknown SPEARWATCH_ variable is a configuration error naming it (exit 2)', async () => {
  const r = await runCli(['org', 'list'], { env: { SPEARWATCH_HOME: tempDir(), SPEARWATCH_DATABSE_URL: 'postgres://x' } });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /SW_CONFIG_INVALID: unknown configuration variable SPEARWATCH_DATABSE_URL/);
});

test('an unreachable PostgreSQL is a store failure (exit 4)', async () => {
  const r = await runCli(['org', 'list'], { env: { SPEARWATCH_HOME: tempDir(), SPEARWATCH_DATABASE_URL: 'postgres://u:p@127.0.0.1:1/none' } });
  assert.equal(r.code, 4, r.stderr);
  assert.match(r.stderr, /SW_STORE_UNAVAILABLE/);
  assert.ok(!r.stderr.includes(':p@'), 'password not printed');
});

engineTest('doctor reports the engine, schema version and configuration sources', async (_t, s) => {
  const r = await runCli(['doctor', '--json'], { env: { ...s.env, SPEARWATCH_SERVER__PORT: '9999' } });
  assert.equal(r.code, 0, r.stderr);
  const d = JSON.parse(r.stdout) as { store: { engine: string; schemaVersion: number; latestSchemaVersion: number }; config: Record<string, unknown>; configSources: Record<string, string> };
  assert.equal(d.store.engine, s.engine);
  assert.equal(d.store.schemaVersion, d.store.latestSchemaVersion);
  assert.equal(d.config['server.port'], 9999);
  assert.equal(d.configSources['server.port'], 'env');
  if (s.engine === 'postgres') assert.ok(!JSON.stringify(d).includes(':spearwatch@'), 'password redacted');
  const text = await runCli(['doctor'], { env: s.env });
  assert.match(text.stdout, new RegExp(`store: ${s.engine}`));
  assert.match(text.stdout, /chain hashing: (avx-512\+sha-ni|avx-512|sha-ni|portable) \(native addon\)/);
  const fallback = await runCli(['doctor', '--json'], { env: { ...s.env, SPEARWATCH_NATIVE: '0' } });
  const f = JSON.parse(fallback.stdout) as { chainHashing: { backend: string; native: boolean; problem: string } };
  assert.deepEqual(f.chainHashing, { backend: 'js', native: false, problem: 'disabled by SPEARWATCH_NATIVE=0' });
});
