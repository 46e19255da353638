import { SELF_SENDER } from './facts.js';
import { registrableOf, type Commodity } from './commodity.js';
import type { LinkType, MessageFacts } from './types.js';

export interface Feature {
  type: LinkType;
  value: string;
}

/** Index key of a feature: type and value separated by a space (types never contain one; PostgreSQL text refuses NUL). */
export const featureKey = (f: Feature): string => `${f.type} ${f.value}`;

function domainOfAddress(a: string): string {
  return a.slice(a.lastIndexOf('@') + 1);
}

function ipFeatures(ip: string | null, c: Commodity, out: Feature[]): void {
  if (ip === null || c.ip(ip)) return;
  out.push({ type: 'ip', value: ip });
  const m = /^(\d+\.\d+\.\d+)\.\d+$/.exec(ip);
  if (m !== null) out.push({ type: 'ip24', value: `${m[1]!}.0/24` });
}

/**
 * The items of one message that may link it to others, commodity removed (docs/campaigns.md). The body's SimHash
 * is not among them: it links by distance, not equality (see cluster.ts).
 */
export function messageFeatures(f: MessageFacts, c: Commodity): Feature[] {
  const out: Feature[] = [];
  // From a free-mail or other service domain, the originating IP is the provider's relay even when no submission
  // hop named the client: every customer of that provider would share it
  const fromDomain = f.fromAddress === null ? null : domainOfAddress(f.fromAddress);
  const providerRelay = f.viaService || (fromDomain !== null && f.sender !== SELF_SENDER && c.domain(fromDomain) && !c.ownDomain(fromDomain));
  if (!providerRelay) ipFeatures(f.originatingIp, c, out);
  ipFeatures(f.clientIp, c, out);
  // A mailbox the attacker made (free mail, submitted through a service) or on a look-alike domain is theirs; on an
  // ordinary domain it is often a compromised mailbox, so only its domain links, weakly.
  if (f.sender !== SELF_SENDER && f.fromAddress !== null && f.fromAddress.includes('@')) {
    const d = domainOfAddress(f.fromAddress);
    const attackerHeld = f.senderLookalike || f.viaService || (c.domain(d) && !c.ownDomain(d));
    if (attackerHeld && !c.ownDomain(d)) out.push({ type: 'sender-address', value: f.fromAddress });
  }
  if (f.senderDomain !== null && !c.domain(f.senderDomain)) out.push({ type: f.senderLookalike ? 'lookalike-domain' : 'sender-domain', value: f.senderDomain });
  for (const r of f.replyTo) {
    const d = domainOfAddress(r);
    if (c.ownDomain(d)) continue;
    out.push({ type: 'reply-to-address', value: r });
    const reg = registrableOf(d);
    if (reg !== null && !c.domain(reg)) out.push({ type: 'reply-to-domain', value: reg });
  }
  for (const h of f.linkHosts) {
    const cls = /^[\d.]+$|:/.test(h) ? (c.ip(h) ? 'none' : 'host') : c.hostClass(h);
    if (cls === 'none') continue;
    out.push({ type: 'link-host', value: h });
    const reg = cls === 'full' ? registrableOf(h) : null;
    if (reg !== null && !c.domain(reg)) out.push({ type: 'link-domain', value: reg });
  }
  for (const h of f.fileHashes) out.push({ type: 'attachment', value: h });
  for (const b of f.btcAddresses) out.push({ type: 'btc-address', value: b });
  if (f.xMailer !== null && f.xMailer !== '' && !c.commonMailer(f.xMailer)) out.push({ type: 'x-mailer', value: f.xMailer });
  for (const t of f.lookalikeTargets) out.push({ type: 'lookalike-target', value: t });
  return out;
}

/** The union of its copies' features: what an attempt links by. */
export function attemptFeatures(copies: readonly MessageFacts[], c: Commodity): Feature[] {
  const seen = new Map<string, Feature>();
  for (const m of copies) for (const f of messageFeatures(m, c)) seen.set(featureKey(f), f);
  return [...seen.values()].sort((a, b) => (featureKey(a) < featureKey(b) ? -1 : 1));
}
