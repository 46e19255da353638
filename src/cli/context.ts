import type { Command } from 'commander';
import { createLogger, loadConfig, SpearwatchError, toSpearwatchError, type Config, type ConfigInput, type Logger } from '../core/index.js';
import { openStore, type Db } from '../store/index.js';

/** Options every command accepts (defined on the root program). */
export interface GlobalOptions {
  home?: string;
  config?: string;
  logLevel?: string;
  quiet?: boolean;
}

export interface CommandContext {
  config: Config;
  log: Logger;
  /** Opens (and migrates) the store on first use; closed when the command ends. */
  store(): Promise<Db>;
  /** Set the exit code for a result the command found (1 = what --fail-on asked about). */
  setExitCode(code: number): void;
}

/** Exit code the running command asked for (see setExitCode). */
let requestedExit = 0;

export function takeRequestedExit(): number {
  const c = requestedExit;
  requestedExit = 0;
  return c;
}

function globals(cmd: Command): GlobalOptions {
  return cmd.optsWithGlobals<GlobalOptions>();
}

export function buildContext(cmd: Command, flags: ConfigInput = {}): { ctx: CommandContext; close(): Promise<void> } {
  const g = globals(cmd);
  const logLevel = g.quiet === true ? 'error' : g.logLevel;
  if (logLevel !== undefined && !['error', 'warn', 'info', 'debug'].includes(logLevel)) {
    throw new SpearwatchError('SW_USAGE', `--log-level must be one of error, warn, info, debug (got ${logLevel})`);
  }
  const config = loadConfig({
    home: g.home,
    configFile: g.config,
    flags: { ...flags, ...(logLevel === undefined ? {} : { logLevel: logLevel as Config['logLevel'] }) },
  });
  const log = createLogger({ level: config.logLevel });
  let db: Promise<Db> | undefined;
  const ctx: CommandContext = {
    config,
    log,
    store: () => (db ??= openStore({ home: config.home, databaseUrl: config.databaseUrl })),
    setExitCode: (code) => {
      requestedExit = Math.max(requestedExit, code);
    },
  };
  return {
    ctx,
    close: async () => {
      if (db !== undefined) await (await db.catch(() => undefined))?.close();
    },
  };
}

/**
 * Wrap a command's action: builds the context, runs, closes the store, and turns any thrown error into a
 * typed SpearwatchError that main() renders with its exit code.
 */
export function action<A extends unknown[]>(
  fn: (ctx: CommandContext, ...args: A) => Promise<void>,
  flags?: (...args: A) => ConfigInput,
): (...args: unknown[]) => Promise<void> {
  return async (...raw: unknown[]) => {
    const cmd = raw[raw.length - 1] as Command;
    const args = raw.slice(0, -1) as A;
    const built = buildContext(cmd, flags?.(...args));
    const ctx = built.ctx;
    try {
      await fn(ctx, ...args);
    } catch (e) {
      throw toSpearwatchError(e);
    } finally {
      await built.close();
    }
  };
}

/** Collect a repeatable option (`--domain a --domain b`). */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** Parse an integer option, or fail with a usage error naming the option. */
export function intOption(name: string, min = 0): (v: string) => number {
  return (v) => {
    if (!/^-?\d+$/.test(v) || Number(v) < min) throw new SpearwatchError('SW_USAGE', `${name} must be an integer ≥ ${min} (got ${v})`);
    return Number(v);
  };
}
