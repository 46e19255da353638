import type { Db } from '../store/index.js';
import type { AsyncIntelMatcher, Brand, IntelMatch, MessageReport, OrgLike } from './types.js';
import { analyzeMessage, failureReport, finishReport } from './analyze.js';
import { intake, type IntakeItem } from './intake/walk.js';
import { AnalysisPool } from './pool/pool.js';
import { createResolver } from './auth/resolver.js';
import { saveScan, StoredSenderHistory } from './store/repo.js';
import { MAIL_LIMITS } from './limits.js';

export interface ScanOptions {
  paths: string[];
  /** The org named with --org; undefined resolves it per message from the recipients. */
  org?: OrgLike | undefined;
  orgs: OrgLike[];
  brands: Brand[];
  offline: boolean;
  dnsTimeoutMs: number;
  /** Worker threads; 0 or 1 analyses inline. */
  workers: number;
  /** Where results go; null with --no-store (history then comes from nothing). */
  db: Db | null;
  /** Issue 4's matcher; its sightings are recorded in the same transaction as the message. */
  intel?: AsyncIntelMatcher | undefined;
  stdin?: NodeJS.ReadableStream;
  /** mail.maxMessageBytes from the config (never above MAIL_LIMITS.messageBytes). */
  maxMessageBytes?: number;
  now?: () => string;
}

/** A report, with the stored message's API id (absent with --no-store), or a message that could not be read. */
export type ScanOutcome = { kind: 'report'; report: MessageReport; id?: string } | { kind: 'skipped'; file: string; index: number; error: string };

/**
 * Stored messages are written in batches, one transaction each: a commit per message costs more than its rows
 * (SQLite's WAL sync, a PostgreSQL round trip). A batch is cut at this many messages or raw bytes, or when the
 * input stalls (its messages are then written at once, so the output never waits on more input).
 */
const STORE_BATCH = { messages: 64, bytes: 16 * 1024 * 1024, stallMs: 100 } as const;

/**
 * Stream every message under the paths through analysis and (unless db is null) into the store, yielding
 * outcomes in input order. At most `workers × 4` messages are in flight, so memory stays bounded however many
 * files there are. Stored messages are written in batches (STORE_BATCH), each batch one transaction, and a
 * message's outcome is yielded once its batch is committed: a killed scan keeps every batch it reported.
 */
export async function* scanMessages(opts: ScanOptions): AsyncGenerator<ScanOutcome> {
  const history = opts.db === null ? null : await StoredSenderHistory.load(opts.db);
  const now = opts.now ?? (() => new Date().toISOString());
  const usePool = opts.workers > 1;
  const pool = usePool
    ? new AnalysisPool(opts.workers, { org: opts.org, orgs: opts.orgs, brands: opts.brands, auth: opts.offline ? 'offline' : { dnsTimeoutMs: opts.dnsTimeoutMs } })
    : null;
  const resolver = opts.offline ? null : createResolver({ timeoutMs: opts.dnsTimeoutMs });
  const analyze = async (bytes: Uint8Array, file: string, index: number): Promise<MessageReport> => {
    try {
      if (pool !== null) return await pool.analyze(bytes, file, index);
      return await analyzeMessage(bytes, {
        ...(opts.org !== undefined ? { org: opts.org } : {}),
        orgs: opts.orgs, partnerBrands: opts.brands, authMode: resolver === null ? 'offline' : { resolver }, source: { file, index },
      });
    } catch (e) {
      return failureReport(bytes, file, index, e instanceof Error ? e.message : String(e));
    }
  };
  const window = Math.max(1, opts.workers) * 4;
  const inflight: { bytes: Uint8Array | null; file: string; index: number; error: string | null; p: Promise<MessageReport> | null }[] = [];
  /** Finished outcomes waiting for their batch to be committed, in input order. */
  let pending: { outcome: ScanOutcome; store?: { bytes: Uint8Array; matches: IntelMatch[] | undefined } }[] = [];
  let pendingBytes = 0;

  const flush = async function* (): AsyncGenerator<ScanOutcome> {
    const batch = pending;
    pending = [];
    pendingBytes = 0;
    if (opts.db !== null && batch.some((b) => b.store !== undefined)) {
      const at = now();
      await opts.db.transaction(async (tx) => {
        for (const b of batch) {
          if (b.store === undefined || b.outcome.kind !== 'report') continue;
          const r = b.outcome.report;
          const ref = await saveScan(tx, r, b.store.bytes, at);
          b.outcome.id = ref.id;
          const matches = b.store.matches;
          if (matches !== undefined && matches.length > 0 && r.org !== null) await opts.intel?.recordSightings?.(tx, r.org, ref.id, matches, at);
        }
      });
    }
    for (const b of batch) yield b.outcome;
  };

  const settle = async (): Promise<void> => {
    const head = inflight.shift()!;
    if (head.p === null || head.bytes === null) {
      pending.push({ outcome: { kind: 'skipped', file: head.file, index: head.index, error: head.error ?? 'unreadable' } });
      return;
    }
    let report = await head.p;
    const matches: IntelMatch[] | undefined = opts.intel === undefined ? undefined : await opts.intel.match(report.indicators);
    report = finishReport(report, { history: history?.forMessage(report.sha256, report.subject), intel: matches === undefined ? undefined : { match: () => matches } });
    // later messages of this run see this one in the history before its batch is written
    history?.record(report);
    if (opts.db === null) pending.push({ outcome: { kind: 'report', report } });
    else {
      pending.push({ outcome: { kind: 'report', report }, store: { bytes: head.bytes, matches } });
      pendingBytes += head.bytes.length;
    }
  };
  const full = (): boolean => pending.length >= STORE_BATCH.messages || pendingBytes >= STORE_BATCH.bytes;

  try {
    const items = intake(opts.paths, opts.stdin, Math.min(opts.maxMessageBytes ?? MAIL_LIMITS.messageBytes, MAIL_LIMITS.messageBytes))[Symbol.asyncIterator]();
    let next = items.next();
    for (;;) {
      let ready: IteratorResult<IntakeItem> | null;
      if (pending.length === 0) ready = await next;
      else {
        // the input stalls (stdin, a slow disk): write what is finished rather than hold it back
        let timer: NodeJS.Timeout | undefined;
        ready = await Promise.race([next, new Promise<null>((r) => { timer = setTimeout(() => r(null), STORE_BATCH.stallMs); })]);
        clearTimeout(timer);
        if (ready === null) {
          yield* flush();
          continue;
        }
      }
      if (ready.done === true) break;
      const item = ready.value;
      next = items.next();
      inflight.push({ ...item, p: item.bytes === null ? null : analyze(item.bytes, item.file, item.index) });
      if (inflight.length >= window) await settle();
      if (full()) yield* flush();
    }
    while (inflight.length > 0) {
      await settle();
      if (full()) yield* flush();
    }
    yield* flush();
  } finally {
    await pool?.close();
  }
}
