import type { Db } from '../store/index.js';
import type { AsyncIntelMatcher, Brand, IntelMatch, MessageReport, OrgLike } from './types.js';
import { analyzeMessage, failureReport, finishReport } from './analyze.js';
import { intake } from './intake/walk.js';
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

export type ScanOutcome = { kind: 'report'; report: MessageReport } | { kind: 'skipped'; file: string; index: number; error: string };

/**
 * Stream every message under the paths through analysis and (unless db is null) into the store, yielding
 * outcomes in input order. At most `workers × 4` messages are in flight, so memory stays bounded however many
 * files there are. Each stored message is one transaction.
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
  const settle = async function* (): AsyncGenerator<ScanOutcome> {
    const head = inflight.shift()!;
    if (head.p === null || head.bytes === null) {
      yield { kind: 'skipped', file: head.file, index: head.index, error: head.error ?? 'unreadable' };
      return;
    }
    let report = await head.p;
    const matches: IntelMatch[] | undefined = opts.intel === undefined ? undefined : await opts.intel.match(report.indicators);
    report = finishReport(report, { history: history?.forMessage(report.sha256), intel: matches === undefined ? undefined : { match: () => matches } });
    if (opts.db !== null) {
      const bytes = head.bytes;
      const at = now();
      const stored = report;
      await opts.db.transaction(async (tx) => {
        await saveScan(tx, stored, bytes, at);
        if (matches !== undefined && matches.length > 0 && stored.org !== null) await opts.intel?.recordSightings?.(tx, stored.org, stored.sha256, matches, at);
      });
      history?.record(report);
    }
    yield { kind: 'report', report };
  };
  try {
    for await (const item of intake(opts.paths, opts.stdin, Math.min(opts.maxMessageBytes ?? MAIL_LIMITS.messageBytes, MAIL_LIMITS.messageBytes))) {
      inflight.push({ ...item, p: item.bytes === null ? null : analyze(item.bytes, item.file, item.index) });
      if (inflight.length >= window) yield* settle();
    }
    while (inflight.length > 0) yield* settle();
  } finally {
    await pool?.close();
  }
}
