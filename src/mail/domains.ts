import { parse } from 'tldts';
import { domainToUnicode } from 'node:url';

/**
 * tldts parses the host against the public suffix list on every call (~5 µs); one message asks about the same
 * few hosts dozens of times (sender, links, lookalike checks), and a corpus about the same few thousand. The
 * results are memoised per thread, bounded (cleared when full: hosts repeat locally, so a cold start is cheap).
 */
type IResult = ReturnType<typeof parse>;
const TLD_CACHE_SIZE = 20_000;
const tldCache = new Map<string, IResult>();

function tldParse(h: string): IResult {
  let r = tldCache.get(h);
  if (r === undefined) {
    r = parse(h, { allowPrivateDomains: false });
    if (tldCache.size >= TLD_CACHE_SIZE) tldCache.clear();
    tldCache.set(h, r);
  }
  return r;
}

/** Registrable domain (eTLD+1) of a host, lower-case ASCII, or null for IPs, bare labels and junk. */
export function registrable(host: string): string | null {
  const h = host.toLowerCase().replace(/\.$/, '');
  if (h === '' || h.length > 253) return null;
  const r = tldParse(h);
  if (r.isIp === true) return null;
  return r.domain ?? null;
}

/** Is the host under a suffix the ICANN section of the public suffix list knows? ("wp-login.php", "i.e" are not.) */
export function icannHost(host: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  if (h === '' || h.length > 253) return false;
  const r = tldParse(h);
  return r.isIp !== true && r.isIcann === true && r.domain !== null;
}

/** The registrable label (`binance` for `login.binance.co.kr`) and the parts around it. */
export function splitHost(host: string): { sub: string; label: string; suffix: string; domain: string } | null {
  const h = host.toLowerCase().replace(/\.$/, '');
  if (h === '' || h.length > 253) return null;
  const r = tldParse(h);
  if (r.isIp === true || r.domain === null || r.domainWithoutSuffix === null || r.publicSuffix === null) return null;
  return { sub: r.subdomain ?? '', label: r.domainWithoutSuffix, suffix: r.publicSuffix, domain: r.domain };
}

/** The domain part of an address, lower-case, or null. */
export function addressDomain(addr: string | null | undefined): string | null {
  if (addr === null || addr === undefined) return null;
  const at = addr.lastIndexOf('@');
  if (at < 0 || at === addr.length - 1) return null;
  return addr.slice(at + 1).toLowerCase().replace(/[>\s]+$/, '');
}

/** Unicode form of a punycode host (xn--…); the input when it has none. */
export function unicodeHost(host: string): string {
  if (!host.includes('xn--')) return host;
  const u = domainToUnicode(host);
  return u === '' ? host : u;
}

/** Is `host` equal to or a subdomain of `domain`? */
export function hostUnder(host: string, domain: string): boolean {
  // called for every brand domain against every host: compare in place, without building '.' + domain
  const h = /[A-Z]/.test(host) ? host.toLowerCase() : host;
  const d = /[A-Z]/.test(domain) ? domain.toLowerCase() : domain;
  if (h.length === d.length) return h === d;
  return h.length > d.length && h.charCodeAt(h.length - d.length - 1) === 46 && h.endsWith(d);
}
