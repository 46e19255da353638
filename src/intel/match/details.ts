import type { Queryable } from '../../store/index.js';
import type { Tlp } from '../tlp.js';

export interface IndicatorDetail {
  stixId: string;
  source: string;
  pattern: string;
  confidence: number | null;
  tlp: Tlp;
  validFrom: string | null;
  validUntil: string | null;
  revoked: boolean;
  actors: { name: string; aliases: string[] }[];
  campaigns: { name: string }[];
}

const CHUNK = 500;

function marks(n: number): string {
  return new Array<string>(n).fill('?').join(',');
}

/** Actor names and their aliases (across sources, deduplicated) for actor ids. */
export async function actorAliases(q: Queryable, actorIds: readonly string[]): Promise<Map<string, { name: string; aliases: string[] }>> {
  const out = new Map<string, { name: string; aliases: string[] }>();
  for (let i = 0; i < actorIds.length; i += CHUNK) {
    const part = actorIds.slice(i, i + CHUNK);
    const names = await q.all<{ id: string; name: string }>(`SELECT id, name FROM intel_actors WHERE id IN (${marks(part.length)})`, part);
    for (const n of names) out.set(n.id, { name: n.name, aliases: [] });
    const al = await q.all<{ actor_id: string; alias: string; alias_key: string }>(
      `SELECT actor_id, alias, alias_key FROM intel_actor_aliases WHERE actor_id IN (${marks(part.length)}) ORDER BY alias`, part);
    const seen = new Set<string>();
    for (const a of al) {
      const k = `${a.actor_id}\u0000${a.alias_key}`;
      if (seen.has(k)) continue;
      seen.add(k);
      out.get(a.actor_id)?.aliases.push(a.alias);
    }
  }
  return out;
}

/**
 * Details for matched indicator rows: the row, the actors it indicates (directly or through a campaign that is
 * attributed to them) and its campaigns. Relationship targets are resolved through each source's actor
 * records, so a MITRE STIX id and a MISP uuid reach the same merged actor.
 */
export async function loadDetails(q: Queryable, handles: readonly number[]): Promise<Map<number, IndicatorDetail>> {
  const out = new Map<number, IndicatorDetail>();
  const byStix = new Map<string, IndicatorDetail>();
  for (let i = 0; i < handles.length; i += CHUNK) {
    const part = handles.slice(i, i + CHUNK);
    const rows = await q.all<{ id: number | string; stix_id: string; source: string; pattern: string; confidence: number | null; tlp: Tlp; valid_from: string | null; valid_until: string | null; revoked: number }>(
      `SELECT id, stix_id, source, pattern, confidence, tlp, valid_from, valid_until, revoked FROM intel_indicators WHERE id IN (${marks(part.length)})`, part);
    for (const r of rows) {
      const d: IndicatorDetail = {
        stixId: r.stix_id, source: r.source, pattern: r.pattern, confidence: r.confidence === null ? null : Number(r.confidence), tlp: r.tlp,
        validFrom: r.valid_from, validUntil: r.valid_until, revoked: Number(r.revoked) === 1, actors: [], campaigns: [],
      };
      out.set(Number(r.id), d);
      byStix.set(r.stix_id, d);
    }
  }
  const stixIds = [...byStix.keys()];
  const actorLinks: { ind: string; actor: string }[] = [];
  const campLinks: { ind: string; id: string; name: string }[] = [];
  for (let i = 0; i < stixIds.length; i += CHUNK) {
    const part = stixIds.slice(i, i + CHUNK);
    const direct = await q.all<{ ind: string; actor: string }>(
      `SELECT r.source_ref AS ind, s.actor_id AS actor FROM intel_relationships r JOIN intel_actor_sources s ON s.ref = r.target_ref
       WHERE r.source_ref IN (${marks(part.length)}) AND r.relationship_type IN ('indicates', 'attributed-to') AND r.revoked = 0`, part);
    actorLinks.push(...direct);
    const camps = await q.all<{ ind: string; id: string; name: string }>(
      `SELECT r.source_ref AS ind, c.id, c.name FROM intel_relationships r JOIN intel_campaigns c ON c.id = r.target_ref
       WHERE r.source_ref IN (${marks(part.length)}) AND r.relationship_type = 'indicates' AND r.revoked = 0`, part);
    campLinks.push(...camps);
  }
  const campIds = [...new Set(campLinks.map((c) => c.id))];
  const campActors = new Map<string, string[]>();
  for (let i = 0; i < campIds.length; i += CHUNK) {
    const part = campIds.slice(i, i + CHUNK);
    const rows = await q.all<{ camp: string; actor: string }>(
      `SELECT r.source_ref AS camp, s.actor_id AS actor FROM intel_relationships r JOIN intel_actor_sources s ON s.ref = r.target_ref
       WHERE r.source_ref IN (${marks(part.length)}) AND r.relationship_type = 'attributed-to' AND r.revoked = 0`, part);
    for (const r of rows) campActors.set(r.camp, [...(campActors.get(r.camp) ?? []), r.actor]);
  }
  for (const c of campLinks) for (const a of campActors.get(c.id) ?? []) actorLinks.push({ ind: c.ind, actor: a });
  const actors = await actorAliases(q, [...new Set(actorLinks.map((l) => l.actor))]);
  for (const l of actorLinks) {
    const d = byStix.get(l.ind);
    const a = actors.get(l.actor);
    if (d !== undefined && a !== undefined && !d.actors.some((x) => x.name === a.name)) d.actors.push(a);
  }
  for (const c of campLinks) {
    const d = byStix.get(c.ind);
    if (d !== undefined && !d.campaigns.some((x) => x.name === c.name)) d.campaigns.push({ name: c.name });
  }
  return out;
}
