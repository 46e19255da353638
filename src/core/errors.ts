/**
 * The catalogue of stable error codes. Every failure that leaves spearwatch (CLI exit, HTTP response) carries
 * one of these codes; scripts match on the code, never on the message. docs/errors.md documents each entry and
 * a test keeps the two in step.
 *
 * Exit codes: 0 ok, 1 the command ran and found what --fail-on asked about, 2 usage error, 3 input unreadable
 * or invalid, 4 store/infrastructure failure.
 */

export interface ErrorSpec {
  /** Process exit code when this error ends a CLI command. */
  readonly exit: 2 | 3 | 4;
  /** HTTP status when this error answers a request. */
  readonly http: number;
  /** One line for the docs: when it happens. */
  readonly summary: string;
}

export const ERROR_CATALOGUE = {
  SW_USAGE: { exit: 2, http: 400, summary: 'A command or request was called with missing, unknown or malformed arguments.' },
  SW_CONFIG_INVALID: { exit: 2, http: 500, summary: 'The configuration (file, environment or flags) has an unknown key or a value of the wrong type.' },
  SW_INPUT_UNREADABLE: { exit: 3, http: 400, summary: 'An input file or stream could not be read (missing, permission denied, not a regular file).' },
  SW_INPUT_INVALID: { exit: 3, http: 400, summary: 'An input was read but is not valid for its format (bad JSON, wrong field types, failed checksum).' },
  SW_INPUT_TOO_LARGE: { exit: 3, http: 413, summary: 'An input exceeded a safety limit (size, count, depth, expansion ratio); the limit is named in the message.' },
  SW_NOT_FOUND: { exit: 3, http: 404, summary: 'The named object (organisation, message, campaign, transaction…) does not exist.' },
  SW_CONFLICT: { exit: 3, http: 409, summary: 'The change contradicts stored state (for example a domain already owned by another organisation).' },
  SW_UNAUTHENTICATED: { exit: 2, http: 401, summary: 'No valid credentials were presented.' },
  SW_FORBIDDEN: { exit: 2, http: 403, summary: 'The credentials are valid but do not allow this action or this organisation.' },
  SW_STORE_UNAVAILABLE: { exit: 4, http: 503, summary: 'The store could not be opened or reached (SQLite file, PostgreSQL server).' },
  SW_STORE_SCHEMA_TOO_NEW: { exit: 4, http: 500, summary: 'The store was migrated by a newer spearwatch than this one; upgrade spearwatch.' },
  SW_MIGRATION_FAILED: { exit: 4, http: 500, summary: 'A schema migration failed; it was rolled back and the store is at its previous version.' },
  SW_UPSTREAM_FAILED: { exit: 4, http: 502, summary: 'An external service (Bitcoin node, Esplora, DNS, IMAP server) failed or timed out after retries.' },
  SW_INTERNAL: { exit: 4, http: 500, summary: 'An unexpected internal error; the message and stack are logged.' },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

/** A typed failure with a stable code. Throw it for infrastructure faults and expected boundary failures. */
export class SpearwatchError extends Error {
  readonly code: ErrorCode;
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown; details?: Record<string, unknown> }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'SpearwatchError';
    this.code = code;
    this.details = options?.details;
  }

  get exitCode(): number {
    return ERROR_CATALOGUE[this.code].exit;
  }

  get httpStatus(): number {
    return ERROR_CATALOGUE[this.code].http;
  }

  toJSON(): { code: ErrorCode; message: string; details?: Readonly<Record<string, unknown>> } {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export function isSpearwatchError(err: unknown): err is SpearwatchError {
  return err instanceof SpearwatchError;
}

/** Wrap anything thrown into a SpearwatchError, keeping typed ones as they are. */
export function toSpearwatchError(err: unknown): SpearwatchError {
  if (err instanceof SpearwatchError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new SpearwatchError('SW_INTERNAL', message, { cause: err });
}

/** Expected failures at a boundary are values, not exceptions (see STYLE: errors in three tiers). */
export type Result<T, E = SpearwatchError> = { ok: true; value: T } | { ok: false; error: E };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const err = <E>(error: E): Result<never, E> => ({ ok: false, error });
