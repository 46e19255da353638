import { SpearwatchError } from '../core/index.js';
import { MIGRATIONS } from './migrations/index.js';
import { clientQueryable, PostgresDb } from './postgres.js';
import { SqliteDb } from './sqlite.js';
import { DIALECTS, type Db, type Migration } from './types.js';

const LEDGER = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at TEXT NOT NULL
)`;

/** Versions in the ledger (none before the first migration). */
async function recorded(db: Db): Promise<Set<number>> {
  if ((await db.schemaVersion()) === 0) return new Set();
  return new Set((await db.all<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => Number(r.version)));
}

export const LATEST_SCHEMA_VERSION = MIGRATIONS.reduce((m, x) => Math.max(m, x.version), 0);

function checkOrder(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    const prev = i === 0 ? 0 : migrations[i - 1]!.version;
    if (m.version <= prev) throw new Error(`migration list out of order at ${m.name}: version ${m.version} after ${prev}`);
  });
}

/**
 * Bring the store to the latest schema. Safe when several processes start at once: SQLite takes the write lock
 * (BEGIN IMMEDIATE, others wait on busy_timeout); PostgreSQL takes a transaction-scoped advisory lock. All
 * pending migrations run in one transaction, so a crash (even SIGKILL) leaves the previous version intact.
 * Returns the versions applied.
 */
export async function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  checkOrder(migrations);
  const latest = migrations.reduce((m, x) => Math.max(m, x.version), 0);
  const applied: number[] = [];
  /**
   * Every listed migration the ledger does not hold, in list order. Not just those above the highest recorded
   * version: domains number their migrations in their own ranges (chain 20–29, campaigns 30–39, …), so a store
   * already at 51 must still get a chain migration 21 added later. A recorded version above every known one
   * means a newer spearwatch migrated this store.
   */
  const plan = async (done: ReadonlySet<number>, apply: (m: Migration) => Promise<void>): Promise<void> => {
    const current = Math.max(0, ...done);
    if (current > latest) {
      throw new SpearwatchError(
        'SW_STORE_SCHEMA_TOO_NEW',
        `the store at ${db.location} has schema version ${current}, newer than this spearwatch knows (${latest}); upgrade spearwatch`,
      );
    }
    for (const m of migrations.filter((x) => !done.has(x.version))) {
      await apply(m);
      applied.push(m.version);
    }
  };
  const allApplied = (done: ReadonlySet<number>): boolean => migrations.every((m) => done.has(m.version)) && Math.max(0, ...done) <= latest;
  const now = new Date().toISOString();
  try {
    if (db instanceof SqliteDb) {
      // Fast path without taking the write lock when nothing is pending.
      if (allApplied(await recorded(db))) return [];
      await db.transaction(async (tx) => {
        await db.exec(LEDGER);
        const done = new Set((await tx.all<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => Number(r.version)));
        await plan(done, async (m) => {
          await db.exec(m.up(DIALECTS.sqlite));
          if (m.data !== undefined) await m.data(tx, DIALECTS.sqlite);
          await tx.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [m.version, m.name, now]);
        });
      }, 'IMMEDIATE');
    } else if (db instanceof PostgresDb) {
      if (allApplied(await recorded(db))) return [];
      await db.withClient(async (client) => {
        await client.query('BEGIN');
        try {
          await client.query("SELECT pg_advisory_xact_lock(hashtext(current_schema() || ':spearwatch-migrations'))");
          await client.query(LEDGER);
          const rows = (await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows;
          await plan(new Set(rows.map((r) => Number(r.version))), async (m) => {
            await client.query(m.up(DIALECTS.postgres));
            if (m.data !== undefined) await m.data(clientQueryable(client), DIALECTS.postgres);
            await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [m.version, m.name, now]);
          });
          await client.query('COMMIT');
        } catch (e) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw e;
        }
      });
    } else {
      throw new Error('unknown store engine');
    }
  } catch (e) {
    if (e instanceof SpearwatchError) throw e;
    throw new SpearwatchError('SW_MIGRATION_FAILED', `schema migration failed and was rolled back: ${(e as Error).message}`, { cause: e });
  }
  return applied;
}
