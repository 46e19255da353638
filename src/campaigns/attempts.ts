import { sha256Hex } from '../core/index.js';
import { CAMPAIGN_LIMITS } from './limits.js';
import { halves, hammingHalves } from './simhash.js';
import type { Attempt, MessageFacts } from './types.js';

/** Copies of one mailing share this: sender, subject template and the set of attachments. */
export function attemptKey(f: Pick<MessageFacts, 'sender' | 'subjectKey' | 'attachments'>): string {
  return `${f.sender}\n${f.subjectKey}\n${f.attachments.join(',')}`;
}

export const participates = (f: Pick<MessageFacts, 'verdict'>): boolean => f.verdict === 'malicious' || f.verdict === 'suspicious';

/**
 * Message ids in storage order: SHA-256 ids (stored before per-organisation keys) first, by value as they always
 * were ordered; then integer ids, by number. Among copies with the same date the earlier stored is first, so a
 * late copy (another organisation's) does not rename an existing attempt.
 */
export function compareMessageIds(a: string, b: string): number {
  const la = a.length === 64;
  const lb = b.length === 64;
  if (la !== lb) return la ? -1 : 1;
  if (!la && a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

const byTime = (a: MessageFacts, b: MessageFacts): number => (a.date < b.date ? -1 : a.date > b.date ? 1 : compareMessageIds(a.id, b.id));

interface Run { first: [number, number]; last: string; members: MessageFacts[] }

/**
 * Split the copies sharing one attempt key into mailings: in time order, a copy joins the most recent run whose
 * last copy is within the window and whose first copy's body is a near duplicate; otherwise it starts a run.
 * The result depends only on the set of copies, never on the order they were scanned in.
 */
export function splitKeyGroup(key: string, copies: readonly MessageFacts[]): Attempt[] {
  const windowMs = CAMPAIGN_LIMITS.attemptWindowHours * 3_600_000;
  const runs: Run[] = [];
  for (const f of [...copies].sort(byTime)) {
    const t = Date.parse(f.date);
    const h = halves(f.simhash);
    let target: Run | undefined;
    for (let i = runs.length - 1; i >= 0; i--) {
      const r = runs[i]!;
      if (t - Date.parse(r.last) > windowMs) continue;
      if (hammingHalves(r.first, h) <= CAMPAIGN_LIMITS.attemptBodyBits) { target = r; break; }
    }
    if (target === undefined) runs.push({ first: h, last: f.date, members: [f] });
    else { target.members.push(f); target.last = f.date; }
  }
  return runs.map((r) => toAttempt(key, r.members));
}

/**
 * An attempt's id comes from its key and its first copy's message id. Messages stored before per-organisation
 * keys have their SHA-256 as id, which is what the attempt ids were made of then: they did not change.
 */
function toAttempt(key: string, members: MessageFacts[]): Attempt {
  const first = members[0]!;
  return {
    id: `a-${sha256Hex(`${key}\n${first.id}`).slice(0, 12)}`,
    key,
    sender: first.sender,
    subject: first.subject,
    firstSeen: first.date,
    lastSeen: members[members.length - 1]!.date,
    messages: members.map((m) => m.id),
    recipients: [...new Set(members.flatMap((m) => m.recipients))].sort(),
    organizations: [...new Set(members.flatMap((m) => (m.org === null ? [] : [m.org])))].sort(),
    simhash: first.simhash,
  };
}

/** Group participating messages into attempts (clean messages never take part). */
export function groupAttempts(facts: readonly MessageFacts[]): Attempt[] {
  const byKey = new Map<string, MessageFacts[]>();
  for (const f of facts) {
    if (!participates(f)) continue;
    const k = attemptKey(f);
    const list = byKey.get(k);
    if (list === undefined) byKey.set(k, [f]);
    else list.push(f);
  }
  const out: Attempt[] = [];
  for (const [k, list] of byKey) out.push(...splitKeyGroup(k, list));
  return out.sort((a, b) => (a.firstSeen < b.firstSeen ? -1 : a.firstSeen > b.firstSeen ? 1 : a.id < b.id ? -1 : 1));
}
