import type { Queryable } from '../store/index.js';
import { actorKey } from './actors.js';
import type { IntelMatch, Matcher } from './match/matcher.js';
import { detectValue, type NormaliseOptions } from './values.js';

export interface ActorSourceView {
  source: string;
  ref: string;
  kind: string;
  name: string;
  aliases: string[];
}

export interface ActorView {
  id: string;
  name: string;
  /** Every alias any source gives, deduplicated; per-source lists are in `sources`. */
  aliases: string[];
  sources: ActorSourceView[];
  indicators: number;
}

/** Actors with their per-source records and aliases, and how many indicators point at them. */
export async function listActors(q: Queryable, filter?: { nameKeys?: string[] }): Promise<ActorView[]> {
  const keys = filter?.nameKeys;
  const where = keys === undefined ? '' : keys.length === 0 ? 'WHERE 1 = 0' : `WHERE a.name_key IN (${keys.map(() => '?').join(',')})`;
  const rows = await q.all<{ id: string; name: string; ref: string; source: string; kind: string; sname: string }>(
    `SELECT a.id, a.name, s.ref, s.source, s.kind, s.name AS sname FROM intel_actors a JOIN intel_actor_sources s ON s.actor_id = a.id ${where} ORDER BY a.name, s.source, s.ref`,
    keys ?? [],
  );
  const byId = new Map<string, ActorView>();
  const byRef = new Map<string, ActorSourceView>();
  for (const r of rows) {
    let a = byId.get(r.id);
    if (a === undefined) {
      a = { id: r.id, name: r.name, aliases: [], sources: [], indicators: 0 };
      byId.set(r.id, a);
    }
    const sv: ActorSourceView = { source: r.source, ref: r.ref, kind: r.kind, name: r.sname, aliases: [] };
    a.sources.push(sv);
    byRef.set(r.ref, sv);
  }
  const al = await q.all<{ ref: string; alias: string }>('SELECT ref, alias FROM intel_actor_aliases ORDER BY alias');
  for (const x of al) byRef.get(x.ref)?.aliases.push(x.alias);
  for (const a of byId.values()) {
    const seen = new Map<string, string>();
    for (const s of a.sources) for (const x of s.aliases) if (!seen.has(actorKey(x))) seen.set(actorKey(x), x);
    a.aliases = [...seen.values()].sort((x, y) => x.localeCompare(y));
  }
  const counts = await q.all<{ actor_id: string; n: number | string }>(
    `SELECT s.actor_id, count(DISTINCT r.source_ref) AS n FROM intel_relationships r JOIN intel_actor_sources s ON s.ref = r.target_ref
     WHERE r.relationship_type IN ('indicates', 'attributed-to') AND r.source_ref LIKE 'indicator--%' GROUP BY s.actor_id`);
  for (const c of counts) {
    const a = byId.get(c.actor_id);
    if (a !== undefined) a.indicators = Number(c.n);
  }
  return [...byId.values()];
}

export interface ActorResolution {
  actor: { id: string; name: string };
  /** 'name': the actor is called this; 'alias': a source lists this name as one of its aliases. */
  match: 'name' | 'alias';
  /** The sources that make the claim. */
  sources: string[];
}

/**
 * Which actors a name refers to. The actor of that name comes first; every actor some source lists it as an
 * alias of follows, with those sources, most-sourced first. Nothing is guessed away.
 */
export async function resolveActorName(q: Queryable, name: string): Promise<ActorResolution[]> {
  const key = actorKey(name);
  if (key === '') return [];
  const out: ActorResolution[] = [];
  const own = await q.all<{ id: string; name: string; source: string }>(
    'SELECT a.id, a.name, s.source FROM intel_actors a JOIN intel_actor_sources s ON s.actor_id = a.id WHERE a.name_key = ? ORDER BY s.source', [key]);
  if (own.length > 0) out.push({ actor: { id: own[0]!.id, name: own[0]!.name }, match: 'name', sources: [...new Set(own.map((o) => o.source))] });
  const claims = await q.all<{ id: string; name: string; source: string }>(
    `SELECT a.id, a.name, s.source FROM intel_actor_aliases al JOIN intel_actor_sources s ON s.ref = al.ref JOIN intel_actors a ON a.id = s.actor_id
     WHERE al.alias_key = ? ORDER BY a.name, s.source`, [key]);
  const by = new Map<string, ActorResolution>();
  for (const c of claims) {
    if (own.length > 0 && c.id === own[0]!.id) continue;
    const r = by.get(c.id) ?? { actor: { id: c.id, name: c.name }, match: 'alias' as const, sources: [] };
    if (!r.sources.includes(c.source)) r.sources.push(c.source);
    by.set(c.id, r);
  }
  out.push(...[...by.values()].sort((a, b) => b.sources.length - a.sources.length || a.actor.name.localeCompare(b.actor.name)));
  return out;
}

export interface LookupMatch {
  indicator: string;
  type: string;
  source: string;
  confidence: number | null;
  tlp: string;
  validUntil: string | null;
  actors: { name: string; aliases: string[] }[];
  campaigns: { name: string }[];
  /** Added to the contract's fields: expired/revoked indicators are reported as such, not as live. */
  status: IntelMatch['status'];
  via: IntelMatch['via'];
  id: string;
}

export interface LookupResult {
  value: string;
  type: string;
  matches: LookupMatch[];
}

/** `intel lookup`: detect each value's type, match it, shape the result as the CLI contract says. */
export async function lookupValues(matcher: Matcher, values: readonly string[], opts: NormaliseOptions = {}): Promise<LookupResult[]> {
  const out: LookupResult[] = [];
  for (const value of values) {
    const d = detectValue(value, opts);
    if (d === null) {
      out.push({ value, type: 'unknown', matches: [] });
      continue;
    }
    const ms = await matcher.match([{ type: d.type, value: d.value }]);
    out.push({
      value, type: d.type,
      matches: ms.map((m) => ({
        indicator: m.indicator, type: m.type, source: m.source, confidence: m.confidence, tlp: m.tlp, validUntil: m.validUntil,
        actors: m.actors, campaigns: m.campaigns, status: m.status, via: m.via, id: m.id,
      })),
    });
  }
  return out;
}
