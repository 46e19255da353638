import type { Brand, OrgLike } from '../types.js';
import { hostUnder, splitHost, unicodeHost } from '../domains.js';
import { editDistance } from './distance.js';
import { isMixedScript, skeleton } from './skeleton.js';

export interface Target {
  kind: 'org' | 'brand';
  id: string;
  name: string;
  domains: string[];
  /** Registrable labels of the target's domains (`binance`), with their skeletons. */
  labels: { label: string; skel: string; domain: string; domainSkel: string }[];
  nameSkel: string;
  /** Word-bounded matcher for the skeleton of the name (null when the name is too short to match safely). */
  nameRe: RegExp | null;
  /** Every domain the target sends from or hosts on (brands: all listed domains). */
  owned?: string[];
}

/** Dictionary words that are also brand labels: only exact-shape tricks count for them, not embedding. */
export const GENERIC_LABELS: ReadonlySet<string> = new Set(['apple', 'chase', 'ledger', 'kraken', 'blockchain', 'amazon', 'google', 'meta', 'line', 'live', 'office', 'outlook', 'windows', 'samsung', 'adobe', 'telegram']);

export type Technique =
  | 'homoglyph' | 'mixed-script' | 'typo' | 'other-suffix' | 'combo' | 'in-subdomain' | 'domain-in-subdomain' | 'in-path';

export interface LookalikeHit {
  host: string;
  target: Target;
  technique: Technique;
  evidence: string;
}

const cache = new WeakMap<object, Target[]>();

/** Lookalike targets for a context; cached per (orgs, brands) pair of arrays, which workers keep for their life. */
export function buildTargets(orgs: readonly OrgLike[], brands: readonly Brand[]): Target[] {
  const key = cache.get(orgs);
  if (key !== undefined && (key as Target[] & { brands?: unknown }).brands === brands) return key;
  const out: Target[] = [];
  const mk = (kind: Target['kind'], id: string, name: string, domains: string[]): void => {
    const labels: Target['labels'] = [];
    for (const d of domains) {
      const s = splitHost(d);
      if (s === null) continue;
      labels.push({ label: s.label, skel: skeleton(s.label), domain: s.domain, domainSkel: skeleton(s.domain) });
    }
    const nameSkel = skeleton(name);
    const nameRe = nameSkel.length >= 3 ? new RegExp(`(^|[^\\p{L}\\p{N}])${nameSkel.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}\\p{N}])`, 'u') : null;
    out.push({ kind, id, name, domains: domains.map((d) => d.toLowerCase()), labels, nameSkel, nameRe });
  };
  for (const o of orgs) mk('org', o.id, o.name, o.domains);
  // brands are compared on their primary domain only: their other domains (windows.net, office.com, live.com)
  // are ordinary words that honest sites embed all the time, but they still count as owned hosts
  for (const b of brands) {
    mk('brand', b.name, b.name, b.domains);
    const t = out[out.length - 1]!;
    t.labels = t.labels.slice(0, 1);
    t.owned = b.domains.map((d) => d.toLowerCase());
  }
  (out as Target[] & { brands?: unknown }).brands = brands;
  cache.set(orgs, out);
  return out;
}

const owners = new WeakMap<readonly Target[], Map<string, Target>>();

/** The target that owns `host` (the host or one of its parent domains is theirs), via a suffix map per list. */
export function ownerOf(host: string, targets: readonly Target[]): Target | null {
  let map = owners.get(targets);
  if (map === undefined) {
    map = new Map();
    for (const t of targets) for (const d of [...t.domains, ...t.labels.map((l) => l.domain), ...(t.owned ?? [])]) if (!map.has(d)) map.set(d, t);
    owners.set(targets, map);
  }
  let h = host.toLowerCase().replace(/\.$/, '');
  for (let i = 0; i < 10; i++) {
    const t = map.get(h);
    if (t !== undefined) return t;
    const dot = h.indexOf('.');
    if (dot < 0) return null;
    h = h.slice(dot + 1);
  }
  return null;
}

/** Is `host` one of the target's own hosts? */
export function ownedBy(host: string, t: Target): boolean {
  return t.domains.some((d) => hostUnder(host, d)) || t.labels.some((l) => hostUnder(host, l.domain)) || (t.owned ?? []).some((d) => hostUnder(host, d));
}

function tokens(s: string): string[] {
  return s.split(/[.\-_/]+/).filter((x) => x !== '');
}

const memo = new WeakMap<readonly Target[], Map<string, LookalikeHit | null>>();

/**
 * Compare one host against every target; the strongest technique wins. Owned hosts never match. Results without
 * a path are memoised per target list (bounded): mail repeats the same hosts thousands of times.
 */
export function compareHost(host: string, targets: readonly Target[], path = ''): LookalikeHit | null {
  let m = memo.get(targets);
  if (m === undefined) {
    m = new Map();
    memo.set(targets, m);
  }
  const key = host.toLowerCase();
  let base = m.get(key);
  if (base === undefined) {
    base = compareHostUncached(key, targets, '');
    if (m.size > 50_000) m.clear();
    m.set(key, base);
  }
  if (path === '' || (base !== null && base.technique !== 'in-subdomain' && base.technique !== 'combo')) return base;
  const withPath = base === null || base.technique === 'in-subdomain' || base.technique === 'combo' ? inPath(key, targets, path) : null;
  return base ?? withPath;
}

function inPath(host: string, targets: readonly Target[], path: string): LookalikeHit | null {
  const pathLower = path.toLowerCase().slice(0, 2048);
  if (ownerOf(host, targets) !== null) return null;
  for (const t of targets) {
    const generic = t.kind === 'brand' && GENERIC_LABELS.has(t.labels[0]?.label ?? '');
    if (generic) continue;
    for (const l of t.labels) {
      if (l.domain.length >= 6 && pathLower.includes(l.domain)) return { host, target: t, technique: 'in-path', evidence: `${host}${path.slice(0, 80)} names ${l.domain} in its path` };
    }
  }
  return null;
}

/** `domain` followed by a hyphen inside a longer host: the registrable domain starts in the middle of the brand's. */
export function domainGluedOn(host: string, domain: string): boolean {
  if (domain.length < 6 || !domain.includes('.')) return false;
  const at = host.indexOf(`${domain}-`);
  return at === 0 || (at > 0 && host[at - 1] === '.');
}

/** Platforms that host each customer's workspace under the customer's name (acme.slack.com, acme.atlassian.net). */
export const TENANT_PLATFORMS: ReadonlySet<string> = new Set(['slack.com', 'atlassian.net', 'zendesk.com', 'sharepoint.com', 'okta.com',
  'salesforce.com', 'force.com', 'service-now.com', 'freshdesk.com', 'zoom.us', 'webex.com', 'box.com', 'workday.com', 'myworkday.com',
  'bamboohr.com', 'greenhouse.io', 'lever.co', 'hubspot.com', 'monday.com', 'notion.so', 'statuspage.io', 'onelogin.com', 'jamf.cloud']);

function compareHostUncached(host: string, targets: readonly Target[], path: string): LookalikeHit | null {
  const h = host.toLowerCase().replace(/\.$/, '');
  const parts = splitHost(h);
  if (parts === null) return null;
  if (ownerOf(h, targets) !== null) return null;
  const uLabel = unicodeHost(parts.label);
  const uHost = unicodeHost(h);
  const skel = skeleton(uLabel);
  const mixed = isMixedScript(uLabel);
  let best: LookalikeHit | null = null;
  const rank: Record<Technique, number> = { homoglyph: 8, 'mixed-script': 7, 'domain-in-subdomain': 6, typo: 5, 'other-suffix': 4, combo: 3, 'in-subdomain': 2, 'in-path': 1 };
  const consider = (t: Target, technique: Technique, evidence: string): void => {
    if (best === null || rank[technique] > rank[best.technique]) best = { host: h, target: t, technique, evidence };
  };
  const subTokens = tokens(parts.sub);
  const labelTokens = tokens(uLabel);
  const pathLower = path.toLowerCase().slice(0, 2048);
  for (const t of targets) {
    for (const l of t.labels) {
      if (l.label.length < 3) continue;
      if (skel === l.skel) {
        if (uLabel !== l.label) consider(t, mixed ? 'mixed-script' : 'homoglyph', `${uHost} looks like ${l.domain} (skeleton "${skel}")`);
        else consider(t, 'other-suffix', `${h} uses ${l.label} under .${parts.suffix} instead of ${l.domain}`);
        continue;
      }
      const generic = t.kind === 'brand' && GENERIC_LABELS.has(l.label);
      if (l.label.length >= (generic ? 6 : 5)) {
        const max = l.label.length >= 10 ? 2 : 1;
        const d = editDistance(skel, l.skel, max);
        if (d <= max) {
          consider(t, 'typo', `${uHost} is ${d} edit${d === 1 ? '' : 's'} from ${l.domain}`);
          continue;
        }
      }
      if (l.label.length >= 4 && labelTokens.length > 1 && labelTokens.includes(l.label)) {
        consider(t, 'combo', `${h} combines "${l.label}" with other words`);
      } else if (!generic && l.label.length >= 6 && uLabel.includes(l.label)) {
        consider(t, 'combo', `${h} embeds "${l.label}"`);
      }
      // the brand's whole domain written at the head of a foreign host, also across the registrable boundary:
      // "paypal.com.secure-login.top", "docs.google.com-view-shared.online"
      if ((subTokens.length > 0 && parts.sub.includes(l.domain)) || domainGluedOn(h, l.domain)) {
        consider(t, 'domain-in-subdomain', `${h} puts ${l.domain} in front of the foreign domain ${parts.domain}`);
      } else if (!generic && l.label.length >= 4 && subTokens.includes(l.label)) {
        consider(t, 'in-subdomain', `${h} carries "${l.label}" as a subdomain of ${parts.domain}`);
      }
      if (!generic && pathLower !== '' && l.domain.length >= 6 && pathLower.includes(l.domain)) consider(t, 'in-path', `${h}${path.slice(0, 80)} names ${l.domain} in its path`);
    }
  }
  if (best === null && mixed) {
    return null;
  }
  return best;
}

/** A display name that names a target (by name or domain) while the address is not the target's. */
export function displayNameClaim(name: string | null, address: string | null, targets: readonly Target[]): { target: Target; evidence: string } | null {
  if (name === null || name.trim() === '' || address === null) return null;
  const domain = address.slice(address.lastIndexOf('@') + 1);
  const n = skeleton(name.replace(/[\u2122\u00ae\u00a9\u2120]/g, ' ').normalize('NFKC'));
  const owner = ownerOf(domain, targets);
  if (owner !== null && owner.kind === 'brand' && targets.every((t) => t.nameRe === null || t === owner || !t.nameRe.test(n))) return null;
  for (const t of targets) {
    if (t === owner || ownedBy(domain, t)) continue;
    if (t.nameRe !== null && t.nameRe.test(n)) return { target: t, evidence: `display name "${name}" names ${t.name}, sent from ${domain}` };
    for (const l of t.labels) {
      if (l.domain.length >= 6 && n.includes(l.domainSkel)) return { target: t, evidence: `display name "${name}" shows ${l.domain}, sent from ${domain}` };
    }
  }
  return null;
}
