import type { Hop, OrgLike, Signal } from '../types.js';
import { MAIL_LIMITS } from '../limits.js';
import type { RawHeader } from '../parse/headers.js';
import { ipInCidr, isBogonIp, isPrivateIp, normaliseIp } from './ip.js';
import { hostUnder, registrable } from '../domains.js';

export interface ParsedHop extends Hop {
  helo: string | null;
  rdns: string | null;
  protocol: string | null;
  /** Epoch ms of the hop time, NaN when absent or unparseable. */
  ms: number;
}

const IP_IN_BRACKETS = /\[((?:ipv6:)?[0-9a-f:.]+)\]/i;
const BARE_IP = /\(\s*((?:\d{1,3}\.){3}\d{1,3}|[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7})\s*\)/i;

/** Parse one Received value into a hop; tolerant of Postfix, Sendmail, Exim, qmail and Exchange shapes. */
export function parseReceived(value: string): ParsedHop {
  const v = value.slice(0, 4096).replace(/\s+/g, ' ');
  const semi = v.lastIndexOf(';');
  const timeText = semi >= 0 ? v.slice(semi + 1).trim() : '';
  const body = semi >= 0 ? v.slice(0, semi) : v;
  const fromM = /^\s*from\s+(.*?)(?:\s+by\s+|$)/i.exec(body);
  const fromClause = fromM?.[1] ?? '';
  const byM = /\bby\s+([^\s;()]+)/i.exec(body);
  const withM = /\bwith\s+([A-Za-z0-9-]+)/i.exec(body);
  let helo: string | null = null;
  let rdns: string | null = null;
  let ip: string | null = null;
  if (fromClause !== '') {
    const first = /^([^\s()]+)/.exec(fromClause)?.[1] ?? null;
    const heloM = /\(HELO\s+([^\s)]+)\)/i.exec(fromClause);
    helo = heloM?.[1] ?? first;
    const paren = /\(([^()]*)\)/.exec(fromClause)?.[1] ?? '';
    const rd = /^(?:[^@\s]+@)?([a-z0-9.-]+\.[a-z]{2,})\b/i.exec(paren.trim());
    rdns = rd?.[1] ?? null;
    const br = IP_IN_BRACKETS.exec(fromClause.replace(/^\S+\s*/, '')) ?? IP_IN_BRACKETS.exec(fromClause);
    ip = br !== null ? normaliseIp(br[1]!) : null;
    if (ip === null) {
      const bare = BARE_IP.exec(fromClause);
      if (bare !== null) ip = normaliseIp(bare[1]!);
    }
    if (ip === null && first !== null) ip = normaliseIp(first);
  }
  const ms = timeText === '' ? NaN : Date.parse(timeText.replace(/\([^)]*\)/g, '').trim());
  return {
    from: fromClause === '' ? null : (helo ?? null),
    by: byM?.[1]?.toLowerCase() ?? null,
    ip,
    time: Number.isNaN(ms) ? null : new Date(ms).toISOString(),
    helo: helo?.toLowerCase() ?? null,
    rdns: rdns?.toLowerCase() ?? null,
    protocol: withM?.[1]?.toUpperCase() ?? null,
    ms,
  };
}

export interface Forensics {
  hops: ParsedHop[];
  originatingIp: string | null;
  clientIp: string | null;
  signals: Signal[];
}

function relayTrusted(hop: ParsedHop, relays: readonly string[]): boolean {
  for (const r of relays) {
    if (hop.ip !== null && /^[0-9a-f:.]+(\/\d+)?$/i.test(r) && ipInCidr(hop.ip, r)) return true;
    const h = r.toLowerCase();
    if (hop.rdns !== null && hostUnder(hop.rdns, h)) return true;
  }
  return false;
}

const AUTH_PROTOCOLS = new Set(['ESMTPA', 'ESMTPSA', 'ESMTPSRA', 'LMTPA', 'LMTPSA', 'HTTP', 'HTTPS', 'ASMTP']);

/**
 * Received-chain forensics. Headers are newest first; we walk down from the recipient's side. A hop is inside the
 * receiving infrastructure when its IP is private, in the organisation's trusted relays, or when the sending host
 * belongs to a registrable domain that already appeared as a receiver above it (Exchange Online's internal hops).
 * The first hop that is none of these is where the message entered: its IP is `originatingIp`.
 */
export function analyzeReceived(headers: RawHeader[], org: OrgLike | null | undefined, fromDomain: string | null): Forensics {
  const hops = headers.filter((h) => h.key === 'received').slice(0, MAIL_LIMITS.receivedHops).map((h) => parseReceived(h.value));
  const signals: Signal[] = [];
  const relays = org?.trustedRelays ?? [];
  const receivers = new Set<string>();
  for (const d of org?.domains ?? []) receivers.add(d.toLowerCase());
  let originIndex = -1;
  for (let i = 0; i < hops.length; i++) {
    const hop = hops[i]!;
    const byReg = hop.by === null ? null : registrable(hop.by);
    if (byReg !== null) receivers.add(byReg);
    if (hop.ip === null) continue;
    if (isPrivateIp(hop.ip) || relayTrusted(hop, relays)) continue;
    const senderReg = registrable(hop.rdns ?? hop.helo ?? '');
    if (senderReg !== null && receivers.has(senderReg) && relays.length === 0) continue;
    originIndex = i;
    break;
  }
  const origin = originIndex >= 0 ? hops[originIndex]! : null;
  const originatingIp = origin?.ip ?? null;

  let clientIp: string | null = null;
  const xoip = headers.find((h) => h.key === 'x-originating-ip' || h.key === 'x-sender-ip' || h.key === 'x-client-ip');
  if (xoip !== undefined) clientIp = normaliseIp(xoip.value.replace(/[[\]\s]/g, ''));
  if (clientIp === null) {
    for (let i = Math.max(0, originIndex); i < hops.length; i++) {
      const hop = hops[i]!;
      if (hop.protocol !== null && AUTH_PROTOCOLS.has(hop.protocol) && hop.ip !== null && !isPrivateIp(hop.ip)) {
        clientIp = hop.ip;
        break;
      }
    }
  }
  if (clientIp !== null && isPrivateIp(clientIp)) clientIp = null;

  for (const hop of hops) {
    if (hop.ip !== null && isBogonIp(hop.ip)) {
      signals.push({ id: 'received.bogon-ip', severity: 'low', detail: 'a Received hop claims a reserved, unroutable source address', evidence: `from ${hop.from ?? '?'} [${hop.ip}] by ${hop.by ?? '?'}` });
      break;
    }
  }
  if (origin !== null) {
    const helo = origin.helo ?? '';
    const heloIp = normaliseIp(helo);
    if (heloIp !== null && origin.ip !== null && heloIp !== origin.ip && !isPrivateIp(heloIp)) {
      signals.push({ id: 'received.helo-ip-mismatch', severity: 'medium', detail: 'the originating host greeted with an IP literal that is not its own address', evidence: `HELO ${helo}, connected from ${origin.ip}` });
    }
    const heloReg = heloIp === null ? registrable(helo) : null;
    const orgDomains = org?.domains ?? [];
    if (heloReg !== null && orgDomains.some((d) => registrable(d) === heloReg) && !relayTrusted(origin, relays)) {
      signals.push({ id: 'received.helo-claims-org', severity: 'high', detail: "the originating host claimed to be the organisation's own server but is not a trusted relay", evidence: `HELO ${helo} from ${origin.ip ?? '?'}` });
    } else if (heloReg !== null && fromDomain !== null && registrable(fromDomain) === heloReg && origin.rdns !== null && registrable(origin.rdns) !== null && registrable(origin.rdns) !== heloReg) {
      signals.push({ id: 'received.helo-rdns-mismatch', severity: 'low', detail: "the originating host named itself after the sender's domain but its reverse DNS says otherwise", evidence: `HELO ${helo}, rDNS ${origin.rdns}, IP ${origin.ip ?? '?'}` });
    }
  }
  // hop-time anomalies: a hop stamped long before the hop below it handed the message over (clock lies), or a
  // message that sat for days between two relays. Both are common enough in broken-but-honest setups to stay low.
  for (let i = 0; i + 1 < hops.length; i++) {
    const later = hops[i]!.ms;
    const earlier = hops[i + 1]!.ms;
    if (Number.isNaN(later) || Number.isNaN(earlier)) continue;
    const delta = later - earlier;
    if (delta < -6 * 3600_000) {
      signals.push({ id: 'received.time-travel', severity: 'low', detail: 'a relay stamped the message hours before the previous relay sent it', evidence: `${hops[i + 1]!.time ?? '?'} → ${hops[i]!.time ?? '?'} (${Math.round(delta / 60000)} min)` });
      break;
    }
  }
  return { hops, originatingIp, clientIp, signals };
}
