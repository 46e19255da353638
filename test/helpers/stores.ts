import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, type TestContext } from 'node:test';
import { openStore, PostgresDb, type Db, type Engine } from '../../src/store/index.js';

/**
 * Every repository test runs against both engines. SQLite gets a fresh temporary home; PostgreSQL gets a
 * fresh schema in the database named by SPEARWATCH_TEST_DATABASE_URL (`.ci/run` and `scripts/run-tests.js`
 * start a local cluster and export it). Set SPEARWATCH_TEST_ENGINES=sqlite to run without PostgreSQL on a
 * machine that has none; the default is both, and a missing URL is then a failure, not a silent skip.
 */
export function testEngines(): Engine[] {
  const v = process.env.SPEARWATCH_TEST_ENGINES ?? 'sqlite,postgres';
  return v.split(',').map((s) => s.trim()).filter((s): s is Engine => s === 'sqlite' || s === 'postgres');
}

export interface TestStore {
  db: Db;
  engine: Engine;
  /** SPEARWATCH_HOME for this store (also set for PostgreSQL, for raw files and config). */
  home: string;
  /** Environment that makes a spawned CLI use this same store. */
  env: Record<string, string>;
}

export function tempDir(prefix = 'spearwatch-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Open a fresh, migrated store for one engine. Call `close` (or use withStore) when done. */
export async function createTestStore(engine: Engine): Promise<TestStore & { close(): Promise<void> }> {
  const home = tempDir();
  if (engine === 'sqlite') {
    const db = await openStore({ home });
    const s: TestStore & { close(): Promise<void> } = {
      db, engine, home, env: { SPEARWATCH_HOME: home },
      close: async () => {
        await s.db.close();
        fs.rmSync(home, { recursive: true, force: true });
      },
    };
    return s;
  }
  const url = process.env.SPEARWATCH_TEST_DATABASE_URL;
  if (url === undefined || url === '') {
    throw new Error('SPEARWATCH_TEST_DATABASE_URL is not set: start PostgreSQL (scripts/test-postgres.sh) or set SPEARWATCH_TEST_ENGINES=sqlite');
  }
  const schema = `t_${crypto.randomBytes(6).toString('hex')}`;
  const db = await openStore({ home, databaseUrl: url, pgSchema: schema });
  const dbUrl = withSearchPath(url, schema);
  const s: TestStore & { close(): Promise<void> } = {
    db, engine, home, env: { SPEARWATCH_HOME: home, SPEARWATCH_DATABASE_URL: dbUrl },
    close: async () => {
      await s.db.close();
      const admin = new PostgresDb(url);
      await admin.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.close();
      fs.rmSync(home, { recursive: true, force: true });
    },
  };
  return s;
}

/** A PostgreSQL URL whose connections use `schema` (libpq `options` parameter). */
export function withSearchPath(url: string, schema: string): string {
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.toString();
}

/**
 * Define one test per engine: `engineTest('org import is idempotent', async (t, s) => { … })` registers
 * "org import is idempotent [sqlite]" and "… [postgres]".
 */
export function engineTest(name: string, fn: (t: TestContext, store: TestStore) => Promise<void>): void {
  for (const engine of testEngines()) {
    void test(`${name} [${engine}]`, async (t) => {
      const s = await createTestStore(engine);
      try {
        await fn(t, s);
      } finally {
        await s.close();
      }
    });
  }
}
