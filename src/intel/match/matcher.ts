import { systemClock, type Clock } from '../../core/index.js';
import { SqliteDb, type Db, type Queryable, type SqlValue } from '../../store/index.js';
import { INTEL_LIMITS } from '../limits.js';
import type { ObservationNode } from '../stix/pattern-ast.js';
import { evaluatePattern, firstWitness, type Sco } from '../stix/pattern-eval.js';
import { parsePattern } from '../stix/pattern-parser.js';
import type { Tlp } from '../tlp.js';
import { isIndicatorType, type IndicatorType, type NormaliseOptions } from '../values.js';
import { IntelIndex, type Hit, type MatchVia } from './intel-index.js';
import { loadDetails, type IndicatorDetail } from './details.js';

export interface Observable {
  /** ipv4, ipv6, cidr, domain, url, email, sha256, sha1, md5, btc-address, eth-address; also filename, email-subject for patterns. */
  type: string;
  value: string;
}

export type MatchStatus = 'active' | 'expired' | 'revoked' | 'not-yet-valid';

export interface IntelMatch {
  observable: Observable;
  /** Store row id (stable within one store; what sightings reference). */
  rowId: number;
  /** STIX id of the indicator. */
  id: string;
  /** The indicator value that matched (a containing CIDR, a parent domain…) or the pattern for complex ones. */
  indicator: string;
  type: IndicatorType | 'pattern';
  via: MatchVia;
  source: string;
  confidence: number | null;
  tlp: Tlp;
  validUntil: string | null;
  status: MatchStatus;
  actors: { name: string; aliases: string[] }[];
  campaigns: { name: string }[];
}

export interface MatcherOptions extends NormaliseOptions {
  /** Default organisation for recordSightings. */
  org?: string;
  clock?: Clock;
}

interface ComplexPattern {
  handle: number;
  ast: ObservationNode;
}

/** Observables as STIX cyber-observable objects for pattern evaluation (one object per observable). */
function toScos(obs: readonly Observable[]): { scos: Sco[]; from: Observable[] } {
  const out: Sco[] = [];
  const from: Observable[] = [];
  for (const o of obs) {
    const before = out.length;
    const v = o.value;
    switch (o.type) {
      case 'ipv4': out.push({ type: 'ipv4-addr', value: v }); break;
      case 'ipv6': out.push({ type: 'ipv6-addr', value: v }); break;
      case 'domain': out.push({ type: 'domain-name', value: v.toLowerCase() }); break;
      case 'url': out.push({ type: 'url', value: v }); break;
      case 'email': out.push({ type: 'email-addr', value: v.toLowerCase() }); break;
      case 'sha256': out.push({ type: 'file', hashes: { 'SHA-256': v.toLowerCase() } }); break;
      case 'sha1': out.push({ type: 'file', hashes: { 'SHA-1': v.toLowerCase() } }); break;
      case 'md5': out.push({ type: 'file', hashes: { MD5: v.toLowerCase() } }); break;
      case 'filename': out.push({ type: 'file', name: v }); break;
      case 'email-subject': out.push({ type: 'email-message', subject: v }); break;
      case 'btc-address':
      case 'eth-address': out.push({ type: 'cryptocurrency-wallet', value: v }); break;
      default: break;
    }
    if (out.length > before) from.push(o);
  }
  return { scos: out, from };
}

export class Matcher {
  constructor(
    private readonly db: Db,
    readonly index: IntelIndex,
    private readonly complex: readonly ComplexPattern[],
    private readonly opts: MatcherOptions,
  ) {}

  get indicatorValues(): number {
    return this.index.size;
  }

  get complexPatterns(): number {
    return this.complex.length;
  }

  /** Index hits without details: the synchronous hot path (also what the benchmark measures). */
  probe(observable: Observable, out: Hit[] = []): Hit[] {
    this.index.probe(observable.type, observable.value, out);
    return out;
  }

  /**
   * Match a message's observables: index hits for each, plus complex patterns evaluated over all of them
   * together. Expired, revoked and not-yet-valid indicators are returned with that status, never as active.
   */
  async match(observables: readonly Observable[]): Promise<IntelMatch[]> {
    const obs = observables.slice(0, INTEL_LIMITS.observablesPerMatch);
    const pairs: { o: Observable; hit: Hit }[] = [];
    for (const o of obs) {
      const hits: Hit[] = [];
      this.index.probe(o.type, o.value, hits);
      for (const h of hits) pairs.push({ o, hit: h });
    }
    if (this.complex.length > 0) {
      const { scos, from } = toScos(obs);
      if (scos.length > 0) {
        for (const c of this.complex) {
          if (!evaluatePattern(c.ast, scos)) continue;
          // Report the match against the first observable that satisfies part of the pattern.
          const w = firstWitness(c.ast, scos);
          pairs.push({ o: from[Math.max(0, w)]!, hit: { handle: c.handle, indicatorValue: '', indicatorType: 'ipv4', via: 'pattern' } });
        }
      }
    }
    if (pairs.length === 0) return [];
    const details = await loadDetails(this.db, [...new Set(pairs.map((p) => p.hit.handle))]);
    const now = (this.opts.clock ?? systemClock).now().toISOString();
    const out: IntelMatch[] = [];
    const seen = new Set<string>();
    for (const { o, hit } of pairs) {
      const d = details.get(hit.handle);
      if (d === undefined) continue;
      const key = `${o.type}\u0000${o.value}\u0000${hit.handle}\u0000${hit.indicatorValue}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(toMatch(o, hit, d, now));
    }
    return out;
  }

  /**
   * Record that a scanned message at `org` carried these matches: one sighting per (org, indicator) with a
   * count of distinct messages, so rescanning a message does not inflate it. Call inside the scan's transaction.
   */
  async recordSightings(tx: Queryable, org: string | undefined, messageId: string, matches: readonly IntelMatch[], seenAt?: string): Promise<number> {
    const orgId = org ?? this.opts.org;
    if (orgId === undefined) return 0;
    const at = seenAt ?? (this.opts.clock ?? systemClock).now().toISOString();
    return recordSightings(tx, orgId, messageId, matches, at);
  }
}

export async function recordSightings(tx: Queryable, org: string, messageId: string, matches: readonly Pick<IntelMatch, 'rowId'>[], seenAt: string): Promise<number> {
  let n = 0;
  for (const rowId of new Set(matches.map((m) => m.rowId))) {
    const r = await tx.run('INSERT INTO intel_sighting_messages (org_id, indicator_id, message_id, seen_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING', [org, rowId, messageId, seenAt]);
    if (r.changes === 0) continue;
    n++;
    await tx.run(
      `INSERT INTO intel_sightings (org_id, indicator_id, count, first_seen, last_seen) VALUES (?, ?, 1, ?, ?)
       ON CONFLICT (org_id, indicator_id) DO UPDATE SET count = intel_sightings.count + 1,
       first_seen = CASE WHEN excluded.first_seen < intel_sightings.first_seen THEN excluded.first_seen ELSE intel_sightings.first_seen END,
       last_seen = CASE WHEN excluded.last_seen > intel_sightings.last_seen THEN excluded.last_seen ELSE intel_sightings.last_seen END`,
      [org, rowId, seenAt, seenAt],
    );
  }
  return n;
}

function toMatch(o: Observable, hit: Hit, d: IndicatorDetail, now: string): IntelMatch {
  let status: MatchStatus = 'active';
  if (d.revoked) status = 'revoked';
  else if (d.validUntil !== null && d.validUntil <= now) status = 'expired';
  else if (d.validFrom !== null && d.validFrom > now) status = 'not-yet-valid';
  return {
    observable: o, rowId: hit.handle, id: d.stixId, indicator: hit.via === 'pattern' ? d.pattern : hit.indicatorValue,
    type: hit.via === 'pattern' ? 'pattern' : hit.indicatorType, via: hit.via, source: d.source, confidence: d.confidence, tlp: d.tlp,
    validUntil: d.validUntil, status, actors: d.actors, campaigns: d.campaigns,
  };
}

/** Build the matcher from the store: every indicator value (live or not; status is decided per match). */
export async function loadMatcher(db: Db, opts: MatcherOptions = {}): Promise<Matcher> {
  const index = new IntelIndex(opts);
  if (db instanceof SqliteDb) {
    // Stream rows: a million values through .all() would hold a million row objects at once.
    const stmt = db.raw.prepare('SELECT indicator_id, type, value FROM intel_indicator_values').raw(true);
    for (const row of stmt.iterate() as Iterable<[number, string, string]>) {
      if (isIndicatorType(row[1])) index.add(row[0], row[1], row[2]);
    }
  } else {
    const step = 50_000;
    const max = Number((await db.get<{ m: number | null }>('SELECT max(id) AS m FROM intel_indicators'))?.m ?? 0);
    for (let lo = 0; lo < max; lo += step) {
      const rows = await db.all<{ indicator_id: number | string; type: string; value: string }>(
        'SELECT indicator_id, type, value FROM intel_indicator_values WHERE indicator_id > ? AND indicator_id <= ?',
        [lo, lo + step] as SqlValue[],
      );
      for (const r of rows) if (isIndicatorType(r.type)) index.add(Number(r.indicator_id), r.type, r.value);
    }
  }
  index.build();
  const complex: ComplexPattern[] = [];
  const rows = await db.all<{ id: number | string; pattern: string }>("SELECT id, pattern FROM intel_indicators WHERE pattern_kind = 'complex' AND pattern_type = 'stix'");
  for (const r of rows) {
    try {
      complex.push({ handle: Number(r.id), ast: parsePattern(r.pattern) });
    } catch {
      // Stored patterns were parsed at import; one that no longer parses is left out rather than failing the scan.
    }
  }
  return new Matcher(db, index, complex, opts);
}
