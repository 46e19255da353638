import { Type } from '@sinclair/typebox';
import { SpearwatchError } from '../../core/index.js';
import { messageIdSql, messageIdWhere, saveScan, senderDomainOf, type MessageReport, type Verdict } from '../../mail/index.js';
import type { Queryable, SqlValue } from '../../store/index.js';
import { decodeCursor, encodeCursor } from '../pagination.js';
import { ROUTE_LIMITS } from './limits.js';

/**
 * Every SQL statement the HTTP layer runs against stored mail, in one place.
 *
 * A message is one delivered copy, keyed per organisation (migration 0052). Its API id is `messageIdSql`: the
 * SHA-256 for messages stored before that migration (the id they always had), else the integer key in decimal.
 * Pages are ordered by the integer key after the inbox date, so cursors carry it.
 */
const ID = messageIdSql('m');
export const MessageId = Type.String({ pattern: '^[0-9a-f]{1,64}$', description: 'The message id, as the upload or the list answered it' });
export type MessageIdValue = string;

/** The inbox order: the message's own Date when it has one, else when it was stored. */
const SORT = 'COALESCE(m.sent_date, m.first_scanned_at)';

export interface MessageRow {
  id: MessageIdValue;
  sha256: string;
  org: string | null;
  date: string | null;
  storedAt: string;
  from: { address: string | null; name: string | null };
  subject: string | null;
  verdict: Verdict;
  score: number;
  signals: string[];
}

interface DbRow {
  id: string;
  key: number | string;
  sha256: string;
  org_id: string | null;
  sent_date: string | null;
  first_scanned_at: string;
  last_scanned_at: string;
  from_address: string | null;
  from_name: string | null;
  subject: string | null;
  verdict: Verdict;
  score: number | string;
  report: string;
  sort_key: string;
}

const SUMMARY = `${ID} AS id, m.id AS key, m.sha256, m.org_id, m.sent_date, m.first_scanned_at, m.last_scanned_at, m.from_address, m.from_name, m.subject, m.verdict, m.score, ${SORT} AS sort_key`;
const COLUMNS = `${SUMMARY}, m.report`;

/**
 * Signal ids per message for list pages, so a page does not read and parse 50 report documents (the report is
 * the big column; reading it dominated a page's cost). Keyed by id and scan time: a rescan changes the key.
 * Bounded; per store, never module-global.
 */
const SIGNAL_CACHE_SIZE = 50_000;
const signalCaches = new WeakMap<Queryable, Map<string, string[]>>();

function signalCache(db: Queryable): Map<string, string[]> {
  let c = signalCaches.get(db);
  if (c === undefined) signalCaches.set(db, (c = new Map<string, string[]>()));
  return c;
}

function signalIds(report: string): string[] {
  return [...new Set((JSON.parse(report) as MessageReport).signals.map((s) => s.id))];
}

function toRow(r: Omit<DbRow, 'report'>, signals: string[]): MessageRow {
  return {
    id: String(r.id), sha256: r.sha256, org: r.org_id, date: r.sent_date, storedAt: r.first_scanned_at,
    from: { address: r.from_address, name: r.from_name }, subject: r.subject, verdict: r.verdict, score: Number(r.score), signals,
  };
}

async function withSignals(db: Queryable, rows: Omit<DbRow, 'report'>[]): Promise<MessageRow[]> {
  const cache = signalCache(db);
  const key = (r: Omit<DbRow, 'report'>): string => `${r.id}\u0000${r.last_scanned_at}`;
  const missing = rows.filter((r) => !cache.has(key(r)));
  if (missing.length > 0) {
    const reports = await db.all<{ key: number | string; report: string }>(`SELECT m.id AS key, m.report FROM mail_messages m WHERE m.id IN (${missing.map(() => '?').join(',')})`, missing.map((r) => Number(r.key)));
    const byKey = new Map(reports.map((x) => [Number(x.key), x.report]));
    for (const r of missing) {
      const rep = byKey.get(Number(r.key));
      if (rep === undefined) continue;
      if (cache.size >= SIGNAL_CACHE_SIZE) cache.delete(cache.keys().next().value!);
      cache.set(key(r), signalIds(rep));
    }
  }
  return rows.map((r) => toRow(r, cache.get(key(r)) ?? []));
}

export interface MessageFilter {
  /** The organisations the caller may see. */
  visible: 'all' | string[];
  org?: string | undefined;
  verdict?: Verdict[] | undefined;
  /** An address (exact) or a domain (the address's domain or a parent of it). */
  sender?: string | undefined;
  since?: string | undefined;
  until?: string | undefined;
  signal?: string | undefined;
  /** Free text: every word must begin a word of the subject, the sender address or the sender name (any case). */
  q?: string | undefined;
}

/** Words of free text as both search indexes see them (migration 0053): runs of letters, marks and digits, lower case. */
export function searchWords(q: string): string[] {
  const words = q.toLowerCase().split(/[^\p{L}\p{M}\p{N}]+/u).filter((w) => w !== '');
  return [...new Set(words)].slice(0, ROUTE_LIMITS.searchWords).map((w) => w.slice(0, ROUTE_LIMITS.searchWordChars));
}

/**
 * The free-text condition, through each engine's index: FTS5 on SQLite, the tsvector column on PostgreSQL. A word
 * of two or more characters matches the words it begins; a single character only the word it is (a one-letter
 * prefix would expand to a good part of the vocabulary). Words are letters, marks and digits only, so they need
 * no quoting beyond FTS5's string syntax.
 */
function textCondition(engine: Queryable['engine'], words: readonly string[], params: SqlValue[]): string {
  if (words.length === 0) return '1 = 0';
  if (engine === 'sqlite') {
    params.push(words.map((w) => `"${w}"${w.length > 1 ? '*' : ''}`).join(' '));
    return 'm.id IN (SELECT rowid FROM mail_search WHERE mail_search MATCH ?)';
  }
  params.push(words.map((w) => (w.length > 1 ? `${w}:*` : w)).join(' & '));
  return "m.search @@ to_tsquery('simple', ?)";
}

function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function where(engine: Queryable['engine'], f: MessageFilter, params: SqlValue[]): string[] {
  const w: string[] = [];
  if (f.visible !== 'all') {
    if (f.visible.length === 0) return ['1 = 0'];
    w.push(`m.org_id IN (${f.visible.map(() => '?').join(',')})`);
    params.push(...f.visible);
  }
  if (f.org !== undefined) {
    w.push('m.org_id = ?');
    params.push(f.org);
  }
  if (f.verdict !== undefined && f.verdict.length > 0) {
    w.push(`m.verdict IN (${f.verdict.map(() => '?').join(',')})`);
    params.push(...f.verdict);
  }
  if (f.sender !== undefined && f.sender !== '') {
    const s = f.sender.trim().toLowerCase();
    // sender_domain (the registrable domain, indexed) narrows first; the address test then keeps exactly
    // the address, or the domain and its subdomains.
    const reg = senderDomainOf(s.includes('@') ? s : `x@${s}`);
    if (reg !== null) {
      w.push('m.sender_domain = ?');
      params.push(reg);
    }
    if (s.includes('@')) {
      w.push('m.from_address = ?');
      params.push(s);
    } else {
      w.push("(m.from_address LIKE ? ESCAPE '\\' OR m.from_address LIKE ? ESCAPE '\\')");
      params.push(`%@${likeEscape(s)}`, `%.${likeEscape(s)}`);
    }
  }
  if (f.since !== undefined) {
    w.push(`${SORT} >= ?`);
    params.push(f.since);
  }
  if (f.until !== undefined) {
    w.push(`${SORT} < ?`);
    params.push(f.until);
  }
  if (f.signal !== undefined && f.signal !== '') {
    w.push('m.id IN (SELECT message_id FROM mail_message_signals WHERE signal = ?)');
    params.push(f.signal);
  }
  if (f.q !== undefined && f.q.trim() !== '') w.push(textCondition(engine, searchWords(f.q.slice(0, ROUTE_LIMITS.searchChars)), params));
  return w;
}

/** One page of messages, newest first, with an opaque cursor for the next. */
export async function listMessages(db: Queryable, f: MessageFilter, limit: number, cursor: string | undefined): Promise<{ items: MessageRow[]; nextCursor: string | null }> {
  const params: SqlValue[] = [];
  const w = where(db.engine, f, params);
  const after = decodeCursor(cursor);
  if (after !== undefined) {
    const [k, key] = after;
    if (typeof k !== 'string' || typeof key !== 'number' || !Number.isSafeInteger(key)) throw new SpearwatchError('SW_USAGE', 'invalid cursor');
    w.push(`(${SORT} < ? OR (${SORT} = ? AND m.id < ?))`);
    params.push(k, k, key);
  }
  const sql = `SELECT ${SUMMARY} FROM mail_messages m ${w.length > 0 ? `WHERE ${w.join(' AND ')}` : ''} ORDER BY ${SORT} DESC, m.id DESC LIMIT ${limit + 1}`;
  const rows = await db.all<Omit<DbRow, 'report'>>(sql, params);
  const more = rows.length > limit;
  const shown = more ? rows.slice(0, limit) : rows;
  const last = shown[shown.length - 1];
  return { items: await withSignals(db, shown), nextCursor: more && last !== undefined ? encodeCursor([last.sort_key, Number(last.key)]) : null };
}

/** One message with its stored analysis, or null when it does not exist or the caller may not see it. */
export async function getMessage(db: Queryable, id: MessageIdValue, visible: 'all' | string[]): Promise<{ row: MessageRow; report: MessageReport } | null> {
  const by = messageIdWhere('m', id);
  const r = await db.get<DbRow>(`SELECT ${COLUMNS} FROM mail_messages m WHERE ${by.sql}`, by.params);
  if (r === undefined || !isVisible(r.org_id, visible)) return null;
  const report = JSON.parse(r.report) as MessageReport;
  return { row: toRow(r, [...new Set(report.signals.map((x) => x.id))]), report };
}

/** The raw bytes of a visible message. */
export async function getRaw(db: Queryable, id: MessageIdValue, visible: 'all' | string[]): Promise<{ sha256: string; bytes: Buffer } | null> {
  const by = messageIdWhere('m', id);
  const r = await db.get<{ org_id: string | null; sha256: string; bytes: Buffer }>(
    `SELECT m.org_id, m.sha256, r.bytes FROM mail_messages m JOIN mail_raw r ON r.sha256 = m.sha256 WHERE ${by.sql}`, by.params);
  if (r === undefined || !isVisible(r.org_id, visible)) return null;
  return { sha256: r.sha256, bytes: Buffer.isBuffer(r.bytes) ? r.bytes : Buffer.from(r.bytes) };
}

function isVisible(org: string | null, visible: 'all' | string[]): boolean {
  return visible === 'all' || (org !== null && visible.includes(org));
}

/**
 * Has this organisation received mail from this sender's registrable domain before (another message)? One
 * indexed probe instead of preloading the whole history for every upload.
 */
export async function senderSeenBefore(db: Queryable, org: string, fromAddress: string | null, sha256: string): Promise<boolean> {
  const d = senderDomainOf(fromAddress);
  if (d === null) return true;
  const r = await db.get('SELECT 1 AS x FROM mail_messages WHERE org_id = ? AND sender_domain = ? AND sha256 <> ? LIMIT 1', [org, d, sha256]);
  return r !== undefined;
}

/** Store one analysed message in the caller's transaction and answer its id. */
export async function storeAnalysed(tx: Queryable, report: MessageReport, raw: Uint8Array, now: string): Promise<MessageIdValue> {
  return (await saveScan(tx, report, raw, now)).id;
}
