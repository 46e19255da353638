import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import { LATEST_SCHEMA_VERSION, migrate, openStore, type Migration } from '../../src/store/index.js';
import { MIGRATIONS } from '../../src/store/migrations/index.js';
import { ROOT } from '../helpers/cli.js';
import { createTestStore, engineTest, testEngines } from '../helpers/stores.js';

engineTest('a fresh store is migrated to the latest schema version', async (_t, s) => {
  assert.equal(await s.db.schemaVersion(), LATEST_SCHEMA_VERSION);
  const rows = await s.db.all<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
  assert.deepEqual(rows.map((r) => r.version), MIGRATIONS.map((m) => m.version));
  assert.deepEqual(await migrate(s.db), [], 're-running migrations applies nothing');
});

engineTest('a failing migration rolls back completely and names itself', async (_t, s) => {
  const broken: Migration = { version: 9999, name: 'broken', up: () => 'CREATE TABLE half_done (x INTEGER); CREATE TABLE half_done (x INTEGER)' };
  await assert.rejects(migrate(s.db, [...MIGRATIONS, broken]), (e: Error & { code?: string }) => e.code === 'SW_MIGRATION_FAILED');
  assert.equal(await s.db.schemaVersion(), LATEST_SCHEMA_VERSION);
  const tables = s.engine === 'sqlite'
    ? await s.db.all("SELECT name FROM sqlite_master WHERE name = 'half_done'")
    : await s.db.all("SELECT 1 FROM information_schema.tables WHERE table_name = 'half_done' AND table_schema = current_schema()");
  assert.equal(tables.length, 0);
});

engineTest('a store migrated by a newer spearwatch is refused', async (_t, s) => {
  await s.db.run("INSERT INTO schema_migrations (version, name, applied_at) VALUES (100000, 'from the future', '2030-01-01T00:00:00.000Z')");
  await assert.rejects(migrate(s.db), (e: Error & { code?: string }) => e.code === 'SW_STORE_SCHEMA_TOO_NEW');
});

/** Child process: open the store (with an optional slow extra migration) and report when migrating. */
const CHILD = `
import { openStore, migrate } from ${JSON.stringify(path.join(ROOT, 'dist/src/store/index.js'))};
import { MIGRATIONS } from ${JSON.stringify(path.join(ROOT, 'dist/src/store/migrations/index.js'))};
const [home, url, schema, slow] = process.argv.slice(1);
const db = await openStore({ home, databaseUrl: url || undefined, pgSchema: schema || undefined, migrate: slow !== 'slow' });
if (slow === 'slow') {
  const big = { version: 99999, name: 'slow', up: (d) => d.engine === 'sqlite'
    ? "CREATE TABLE slow_table (x INTEGER); WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 200000000) INSERT INTO slow_table SELECT i FROM c"
    : "CREATE TABLE slow_table (x INTEGER); SELECT pg_sleep(3)" };
  process.stdout.write('migrating\\n');
  await migrate(db, [...MIGRATIONS, big]);
}
process.stdout.write('version ' + (await db.schemaVersion()) + '\\n');
await db.close();
`;

function child(args: string[]): { proc: ReturnType<typeof spawn>; output: Promise<string> } {
  const proc = spawn(process.execPath, ['--input-type=module', '-e', CHILD, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  proc.stdout.on('data', (b: Buffer) => (out += b.toString()));
  proc.stderr.on('data', (b: Buffer) => (out += b.toString()));
  return { proc, output: new Promise((resolve) => proc.on('close', () => resolve(out))) };
}

function storeArgs(s: { home: string; env: Record<string, string> }, engine: string): string[] {
  if (engine === 'sqlite') return [s.home, '', ''];
  const url = new URL(s.env.SPEARWATCH_DATABASE_URL!);
  const schema = /search_path=(\w+)/.exec(url.searchParams.get('options') ?? '')![1]!;
  url.searchParams.delete('options');
  return [s.home, url.toString(), schema];
}

for (const engine of testEngines()) {
  void test(`two processes migrating the same empty store at once both succeed [${engine}]`, async () => {
    const s = await createTestStore(engine);
    try {
      // Start from an empty store: drop what createTestStore migrated.
      await s.db.close();
      const args = storeArgs(s, engine);
      if (engine === 'sqlite') {
        (await import('node:fs')).rmSync(path.join(s.home, 'spearwatch.db'), { force: true });
      } else {
        const { PostgresDb } = await import('../../src/store/index.js');
        const admin = new PostgresDb(args[1]!);
        await admin.exec(`DROP SCHEMA ${args[2]} CASCADE; CREATE SCHEMA ${args[2]}`);
        await admin.close();
      }
      const runs = [child(args), child(args), child(args)];
      const outputs = await Promise.all(runs.map((r) => r.output));
      for (const o of outputs) assert.match(o, new RegExp(`version ${LATEST_SCHEMA_VERSION}\\n`), o);
    } finally {
      s.db = await openStore({ home: s.home, databaseUrl: storeArgs(s, engine)[1] || undefined, pgSchema: storeArgs(s, engine)[2] || undefined });
      await s.close();
    }
  });

  void test(`SIGKILL during a migration leaves the previous schema, and the next start completes it [${engine}]`, async () => {
    const s = await createTestStore(engine);
    try {
      const args = storeArgs(s, engine);
      const run = child([...args, 'slow']);
      await new Promise<void>((resolve) => {
        run.proc.stdout!.on('data', (b: Buffer) => {
          if (b.toString().includes('migrating')) setTimeout(resolve, 700);
        });
      });
      run.proc.kill('SIGKILL');
      await run.output;
      const again = await openStore({ home: s.home, databaseUrl: args[1] || undefined, pgSchema: args[2] || undefined });
      try {
        assert.equal(await again.schemaVersion(), LATEST_SCHEMA_VERSION);
        const leftover = engine === 'sqlite'
          ? await again.all("SELECT name FROM sqlite_master WHERE name = 'slow_table'")
          : await again.all("SELECT 1 FROM information_schema.tables WHERE table_name = 'slow_table' AND table_schema = current_schema()");
        assert.equal(leftover.length, 0, 'the killed migration left nothing behind');
        assert.deepEqual(await migrate(again), []);
      } finally {
        await again.close();
      }
    } finally {
      await s.close();
    }
  });
}
