export type { Db, Dialect, Engine, Migration, Queryable, Row, RunResult, SqlValue } from './types.js';
export { DIALECTS } from './types.js';
export { openStore, SQLITE_FILE, type StoreOptions } from './open.js';
export { migrate, LATEST_SCHEMA_VERSION } from './migrate.js';
export { SqliteDb } from './sqlite.js';
export { PostgresDb, redactUrl, toPgPlaceholders } from './postgres.js';
export { chunks, placeholders } from './lists.js';
