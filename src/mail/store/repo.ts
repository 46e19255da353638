import type { Queryable, SqlValue } from '../../store/index.js';
import type { MessageReport, SenderHistory } from '../types.js';
import { RULES_VERSION } from '../rules.js';
import { addressDomain, registrable } from '../domains.js';

/** The registrable sender domain history is keyed on (`mail.evil.example` and `evil.example` are one sender). */
export function senderDomainOf(address: string | null): string | null {
  const d = addressDomain(address);
  return d === null ? null : registrable(d) ?? d;
}

/**
 * Store one scanned message in the caller's transaction: raw bytes once by SHA-256, the facts and latest result,
 * where it was seen, and its observables. Re-scanning the same bytes updates the result and adds nothing else.
 */
export async function saveScan(tx: Queryable, report: MessageReport, raw: Uint8Array, now: string): Promise<void> {
  await tx.run('INSERT INTO mail_raw (sha256, size, bytes, stored_at) VALUES (?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING', [
    report.sha256, raw.length, Buffer.from(raw.buffer, raw.byteOffset, raw.length), now,
  ]);
  const json = JSON.stringify(report);
  await tx.run(
    `INSERT INTO mail_messages (sha256, org_id, message_id, sent_date, from_address, from_name, sender_domain, subject, originating_ip,
       client_ip, verdict, score, rules_version, report, first_scanned_at, last_scanned_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (sha256) DO UPDATE SET org_id = COALESCE(mail_messages.org_id, excluded.org_id), verdict = excluded.verdict, score = excluded.score,
       rules_version = excluded.rules_version, report = excluded.report, last_scanned_at = excluded.last_scanned_at`,
    [
      report.sha256, report.org, report.messageId, report.date, report.from.address, report.from.name, senderDomainOf(report.from.address),
      report.subject, report.originatingIp, report.clientIp, report.verdict, report.score, RULES_VERSION, json, now, now,
    ],
  );
  await tx.run('INSERT INTO mail_sources (sha256, file, idx, seen_at) VALUES (?, ?, ?, ?) ON CONFLICT (sha256, file, idx) DO NOTHING', [
    report.sha256, report.file, report.index, now,
  ]);
  const rows: SqlValue[][] = report.indicators.map((i) => [report.sha256, i.type, i.value.slice(0, 2048)]);
  if (rows.length > 0) await tx.insertMany('mail_observables', ['sha256', 'type', 'value'], rows, 'ON CONFLICT (sha256, type, value) DO NOTHING');
}

/**
 * Sender history preloaded from the store: for each (org, sender domain) the first message that established it.
 * A message is a first contact unless an earlier, different message from that domain reached that org.
 */
export class StoredSenderHistory {
  private readonly first = new Map<string, string>();

  static async load(q: Queryable): Promise<StoredSenderHistory> {
    const h = new StoredSenderHistory();
    const rows = await q.all<{ org_id: string; sender_domain: string; sha256: string }>(
      `SELECT org_id, sender_domain, MIN(sha256) AS sha256 FROM mail_messages
       WHERE org_id IS NOT NULL AND sender_domain IS NOT NULL GROUP BY org_id, sender_domain`,
    );
    for (const r of rows) h.first.set(`${r.org_id}\u0000${r.sender_domain}`, r.sha256);
    return h;
  }

  /** The history as seen by one message (its own earlier scan does not count). */
  forMessage(sha256: string): SenderHistory {
    return { seen: (org, domain) => {
      const f = this.first.get(`${org}\u0000${domain}`);
      return f !== undefined && f !== sha256;
    } };
  }

  /** Record a scanned message so later messages in the same run see it. */
  record(report: MessageReport): void {
    const d = senderDomainOf(report.from.address);
    if (report.org === null || d === null) return;
    const k = `${report.org}\u0000${d}`;
    if (!this.first.has(k)) this.first.set(k, report.sha256);
  }
}
