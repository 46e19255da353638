/**
 * Every query the campaigns domain makes against the mail tables, in one place: when the mail schema changes
 * (for example a per-organisation delivery key), this is the one file to edit.
 */
import type { MessageReport } from '../../mail/index.js';
import type { Queryable } from '../../store/index.js';
import { listOrgs } from '../../orgs/index.js';
import { CAMPAIGN_LIMITS } from '../limits.js';

export interface StoredMessage {
  sha256: string;
  report: MessageReport;
  raw: Buffer | null;
  scannedAt: string;
}

const marks = (n: number): string => new Array<string>(n).fill('?').join(',');

/** Reports and raw bytes of these messages (missing ones are left out). */
export async function loadMessages(q: Queryable, sha256s: readonly string[]): Promise<StoredMessage[]> {
  const out: StoredMessage[] = [];
  for (let i = 0; i < sha256s.length; i += CAMPAIGN_LIMITS.sqlChunk) {
    const part = sha256s.slice(i, i + CAMPAIGN_LIMITS.sqlChunk);
    const rows = await q.all<{ sha256: string; report: string; last_scanned_at: string; bytes: Buffer | null }>(
      `SELECT m.sha256, m.report, m.last_scanned_at, r.bytes FROM mail_messages m LEFT JOIN mail_raw r ON r.sha256 = m.sha256
       WHERE m.sha256 IN (${marks(part.length)})`, part);
    for (const r of rows) {
      out.push({ sha256: r.sha256, report: JSON.parse(r.report) as MessageReport, raw: r.bytes === null ? null : Buffer.from(r.bytes), scannedAt: r.last_scanned_at });
    }
  }
  return out;
}

/** Messages whose cached facts are missing or older than their latest scan, and facts whose message is gone. */
export async function staleMessages(q: Queryable): Promise<{ refresh: string[]; gone: string[] }> {
  const refresh = await q.all<{ sha256: string }>(
    `SELECT m.sha256 FROM mail_messages m LEFT JOIN campaign_facts f ON f.sha256 = m.sha256
     WHERE (m.verdict <> 'clean' AND (f.sha256 IS NULL OR f.scanned_at <> m.last_scanned_at))
        OR (m.verdict = 'clean' AND f.sha256 IS NOT NULL)`);
  const gone = await q.all<{ sha256: string }>(
    'SELECT f.sha256 FROM campaign_facts f LEFT JOIN mail_messages m ON m.sha256 = f.sha256 WHERE m.sha256 IS NULL');
  return { refresh: refresh.map((r) => r.sha256), gone: gone.map((r) => r.sha256) };
}

/** Every organisation's own domains (never attacker infrastructure). */
export async function orgDomains(q: Queryable): Promise<string[]> {
  return (await listOrgs(q)).flatMap((o) => o.domains);
}
