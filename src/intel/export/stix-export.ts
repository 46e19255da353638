import crypto from 'node:crypto';
import type { Queryable } from '../../store/index.js';
import { stixId } from '../ids.js';
import { maxTlp, TLP_LEVELS, tlpRank, type Tlp } from '../tlp.js';
import { markingId, TLP_MARKINGS } from './markings.js';

export interface ExportOptions {
  /** Highest TLP allowed out; everything more restricted stays home. Default: clear. */
  tlpMax: Tlp;
  /** Only objects modified at or after this ISO time. */
  since?: string;
}

export interface ExportSummary {
  indicators: number;
  actors: number;
  campaigns: number;
  malware: number;
  relationships: number;
  sightings: number;
}

/** Sightings say which organisation saw what: never less restricted than AMBER, whatever the indicator's TLP. */
const SIGHTING_FLOOR: Tlp = 'amber';

type Obj = Record<string, unknown>;

function withoutNulls(o: Obj): Obj {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0)));
}

export function orgIdentityId(orgId: string): string {
  return stixId('identity', `organization:${orgId}`);
}

/**
 * A STIX 2.1 bundle of indicators, actors (as intrusion-sets), campaigns, malware, relationships between exported
 * objects, and per-organisation sightings with the organisations' identities. Nothing above `tlpMax` is
 * included, and a relationship leaves only when both its ends do.
 */
export async function exportStixBundle(q: Queryable, opts: ExportOptions): Promise<{ bundle: Obj; summary: ExportSummary }> {
  const allowed = TLP_LEVELS.filter((t) => tlpRank(t) <= tlpRank(opts.tlpMax));
  const inTlp = `(${allowed.map(() => '?').join(',')})`;
  const since = opts.since ?? '';
  const used = new Set<Tlp>();
  const objects: Obj[] = [];
  const exported = new Set<string>();

  const inds = await q.all<{
    stix_id: string; name: string | null; description: string | null; pattern: string; pattern_type: string; confidence: number | null; tlp: Tlp;
    valid_from: string | null; valid_until: string | null; revoked: number; labels: string; created: string; modified: string;
  }>(`SELECT stix_id, name, description, pattern, pattern_type, confidence, tlp, valid_from, valid_until, revoked, labels, created, modified
      FROM intel_indicators WHERE tlp IN ${inTlp} AND modified >= ? ORDER BY id`, [...allowed, since]);
  for (const r of inds) {
    used.add(r.tlp);
    exported.add(r.stix_id);
    const validFrom = r.valid_from ?? r.created;
    objects.push(withoutNulls({
      type: 'indicator', spec_version: '2.1', id: r.stix_id, created: r.created, modified: r.modified, name: r.name, description: r.description,
      pattern: r.pattern, pattern_type: r.pattern_type, valid_from: validFrom,
      // STIX requires valid_until after valid_from; an inconsistent source value is dropped rather than exported invalid.
      valid_until: r.valid_until !== null && r.valid_until > validFrom ? r.valid_until : null,
      confidence: r.confidence === null ? null : Number(r.confidence), revoked: Number(r.revoked) === 1 ? true : null,
      labels: JSON.parse(r.labels) as string[], object_marking_refs: [markingId(r.tlp)],
    }));
  }

  // Actors: only the names and aliases that sources at or below tlpMax contributed.
  const srcRows = await q.all<{ actor_id: string; ref: string; tlp: Tlp }>(`SELECT actor_id, ref, tlp FROM intel_actor_sources WHERE tlp IN ${inTlp}`, allowed);
  const refToActor = new Map<string, string>();
  const actorTlp = new Map<string, Tlp>();
  for (const s of srcRows) {
    refToActor.set(s.ref, s.actor_id);
    actorTlp.set(s.actor_id, maxTlp(actorTlp.get(s.actor_id) ?? 'clear', s.tlp));
  }
  const actors = await q.all<{ id: string; name: string; created: string; modified: string }>('SELECT id, name, created, modified FROM intel_actors WHERE modified >= ? ORDER BY name', [since]);
  const aliasRows = await q.all<{ actor_id: string; alias: string; alias_key: string; tlp: Tlp }>(
    `SELECT a.actor_id, a.alias, a.alias_key, s.tlp FROM intel_actor_aliases a JOIN intel_actor_sources s ON s.ref = a.ref WHERE s.tlp IN ${inTlp} ORDER BY a.alias`, allowed);
  const aliases = new Map<string, Map<string, string>>();
  for (const a of aliasRows) {
    const m = aliases.get(a.actor_id) ?? new Map<string, string>();
    if (!m.has(a.alias_key)) m.set(a.alias_key, a.alias);
    aliases.set(a.actor_id, m);
  }
  let actorCount = 0;
  for (const a of actors) {
    const t = actorTlp.get(a.id);
    if (t === undefined) continue;
    used.add(t);
    exported.add(a.id);
    actorCount++;
    objects.push(withoutNulls({
      type: 'intrusion-set', spec_version: '2.1', id: a.id, created: a.created, modified: a.modified, name: a.name,
      aliases: [...(aliases.get(a.id)?.values() ?? [])], object_marking_refs: [markingId(t)],
    }));
  }

  const camps = await q.all<{ id: string; name: string; description: string | null; aliases: string; first_seen: string | null; last_seen: string | null; tlp: Tlp; revoked: number; created: string; modified: string }>(
    `SELECT id, name, description, aliases, first_seen, last_seen, tlp, revoked, created, modified FROM intel_campaigns WHERE tlp IN ${inTlp} AND modified >= ? ORDER BY id`, [...allowed, since]);
  for (const c of camps) {
    used.add(c.tlp);
    exported.add(c.id);
    objects.push(withoutNulls({
      type: 'campaign', spec_version: '2.1', id: c.id, created: c.created, modified: c.modified, name: c.name, description: c.description,
      aliases: JSON.parse(c.aliases) as string[], first_seen: c.first_seen, last_seen: c.last_seen, revoked: Number(c.revoked) === 1 ? true : null,
      object_marking_refs: [markingId(c.tlp)],
    }));
  }

  const malware = await q.all<{ id: string; name: string; aliases: string; is_family: number; tlp: Tlp; revoked: number; created: string; modified: string }>(
    `SELECT id, name, aliases, is_family, tlp, revoked, created, modified FROM intel_malware WHERE tlp IN ${inTlp} AND modified >= ? ORDER BY id`, [...allowed, since]);
  for (const w of malware) {
    used.add(w.tlp);
    exported.add(w.id);
    objects.push(withoutNulls({
      type: 'malware', spec_version: '2.1', id: w.id, created: w.created, modified: w.modified, name: w.name, is_family: Number(w.is_family) === 1,
      aliases: JSON.parse(w.aliases) as string[], revoked: Number(w.revoked) === 1 ? true : null, object_marking_refs: [markingId(w.tlp)],
    }));
  }

  const rels = await q.all<{ id: string; relationship_type: string; source_ref: string; target_ref: string; confidence: number | null; tlp: Tlp; revoked: number; created: string; modified: string }>(
    `SELECT id, relationship_type, source_ref, target_ref, confidence, tlp, revoked, created, modified FROM intel_relationships WHERE tlp IN ${inTlp} AND modified >= ? ORDER BY id`, [...allowed, since]);
  let relCount = 0;
  for (const r of rels) {
    // Each source's actor record is exported as the merged actor it belongs to.
    const src = refToActor.get(r.source_ref) ?? r.source_ref;
    const dst = refToActor.get(r.target_ref) ?? r.target_ref;
    if (!exported.has(src) || !exported.has(dst)) continue;
    used.add(r.tlp);
    relCount++;
    objects.push(withoutNulls({
      type: 'relationship', spec_version: '2.1', id: r.id, created: r.created, modified: r.modified, relationship_type: r.relationship_type,
      source_ref: src, target_ref: dst, confidence: r.confidence === null ? null : Number(r.confidence), revoked: Number(r.revoked) === 1 ? true : null,
      object_marking_refs: [markingId(r.tlp)],
    }));
  }

  let sightCount = 0;
  if (tlpRank(opts.tlpMax) >= tlpRank(SIGHTING_FLOOR)) {
    const sights = await q.all<{ org_id: string; org_name: string | null; stix_id: string; tlp: Tlp; count: number; first_seen: string; last_seen: string }>(
      `SELECT s.org_id, o.name AS org_name, i.stix_id, i.tlp, s.count, s.first_seen, s.last_seen FROM intel_sightings s
       JOIN intel_indicators i ON i.id = s.indicator_id LEFT JOIN organizations o ON o.id = s.org_id
       WHERE i.tlp IN ${inTlp} AND s.last_seen >= ? ORDER BY s.org_id, i.stix_id`, [...allowed, since]);
    const orgs = new Map<string, string>();
    for (const s of sights) {
      if (!exported.has(s.stix_id)) continue;
      const t = maxTlp(s.tlp, SIGHTING_FLOOR);
      used.add(t);
      orgs.set(s.org_id, s.org_name ?? s.org_id);
      sightCount++;
      objects.push({
        type: 'sighting', spec_version: '2.1', id: stixId('sighting', `${s.org_id}|${s.stix_id}`), created: s.first_seen, modified: s.last_seen,
        sighting_of_ref: s.stix_id, where_sighted_refs: [orgIdentityId(s.org_id)], count: Number(s.count), first_seen: s.first_seen,
        last_seen: s.last_seen, object_marking_refs: [markingId(t)],
      });
    }
    if (orgs.size > 0) used.add(SIGHTING_FLOOR);
    for (const [id, name] of orgs) {
      objects.push({
        type: 'identity', spec_version: '2.1', id: orgIdentityId(id), created: '2020-01-01T00:00:00.000Z', modified: '2020-01-01T00:00:00.000Z',
        name, identity_class: 'organization', object_marking_refs: [markingId(SIGHTING_FLOOR)],
      });
    }
  }
  const markings = TLP_LEVELS.filter((t) => used.has(t)).map((t) => TLP_MARKINGS[t]);
  return {
    bundle: { type: 'bundle', id: `bundle--${crypto.randomUUID()}`, objects: [...markings, ...objects] },
    summary: { indicators: inds.length, actors: actorCount, campaigns: camps.length, malware: malware.length, relationships: relCount, sightings: sightCount },
  };
}
