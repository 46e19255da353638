import path from 'node:path';
import { SpearwatchError } from '../core/index.js';
import { migrate } from './migrate.js';
import { PostgresDb } from './postgres.js';
import { SqliteDb } from './sqlite.js';
import type { Db } from './types.js';

export interface StoreOptions {
  /** SPEARWATCH_HOME: the SQLite file lives here as `spearwatch.db`. */
  home: string;
  /** When set (postgres://…), PostgreSQL is used instead of SQLite. */
  databaseUrl?: string | undefined;
  /** PostgreSQL schema (search_path) to use; tests give each run its own. */
  pgSchema?: string | undefined;
  /** Apply pending migrations (default true). */
  migrate?: boolean;
}

export const SQLITE_FILE = 'spearwatch.db';

/** Open the store the configuration names and bring its schema up to date. */
export async function openStore(opts: StoreOptions): Promise<Db> {
  let db: Db;
  if (opts.databaseUrl !== undefined && opts.databaseUrl !== '') {
    if (!/^postgres(ql)?:\/\//.test(opts.databaseUrl)) {
      throw new SpearwatchError('SW_CONFIG_INVALID', 'databaseUrl must start with postgres:// or postgresql://');
    }
    db = new PostgresDb(opts.databaseUrl, { schema: opts.pgSchema });
    if (opts.pgSchema !== undefined) {
      if (!/^[a-z_][a-z0-9_]{0,62}$/.test(opts.pgSchema)) throw new SpearwatchError('SW_CONFIG_INVALID', `invalid PostgreSQL schema name ${opts.pgSchema}`);
      await db.exec(`CREATE SCHEMA IF NOT EXISTS ${opts.pgSchema}`).catch((e: unknown) => {
        throw e instanceof SpearwatchError ? e : new SpearwatchError('SW_STORE_UNAVAILABLE', (e as Error).message, { cause: e });
      });
    }
  } else {
    db = new SqliteDb(path.join(opts.home, SQLITE_FILE));
  }
  if (opts.migrate !== false) {
    try {
      await migrate(db);
    } catch (e) {
      await db.close();
      throw e;
    }
  }
  return db;
}
