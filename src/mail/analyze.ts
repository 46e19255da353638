import { sha256Hex } from '../core/index.js';
import type { AnalysisContext, AttachmentSummary, Indicator, IntelMatcher, MessageReport, OrgLike, SenderHistory, Signal } from './types.js';
import { parseMessage } from './parse/mime.js';
import { analyzeReceived } from './forensics/received.js';
import { normaliseIp } from './forensics/ip.js';
import { offlineAuth, type AuthSummary } from './auth/results.js';
import { onlineAuth } from './auth/online.js';
import { buildTargets } from './lookalike/compare.js';
import { extractLinks, htmlToText } from './links/extract.js';
import { analyzeLink, type AnalyzedLink } from './links/analyze.js';
import { analyzeAttachmentSafe } from './attachment-adapter.js';
import { addressDomain, hostUnder, registrable } from './domains.js';
import { authSignals, senderSignals } from './signals/sender.js';
import { attachmentSignals, linkSignals } from './signals/links.js';
import { contentSignals } from './signals/content.js';
import { stackedEvasion } from './signals/stacked.js';
import { score, signal } from './verdict.js';
import { MAIL_LIMITS } from './limits.js';

/** The recipient organisation: the one named by the caller, else the first org owning a recipient domain. */
export function resolveOrg(recipients: string[], orgs: readonly OrgLike[]): OrgLike | null {
  for (const r of recipients) {
    const d = addressDomain(r);
    if (d === null) continue;
    const o = orgs.find((x) => x.domains.some((od) => hostUnder(d, od)));
    if (o !== undefined) return o;
  }
  return null;
}

function uniqIndicators(list: Indicator[]): Indicator[] {
  const seen = new Set<string>();
  const out: Indicator[] = [];
  for (const i of list) {
    const k = `${i.type}\u0000${i.value}`;
    if (seen.has(k) || i.value === '') continue;
    seen.add(k);
    out.push(i);
  }
  return out;
}

function ipIndicator(ip: string | null): Indicator[] {
  if (ip === null) return [];
  return [{ type: ip.includes(':') ? 'ipv6' : 'ipv4', value: ip }];
}

/**
 * Append the history and intel signals and re-score. Split out so a worker pool can analyse in parallel and the
 * main thread apply store-backed context (sender history, the intel matcher) in input order.
 */
export function finishReport(report: MessageReport, extra: { history?: SenderHistory | undefined; intel?: IntelMatcher | undefined }): MessageReport {
  const signals = report.signals.filter((s) => s.id !== 'sender.first-contact' && s.id !== 'intel.match');
  const fromDomain = addressDomain(report.from.address);
  const reg = fromDomain === null ? null : registrable(fromDomain) ?? fromDomain;
  if (extra.history !== undefined && report.org !== null && reg !== null && !extra.history.seen(report.org, reg)) {
    signals.push(signal('sender.first-contact', `first message from ${reg} to ${report.org}`, reg));
  }
  let intelMatches = report.intelMatches;
  if (extra.intel !== undefined) {
    intelMatches = extra.intel.match(report.indicators);
    // expired, revoked and not-yet-valid indicators are reported with the message but are not live evidence
    const live = intelMatches.filter((m) => m.status === undefined || m.status === 'active');
    if (live.length > 0) {
      const actors = [...new Set(live.flatMap((m) => (Array.isArray(m.actors) ? (m.actors as { name?: unknown }[]) : []).map((a) => String(a.name))))];
      signals.push(signal('intel.match', `${live.length} observable(s) match live threat intel${actors.length > 0 ? ` (${actors.slice(0, 3).join(', ')})` : ''}`,
        live.slice(0, 3).map((m) => `${String((m.observable as { value?: unknown } | undefined)?.value ?? m.indicator)} → ${String(m.indicator)}`).join('; ')));
    }
  }
  const s = score(signals);
  return { ...report, signals, intelMatches, score: s.score, verdict: s.verdict };
}

/**
 * Analyse one message. Pure apart from DNS in online mode (through the injected resolver): the same bytes and
 * context give the same report, so it runs unchanged in worker threads. Never throws on hostile input: a refused
 * or broken message yields a report whose signals name the failure.
 */
export async function analyzeMessage(raw: Uint8Array, ctx: AnalysisContext): Promise<MessageReport> {
  const sha256 = sha256Hex(raw);
  const p = await parseMessage(raw);
  const signals: Signal[] = [];
  if (p.failure !== null) signals.push(signal('mime.limit', `message body not analysed: ${p.failure.limit}`, p.failure.detail));
  const delivered = p.headers.filter((h) => h.key === 'delivered-to' || h.key === 'x-original-to').map((h) => h.value.toLowerCase());
  const org = ctx.org !== undefined ? ctx.org : resolveOrg([...p.to, ...p.cc, ...delivered], ctx.orgs);
  const fromDomain = addressDomain(p.from.address);
  const fx = analyzeReceived(p.headers, org, fromDomain);
  signals.push(...fx.signals);

  let auth: AuthSummary;
  if (ctx.authMode === 'offline') {
    const r = offlineAuth(p.headers, org);
    auth = r.auth;
    signals.push(...r.signals);
  } else {
    auth = await onlineAuth(raw, { resolver: ctx.authMode.resolver, ip: fx.originatingIp, hops: fx.hops, sender: p.returnPath });
  }
  authSignals(auth, signals);

  const targets = buildTargets(ctx.orgs, ctx.partnerBrands);
  senderSignals(p, org, targets, auth, signals);

  const visible = p.text !== '' ? p.text : htmlToText(p.html);
  // attachment names are text the reader sees too ("Active.BTC.Balance.0.7495.pdf")
  const names = p.attachments.map((a) => a.filename ?? '').filter((n) => n !== '').join('\n');
  const fullText = `${p.subject ?? ''}\n${names}\n${visible}`.slice(0, MAIL_LIMITS.bodyScanBytes);

  const attachmentResults = p.attachments.map((a) => analyzeAttachmentSafe(a, visible));
  attachmentSignals(attachmentResults, signals);

  const raws = extractLinks(p.text, p.html);
  if (/<input\b[^>]{0,500}type\s*=\s*["']?password/i.test(p.html)) {
    signals.push(signal('link.password-form', 'the message body asks for a password in a form', /<form\b[^>]{0,300}>/i.exec(p.html)?.[0] ?? 'input type=password'));
  }
  for (const a of attachmentResults) for (const u of a.urls.slice(0, 50)) raws.push({ url: u, text: null, source: 'other' });
  const links: AnalyzedLink[] = [];
  const seenUrl = new Set<string>();
  for (const r of raws) {
    if (links.length >= MAIL_LIMITS.urls) break;
    for (const l of analyzeLink(r, targets, fromDomain === null ? null : registrable(fromDomain))) {
      const key = `${l.url}\u0000${l.displayText ?? ''}`;
      if (seenUrl.has(key)) continue;
      seenUrl.add(key);
      links.push(l);
    }
  }
  linkSignals(links, signals);

  const { btc, eth } = contentSignals({ p, fullText, visible, links, targets, fromDomain, auth }, signals);
  stackedEvasion(signals);

  const attachments: AttachmentSummary[] = attachmentResults.map((a) => ({
    filename: a.filename, declaredType: a.declaredType, detectedType: a.detectedType, size: a.size, sha256: a.sha256, flags: a.flags,
  }));
  const indicators = uniqIndicators([
    ...ipIndicator(fx.originatingIp),
    ...ipIndicator(fx.clientIp),
    ...(p.from.address !== null ? [{ type: 'email' as const, value: p.from.address }] : []),
    ...(fromDomain !== null ? [{ type: 'domain' as const, value: fromDomain }] : []),
    ...p.replyTo.map((r) => ({ type: 'email' as const, value: r })),
    ...p.replyTo.map((r) => ({ type: 'domain' as const, value: addressDomain(r) ?? '' })),
    ...(p.returnPath !== null ? [{ type: 'domain' as const, value: addressDomain(p.returnPath) ?? '' }] : []),
    ...links.filter((l) => l.host !== '').flatMap((l) => [
      { type: 'url' as const, value: l.url },
      normaliseIp(l.host) !== null ? ipIndicator(l.host)[0]! : { type: 'domain' as const, value: l.host },
    ]),
    ...attachmentResults.flatMap((a) => [
      { type: 'sha256' as const, value: a.sha256 },
      ...(a.sha1 !== null ? [{ type: 'sha1' as const, value: a.sha1 }] : []),
      ...(a.md5 !== null ? [{ type: 'md5' as const, value: a.md5 }] : []),
      ...a.members.filter((m) => m.sha256 !== null).map((m) => ({ type: 'sha256' as const, value: m.sha256! })),
    ]),
    ...btc.map((b) => ({ type: 'btc-address' as const, value: b })),
    ...eth.map((e) => ({ type: 'eth-address' as const, value: e })),
  ]);

  const report: MessageReport = {
    file: ctx.source?.file ?? '',
    index: ctx.source?.index ?? 0,
    sha256,
    messageId: p.messageId,
    date: p.date,
    from: { address: p.from.address, name: p.from.name },
    replyTo: p.replyTo,
    to: p.to,
    subject: p.subject,
    org: org?.id ?? null,
    originatingIp: fx.originatingIp,
    clientIp: fx.clientIp,
    receivedChain: fx.hops.map((h) => ({ from: h.from, by: h.by, ip: h.ip, time: h.time })),
    auth: { spf: auth.spf, dkim: auth.dkim, dmarc: auth.dmarc, arc: auth.arc },
    verdict: 'clean',
    score: 0,
    signals,
    urls: links.map((l) => ({ url: l.url, host: l.host, displayText: l.displayText, flags: l.flags })),
    attachments,
    btcAddresses: btc,
    indicators,
    intelMatches: [],
  };
  return finishReport(report, { history: ctx.history, intel: ctx.intel });
}

/** A report for a message whose analysis could not finish (worker timeout or crash): the failure is the signal. */
export function failureReport(raw: Uint8Array, file: string, index: number, reason: string): MessageReport {
  const signals = [signal('mime.limit', `analysis did not complete: ${reason}`, reason)];
  const s = score(signals);
  return {
    file, index, sha256: sha256Hex(raw), messageId: null, date: null, from: { address: null, name: null }, replyTo: [], to: [],
    subject: null, org: null, originatingIp: null, clientIp: null, receivedChain: [],
    auth: { spf: 'none', dkim: 'none', dmarc: 'none', arc: 'none' }, verdict: s.verdict, score: s.score, signals, urls: [],
    attachments: [], btcAddresses: [], indicators: [], intelMatches: [],
  };
}
