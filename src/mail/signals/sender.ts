import type { OrgLike, Signal } from '../types.js';
import type { ParsedMessage } from '../parse/mime.js';
import type { AuthSummary } from '../auth/results.js';
import { compareHost, displayNameClaim, ownedBy, type Target } from '../lookalike/compare.js';
import { addressDomain, hostUnder, registrable } from '../domains.js';
import { FREEMAIL, FREE_HOSTING_SENDER } from '../lists.js';
import { nameDomainMismatch } from '../content/sender-name.js';
import { signal } from '../verdict.js';

/** Sender and authentication signals: who the message claims to be from, and whether that holds. */
function lookalikeSignals(role: string, host: string | null, targets: readonly Target[], out: Signal[]): void {
  if (host === null) return;
  const hit = compareHost(host, targets);
  if (hit === null) return;
  const id = hit.target.kind === 'org' ? 'lookalike.org' : 'lookalike.brand';
  out.push(signal(id, `${role} domain ${hit.host} imitates ${hit.target.name} (${hit.technique})`, hit.evidence));
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
  const claimRaw = displayNameClaim(p.from.name, p.from.address, targets);
  // "Brand via Service" (calendar and document-sharing services) and a Reply-To at the brand itself are how
  // honest services send on someone's behalf
  const viaService = p.from.name !== null && /\bvia\s+\S+/i.test(p.from.name);
  const replyOwned = claimRaw !== null && p.replyTo.some((r) => { const d = addressDomain(r); return d !== null && ownedBy(d, claimRaw.target); });
  const claim = viaService || replyOwned ? null : claimRaw;
  if (claim !== null) {
    out.push(signal(claim.target.kind === 'org' ? 'sender.display-name-org' : 'sender.display-name-brand', `the display name claims ${claim.target.name}`, claim.evidence));
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
  if (claim === null) {
    const free = fromReg !== null && FREEMAIL.has(fromReg);
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
    if (FREEMAIL.has(rr) && !FREEMAIL.has(fromReg)) out.push(signal('sender.reply-to-freemail', 'replies go to a free-mail mailbox', `From ${p.from.address ?? ''}, Reply-To ${r}`));
    else if (FREEMAIL.has(fromReg) && !FREEMAIL.has(rr)) out.push(signal('sender.freemail-reply-elsewhere', 'a free-mail sender moves replies to a private domain', `From ${p.from.address ?? ''}, Reply-To ${r}`));
    else out.push(signal('sender.reply-to-foreign', 'replies go to another domain', `From ${p.from.address ?? ''}, Reply-To ${r}`));
    break;
  }
  if (fromDomain !== null && FREE_HOSTING_SENDER.some((d) => hostUnder(fromDomain, d))) {
    out.push(signal('sender.free-hosting-domain', 'the sender address is on a free hosting platform', p.from.address ?? fromDomain));
  }
  // the organisation's name or domain label on a free-mail account: "acmeexchange.hr@gmail.com", "Acme HR"
  if (fromReg !== null && FREEMAIL.has(fromReg) && p.from.address !== null) {
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

