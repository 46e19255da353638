import pg from 'pg';
import { SpearwatchError } from '../core/index.js';
import type { Db, Queryable, Row, RunResult, SqlValue } from './types.js';

// BIGINT (int8) and NUMERIC come back as strings by default; spearwatch keeps 64-bit values within 2^53.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

/** Rewrite `?` placeholders to `$n`, leaving quoted strings, identifiers and comments alone. */
export function toPgPlaceholders(sql: string): string {
  let out = '';
  let n = 0;
  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    if (c === "'" || c === '"') {
      const end = sql.indexOf(c, i + 1);
      const stop = end < 0 ? sql.length : end + 1;
      out += sql.slice(i, stop);
      i = stop;
    } else if (c === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      const stop = end < 0 ? sql.length : end;
      out += sql.slice(i, stop);
      i = stop;
    } else if (c === '?') {
      out += `$${++n}`;
      i++;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

function bind(params: readonly SqlValue[]): unknown[] {
  return params.map((p) => {
    if (typeof p === 'boolean') return p ? 1 : 0;
    if (typeof p === 'bigint') return p.toString();
    if (p instanceof Uint8Array && !Buffer.isBuffer(p)) return Buffer.from(p.buffer, p.byteOffset, p.byteLength);
    return p;
  });
}

/** Largest multi-row INSERT: PostgreSQL allows 65,535 parameters per statement. */
const MAX_PARAMS = 60_000;

class PgQueryable implements Queryable {
  readonly engine = 'postgres' as const;

  constructor(protected readonly client: pg.Pool | pg.PoolClient) {}

  protected async q(sql: string, params: readonly SqlValue[]): Promise<pg.QueryResult> {
    try {
      return await this.client.query(toPgPlaceholders(sql), bind(params));
    } catch (cause) {
      throw wrapPgError(cause);
    }
  }

  async all<T = Row>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    return (await this.q(sql, params)).rows as T[];
  }

  async get<T = Row>(sql: string, params: readonly SqlValue[] = []): Promise<T | undefined> {
    return (await this.q(sql, params)).rows[0] as T | undefined;
  }

  async run(sql: string, params: readonly SqlValue[] = []): Promise<RunResult> {
    return { changes: (await this.q(sql, params)).rowCount ?? 0 };
  }

  async insertMany(table: string, columns: readonly string[], rows: readonly (readonly SqlValue[])[], conflict = ''): Promise<number> {
    if (rows.length === 0) return 0;
    const per = Math.max(1, Math.floor(MAX_PARAMS / Math.max(1, columns.length)));
    let n = 0;
    for (let start = 0; start < rows.length; start += per) {
      const chunk = rows.slice(start, start + per);
      const params: SqlValue[] = [];
      const tuples = chunk.map((r) => {
        params.push(...r);
        return `(${r.map(() => '?').join(', ')})`;
      });
      const sql = `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')} ${conflict}`;
      n += (await this.q(sql, params)).rowCount ?? 0;
    }
    return n;
  }
}

/** Queries on one dedicated connection (inside a transaction the caller opened on it). */
export function clientQueryable(client: pg.PoolClient): Queryable {
  return new PgQueryable(client);
}

/** PostgreSQL errors: connection-level ones are infrastructure failures; SQL errors stay internal bugs. */
function wrapPgError(cause: unknown): Error {
  const e = cause as { code?: string; message?: string };
  if (typeof e.code === 'string' && /^(08|57P|53)/.test(e.code)) {
    return new SpearwatchError('SW_STORE_UNAVAILABLE', `PostgreSQL: ${e.message ?? 'connection failed'}`, { cause });
  }
  if (e.code === 'ECONNREFUSED' || e.code === 'ENOTFOUND' || e.code === 'ETIMEDOUT') {
    return new SpearwatchError('SW_STORE_UNAVAILABLE', `PostgreSQL unreachable: ${e.message ?? e.code}`, { cause });
  }
  return cause instanceof Error ? cause : new Error(String(cause));
}

/** The URL without its password, for display. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://(unparseable URL)';
  }
}

export class PostgresDb extends PgQueryable implements Db {
  readonly location: string;
  private readonly pool: pg.Pool;

  constructor(url: string, options: { schema?: string | undefined } = {}) {
    const schema = options.schema;
    const pool = new pg.Pool({
      connectionString: url,
      max: 4,
      connectionTimeoutMillis: 10_000,
      ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
    });
    // An idle client losing its server must not crash the process; the next query reports it.
    pool.on('error', () => undefined);
    super(pool);
    this.pool = pool;
    this.location = redactUrl(url) + (schema === undefined ? '' : ` (schema ${schema})`);
  }

  /** A dedicated connection for session-level work (advisory locks around migrations). */
  async withClient<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (cause) {
      throw new SpearwatchError('SW_STORE_UNAVAILABLE', `cannot connect to PostgreSQL at ${this.location}: ${(cause as Error).message}`, { cause });
    }
    try {
      return await fn(client);
    } finally {
      client.release();
    }
  }

  async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.withClient(async (client) => {
      await client.query('BEGIN');
      try {
        const result = await fn(new PgQueryable(client));
        await client.query('COMMIT');
        return result;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      }
    });
  }

  async exec(sql: string): Promise<void> {
    await this.q(sql, []);
  }

  async schemaVersion(): Promise<number> {
    const t = await this.get<{ t: string | null }>("SELECT to_regclass('schema_migrations')::text AS t");
    if (t?.t == null) return 0;
    const r = await this.get<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations');
    return r?.v ?? 0;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
