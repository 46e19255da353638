import type { OrgLike, Signal } from '../types.js';
import type { ParsedMessage } from '../parse/mime.js';
import type { AuthSummary } from '../auth/results.js';
import { compareHost, displayNameClaim, GENERIC_LABELS, ownedBy, type Target } from '../lookalike/compare.js';
import { brandNamed, brandOwns } from '../content/brand-claim.js';
import { IMPERSONATED_BRANDS } from '../impersonated-brands.js';
import { addressDomain, hostUnder, registrable, splitHost } from '../domains.js';
import { editDistance } from '../lookalike/distance.js';
import { DYNAMIC_DNS, FREE_HOSTING_SENDER, isFreemail } from '../lists.js';
import { abusedSuffix } from '../links/tlds.js';
import { nameDomainMismatch } from '../content/sender-name.js';
import { generatedMailbox } from '../content/generated-name.js';
import { generatedDomain, randomCaseMailbox } from '../content/machine-made.js';
import { signal } from '../verdict.js';

/** Sender and authentication signals: who the message claims to be from, and whether that holds. */
function lookalikeSignals(role: string, host: string | null, targets: readonly Target[], out: Signal[]): void {
  if (host === null) return;
  const hit = compareHost(host, targets);
  if (hit === null) return;
  const id = hit.target.kind === 'org' ? 'lookalike.org' : 'lookalike.brand';
  out.push(signal(id, `${role} domain ${hit.host} imitates ${hit.target.name} (${hit.technique})`, hit.evidence));
  if (hit.target.kind === 'brand' && hit.technique === 'domain-in-subdomain' && !out.some((s) => s.id === 'lookalike.brand-domain-in-host')) {
    out.push(signal('lookalike.brand-domain-in-host', `${role} domain ${hit.host} starts with ${hit.target.name}'s own domain`, hit.evidence));
  }
}

/**
 * A country's official second-level suffix spelled into a name with hyphens or dots in front of the real domain
 * ("fss-or-kr.com", "hometax.go.kr.tax-refund.top"): the reader sees a government's or university's address.
 */
const OFFICIAL_SECOND_LEVEL = new Set(['go', 'or', 'ac', 'gov', 'govt', 'gouv', 'gob', 'mil', 'edu', 're', 'ne', 'co', 'com', 'org', 'net']);
export function embeddedSuffix(host: string | null): string | null {
  if (host === null) return null;
  const reg = registrable(host);
  if (reg === null) return null;
  const suffixLen = reg.split('.').length - 1;
  const labels = host.split('.');
  // everything before the real public suffix, split on dots and hyphens
  const tokens = labels.slice(0, labels.length - suffixLen).join('.').split(/[.-]/).filter((t) => t !== '');
  for (let i = 0; i + 1 < tokens.length; i++) {
    const a = tokens[i]!, b = tokens[i + 1]!;
    if (!OFFICIAL_SECOND_LEVEL.has(a) || !/^[a-z]{2}$/.test(b)) continue;
    // the pair must be a real suffix of that country (or.kr, gov.uk, com.br), not two ordinary words
    if (registrable(`x.${a}.${b}`) === `x.${a}.${b}`) return `${a}.${b}`;
  }
  return null;
}

/**
 * The Reply-To domain is a near-copy of the From domain: the same name under another suffix
 * (trustcustody-asia.com → trustcustody-asia.co) or one edit away (acme-corp.com → acme-crop.com). A company's
 * replies go to its own domain; a cousin domain is where a thread is hijacked.
 */
export function cousinDomain(fromReg: string, replyReg: string): string | null {
  const a = splitHost(fromReg), b = splitHost(replyReg);
  if (a === null || b === null || a.label.length < 5) return null;
  if (a.label === b.label && a.suffix !== b.suffix) return `${b.label} under .${b.suffix} instead of .${a.suffix}`;
  if (a.suffix === b.suffix && b.label.length >= 5 && editDistance(a.label, b.label, 1) === 1) return `${b.label} is one edit from ${a.label}`;
  return null;
}

/** A Reply-To that is the mailing list's own posting address (List-Post, or the list named by List-Id). */
function listReply(p: ParsedMessage, reply: string): boolean {
  const post = p.headers.find((h) => h.key === 'list-post')?.value.toLowerCase() ?? '';
  if (post.includes(`mailto:${reply.toLowerCase()}`)) return true;
  const id = p.headers.find((h) => h.key === 'list-id')?.value.toLowerCase() ?? '';
  const d = addressDomain(reply);
  return id !== '' && d !== null && id.includes(d);
}

/** Does the service named after "via" match the sending domain (first word of the name inside the domain)? */
function sendsFor(service: string, domain: string): boolean {
  const d = domain.replace(/[^a-z0-9]/g, '');
  const words = service.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 3);
  return words.length === 0 || words.some((w) => d.includes(w)) || d.includes(words.join(''));
}

export function senderSignals(p: ParsedMessage, org: OrgLike | null, targets: readonly Target[], auth: AuthSummary, out: Signal[]): void {
  const fromDomain = addressDomain(p.from.address);
  // a From domain that cannot exist (no public suffix, stray characters, styled Unicode letters) is as telling as a
  // From header that does not parse
  const badDomain = fromDomain !== null && (/[^a-z0-9.-]/.test(fromDomain) || registrable(fromDomain) === null);
  if (p.fromMalformed || badDomain) {
    const raw = p.headers.find((h) => h.key === 'from')?.value ?? '';
    out.push(signal('sender.malformed-from', badDomain && !p.fromMalformed ? `the From domain ${fromDomain ?? ''} cannot exist` : 'the From header is malformed; the address was salvaged from its text', raw.slice(0, 200)));
  }
  lookalikeSignals('From', fromDomain, targets, out);
  const seen = new Set([fromDomain]);
  for (const r of p.replyTo) {
    const d = addressDomain(r);
    if (!seen.has(d)) lookalikeSignals('Reply-To', d, targets, out);
    seen.add(d);
  }
  const rp = addressDomain(p.returnPath);
  if (!seen.has(rp)) lookalikeSignals('Return-Path', rp, targets, out);
  for (const [role, host] of [['From', fromDomain], ...p.replyTo.map((r) => ['Reply-To', addressDomain(r)] as const)] as const) {
    const fake = embeddedSuffix(host);
    if (fake !== null) {
      out.push(signal('sender.suffix-in-name', `the ${role} domain spells the official suffix .${fake} into its name`, host ?? ''));
      break;
    }
  }
  const claimRaw = displayNameClaim(p.from.name, p.from.address, targets);
  // "Brand via Service" (calendar and document-sharing services) and a Reply-To at the brand itself are how
  // honest services send on someone's behalf
  // "Alice via DocuSign" from docusign.net names the service that sends for Alice; "DocuSign | Review via e-Sign"
  // from an unrelated domain names no service the sender belongs to
  const viaMatch = p.from.name === null ? null : /\bvia\s+([\p{L}\p{N}][\p{L}\p{N} .-]{0,40})/iu.exec(p.from.name);
  const viaService = viaMatch !== null && (fromDomain === null || sendsFor(viaMatch[1]!, fromDomain));
  const replyOwned = claimRaw !== null && p.replyTo.some((r) => { const d = addressDomain(r); return d !== null && ownedBy(d, claimRaw.target); });
  // a brand whose name is an ordinary word (Apple, Chase, Amazon) is claimed only by a name that is the brand plus
  // filler ("Apple Support"), not by one that uses the word among others ("Lockergnome Apple Core")
  const generic = claimRaw !== null && claimRaw.target.kind === 'brand' && GENERIC_LABELS.has(claimRaw.target.labels[0]?.label ?? '')
    && brandNamed(p.from.name ?? '', [{ name: claimRaw.target.name, domains: claimRaw.target.domains }]) === null;
  let claim = viaService || replyOwned || generic ? null : claimRaw;
  if (claim !== null) {
    out.push(signal(claim.target.kind === 'org' ? 'sender.display-name-org' : 'sender.display-name-brand', `the display name claims ${claim.target.name}`, claim.evidence));
  } else if (!viaService && p.from.name !== null && fromDomain !== null) {
    // the wider list of brands scams speak for: only a display name that is the brand counts
    const b = brandNamed(p.from.name, IMPERSONATED_BRANDS);
    const replyIsBrand = b !== null && p.replyTo.some((r) => { const d = addressDomain(r); return d !== null && brandOwns(b, d); });
    if (b !== null && !brandOwns(b, fromDomain) && !replyIsBrand) {
      out.push(signal('sender.display-name-brand', `the display name claims ${b.name}`, `display name "${p.from.name}" is ${b.name}, sent from ${fromDomain}`));
      claim = { target: { kind: 'brand', id: b.name, name: b.name, domains: b.domains, labels: [], nameSkel: '', nameRe: null }, evidence: '' };
    }
  }
  if (p.from.name !== null && fromDomain !== null) {
    const shown = /[a-z0-9._%+-]+@([a-z0-9-]+(?:\.[a-z0-9-]+)+)/i.exec(p.from.name);
    if (shown !== null && registrable(shown[1]!) !== registrable(fromDomain)) {
      out.push(signal('sender.display-name-address', 'the display name shows another address than the sender', `"${p.from.name}" <${p.from.address ?? ''}>`));
    } else if (shown === null) {
      // only a display name that is nothing but a domain ("proton.me", "paypal.com"): product names such as
      // "CNET News.com Daily Dispatch" carry a dotted word among others and are honest
      const host = /^\s*["'(]?((?:[a-z0-9-]+\.)+[a-z]{2,})["')]?\s*$/i.exec(p.from.name)?.[1];
      const hostReg = host === undefined ? null : registrable(host);
      if (hostReg !== null && hostReg !== registrable(fromDomain)) {
        out.push(signal('sender.display-name-domain', 'the display name shows another domain than the sender', `"${p.from.name}" <${p.from.address ?? ''}>`));
      }
    }
  }
  const fromReg = fromDomain === null ? null : registrable(fromDomain);
  // free-mail users get addresses at the provider's own domain (gmail.com); a subdomain (reply.yahoo.com) is one
  // of the provider's services writing, not a throwaway mailbox
  const fromFree = fromReg !== null && fromDomain === fromReg && isFreemail(fromReg);
  if (claim === null) {
    const free = fromFree;
    const mm = nameDomainMismatch(p.from.name, fromDomain, free);
    if (mm !== null) {
      out.push(signal(free ? 'sender.freemail-institutional' : 'sender.display-name-mismatch',
        free ? 'an institutional display name on a free-mail address' : 'the display name speaks for an institution the sending domain does not belong to',
        `"${p.from.name ?? ''}" <${p.from.address ?? ''}>`));
    }
  }
  for (const r of p.replyTo) {
    const rd = addressDomain(r);
    const rr = rd === null ? null : registrable(rd);
    if (rr === null || fromReg === null || rr === fromReg) continue;
    const cousin = cousinDomain(fromReg, rr);
    if (cousin !== null) out.push(signal('sender.reply-to-lookalike', 'replies go to a near-copy of the sender’s own domain', `From ${p.from.address ?? ''}, Reply-To ${r} (${cousin})`));
    else if (isFreemail(rr) && !fromFree && !isFreemail(fromReg)) out.push(signal('sender.reply-to-freemail', 'replies go to a free-mail mailbox', `From ${p.from.address ?? ''}, Reply-To ${r}`));
    else if (fromFree && !isFreemail(rr) && !listReply(p, r)) out.push(signal('sender.freemail-reply-elsewhere', 'a free-mail sender moves replies to a private domain', `From ${p.from.address ?? ''}, Reply-To ${r}`));
    else out.push(signal('sender.reply-to-foreign', 'replies go to another domain', `From ${p.from.address ?? ''}, Reply-To ${r}`));
    break;
  }
  // a random-letter mailbox behind a company's name: minted per message so no address earns a reputation
  const local = p.from.address === null || !p.from.address.includes('@') ? null : p.from.address.slice(0, p.from.address.lastIndexOf('@'));
  const generated = fromFree ? null : generatedMailbox(local, p.from.name);
  if (generated !== null) out.push(signal('sender.generated-mailbox', 'the sender mailbox is a string of random letters unrelated to the display name', `"${p.from.name ?? ''}" <${p.from.address ?? ''}>`));
  // a domain and a mailbox case pattern no person or company would choose: minted by a generator per campaign
  const genDomain = fromFree ? null : generatedDomain(fromDomain);
  if (genDomain !== null) out.push(signal('sender.generated-domain', 'the sender’s domain is a generated string of letters and digits', p.from.address ?? genDomain));
  if (local !== null) {
    // the parser lower-cases addresses; the case the sender wrote is in the raw header
    const rawFrom = p.headers.find((h) => h.key === 'from')?.value ?? '';
    const at = rawFrom.toLowerCase().indexOf(`${local.toLowerCase()}@`);
    const randomCase = at < 0 ? null : randomCaseMailbox(rawFrom.slice(at, at + local.length));
    if (randomCase !== null) out.push(signal('sender.random-case-mailbox', 'the sender mailbox is written in random mixed case', rawFrom.slice(0, 200)));
  }
  const abused = fromDomain === null ? null : abusedSuffix(fromDomain);
  if (abused !== null) out.push(signal('sender.abused-tld', `the sender's domain is under ${abused}, where most names seen in mail are abuse`, p.from.address ?? fromDomain ?? ''));
  if (fromDomain !== null && DYNAMIC_DNS.some((d) => hostUnder(fromDomain, d))) {
    out.push(signal('sender.dynamic-dns', 'the sender address is on a dynamic-DNS name (a home or rented machine)', p.from.address ?? fromDomain));
  }
  if (fromDomain !== null && FREE_HOSTING_SENDER.some((d) => hostUnder(fromDomain, d))) {
    out.push(signal('sender.free-hosting-domain', 'the sender address is on a free hosting platform', p.from.address ?? fromDomain));
  }
  // the organisation's name or domain label on a free-mail account: "acmeexchange.hr@gmail.com", "Acme HR"
  if (fromReg !== null && fromFree && p.from.address !== null) {
    const local = p.from.address.slice(0, p.from.address.lastIndexOf('@')).toLowerCase().replace(/[^a-z0-9]/g, '');
    const shown = (p.from.name ?? '').toLowerCase();
    for (const t of targets) {
      if (t.kind !== 'org') continue;
      const label = t.labels.find((l) => l.label.replace(/[^a-z0-9]/g, '').length >= 5 && local.includes(l.label.replace(/[^a-z0-9]/g, '')));
      const named = t.name.length >= 4 && shown.includes(t.name.toLowerCase());
      if (label !== undefined || named) {
        out.push(signal('sender.org-on-freemail', `a free-mail account presents itself as ${t.name}`, `"${p.from.name ?? ''}" <${p.from.address}>`));
        break;
      }
    }
  }
  if (org !== null && fromDomain !== null && org.domains.some((d) => hostUnder(fromDomain, d))) {
    const failed = auth.dmarc === 'fail' || ((auth.spf === 'fail' || auth.spf === 'softfail') && auth.dkim !== 'pass');
    if (failed) out.push(signal('auth.org-spoof', `mail claims to be from ${org.name}'s own domain but failed authentication`, `From ${p.from.address ?? ''}; spf=${auth.spf} dkim=${auth.dkim} dmarc=${auth.dmarc}`));
  }
}

export function authSignals(auth: AuthSummary, out: Signal[]): void {
  if (auth.dmarc === 'fail') out.push(signal('auth.dmarc-fail', 'DMARC failed', `dmarc=${auth.dmarc}`));
  if (auth.spf === 'fail') out.push(signal('auth.spf-fail', 'SPF failed', `spf=${auth.spf}`));
  if (auth.spf === 'softfail') out.push(signal('auth.spf-softfail', 'SPF soft-failed', `spf=${auth.spf}`));
  if (auth.dkim === 'fail') out.push(signal('auth.dkim-fail', 'DKIM failed', `dkim=${auth.dkim}`));
  if (auth.arc === 'fail') out.push(signal('auth.arc-fail', 'ARC failed', `arc=${auth.arc}`));
}

