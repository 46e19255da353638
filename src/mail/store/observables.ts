import type { Queryable } from '../../store/index.js';

/** A stored, flagged message that carries an observable of one type (for example the bitcoin address of an extortion demand). */
export interface MessageObservable {
  /** The message's API id (what GET /messages/:id and the campaign tables name it by). */
  id: string;
  sha256: string;
  org: string | null;
  value: string;
  messageId: string | null;
  subject: string | null;
  verdict: string;
  firstScannedAt: string;
}

/**
 * Observables of `type` in suspicious or malicious stored messages first scanned after `since` (ISO time), oldest
 * first. Clean mail is left out: a donation address in a newsletter is nothing to watch.
 */
export async function flaggedObservables(q: Queryable, type: string, since: string | null, limit = 10_000): Promise<MessageObservable[]> {
  const rows = await q.all<{ api_id: string; sha256: string; org_id: string | null; value: string; message_id: string | null; subject: string | null; verdict: string; first_scanned_at: string }>(
    `SELECT COALESCE(m.legacy_id, CAST(m.id AS TEXT)) AS api_id, m.sha256, m.org_id, o.value, m.message_id, m.subject, m.verdict, m.first_scanned_at
     FROM mail_observables o JOIN mail_messages m ON m.id = o.message_id
     WHERE o.type = ? AND m.verdict <> 'clean' AND m.first_scanned_at > ?
     ORDER BY m.first_scanned_at, m.id LIMIT ?`,
    [type, since ?? '', limit],
  );
  return rows.map((r) => ({ id: r.api_id, sha256: r.sha256, org: r.org_id, value: r.value, messageId: r.message_id, subject: r.subject, verdict: r.verdict, firstScannedAt: r.first_scanned_at }));
}
