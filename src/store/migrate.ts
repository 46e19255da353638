import { SpearwatchError } from '../core/index.js';
import { MIGRATIONS } from './migrations/index.js';
import { PostgresDb } from './postgres.js';
import { SqliteDb } from './sqlite.js';
import { DIALECTS, type Db, type Migration } from './types.js';

const LEDGER = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at TEXT NOT NULL
)`;

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
  const plan = async (current: number, apply: (m: Migration) => Promise<void>): Promise<void> => {
    if (current > latest) {
      throw new SpearwatchError(
        'SW_STORE_SCHEMA_TOO_NEW',
        `the store at ${db.location} has schema version ${current}, newer than this spearwatch knows (${latest}); upgrade spearwatch`,
      );
    }
    for (const m of migrations.filter((x) => x.version > current)) {
      await apply(m);
      applied.push(m.version);
    }
  };
  const now = new Date().toISOString();
  try {
    if (db instanceof SqliteDb) {
      // Fast path without taking the write lock when nothing is pending.
      if ((await db.schemaVersion()) === latest) return [];
      await db.transaction(async (tx) => {
        await db.exec(LEDGER);
        const cur = (await tx.get<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations'))?.v ?? 0;
        await plan(cur, async (m) => {
          await db.exec(m.up(DIALECTS.sqlite));
          await tx.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [m.version, m.name, now]);
        });
      }, 'IMMEDIATE');
    } else if (db instanceof PostgresDb) {
      if ((await db.schemaVersion()) === latest) return [];
      await db.withClient(async (client) => {
        await client.query('BEGIN');
        try {
          await client.query("SELECT pg_advisory_xact_lock(hashtext(current_schema() || ':spearwatch-migrations'))");
          await client.query(LEDGER);
          const cur = Number((await client.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations')).rows[0]?.v ?? 0);
          await plan(cur, async (m) => {
            await client.query(m.up(DIALECTS.postgres));
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
