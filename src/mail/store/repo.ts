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
 * The API id of a stored message as SQL, for a `mail_messages` row aliased `alias`: its SHA-256 when it was stored
 * before messages were per organisation (migration 0052 kept it in legacy_id), else its integer key in decimal.
 * Campaign tables and intel sightings name messages by this id.
 */
export function messageIdSql(alias: string): string {
  return `COALESCE(${alias}.legacy_id, CAST(${alias}.id AS TEXT))`;
}

/** A WHERE condition selecting the `mail_messages` row (aliased `alias`) with this API id; none for junk. */
export function messageIdWhere(alias: string, id: string): { sql: string; params: SqlValue[] } {
  if (/^[0-9a-f]{64}$/.test(id)) return { sql: `${alias}.legacy_id = ?`, params: [id] };
  if (/^[1-9][0-9]{0,15}$/.test(id)) return { sql: `${alias}.id = ?`, params: [Number(id)] };
  return { sql: '1 = 0', params: [] };
}

/** A message as stored: its API id (what every other table and the API name it by) and its integer key. */
export interface StoredRef {
  id: string;
  key: number;
}

/**
 * Store one scanned message in the caller's transaction: raw bytes once by SHA-256; the delivered copy (the facts
 * and latest result) once per organisation; where it was seen; its observables. Re-scanning the same bytes for
 * the same organisation updates the result and adds nothing else; for another organisation it is another
 * message. A copy stored while its organisation was unknown becomes the organisation's when it is scanned for
 * one (it keeps its id), unless that organisation already has its own.
 */
export async function saveScan(tx: Queryable, report: MessageReport, raw: Uint8Array, now: string): Promise<StoredRef> {
  await tx.run('INSERT INTO mail_raw (sha256, size, bytes, stored_at) VALUES (?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING', [
    report.sha256, raw.length, Buffer.from(raw.buffer, raw.byteOffset, raw.length), now,
  ]);
  if (report.org !== null) {
    await tx.run(
      `UPDATE mail_messages SET org_id = ? WHERE COALESCE(org_id, '') = '' AND sha256 = ?
         AND NOT EXISTS (SELECT 1 FROM mail_messages o WHERE COALESCE(o.org_id, '') = ? AND o.sha256 = ?)`,
      [report.org, report.sha256, report.org, report.sha256],
    );
  }
  const json = JSON.stringify(report);
  const row = await tx.get<{ id: number | string; api_id: string }>(
    `INSERT INTO mail_messages (sha256, org_id, message_id, sent_date, from_address, from_name, sender_domain, subject, originating_ip,
       client_ip, verdict, score, rules_version, report, first_scanned_at, last_scanned_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT ((COALESCE(org_id, '')), sha256) DO UPDATE SET verdict = excluded.verdict, score = excluded.score,
       rules_version = excluded.rules_version, report = excluded.report, last_scanned_at = excluded.last_scanned_at
     RETURNING id, ${messageIdSql('mail_messages')} AS api_id`,
    [
      report.sha256, report.org, report.messageId, report.date, report.from.address, report.from.name, senderDomainOf(report.from.address),
      report.subject, report.originatingIp, report.clientIp, report.verdict, report.score, RULES_VERSION, json, now, now,
    ],
  );
  if (row === undefined) throw new Error(`message ${report.sha256} was not stored`);
  const key = Number(row.id);
  await tx.run('INSERT INTO mail_sources (message_id, file, idx, seen_at) VALUES (?, ?, ?, ?) ON CONFLICT (message_id, file, idx) DO NOTHING', [
    key, report.file, report.index, now,
  ]);
  const rows: SqlValue[][] = report.indicators.map((i) => [key, i.type, i.value.slice(0, 2048)]);
  if (rows.length > 0) await tx.insertMany('mail_observables', ['message_id', 'type', 'value'], rows, 'ON CONFLICT (message_id, type, value) DO NOTHING');
  // the signal index of the latest result (migration 0053): a rescan may have found other signals
  await tx.run('DELETE FROM mail_message_signals WHERE message_id = ?', [key]);
  const signals = [...new Set(report.signals.map((x) => x.id))].map((id): SqlValue[] => [key, id]);
  if (signals.length > 0) await tx.insertMany('mail_message_signals', ['message_id', 'signal'], signals);
  return { id: String(row.api_id), key };
}

/**
 * Sender history preloaded from the store: for each (org, sender domain) the first message that established it.
 * A message is a first contact unless an earlier, different message from that domain reached that org.
 */
/** A subject as a mailing's key: case, reply/forward prefixes and spacing do not make another mailing. */
export function mailingKey(subject: string | null): string {
  return (subject ?? '').toLowerCase().replace(/^\s*((re|fw|fwd|aw|wg)\s*:\s*)+/i, '').replace(/\s+/g, ' ').trim();
}

export class StoredSenderHistory {
  /**
   * Per (organisation, sender domain): up to two mailing keys seen from it. One mailing (the same subject) sent to
   * many staff is one first contact: every copy of it gets the same answer, whatever order the copies are scanned
   * in; only mail of another subject from the same domain makes the domain known.
   */
  private readonly keys = new Map<string, string[]>();

  static async load(q: Queryable): Promise<StoredSenderHistory> {
    const h = new StoredSenderHistory();
    const rows = await q.all<{ org_id: string; sender_domain: string; subject: string | null }>(
      `SELECT org_id, sender_domain, subject FROM mail_messages
       WHERE org_id IS NOT NULL AND sender_domain IS NOT NULL GROUP BY org_id, sender_domain, subject`,
    );
    for (const r of rows) h.add(`${r.org_id}\u0000${r.sender_domain}`, mailingKey(r.subject));
    return h;
  }

  private add(k: string, key: string): void {
    const l = this.keys.get(k);
    if (l === undefined) this.keys.set(k, [key]);
    else if (l.length < 2 && !l.includes(key)) l.push(key);
  }

  /** The history as seen by one message: the domain is known when it sent mail of another mailing before. */
  forMessage(_sha256: string, subject: string | null = null): SenderHistory {
    const mine = mailingKey(subject);
    return { seen: (org, domain) => (this.keys.get(`${org}\u0000${domain}`) ?? []).some((k) => k !== mine) };
  }

  /** Record a scanned message so later messages in the same run see it. */
  record(report: MessageReport): void {
    const d = senderDomainOf(report.from.address);
    if (report.org === null || d === null) return;
    this.add(`${report.org}\u0000${d}`, mailingKey(report.subject));
  }
}
