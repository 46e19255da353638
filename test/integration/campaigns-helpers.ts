/** Hand-made scanned messages for the campaigns integration tests: a report plus the raw bytes it came from. */
import { sha256Hex } from '../../src/core/index.js';
import { saveScan, type MessageReport, type Verdict } from '../../src/mail/index.js';
import type { Db } from '../../src/store/index.js';

export interface MailSpec {
  org: string;
  from: string;
  to: string;
  subject: string;
  date: string;
  body: string;
  verdict?: Verdict;
  originatingIp?: string | null;
  clientIp?: string | null;
  replyTo?: string[];
  linkHosts?: string[];
  attachments?: string[];
  xMailer?: string;
}

export function makeMail(s: MailSpec): { report: MessageReport; raw: Buffer } {
  const headers = [
    `Delivered-To: ${s.to}`, `From: ${s.from}`, `To: ${s.to}`, `Subject: ${s.subject}`, `Date: ${new Date(s.date).toUTCString()}`,
    ...(s.xMailer !== undefined ? [`X-Mailer: ${s.xMailer}`] : []), 'MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8',
  ];
  const raw = Buffer.from(`${headers.join('\r\n')}\r\n\r\n${s.body}\r\n`);
  const report: MessageReport = {
    file: 'test.eml', index: 0, sha256: sha256Hex(raw), messageId: null, date: s.date,
    from: { address: s.from, name: null }, replyTo: s.replyTo ?? [], to: [s.to], subject: s.subject, org: s.org,
    originatingIp: s.originatingIp ?? null, clientIp: s.clientIp ?? null, receivedChain: [],
    auth: { spf: 'none', dkim: 'none', dmarc: 'none', arc: 'none' }, verdict: s.verdict ?? 'malicious', score: 80, signals: [],
    urls: (s.linkHosts ?? []).map((h) => ({ url: `https://${h}/login`, host: h, displayText: null, flags: [] })),
    attachments: (s.attachments ?? []).map((h) => ({ filename: 'doc.zip', declaredType: 'application/zip', detectedType: 'zip', size: 100, sha256: h, flags: [] })),
    btcAddresses: [], indicators: [], intelMatches: [],
  };
  return { report, raw };
}

/** Store the messages; their ids, in order (what updateCampaigns takes). */
export async function storeMails(db: Db, mails: readonly { report: MessageReport; raw: Buffer }[], now = '2026-09-01T00:00:00.000Z'): Promise<string[]> {
  return db.transaction(async (tx) => {
    const ids: string[] = [];
    for (const m of mails) ids.push((await saveScan(tx, m.report, m.raw, now)).id);
    return ids;
  });
}

const LURES = [
  'Your exchange account needs verification. Sign in to the security portal before the deadline or withdrawals are paused.',
  'Please review the attached wallet audit report and confirm the cold storage balances with the finance team today.',
  'A new device signed in to your administrator console. If this was not you, reset your password at the link below.',
  'The listing committee approved your token. Pay the listing deposit through the partner portal within two days.',
  'Invoice 2231 for the custody integration is overdue. Download the statement and settle it to avoid suspension.',
];

/** The police case in miniature plus noise: attempts over weeks from one IP, a look-alike campaign, clean mail. */
export function scenarioMails(): { report: MessageReport; raw: Buffer }[] {
  const out: { report: MessageReport; raw: Buffer }[] = [];
  const people = ['kim', 'lee', 'park', 'choi', 'jung', 'kang'];
  for (let a = 0; a < 5; a++) {
    const day = 2 + a * 6;
    for (let r = 0; r < 3; r++) {
      const name = people[(a + r) % people.length]!;
      const org = r % 2 === 0 ? 'org-a' : 'org-b';
      out.push(makeMail({
        org, from: `support@exchange-${'abcde'[a]!}-secure.example`, to: `${name}@${org}.example`, subject: `Security notice ${a}`,
        date: new Date(Date.UTC(2026, 6, day, 9, r * 4)).toISOString(), body: `Dear ${name},\n${LURES[a]!}\nhttps://login-${a}.stage2.example/u=${name}`,
        originatingIp: a === 3 ? '209.85.220.41' : '175.45.178.12', clientIp: a === 3 ? '175.45.178.12' : null,
        linkHosts: a === 3 ? ['bit.ly'] : [`login-${a}.stage2.example`], xMailer: 'Foxmail 7.2.23.116[cn]',
      }));
    }
  }
  for (let a = 0; a < 3; a++) {
    out.push(makeMail({
      org: 'org-a', from: `david.listing${a}@gmail.com`, to: `han${a}@org-a.example`, subject: `Token listing proposal #${4000 + a}`,
      date: new Date(Date.UTC(2026, 6, 3 + a * 10, 14)).toISOString(), body: `Dear partner,\nOur foundation would like to list on your exchange ${a}.`,
      originatingIp: '209.85.220.77', clientIp: '203.0.113.9', linkHosts: ['bit.ly', 'portal.listing-desk4.top'], replyTo: ['listing@listing-desk4.top'],
    }));
  }
  for (let i = 0; i < 4; i++) {
    out.push(makeMail({
      org: 'org-b', from: `news@vendor${i}.example`, to: `lee@org-b.example`, subject: `Newsletter ${i}`, verdict: 'clean',
      date: new Date(Date.UTC(2026, 6, 5 + i, 8)).toISOString(), body: 'Monthly product update.', originatingIp: '175.45.178.12',
    }));
  }
  return out;
}
