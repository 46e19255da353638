/**
 * Every query the campaigns domain makes against the mail tables, in one place: when the mail schema changes
 * (for example a per-organisation delivery key), this is the one file to edit.
 */
import { messageIdSql, type MessageReport } from '../../mail/index.js';
import type { Queryable } from '../../store/index.js';
import { listOrgs } from '../../orgs/index.js';
import { CAMPAIGN_LIMITS } from '../limits.js';

export interface StoredMessage {
  /** The message's API id (one organisation's copy). */
  id: string;
  sha256: string;
  report: MessageReport;
  raw: Buffer | null;
  scannedAt: string;
}

const marks = (n: number): string => new Array<string>(n).fill('?').join(',');
const ID = messageIdSql('m');

/** Reports and raw bytes of these messages (missing ones are left out). */
export async function loadMessages(q: Queryable, ids: readonly string[]): Promise<StoredMessage[]> {
  const out: StoredMessage[] = [];
  for (let i = 0; i < ids.length; i += CAMPAIGN_LIMITS.sqlChunk) {
    const part = ids.slice(i, i + CAMPAIGN_LIMITS.sqlChunk);
    const rows = await q.all<{ id: string; sha256: string; report: string; last_scanned_at: string; bytes: Buffer | null }>(
      `SELECT ${ID} AS id, m.sha256, m.report, m.last_scanned_at, r.bytes FROM mail_messages m LEFT JOIN mail_raw r ON r.sha256 = m.sha256
       WHERE ${ID} IN (${marks(part.length)})`, part);
    for (const r of rows) {
      out.push({ id: String(r.id), sha256: r.sha256, report: JSON.parse(r.report) as MessageReport, raw: r.bytes === null ? null : Buffer.from(r.bytes), scannedAt: r.last_scanned_at });
    }
  }
  return out;
}

/** Messages (ids) whose cached facts are missing or older than their latest scan, and facts whose message is gone. */
export async function staleMessages(q: Queryable): Promise<{ refresh: string[]; gone: string[] }> {
  const refresh = await q.all<{ id: string }>(
    `SELECT ${ID} AS id FROM mail_messages m LEFT JOIN campaign_facts f ON f.message_id = ${ID}
     WHERE (m.verdict <> 'clean' AND (f.message_id IS NULL OR f.scanned_at <> m.last_scanned_at))
        OR (m.verdict = 'clean' AND f.message_id IS NOT NULL)`);
  const gone = await q.all<{ message_id: string }>(
    // a set difference: SQLite will not probe the expression index from a TEXT column in a correlated subquery
    `SELECT message_id FROM campaign_facts EXCEPT SELECT ${ID} FROM mail_messages m`);
  return { refresh: refresh.map((r) => String(r.id)), gone: gone.map((r) => r.message_id) };
}

/** Every organisation's own domains (never attacker infrastructure). */
export async function orgDomains(q: Queryable): Promise<string[]> {
  return (await listOrgs(q)).flatMap((o) => o.domains);
}
