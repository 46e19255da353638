import type { MessageReport } from '../mail/index.js';
import { CAMPAIGN_LIMITS } from './limits.js';
import { registrableOf } from './commodity.js';
import { bodyTokens, simhash } from './simhash.js';
import { bodyText, decodeWords } from './body-text.js';
import type { MessageFacts } from './types.js';

/** The sender of a copy whose From is the recipient's own address (extortion spoofing each victim). */
export const SELF_SENDER = "(recipient's own address)";

const lc = (s: string): string => s.trim().toLowerCase();
const cap = <T>(xs: readonly T[]): T[] => xs.slice(0, CAMPAIGN_LIMITS.itemsPerList);
const uniq = (xs: readonly string[]): string[] => [...new Set(xs)].sort();

/** Unfolded header fields (lower-case names) of the raw header block, bounded. */
export function rawHeaders(raw: Uint8Array): Map<string, string[]> {
  const head = Buffer.from(raw.buffer, raw.byteOffset, Math.min(raw.length, CAMPAIGN_LIMITS.headerBytes)).toString('latin1');
  const end = head.search(/\r?\n\r?\n/);
  const block = (end < 0 ? head : head.slice(0, end)).replace(/\r?\n[ \t]+/g, ' ');
  const out = new Map<string, string[]>();
  for (const line of block.split(/\r?\n/)) {
    const c = line.indexOf(':');
    if (c <= 0) continue;
    const k = line.slice(0, c).trim().toLowerCase();
    const list = out.get(k) ?? [];
    if (list.length < 50) list.push(line.slice(c + 1).trim());
    out.set(k, list);
  }
  return out;
}

/** Display names of an address list (`Kim Minjun <kim@…>, "Lee, S." <lee@…>`). */
function displayNames(list: string): string[] {
  const out: string[] = [];
  for (const m of list.matchAll(/(?:"([^"]{1,200})"|([^,<>"]{1,200}))\s*<[^<>]+>/g)) {
    const n = (m[1] ?? m[2] ?? '').trim();
    if (n !== '') out.push(n);
  }
  return out.slice(0, CAMPAIGN_LIMITS.itemsPerList);
}

function addrOf(v: string): string | null {
  const m = /<([^<>\s]+@[^<>\s]+)>/.exec(v) ?? /([^\s<>"',;]+@[^\s<>"',;]+)/.exec(v);
  return m === null ? null : lc(m[1]!);
}

function isoDate(d: string | null, fallback: string): string {
  if (d !== null) {
    const t = Date.parse(d);
    if (!Number.isNaN(t)) return new Date(t).toISOString();
  }
  return fallback;
}

/** Subject template: case, Re:/Fwd: chains, numbers, the recipient's names and white space normalised away. */
export function subjectKey(subject: string | null, personal: readonly string[] = []): string {
  let s = (subject ?? '').toLowerCase();
  for (let i = 0; i < 5; i++) s = s.replace(/^\s*(re|fw|fwd|aw|wg|sv|답장|전달)\s*(\[\d+\])?\s*:\s*/i, '');
  for (const p of personal) if (p.trim().length >= 2) s = s.split(p.trim().toLowerCase()).join('_name_');
  return s.replace(/\d+/g, '#').replace(/\s+/g, ' ').trim();
}

/** Lookalike targets named in the scanner's signals ("… imitates Bithumb (typo)"). */
function lookalikeTargets(report: MessageReport): string[] {
  const out: string[] = [];
  for (const s of report.signals) {
    if (!s.id.startsWith('lookalike.')) continue;
    const m = /imitates (.+?) \([^()]*\)\s*$/.exec(s.detail);
    if (m !== null) out.push(lc(m[1]!));
  }
  return out;
}

/**
 * Everything clustering needs from one stored message: its report (the scanner's facts and verdict) and its raw
 * bytes (the body text for SimHash, X-Mailer and Delivered-To, which the report does not carry). `id` is the
 * stored message's id (default: the SHA-256, for messages outside a store).
 */
export function extractFacts(report: MessageReport, raw: Uint8Array | null, scannedAt: string, id: string = report.sha256): MessageFacts {
  const headers = raw === null ? new Map<string, string[]>() : rawHeaders(raw);
  const delivered = [...(headers.get('delivered-to') ?? []), ...(headers.get('x-original-to') ?? [])].map(addrOf).filter((x): x is string => x !== null);
  let text = '';
  let names: string[] = [];
  if (raw !== null) {
    text = bodyText(raw);
    names = [...(headers.get('to') ?? []), ...(headers.get('cc') ?? [])].flatMap((v) => displayNames(decodeWords(v)));
  }
  const to = report.to.map(lc);
  const recipients = uniq(delivered.length > 0 ? [delivered[0]!] : to);
  const fromAddress = report.from.address === null ? null : lc(report.from.address);
  const personal = [...names, ...names.flatMap((n) => n.split(/\s+/)), ...recipients.map((r) => r.split('@')[0] ?? '')];
  const self = fromAddress !== null && (recipients.includes(fromAddress) || to.includes(fromAddress));
  const fromDomain = fromAddress === null ? null : fromAddress.slice(fromAddress.lastIndexOf('@') + 1);
  const viaService = report.clientIp !== null && report.clientIp !== report.originatingIp;
  const mailer = headers.get('x-mailer')?.[0] ?? headers.get('user-agent')?.[0] ?? null;
  const tokens = bodyTokens(`${subjectKey(report.subject, personal)}\n${text}`, personal, CAMPAIGN_LIMITS.bodyTextChars);
  const sha = [...report.attachments.map((a) => a.sha256), ...report.indicators.filter((i) => i.type === 'sha256').map((i) => i.value)];
  return {
    id,
    sha256: report.sha256,
    org: report.org,
    date: isoDate(report.date, scannedAt),
    verdict: report.verdict,
    sender: self ? SELF_SENDER : (fromAddress ?? '(no sender)'),
    fromAddress,
    subject: report.subject,
    recipients,
    originatingIp: report.originatingIp,
    clientIp: report.clientIp,
    senderDomain: fromDomain === null || self || viaService ? null : registrableOf(fromDomain),
    senderLookalike: report.signals.some((s) => s.id.startsWith('lookalike.') && s.detail.startsWith('From domain ')),
    viaService,
    replyTo: uniq(cap(report.replyTo.map(lc))),
    linkHosts: uniq(cap(report.urls.map((u) => lc(u.host).replace(/\.$/, '')).filter((h) => h !== ''))),
    attachments: uniq(report.attachments.map((a) => lc(a.sha256))),
    fileHashes: uniq(cap(sha.map(lc))),
    lookalikeTargets: uniq(lookalikeTargets(report)),
    btcAddresses: uniq(cap(report.btcAddresses)),
    xMailer: mailer === null ? null : mailer.slice(0, 200),
    simhash: simhash(tokens),
    subjectKey: subjectKey(report.subject, personal),
  };
}
