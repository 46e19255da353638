/**
 * Reads and writes of the campaign tables (migration 0030; messages named by their API id since 0052). Callers
 * pass a transaction for anything that writes.
 */
import type { Queryable, SqlValue } from '../../store/index.js';
import { attemptKey } from '../attempts.js';
import { indexKeys } from '../cluster.js';
import { CAMPAIGN_LIMITS } from '../limits.js';
import type { Feature } from '../links.js';
import type { Attempt, Campaign, Join, MessageFacts } from '../types.js';

const marks = (n: number): string => new Array<string>(n).fill('?').join(',');

/** Run a query per chunk of an IN (…) list and concatenate the rows. */
export async function chunked<T>(q: Queryable, values: readonly string[], sql: (m: string) => string): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < values.length; i += CAMPAIGN_LIMITS.sqlChunk) {
    const part = values.slice(i, i + CAMPAIGN_LIMITS.sqlChunk);
    out.push(...(await q.all<T>(sql(marks(part.length)), part)));
  }
  return out;
}

/** A statement per chunk of an IN (…) list (deletes). */
export async function chunkedRun(q: Queryable, values: readonly string[], sql: (m: string) => string): Promise<void> {
  for (let i = 0; i < values.length; i += CAMPAIGN_LIMITS.sqlChunk) {
    const part = values.slice(i, i + CAMPAIGN_LIMITS.sqlChunk);
    await q.run(sql(marks(part.length)), part);
  }
}

export interface FactsRow { facts: MessageFacts; scannedAt: string }

/** Facts as stored: rows written before messages had ids (0052) lack `id`; theirs is the row's message id. */
function parseFacts(r: { message_id: string; facts: string }): MessageFacts {
  const f = JSON.parse(r.facts) as MessageFacts;
  f.id = r.message_id;
  return f;
}

export async function writeFacts(tx: Queryable, rows: readonly FactsRow[]): Promise<void> {
  if (rows.length === 0) return;
  const values: SqlValue[][] = rows.map((r) => [r.facts.id, r.facts.org, attemptKey(r.facts), r.facts.date, r.scannedAt, JSON.stringify(r.facts)]);
  await tx.insertMany('campaign_facts', ['message_id', 'org_id', 'attempt_key', 'sent_at', 'scanned_at', 'facts'], values,
    'ON CONFLICT (message_id) DO UPDATE SET org_id = excluded.org_id, attempt_key = excluded.attempt_key, sent_at = excluded.sent_at, scanned_at = excluded.scanned_at, facts = excluded.facts');
}

export async function deleteFacts(tx: Queryable, ids: readonly string[]): Promise<void> {
  await chunkedRun(tx, ids, (m) => `DELETE FROM campaign_facts WHERE message_id IN (${m})`);
}

export async function factKeysOf(q: Queryable, ids: readonly string[]): Promise<string[]> {
  const rows = await chunked<{ attempt_key: string }>(q, ids, (m) => `SELECT attempt_key FROM campaign_facts WHERE message_id IN (${m})`);
  return rows.map((r) => r.attempt_key);
}

export async function factsByKeys(q: Queryable, keys: readonly string[]): Promise<MessageFacts[]> {
  const rows = await chunked<{ message_id: string; facts: string }>(q, keys, (m) => `SELECT message_id, facts FROM campaign_facts WHERE attempt_key IN (${m})`);
  return rows.map(parseFacts);
}

export async function allFacts(q: Queryable): Promise<MessageFacts[]> {
  const rows = await q.all<{ message_id: string; facts: string }>('SELECT message_id, facts FROM campaign_facts');
  return rows.map(parseFacts);
}

export interface StoredAttempt { attempt: Attempt; features: Feature[]; campaignId: string }

function toStored(r: { attempt: string; features: string; campaign_id: string }): StoredAttempt {
  return { attempt: JSON.parse(r.attempt) as Attempt, features: JSON.parse(r.features) as Feature[], campaignId: r.campaign_id };
}

export async function attemptsByKeys(q: Queryable, keys: readonly string[]): Promise<StoredAttempt[]> {
  const rows = await chunked<{ attempt: string; features: string; campaign_id: string }>(q, keys,
    (m) => `SELECT attempt, features, campaign_id FROM campaign_attempts WHERE attempt_key IN (${m})`);
  return rows.map(toStored);
}

export async function attemptsOfCampaigns(q: Queryable, ids: readonly string[]): Promise<StoredAttempt[]> {
  const rows = await chunked<{ attempt: string; features: string; campaign_id: string }>(q, ids,
    (m) => `SELECT attempt, features, campaign_id FROM campaign_attempts WHERE campaign_id IN (${m})`);
  return rows.map(toStored);
}

/** Holders of index keys: (key, attempt id, its campaign). */
export async function holdersOf(q: Queryable, keys: readonly string[]): Promise<{ k: string; attempt_id: string; campaign_id: string }[]> {
  return chunked(q, keys, (m) => `SELECT i.k, i.attempt_id, a.campaign_id FROM campaign_index i JOIN campaign_attempts a ON a.id = i.attempt_id WHERE i.k IN (${m})`);
}

export async function holderCounts(q: Queryable, keys: readonly string[]): Promise<Map<string, number>> {
  const rows = await chunked<{ k: string; n: number | string }>(q, keys, (m) => `SELECT k, COUNT(*) AS n FROM campaign_index WHERE k IN (${m}) GROUP BY k`);
  return new Map(rows.map((r) => [r.k, Number(r.n)]));
}

export async function deleteCampaigns(tx: Queryable, ids: readonly string[]): Promise<void> {
  await chunkedRun(tx, ids, (m) => `DELETE FROM campaign_index WHERE attempt_id IN (SELECT id FROM campaign_attempts WHERE campaign_id IN (${m}))`);
  await chunkedRun(tx, ids, (m) => `DELETE FROM campaign_messages WHERE campaign_id IN (${m})`);
  await chunkedRun(tx, ids, (m) => `DELETE FROM campaign_attempts WHERE campaign_id IN (${m})`);
  await chunkedRun(tx, ids, (m) => `DELETE FROM campaigns WHERE id IN (${m})`);
}

export async function deleteAllCampaigns(tx: Queryable): Promise<void> {
  for (const t of ['campaign_index', 'campaign_messages', 'campaign_attempts', 'campaigns']) await tx.run(`DELETE FROM ${t}`);
}

/** Write campaign rows only (their attempts are written by writeAttempts or moved by moveAttempts). */
export async function writeCampaignRows(tx: Queryable, campaigns: readonly Campaign[], now: string): Promise<void> {
  const rows: SqlValue[][] = campaigns.map((c) => [
    c.id, c.name, c.firstSeen, c.lastSeen, c.attempts.length, c.attempts.reduce((n, a) => n + a.messages.length, 0), JSON.stringify(c.joins), JSON.stringify(c.infrastructure), now,
  ]);
  await tx.insertMany('campaigns', ['id', 'name', 'first_seen', 'last_seen', 'attempt_count', 'message_count', 'joins', 'infrastructure', 'updated_at'], rows);
}

/** Write attempts with their campaign, message memberships and index rows. */
export async function writeAttempts(
  tx: Queryable, attempts: readonly { attempt: Attempt; campaignId: string }[], features: ReadonlyMap<string, readonly Feature[]>, orgOf: (messageId: string) => string | null,
): Promise<void> {
  const aRows: SqlValue[][] = [];
  const mRows: SqlValue[][] = [];
  const iRows: SqlValue[][] = [];
  for (const { attempt: a, campaignId } of attempts) {
    const f = features.get(a.id) ?? [];
    aRows.push([a.id, campaignId, a.key, a.firstSeen, JSON.stringify(a), JSON.stringify(f)]);
    for (const m of a.messages) mRows.push([m, a.id, campaignId, orgOf(m)]);
    for (const k of new Set(indexKeys(a, f))) iRows.push([k, a.id]);
  }
  await tx.insertMany('campaign_attempts', ['id', 'campaign_id', 'attempt_key', 'first_seen', 'attempt', 'features'], aRows);
  await tx.insertMany('campaign_messages', ['message_id', 'attempt_id', 'campaign_id', 'org_id'], mRows);
  await tx.insertMany('campaign_index', ['k', 'attempt_id'], iRows);
}

/** Write campaigns with all their attempts (a rebuild). */
export async function writeCampaigns(
  tx: Queryable, campaigns: readonly Campaign[], features: ReadonlyMap<string, readonly Feature[]>, orgOf: (messageId: string) => string | null, now: string,
): Promise<void> {
  await writeCampaignRows(tx, campaigns, now);
  await writeAttempts(tx, campaigns.flatMap((c) => c.attempts.map((attempt) => ({ attempt, campaignId: c.id }))), features, orgOf);
}

/** Move unchanged attempts (and their messages) to another campaign. */
export async function moveAttempts(tx: Queryable, campaignId: string, attemptIds: readonly string[]): Promise<void> {
  for (let i = 0; i < attemptIds.length; i += CAMPAIGN_LIMITS.sqlChunk) {
    const part = attemptIds.slice(i, i + CAMPAIGN_LIMITS.sqlChunk);
    await tx.run(`UPDATE campaign_attempts SET campaign_id = ? WHERE id IN (${marks(part.length)})`, [campaignId, ...part]);
    await tx.run(`UPDATE campaign_messages SET campaign_id = ? WHERE attempt_id IN (${marks(part.length)})`, [campaignId, ...part]);
  }
}

/** Remove attempts with their memberships and index rows. */
export async function deleteAttempts(tx: Queryable, ids: readonly string[]): Promise<void> {
  await chunkedRun(tx, ids, (m) => `DELETE FROM campaign_index WHERE attempt_id IN (${m})`);
  await chunkedRun(tx, ids, (m) => `DELETE FROM campaign_messages WHERE attempt_id IN (${m})`);
  await chunkedRun(tx, ids, (m) => `DELETE FROM campaign_attempts WHERE id IN (${m})`);
}

export async function deleteCampaignRows(tx: Queryable, ids: readonly string[]): Promise<void> {
  await chunkedRun(tx, ids, (m) => `DELETE FROM campaigns WHERE id IN (${m})`);
}

/** Campaigns holding any of these index keys (distinct, without listing every holder). */
export async function campaignsHolding(q: Queryable, keys: readonly string[]): Promise<string[]> {
  const rows = await chunked<{ campaign_id: string }>(q, keys,
    (m) => `SELECT DISTINCT a.campaign_id FROM campaign_index i JOIN campaign_attempts a ON a.id = i.attempt_id WHERE i.k IN (${m})`);
  return [...new Set(rows.map((r) => r.campaign_id))];
}

export interface MergeRecord {
  kept: string;
  absorbed: string[];
  bridgeAttempts: string[];
  joins: Join[];
}

export async function recordMerges(tx: Queryable, merges: readonly MergeRecord[], now: string): Promise<void> {
  for (const m of merges) {
    await tx.run('INSERT INTO campaign_merges (kept, absorbed, bridge_attempts, joins, merged_at) VALUES (?, ?, ?, ?, ?)',
      [m.kept, JSON.stringify(m.absorbed), JSON.stringify(m.bridgeAttempts), JSON.stringify(m.joins), now]);
  }
}

export async function mergesOf(q: Queryable, campaignId: string): Promise<(MergeRecord & { mergedAt: string })[]> {
  const rows = await q.all<{ kept: string; absorbed: string; bridge_attempts: string; joins: string; merged_at: string }>(
    'SELECT kept, absorbed, bridge_attempts, joins, merged_at FROM campaign_merges WHERE kept = ? ORDER BY id', [campaignId]);
  return rows.map((r) => ({ kept: r.kept, absorbed: JSON.parse(r.absorbed) as string[], bridgeAttempts: JSON.parse(r.bridge_attempts) as string[], joins: JSON.parse(r.joins) as Join[], mergedAt: r.merged_at }));
}

export interface CampaignRow {
  id: string; name: string; first_seen: string; last_seen: string; attempt_count: number; message_count: number; joins: string; infrastructure: string;
}

/**
 * Campaign rows, newest activity first: all of them, or a page after a (last_seen, id) cursor, optionally only
 * campaigns with a message at one organisation.
 */
export async function campaignRows(q: Queryable, page: { limit?: number; after?: { lastSeen: string; id: string }; org?: string } = {}): Promise<CampaignRow[]> {
  const where: string[] = [];
  const params: SqlValue[] = [];
  if (page.after !== undefined) {
    where.push('(last_seen < ? OR (last_seen = ? AND id > ?))');
    params.push(page.after.lastSeen, page.after.lastSeen, page.after.id);
  }
  if (page.org !== undefined) {
    where.push('id IN (SELECT campaign_id FROM campaign_messages WHERE org_id = ?)');
    params.push(page.org);
  }
  const limit = page.limit === undefined ? '' : ` LIMIT ${Math.max(1, Math.floor(page.limit))}`;
  return q.all<CampaignRow>(
    `SELECT id, name, first_seen, last_seen, attempt_count, message_count, joins, infrastructure FROM campaigns${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY last_seen DESC, id${limit}`,
    params);
}

export async function campaignRow(q: Queryable, id: string): Promise<CampaignRow | undefined> {
  return q.get<CampaignRow>('SELECT id, name, first_seen, last_seen, attempt_count, message_count, joins, infrastructure FROM campaigns WHERE id = ?', [id]);
}

/** (campaign, message, org) memberships, optionally of some campaigns only. */
export async function memberships(q: Queryable, campaignIds?: readonly string[]): Promise<{ campaign_id: string; attempt_id: string; message_id: string; org_id: string | null }[]> {
  if (campaignIds === undefined) return q.all('SELECT campaign_id, attempt_id, message_id, org_id FROM campaign_messages');
  return chunked(q, campaignIds, (m) => `SELECT campaign_id, attempt_id, message_id, org_id FROM campaign_messages WHERE campaign_id IN (${m})`);
}

/** The facts of some messages (for recipients and subjects in views), by message id. */
export async function factsOf(q: Queryable, ids: readonly string[]): Promise<Map<string, MessageFacts>> {
  const rows = await chunked<{ message_id: string; facts: string }>(q, ids, (m) => `SELECT message_id, facts FROM campaign_facts WHERE message_id IN (${m})`);
  const out = new Map<string, MessageFacts>();
  for (const r of rows) {
    const f = parseFacts(r);
    out.set(f.id, f);
  }
  return out;
}

/** Everything derived, in a canonical order: what "rebuild gives the same result as incremental" compares. */
export async function snapshotCampaigns(q: Queryable): Promise<unknown> {
  const campaigns = await q.all('SELECT id, name, first_seen, last_seen, attempt_count, message_count, joins, infrastructure FROM campaigns ORDER BY id');
  const attempts = await q.all('SELECT id, campaign_id, attempt_key, first_seen, attempt, features FROM campaign_attempts ORDER BY id');
  const messages = await q.all('SELECT message_id, attempt_id, campaign_id, org_id FROM campaign_messages ORDER BY message_id, attempt_id');
  const index = await q.all('SELECT k, attempt_id FROM campaign_index ORDER BY k, attempt_id');
  return { campaigns, attempts, messages, index };
}

/** The campaigns a stored message (by its id) takes part in (id and name), for a message page's "part of campaign" link. */
export async function campaignsOfMessage(q: Queryable, messageId: string): Promise<{ id: string; name: string }[]> {
  return q.all<{ id: string; name: string }>(
    'SELECT DISTINCT c.id, c.name FROM campaign_messages m JOIN campaigns c ON c.id = m.campaign_id WHERE m.message_id = ? ORDER BY c.id', [messageId]);
}
