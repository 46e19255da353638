import { domainToASCII } from 'node:url';
import { getDomain } from 'tldts';
import { chainBtc, type BtcNormaliser } from './btc.js';
import { formatCidr, formatIpv4, formatIpv6, parseCidr, parseIpv4, parseIpv6, v4Mapped } from './ip.js';
import { eip55Valid } from '../core/index.js';
import { INTEL_LIMITS } from './limits.js';

export const INDICATOR_TYPES = [
  'ipv4', 'ipv6', 'cidr', 'domain', 'url', 'email', 'sha256', 'sha1', 'md5', 'btc-address', 'eth-address',
] as const;
export type IndicatorType = (typeof INDICATOR_TYPES)[number];

export function isIndicatorType(v: unknown): v is IndicatorType {
  return typeof v === 'string' && (INDICATOR_TYPES as readonly string[]).includes(v);
}

export interface TypedValue {
  type: IndicatorType;
  value: string;
}

export interface NormaliseOptions {
  btc?: BtcNormaliser;
}

/** Lowercase ASCII (punycode) host without trailing dot, validated as a DNS name, or null. */
export function normaliseDomain(input: string): string | null {
  let d = input.trim();
  if (d.endsWith('.')) d = d.slice(0, -1);
  if (d.length === 0 || d.length > 253) return null;
  const ascii = /^[\x21-\x7e]+$/.test(d) ? d.toLowerCase() : domainToASCII(d);
  if (ascii === '' || ascii.length > 253) return null;
  const labels = ascii.split('.');
  if (labels.length < 2) return null;
  for (const l of labels) {
    // Underscores appear in real hostnames (SRV-style, some CDNs); hyphen rules per RFC 1123.
    if (l.length === 0 || l.length > 63 || !/^[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?$/.test(l)) return null;
  }
  if (/^\d+$/.test(labels[labels.length - 1]!)) return null;
  return ascii;
}

function hexOctet(c: number): string {
  return `%${c.toString(16).toUpperCase().padStart(2, '0')}`;
}

/** Decode percent-escapes of unreserved characters and uppercase the rest (RFC 3986 §6.2.2). */
function normalisePercent(s: string): string {
  return s.replace(/%([0-9a-fA-F]{2})/g, (_m, h: string) => {
    const c = parseInt(h, 16);
    const ch = String.fromCharCode(c);
    return /[A-Za-z0-9\-._~]/.test(ch) ? ch : hexOctet(c);
  });
}

/**
 * URL normal form for matching: WHATWG parse (scheme and host lowercased, IDN to punycode, default port
 * dropped), trailing dot removed from the host, unreserved percent-escapes decoded, fragment dropped. A value
 * without a scheme is read as http://.
 */
export function normaliseUrl(input: string): { url: string; host: string } | null {
  let t = input.trim();
  if (t.length === 0 || t.length > INTEL_LIMITS.valueChars) return null;
  if (!/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(t)) t = `http://${t}`;
  let u: URL;
  try {
    u = new URL(t);
  } catch {
    return null;
  }
  if (u.hostname === '') return null;
  let host = u.hostname;
  if (host.endsWith('.')) host = host.slice(0, -1);
  u.hostname = host;
  u.hash = '';
  const path = normalisePercent(u.pathname);
  const search = normalisePercent(u.search);
  const auth = u.username !== '' ? `${u.username}${u.password !== '' ? `:${u.password}` : ''}@` : '';
  const port = u.port !== '' ? `:${u.port}` : '';
  const bare = host.startsWith('[') ? host.slice(1, -1) : host;
  return { url: `${u.protocol}//${auth}${host}${port}${path}${search}`, host: bare };
}

export function normaliseEmail(input: string): { email: string; domain: string } | null {
  const t = input.trim().replace(/^mailto:/i, '');
  const at = t.lastIndexOf('@');
  if (at <= 0 || at > 64 || t.length > 320) return null;
  const local = t.slice(0, at);
  if (!/^[\x21-\x7e]+$/.test(local) || local.includes('@')) return null;
  const domain = normaliseDomain(t.slice(at + 1));
  if (domain === null) return null;
  // Local parts are case-sensitive by RFC 5321 but not in any mail system an attacker uses against us.
  return { email: `${local.toLowerCase()}@${domain}`, domain };
}

/** Normalise a value of a known type, or null when it is not valid for that type. */
export function normaliseValue(type: IndicatorType, raw: string, opts: NormaliseOptions = {}): string | null {
  const v = raw.trim();
  if (v.length === 0 || v.length > INTEL_LIMITS.valueChars) return null;
  switch (type) {
    case 'ipv4': {
      const n = parseIpv4(v);
      return n === null ? null : formatIpv4(n);
    }
    case 'ipv6': {
      const n = parseIpv6(v);
      return n === null ? null : formatIpv6(n);
    }
    case 'cidr': {
      const c = parseCidr(v);
      return c === null ? null : formatCidr(c);
    }
    case 'domain':
      return normaliseDomain(v);
    case 'url':
      return normaliseUrl(v)?.url ?? null;
    case 'email':
      return normaliseEmail(v)?.email ?? null;
    case 'sha256':
      return /^[0-9a-fA-F]{64}$/.test(v) ? v.toLowerCase() : null;
    case 'sha1':
      return /^[0-9a-fA-F]{40}$/.test(v) ? v.toLowerCase() : null;
    case 'md5':
      return /^[0-9a-fA-F]{32}$/.test(v) ? v.toLowerCase() : null;
    case 'btc-address':
      return (opts.btc ?? chainBtc)(v);
    case 'eth-address':
      // A mixed-case address must carry a valid EIP-55 checksum; matching is on the lowercase form.
      return /^0x[0-9a-fA-F]{40}$/.test(v) && eip55Valid(v) ? v.toLowerCase() : null;
  }
}

/**
 * Guess the type of a free-text value (CLI lookup, CSV without a type): most specific syntax first. A bare
 * IPv4/IPv6 with /32 or /128 is an address, not a CIDR.
 */
export function detectValue(raw: string, opts: NormaliseOptions = {}): TypedValue | null {
  const v = raw.trim();
  if (v.length === 0 || v.length > INTEL_LIMITS.valueChars) return null;
  if (v.includes('/') && !v.includes('://')) {
    const c = parseCidr(v);
    if (c !== null) {
      if ((c.family === 4 && c.prefix === 32) || (c.family === 6 && c.prefix === 128)) {
        return c.family === 4 ? { type: 'ipv4', value: formatIpv4(c.network as number) } : { type: 'ipv6', value: formatIpv6(c.network as bigint) };
      }
      return { type: 'cidr', value: formatCidr(c) };
    }
  }
  const v4 = parseIpv4(v);
  if (v4 !== null) return { type: 'ipv4', value: formatIpv4(v4) };
  const bare = v.startsWith('[') && v.endsWith(']') ? v.slice(1, -1) : v;
  const v6 = bare.includes(':') ? parseIpv6(bare) : null;
  if (v6 !== null) {
    const m = v4Mapped(v6);
    return m !== null ? { type: 'ipv4', value: formatIpv4(m) } : { type: 'ipv6', value: formatIpv6(v6) };
  }
  if (/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.test(v)) {
    const u = normaliseUrl(v);
    return u === null ? null : { type: 'url', value: u.url };
  }
  if (v.includes('@') && !v.includes('/')) {
    const e = normaliseEmail(v);
    if (e !== null) return { type: 'email', value: e.email };
  }
  if (/^[0-9a-fA-F]{64}$/.test(v)) return { type: 'sha256', value: v.toLowerCase() };
  if (/^[0-9a-fA-F]{40}$/.test(v)) return { type: 'sha1', value: v.toLowerCase() };
  if (/^[0-9a-fA-F]{32}$/.test(v)) return { type: 'md5', value: v.toLowerCase() };
  if (/^0x[0-9a-fA-F]{40}$/.test(v)) return eip55Valid(v) ? { type: 'eth-address', value: v.toLowerCase() } : null;
  const btc = (opts.btc ?? chainBtc)(v);
  if (btc !== null) return { type: 'btc-address', value: btc };
  if (v.includes('/')) {
    const u = normaliseUrl(v);
    if (u !== null && normaliseDomain(u.host) !== null) return { type: 'url', value: u.url };
  }
  const d = normaliseDomain(v);
  return d === null ? null : { type: 'domain', value: d };
}

/** The domain and its parents up to (and including) its registrable domain, most specific first. */
export function domainChain(domain: string): string[] {
  const reg = getDomain(domain, { allowPrivateDomains: true });
  const out = [domain];
  if (reg === null || reg === domain || !domain.endsWith(`.${reg}`)) return out;
  let d = domain;
  while (d !== reg) {
    const dot = d.indexOf('.');
    if (dot < 0) break;
    d = d.slice(dot + 1);
    out.push(d);
  }
  return out;
}
