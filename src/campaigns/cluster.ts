import { sha256Hex } from '../core/index.js';
import { CAMPAIGN_LIMITS } from './limits.js';
import { JOIN_THRESHOLD, LINK_TYPES, NOT_INFRASTRUCTURE } from './link-types.js';
import { featureKey, type Feature } from './links.js';
import { bands, halves, hammingHalves } from './simhash.js';
import type { Attempt, Campaign, InfraItem, Join, LinkItem, LinkType } from './types.js';

export const BODY_BAND = 'body-band';

/** Index keys an attempt is found by: its features and its SimHash bands (what incremental updates look up). */
export function indexKeys(a: Attempt, features: readonly Feature[]): string[] {
  return [...features.map(featureKey), ...bands(a.simhash).map((b) => `${BODY_BAND} ${b}`)];
}

export interface ClusterInput {
  attempts: readonly Attempt[];
  features: ReadonlyMap<string, readonly Feature[]>;
  /**
   * Holders of an index key across the whole store. Incremental updates cluster a subset and must apply the
   * fan-out cap with global counts to agree with a rebuild; by default the input itself is the whole store.
   */
  holders?: (key: string) => number;
}

class UnionFind {
  private readonly parent: number[];
  constructor(n: number) { this.parent = Array.from({ length: n }, (_, i) => i); }
  find(x: number): number {
    let r = x;
    while (this.parent[r] !== r) r = this.parent[r]!;
    let y = x;
    while (this.parent[y] !== r) { const next = this.parent[y]!; this.parent[y] = r; y = next; }
    return r;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

const byTime = (a: Attempt, b: Attempt): number => (a.firstSeen < b.firstSeen ? -1 : a.firstSeen > b.firstSeen ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** A join's confidence: its strongest full-weight link, or the combined weak ones (capped: weak stays weak). */
function joinConfidence(links: readonly LinkItem[]): number {
  const strong = links.filter((l) => l.weight >= JOIN_THRESHOLD).map((l) => LINK_TYPES[l.type].confidence);
  if (strong.length > 0) return Math.max(...strong);
  const miss = links.reduce((p, l) => p * (1 - LINK_TYPES[l.type].confidence / 100), 1);
  return Math.min(70, Math.round(100 * (1 - miss)));
}

function infraType(l: Feature): string {
  if (l.type === 'ip' || (l.type === 'link-host' && /^[\d.]+$|:/.test(l.value))) return l.value.includes(':') ? 'ipv6-addr' : 'ipv4-addr';
  return LINK_TYPES[l.type].infraType;
}

const NAME_PRIORITY = ['btc-address', 'ipv4-addr', 'ipv6-addr', 'domain', 'email-addr', 'file-sha256', 'btc-address', 'url-host', 'x-mailer'];

function buildCampaign(attempts: Attempt[], joins: Join[], features: ReadonlyMap<string, readonly Feature[]>): Campaign {
  const items = new Map<string, InfraItem & { seen: Set<string> }>();
  for (const a of attempts) {
    for (const f of features.get(a.id) ?? []) {
      if (NOT_INFRASTRUCTURE.has(f.type)) continue;
      const type = infraType(f);
      const k = `${type} ${f.value}`;
      let it = items.get(k);
      if (it === undefined) items.set(k, (it = { type, value: f.value, attempts: [], seen: new Set() }));
      if (!it.seen.has(a.id)) {
        it.seen.add(a.id);
        it.attempts.push(a.id);
      }
    }
  }
  const infrastructure = [...items.values()].map(({ seen: _seen, ...it }) => it).sort((x, y) => y.attempts.length - x.attempts.length || (x.type < y.type ? -1 : x.type > y.type ? 1 : x.value < y.value ? -1 : 1));
  const named = [...infrastructure].sort((x, y) => y.attempts.length - x.attempts.length || NAME_PRIORITY.indexOf(x.type) - NAME_PRIORITY.indexOf(y.type))[0];
  const first = attempts[0]!;
  return {
    id: `c-${sha256Hex(first.id).slice(0, 12)}`,
    name: `${named?.value ?? first.sender} campaign`,
    attempts,
    joins,
    infrastructure,
    firstSeen: first.firstSeen,
    lastSeen: attempts.reduce((m, a) => (a.lastSeen > m ? a.lastSeen : m), first.lastSeen),
  };
}

/**
 * Join attempts into campaigns over weighted shared items (docs/campaigns.md): full-weight items join every holder
 * (chained in time order, one join per consecutive pair); weak items and near-duplicate bodies add up per pair,
 * the strongest item per link type counting once; weak items held by more than `weakFanoutMax` attempts are
 * background and do not link. Pure and deterministic: the same attempts give the same campaigns and ids.
 */
export function clusterAttempts(input: ClusterInput): Campaign[] {
  const attempts = [...input.attempts].sort(byTime);
  const holders = new Map<string, number[]>();
  attempts.forEach((a, i) => {
    for (const k of indexKeys(a, input.features.get(a.id) ?? [])) {
      const l = holders.get(k);
      if (l === undefined) holders.set(k, [i]);
      else if (l[l.length - 1] !== i) l.push(i);
    }
  });
  const global = input.holders ?? ((k: string) => holders.get(k)?.length ?? 0);
  const pairs = new Map<number, Map<LinkType, LinkItem>>();
  const n = attempts.length;
  const add = (i: number, j: number, item: LinkItem): void => {
    const key = i < j ? i * n + j : j * n + i;
    let m = pairs.get(key);
    if (m === undefined) pairs.set(key, (m = new Map<LinkType, LinkItem>()));
    const prev = m.get(item.type);
    if (prev === undefined || item.value < prev.value) m.set(item.type, item);
  };
  for (const [k, list] of holders) {
    if (list.length < 2) continue;
    const sep = k.indexOf(' ');
    const type = k.slice(0, sep);
    const value = k.slice(sep + 1);
    if (type === BODY_BAND) {
      if (global(k) > CAMPAIGN_LIMITS.weakFanoutMax) continue;
      const hs = list.map((i) => halves(attempts[i]!.simhash));
      for (let x = 0; x < list.length; x++) {
        for (let y = x + 1; y < list.length; y++) {
          if (hammingHalves(hs[x]!, hs[y]!) <= CAMPAIGN_LIMITS.bodyLinkBits) add(list[x]!, list[y]!, { type: 'body', value: attempts[list[x]!]!.simhash, weight: LINK_TYPES.body.weight });
        }
      }
      continue;
    }
    const spec = LINK_TYPES[type as LinkType];
    const item: LinkItem = { type: type as LinkType, value, weight: spec.weight };
    if (spec.weight >= JOIN_THRESHOLD) {
      for (let x = 1; x < list.length; x++) add(list[x - 1]!, list[x]!, item);
    } else if (global(k) <= CAMPAIGN_LIMITS.weakFanoutMax) {
      for (let x = 0; x < list.length; x++) for (let y = x + 1; y < list.length; y++) add(list[x]!, list[y]!, item);
    }
  }
  const uf = new UnionFind(n);
  const joins: { i: number; join: Join }[] = [];
  for (const [key, m] of [...pairs].sort((p, q) => p[0] - q[0])) {
    const links = [...m.values()].sort((p, q) => q.weight - p.weight || (p.type < q.type ? -1 : 1));
    const weight = Math.round(links.reduce((s, l) => s + l.weight, 0) * 1000) / 1000;
    if (weight < JOIN_THRESHOLD - 1e-9) continue;
    const i = Math.floor(key / n);
    const j = key % n;
    uf.union(i, j);
    joins.push({ i, join: { a: attempts[i]!.id, b: attempts[j]!.id, weight, confidence: joinConfidence(links), links } });
  }
  const groups = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const r = uf.find(i);
    const g = groups.get(r);
    if (g === undefined) groups.set(r, [i]);
    else g.push(i);
  }
  const joinsByRoot = new Map<number, Join[]>();
  for (const { i, join } of joins) {
    const r = uf.find(i);
    const l = joinsByRoot.get(r);
    if (l === undefined) joinsByRoot.set(r, [join]);
    else l.push(join);
  }
  const out: Campaign[] = [];
  for (const [r, members] of groups) out.push(buildCampaign(members.map((i) => attempts[i]!), joinsByRoot.get(r) ?? [], input.features));
  return out.sort((a, b) => (a.firstSeen < b.firstSeen ? -1 : a.firstSeen > b.firstSeen ? 1 : a.id < b.id ? -1 : 1));
}
