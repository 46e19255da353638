/**
 * Logs go to stderr so that stdout stays clean for --json data. Plain text by default; one JSON object per line
 * with `json: true` (the server, whose logs go to collectors).
 */
export type LogLevel = 'error' | 'warn' | 'info' | 'debug';

const RANK: Record<LogLevel, number> = { error: 0, warn: 1, info: 2, debug: 3 };

export interface Logger {
  error(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  debug(msg: string, fields?: Record<string, unknown>): void;
  readonly level: LogLevel;
}

export interface LoggerOptions {
  level?: LogLevel;
  stream?: NodeJS.WritableStream & { isTTY?: boolean };
  json?: boolean;
}

export function createLogger(opts: LoggerOptions = {}): Logger {
  const level = opts.level ?? 'info';
  const stream = opts.stream ?? process.stderr;
  const json = opts.json ?? false;
  const emit = (lvl: LogLevel, msg: string, fields?: Record<string, unknown>): void => {
    if (RANK[lvl] > RANK[level]) return;
    if (json) {
      stream.write(JSON.stringify({ time: new Date().toISOString(), level: lvl, msg, ...fields }) + '\n');
    } else {
      const extra = fields === undefined ? '' : ' ' + Object.entries(fields).map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`).join(' ');
      stream.write(`${lvl === 'info' ? '' : lvl + ': '}${msg}${extra}\n`);
    }
  };
  return {
    level,
    error: (m, f) => emit('error', m, f),
    warn: (m, f) => emit('warn', m, f),
    info: (m, f) => emit('info', m, f),
    debug: (m, f) => emit('debug', m, f),
  };
}

/** A logger that drops everything, for tests and library callers that do not want output. */
export const silentLogger: Logger = createLogger({ level: 'error', stream: { write: () => true } as unknown as NodeJS.WritableStream, json: true });
