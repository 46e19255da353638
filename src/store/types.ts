/**
 * One query layer for two engines. Repositories are written once against `Queryable` with `?` placeholders and
 * portable SQL (INSERT … ON CONFLICT … DO UPDATE, RETURNING, CTEs); the PostgreSQL adapter rewrites the
 * placeholders to $1…$n. Conventions every table follows:
 * - times are ISO-8601 UTC strings (`2026-11-22T13:00:00.000Z`), which sort correctly as text in both engines;
 * - booleans are INTEGER 0/1; JSON documents are TEXT; binary data is BLOB/BYTEA (Buffer in JS);
 * - 64-bit integers come back as JS numbers (exact up to 2^53, which covers every satoshi amount).
 */

export type Engine = 'sqlite' | 'postgres';

export type SqlValue = string | number | bigint | boolean | Buffer | Uint8Array | null;

export type Row = Record<string, unknown>;

export interface RunResult {
  /** Rows inserted, updated or deleted by the statement. */
  changes: number;
}

export interface Queryable {
  readonly engine: Engine;
  /** All rows of a query. */
  all<T = Row>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  /** The first row of a query, or undefined. */
  get<T = Row>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined>;
  /** A statement that returns no rows. */
  run(sql: string, params?: readonly SqlValue[]): Promise<RunResult>;
  /**
   * Insert many rows fast (prepared statement loop on SQLite, multi-row VALUES on PostgreSQL).
   * `conflict` is appended verbatim, for example `ON CONFLICT (sha256) DO NOTHING`.
   */
  insertMany(table: string, columns: readonly string[], rows: readonly (readonly SqlValue[])[], conflict?: string): Promise<number>;
}

export interface Db extends Queryable {
  /**
   * Run `fn` in one transaction: committed when it resolves, rolled back when it throws (and on a crash, by the
   * engine). Transactions on one Db are serialised; do not call `db` itself inside `fn`, use `tx`.
   */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Multi-statement SQL without parameters (DDL). */
  exec(sql: string): Promise<void>;
  /** Schema version after migrations. */
  schemaVersion(): Promise<number>;
  /** Where the data lives, for `doctor` (file path, or URL without password). */
  readonly location: string;
  close(): Promise<void>;
}

/** Column types and idioms that differ between the engines, for migrations. */
export interface Dialect {
  readonly engine: Engine;
  /** Auto-increment integer primary key. */
  readonly idPk: string;
  /** 64-bit integer. */
  readonly bigint: string;
  readonly blob: string;
  readonly real: string;
  /** Appended to CREATE TABLE for tables that are their primary key (SQLite's WITHOUT ROWID; nothing on PostgreSQL). */
  readonly withoutRowid: string;
}

export const DIALECTS: Record<Engine, Dialect> = {
  sqlite: { engine: 'sqlite', idPk: 'INTEGER PRIMARY KEY', bigint: 'INTEGER', blob: 'BLOB', real: 'REAL', withoutRowid: ' WITHOUT ROWID' },
  postgres: { engine: 'postgres', idPk: 'BIGSERIAL PRIMARY KEY', bigint: 'BIGINT', blob: 'BYTEA', real: 'DOUBLE PRECISION', withoutRowid: '' },
};

/** One schema change. Files live in src/store/migrations/, one per change, numbered, listed in its index.ts. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  /** DDL for the dialect; may contain several statements separated by `;`. */
  up(d: Dialect): string;
  /**
   * Data conversion that SQL alone does not express well (re-encoding rows), run after `up` inside the same
   * transaction as every other pending migration: a crash leaves the store at the previous version.
   */
  data?(q: Queryable, d: Dialect): Promise<void>;
}
