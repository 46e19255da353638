import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { SpearwatchError } from '../core/index.js';
import type { Db, Queryable, Row, RunResult, SqlValue } from './types.js';

type Stmt = Database.Statement<unknown[], unknown>;

/** SQLite wants 0/1 for booleans and Buffers for bytes. */
function bind(params: readonly SqlValue[]): unknown[] {
  return params.map((p) => {
    if (typeof p === 'boolean') return p ? 1 : 0;
    if (p instanceof Uint8Array && !Buffer.isBuffer(p)) return Buffer.from(p.buffer, p.byteOffset, p.byteLength);
    return p;
  });
}

class SqliteQueryable implements Queryable {
  readonly engine = 'sqlite' as const;
  private readonly cache = new Map<string, Stmt>();

  constructor(protected readonly conn: Database.Database) {}

  protected stmt(sql: string): Stmt {
    let s = this.cache.get(sql);
    if (s === undefined) {
      s = this.conn.prepare(sql);
      if (this.cache.size > 500) this.cache.clear();
      this.cache.set(sql, s);
    }
    return s;
  }

  all<T = Row>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    return Promise.resolve(this.stmt(sql).all(...bind(params)) as T[]);
  }

  get<T = Row>(sql: string, params: readonly SqlValue[] = []): Promise<T | undefined> {
    return Promise.resolve(this.stmt(sql).get(...bind(params)) as T | undefined);
  }

  run(sql: string, params: readonly SqlValue[] = []): Promise<RunResult> {
    const r = this.stmt(sql).run(...bind(params));
    return Promise.resolve({ changes: r.changes });
  }

  insertMany(table: string, columns: readonly string[], rows: readonly (readonly SqlValue[])[], conflict = ''): Promise<number> {
    if (rows.length === 0) return Promise.resolve(0);
    const sql = `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')}) ${conflict}`;
    const s = this.stmt(sql);
    let n = 0;
    for (const r of rows) n += s.run(...bind(r)).changes;
    return Promise.resolve(n);
  }
}

export class SqliteDb extends SqliteQueryable implements Db {
  readonly location: string;
  private chain: Promise<unknown> = Promise.resolve();

  constructor(file: string) {
    let conn: Database.Database;
    try {
      if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
      conn = new Database(file);
      // WAL lets readers work while one writer commits; busy_timeout makes a second process wait for the
      // write lock (for example during migrations) instead of failing at once.
      conn.pragma('journal_mode = WAL');
      conn.pragma('busy_timeout = 30000');
      conn.pragma('foreign_keys = ON');
      conn.pragma('synchronous = NORMAL');
    } catch (cause) {
      throw new SpearwatchError('SW_STORE_UNAVAILABLE', `cannot open SQLite store at ${file}: ${(cause as Error).message}`, { cause });
    }
    super(conn);
    this.location = file;
  }

  /** The underlying connection, for engine-specific fast paths (bulk imports). */
  get raw(): Database.Database {
    return this.conn;
  }

  transaction<T>(fn: (tx: Queryable) => Promise<T>, mode: 'DEFERRED' | 'IMMEDIATE' = 'IMMEDIATE'): Promise<T> {
    const run = async (): Promise<T> => {
      this.conn.exec(`BEGIN ${mode}`);
      try {
        const result = await fn(this);
        this.conn.exec('COMMIT');
        return result;
      } catch (e) {
        if (this.conn.inTransaction) this.conn.exec('ROLLBACK');
        throw e;
      }
    };
    // Serialise: better-sqlite3 has one connection, so two interleaved async transactions would share it.
    const p = this.chain.then(run, run);
    this.chain = p.catch(() => undefined);
    return p;
  }

  exec(sql: string): Promise<void> {
    this.conn.exec(sql);
    return Promise.resolve();
  }

  async schemaVersion(): Promise<number> {
    const exists = await this.get<{ n: number }>("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'");
    if (exists === undefined || exists.n === 0) return 0;
    const r = await this.get<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations');
    return r?.v ?? 0;
  }

  close(): Promise<void> {
    if (this.conn.open) this.conn.close();
    return Promise.resolve();
  }
}
