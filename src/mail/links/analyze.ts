import type { UrlFinding } from '../types.js';
import { MAIL_LIMITS } from '../limits.js';
import { registrable, hostUnder } from '../domains.js';
import { normaliseIp } from '../forensics/ip.js';
import type { RawLink } from './extract.js';
import { abusedSuffix } from './tlds.js';
import { CREDENTIAL_PATH, FREE_HOSTING, STORAGE_BUCKETS, IMAGE_HOSTS, IPFS_HOSTS, REDIRECT_PARAMS, SHORTENERS } from './lists.js';
import { compareHost, ownedBy, TENANT_PLATFORMS, type LookalikeHit, type Target } from '../lookalike/compare.js';

export interface AnalyzedLink extends UrlFinding {
  source: RawLink['source'];
  lookalike: LookalikeHit | null;
}

function inList(host: string, list: Set<string>): boolean {
  if (list.has(host)) return true;
  const parts = host.split('.');
  for (let i = 1; i < parts.length - 1; i++) if (list.has(parts.slice(i).join('.'))) return true;
  return false;
}

const HOST_IN_TEXT = /(?:https?:\/\/)?((?:[a-z0-9-]+\.)+[a-z]{2,})(?=[\s/:?#]|$)/i;

function parseUrl(raw: string): URL | null {
  let s = raw.trim().replace(/^hxxp/i, 'http');
  if (/^www\./i.test(s)) s = 'http://' + s;
  // a protocol-relative reference ("//i.imgur.com/x.png") loads over the page's scheme: the host is as real as any
  else if (s.startsWith('//')) s = 'https:' + s;
  if (s.length > MAIL_LIMITS.urlChars) s = s.slice(0, MAIL_LIMITS.urlChars);
  try {
    return new URL(s);
  } catch {
    return null;
  }
}

/** The raw authority as written (before WHATWG normalisation), to see hex/decimal IP tricks. */
function rawHost(raw: string): string {
  const m = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)/i.exec(raw.trim());
  const auth = m?.[1] ?? '';
  const at = auth.lastIndexOf('@');
  return (at >= 0 ? auth.slice(at + 1) : auth).replace(/:\d+$/, '').toLowerCase();
}

/**
 * A URL hidden in base64 ("aHR0c…" is "http" encoded; Bing's click redirector prefixes "a1"), in any parameter:
 * redirectors abused to launder phishing links carry the target this way so it cannot be read.
 */
function base64Url(v: string): string | null {
  const m = /^(?:a1)?(aHR0c[A-Za-z0-9+/_-]{8,4096}={0,2})$/.exec(v);
  if (m === null) return null;
  const decoded = Buffer.from(m[1]!.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('latin1');
  const url = /^https?:\/\/[\x21-\x7e]+/.exec(decoded.startsWith('https%3A') || decoded.startsWith('http%3A') ? safeDecode(decoded) : decoded);
  return url === null ? null : url[0];
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The redirect target carried in a query parameter, when it is a URL to another registrable domain. */
function redirectTarget(u: URL): string | null {
  for (const [k, v] of u.searchParams) {
    const b64 = base64Url(v);
    if (!REDIRECT_PARAMS.includes(k.toLowerCase()) && b64 === null) continue;
    const t = b64 ?? (/^https?:\/\//i.test(v) ? v : /^https?%3a/i.test(v) ? safeDecode(v) : null);
    if (t === null) continue;
    const tu = parseUrl(t);
    if (tu === null) continue;
    if (registrable(tu.hostname) !== registrable(u.hostname)) return tu.href;
  }
  return null;
}

/**
 * Flag one link. Never fetches anything: every flag comes from the URL text and the anchor around it.
 * `senderDomain` exempts the sender's own site from the weaker flags (credential path, free hosting).
 */
export function analyzeLink(link: RawLink, targets: readonly Target[], senderDomain: string | null, depth = 0): AnalyzedLink[] {
  const flags: string[] = [];
  const raw = link.url.trim();
  if (/^data:/i.test(raw)) return [{ url: raw.slice(0, 200), host: '', displayText: link.text, flags: ['data-url'], source: link.source, lookalike: null }];
  if (/^\s*(?:java|vb)script:/i.test(raw)) return [{ url: raw.slice(0, 200), host: '', displayText: link.text, flags: ['javascript-url'], source: link.source, lookalike: null }];
  const u = parseUrl(raw);
  if (u === null || !/^(https?|ftp):$/.test(u.protocol)) return [];
  const host = u.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const reg = registrable(host);
  const ip = normaliseIp(host);
  if (ip !== null) {
    flags.push('ip-host');
    const written = rawHost(raw);
    if (written !== '' && normaliseIp(written) === null) flags.push('obfuscated-host');
  }
  if (u.username !== '' || u.password !== '') flags.push('userinfo');
  if (u.port !== '' && !['80', '443', '8080'].includes(u.port)) flags.push('nonstandard-port');
  if (host.includes('xn--')) flags.push('punycode');
  if (inList(host, SHORTENERS)) flags.push('shortener');
  const own = senderDomain !== null && reg !== null && hostUnder(host, senderDomain);
  if (inList(host, IPFS_HOSTS) || /\/ip[fn]s\/[a-z0-9]{20,}/i.test(u.pathname) || /\.ipfs\./.test(host)) flags.push('ipfs');
  // Blogger serves every blog under country names too (x.blogspot.fr, x.blogspot.com.br)
  else if (!own && (inList(host, FREE_HOSTING) || /\.blogspot\.[a-z]{2,3}(?:\.[a-z]{2})?$/.test(host))) flags.push('free-hosting');
  // a web page opened straight from a storage bucket (an .html object, or a bucket's static-website endpoint)
  if (!own && inList(host, STORAGE_BUCKETS) && (link.source === 'a' || link.source === 'text' || link.source === 'area' || link.source === 'form')
    && (/\.(?:s?html?|php)$/i.test(u.pathname) || /\.web\.core\.windows\.net$|\.s3-website[.-]/.test(host))) flags.push('bucket-page');
  if (!own && CREDENTIAL_PATH.test(u.pathname)) flags.push('credential-path');
  if (!own && ip === null && abusedSuffix(host) !== null && link.source !== 'img' && link.source !== 'css') flags.push('abused-tld');
  if (!own && inList(host, IMAGE_HOSTS)) flags.push('image-host');
  if (link.source === 'form') flags.push('form-action');
  if (link.source === 'meta-refresh') flags.push('meta-refresh');
  if (link.text !== null && link.text !== '' && reg !== null) {
    // only text that shows an address ("www.paypal.com", "https://paypal.com/signin", "Visit PayPal.com"): a
    // headline that mentions a site ("McAfee.com sour on sweetened bid") is not a promise of where the link goes
    const shownText = link.text.slice(0, 300).trim();
    const shown = shownText.split(/\s+/).length <= 3 ? HOST_IN_TEXT.exec(shownText) : null;
    const shownReg = shown?.[1] === undefined ? null : registrable(shown[1]);
    if (shownReg !== null && shownReg !== reg) {
      flags.push('text-mismatch');
      const shownTarget = targets.find((t) => ownedBy(shown![1]!.toLowerCase(), t));
      if (shownTarget !== undefined && !ownedBy(host, shownTarget)) flags.push('text-mismatch-brand');
    }
  }
  let lookalike = ip === null ? compareHost(host, targets, u.pathname) : null;
  // a workspace platform's own mail linking to the organisation's workspace on it (acme.slack.com from slack.com)
  if (lookalike !== null && lookalike.technique === 'in-subdomain' && reg !== null && reg === senderDomain && TENANT_PLATFORMS.has(reg)) lookalike = null;
  if (lookalike !== null) flags.push(`lookalike:${lookalike.technique}`);
  const out: AnalyzedLink[] = [{ url: u.href.slice(0, 2048), host, displayText: link.text, flags, source: link.source, lookalike }];
  // redirect targets are unwrapped at most three levels deep: each level is a shorter string, but a crafted
  // URL could nest hundreds
  const target = depth < 3 ? redirectTarget(u) : null;
  if (target !== null) {
    flags.push('open-redirect');
    const inner = analyzeLink({ url: target, text: null, source: link.source }, targets, senderDomain, depth + 1);
    for (const i of inner) i.flags.unshift('redirect-target');
    out.push(...inner);
  }
  return out;
}
