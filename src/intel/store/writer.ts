import type { Db, Queryable, SqlValue } from '../../store/index.js';
import { actorKey } from '../actors.js';
import { stixId } from '../ids.js';
import type { ImportReport, IntelBatch, KindCounts } from '../types.js';

const CHUNK = 500;

type Verdict = 'created' | 'updated' | 'unchanged' | 'older';

function counts(): KindCounts {
  return { created: 0, updated: 0, unchanged: 0, older: 0 };
}

function verdict(existing: string | undefined, modified: string): Verdict {
  if (existing === undefined) return 'created';
  if (modified > existing) return 'updated';
  return modified === existing ? 'unchanged' : 'older';
}

/** id → modified for the ids that already exist, in chunks (both engines cap bound parameters). */
async function existingModified(tx: Queryable, table: string, idCol: string, ids: readonly string[], extra = ''): Promise<Map<string, { modified: string; id?: number }>> {
  const out = new Map<string, { modified: string; id?: number }>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    const part = ids.slice(i, i + CHUNK);
    const rows = await tx.all<{ k: string; modified: string; id?: number }>(
      `SELECT ${idCol} AS k, modified${extra} FROM ${table} WHERE ${idCol} IN (${part.map(() => '?').join(',')})`,
      part,
    );
    for (const r of rows) out.set(r.k, r.id === undefined ? { modified: r.modified } : { modified: r.modified, id: Number(r.id) });
  }
  return out;
}

/** Keep the newest version of each id inside one file (a bundle may carry several versions of an object). */
function newestById<T>(items: readonly T[], id: (t: T) => string, modified: (t: T) => string): T[] {
  const m = new Map<string, T>();
  for (const it of items) {
    const k = id(it);
    const cur = m.get(k);
    if (cur === undefined || modified(it) > modified(cur)) m.set(k, it);
  }
  return [...m.values()];
}

/** Generic "newer modified replaces" upsert for tables keyed by a text id. */
async function upsertById(
  tx: Queryable,
  table: string,
  columns: readonly string[],
  items: readonly { id: string; modified: string; row: SqlValue[] }[],
  c: KindCounts,
): Promise<void> {
  const existing = await existingModified(tx, table, 'id', items.map((x) => x.id));
  const write: SqlValue[][] = [];
  for (const it of items) {
    const v = verdict(existing.get(it.id)?.modified, it.modified);
    c[v]++;
    if (v === 'created' || v === 'updated') write.push(it.row);
  }
  const set = columns.filter((x) => x !== 'id').map((x) => `${x} = excluded.${x}`).join(', ');
  for (let i = 0; i < write.length; i += CHUNK) {
    await tx.insertMany(table, columns, write.slice(i, i + CHUNK), `ON CONFLICT (id) DO UPDATE SET ${set}`);
  }
}

const IND_COLS = [
  'id', 'stix_id', 'source', 'name', 'description', 'pattern', 'pattern_type', 'pattern_kind', 'confidence', 'tlp',
  'valid_from', 'valid_until', 'revoked', 'labels', 'first_seen', 'last_seen', 'created', 'modified', 'imported_at',
] as const;

async function writeIndicators(tx: Queryable, batch: IntelBatch, now: string, c: KindCounts): Promise<void> {
  const items = newestById(batch.indicators, (x) => x.stixId, (x) => x.modified);
  if (items.length === 0) return;
  if (tx.engine === 'postgres') {
    // Ids are allocated from max(id)+1 so that bulk inserts need no RETURNING round trips; on PostgreSQL two
    // concurrent imports must not allocate the same ids (SQLite's BEGIN IMMEDIATE already serialises writers).
    await tx.run('LOCK TABLE intel_indicators IN SHARE ROW EXCLUSIVE MODE');
  }
  const existing = await existingModified(tx, 'intel_indicators', 'stix_id', items.map((x) => x.stixId), ', id');
  let next = Number((await tx.get<{ m: number | null }>('SELECT max(id) AS m FROM intel_indicators'))?.m ?? 0) + 1;
  const rows: SqlValue[][] = [];
  const values: SqlValue[][] = [];
  const replacedIds: number[] = [];
  for (const ind of items) {
    const ex = existing.get(ind.stixId);
    const v = verdict(ex?.modified, ind.modified);
    c[v]++;
    if (v !== 'created' && v !== 'updated') continue;
    const id = ex?.id ?? next++;
    if (v === 'updated') replacedIds.push(id);
    rows.push([
      id, ind.stixId, ind.source, ind.name, ind.description, ind.pattern, ind.patternType, ind.patternKind, ind.confidence, ind.tlp,
      ind.validFrom, ind.validUntil, ind.revoked ? 1 : 0, JSON.stringify(ind.labels), ind.firstSeen, ind.lastSeen, ind.created,
      ind.modified, now,
    ]);
    for (const val of ind.values) values.push([id, val.type, val.value]);
  }
  for (let i = 0; i < replacedIds.length; i += CHUNK) {
    const part = replacedIds.slice(i, i + CHUNK);
    await tx.run(`DELETE FROM intel_indicator_values WHERE indicator_id IN (${part.map(() => '?').join(',')})`, part);
  }
  const set = IND_COLS.filter((x) => x !== 'id' && x !== 'stix_id').map((x) => `${x} = excluded.${x}`).join(', ');
  for (let i = 0; i < rows.length; i += CHUNK) {
    await tx.insertMany('intel_indicators', IND_COLS, rows.slice(i, i + CHUNK), `ON CONFLICT (id) DO UPDATE SET ${set}`);
  }
  for (let i = 0; i < values.length; i += CHUNK) {
    await tx.insertMany('intel_indicator_values', ['indicator_id', 'type', 'value'], values.slice(i, i + CHUNK), 'ON CONFLICT DO NOTHING');
  }
}

async function writeActors(tx: Queryable, batch: IntelBatch, now: string, c: KindCounts): Promise<void> {
  const items = newestById(batch.actors, (x) => x.ref, (x) => x.modified);
  const existing = await existingModified(tx, 'intel_actor_sources', 'ref', items.map((x) => x.ref));
  for (const a of items) {
    const key = actorKey(a.name);
    const v = verdict(existing.get(a.ref)?.modified, a.modified);
    c[v]++;
    if (v !== 'created' && v !== 'updated') continue;
    if (key === '') {
      batch.skipped.push({ item: a.ref, reason: 'actor name has no letters or digits' });
      continue;
    }
    let actor = await tx.get<{ id: string; name: string }>('SELECT id, name FROM intel_actors WHERE name_key = ?', [key]);
    if (actor === undefined) {
      actor = { id: stixId('intrusion-set', key), name: a.name };
      await tx.run('INSERT INTO intel_actors (id, name_key, name, created, modified) VALUES (?, ?, ?, ?, ?)', [actor.id, key, a.name, now, now]);
    } else {
      // A name that came from a bare reference ("lazarusgroup" in a TagPack) gives way to a real display name.
      const better = a.kind !== 'name-reference' && actor.name === actorKey(actor.name) && a.name !== actor.name;
      await tx.run('UPDATE intel_actors SET modified = ?, name = ? WHERE id = ?', [now, better ? a.name : actor.name, actor.id]);
    }
    await tx.run(
      `INSERT INTO intel_actor_sources (ref, actor_id, source, kind, name, description, tlp, revoked, modified) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (ref) DO UPDATE SET actor_id = excluded.actor_id, source = excluded.source, kind = excluded.kind, name = excluded.name,
       description = excluded.description, tlp = excluded.tlp, revoked = excluded.revoked, modified = excluded.modified`,
      [a.ref, actor.id, a.source, a.kind, a.name, a.description, a.tlp, a.revoked ? 1 : 0, a.modified],
    );
    await tx.run('DELETE FROM intel_actor_aliases WHERE ref = ?', [a.ref]);
    const seen = new Set<string>([key]);
    const rows: SqlValue[][] = [];
    for (const alias of a.aliases) {
      const k = actorKey(alias);
      if (k === '' || seen.has(k)) continue;
      seen.add(k);
      rows.push([a.ref, actor.id, alias, k]);
    }
    await tx.insertMany('intel_actor_aliases', ['ref', 'actor_id', 'alias', 'alias_key'], rows);
  }
}

function bump(report: ImportReport, kind: string, c: KindCounts): void {
  if (c.created + c.updated + c.unchanged + c.older === 0) return;
  report.byKind[kind] = c;
  report.created += c.created;
  report.updated += c.updated;
  report.unchanged += c.unchanged + c.older;
}

/**
 * Write one parsed file in ONE transaction: either everything lands or nothing does. Newer `modified` replaces
 * the stored version; equal is unchanged; older is kept out (and counted).
 */
export async function writeBatch(db: Db, batch: IntelBatch, now: string): Promise<ImportReport> {
  const report: ImportReport = {
    file: batch.file, format: batch.format, source: batch.source, read: batch.read, created: 0, updated: 0, unchanged: 0,
    skipped: batch.skipped.length, byKind: {}, complexPatterns: batch.complexPatterns, skippedReasons: {},
    skippedItems: batch.skipped.slice(0, 100), warnings: batch.warnings.slice(0, 100),
  };
  await db.transaction(async (tx) => {
    const ci = counts();
    await writeIndicators(tx, batch, now, ci);
    bump(report, 'indicator', ci);
    const ca = counts();
    await writeActors(tx, batch, now, ca);
    bump(report, 'actor', ca);
    const cc = counts();
    await upsertById(tx, 'intel_campaigns', ['id', 'source', 'name', 'description', 'aliases', 'first_seen', 'last_seen', 'tlp', 'revoked', 'created', 'modified'],
      newestById(batch.campaigns, (x) => x.id, (x) => x.modified).map((x) => ({
        id: x.id, modified: x.modified,
        row: [x.id, x.source, x.name, x.description, JSON.stringify(x.aliases), x.firstSeen, x.lastSeen, x.tlp, x.revoked ? 1 : 0, x.created, x.modified],
      })), cc);
    bump(report, 'campaign', cc);
    const cw = counts();
    await upsertById(tx, 'intel_malware', ['id', 'source', 'name', 'aliases', 'is_family', 'tlp', 'revoked', 'created', 'modified'],
      newestById(batch.malware, (x) => x.id, (x) => x.modified).map((x) => ({
        id: x.id, modified: x.modified,
        row: [x.id, x.source, x.name, JSON.stringify(x.aliases), x.isFamily ? 1 : 0, x.tlp, x.revoked ? 1 : 0, x.created, x.modified],
      })), cw);
    bump(report, 'malware', cw);
    const cr = counts();
    await upsertById(tx, 'intel_relationships', ['id', 'source', 'relationship_type', 'source_ref', 'target_ref', 'confidence', 'tlp', 'revoked', 'created', 'modified'],
      newestById(batch.relationships, (x) => x.id, (x) => x.modified).map((x) => ({
        id: x.id, modified: x.modified,
        row: [x.id, x.source, x.relationshipType, x.sourceRef, x.targetRef, x.confidence, x.tlp, x.revoked ? 1 : 0, x.created, x.modified],
      })), cr);
    bump(report, 'relationship', cr);
    const cid = counts();
    await upsertById(tx, 'intel_identities', ['id', 'name', 'identity_class', 'modified'],
      newestById(batch.identities, (x) => x.id, (x) => x.modified).map((x) => ({ id: x.id, modified: x.modified, row: [x.id, x.name, x.identityClass, x.modified] })), cid);
    bump(report, 'identity', cid);
    const cm = counts();
    await upsertById(tx, 'intel_markings', ['id', 'tlp', 'name', 'modified'],
      newestById(batch.markings, (x) => x.id, (x) => x.modified).map((x) => ({ id: x.id, modified: x.modified, row: [x.id, x.tlp, x.name, x.modified] })), cm);
    bump(report, 'marking-definition', cm);
    const co = counts();
    await upsertById(tx, 'intel_observed_data', ['id', 'source', 'first_observed', 'last_observed', 'number_observed', 'objects', 'tlp', 'modified'],
      newestById(batch.observedData, (x) => x.id, (x) => x.modified).map((x) => ({
        id: x.id, modified: x.modified, row: [x.id, x.source, x.firstObserved, x.lastObserved, x.numberObserved, x.objects, x.tlp, x.modified],
      })), co);
    bump(report, 'observed-data', co);
  });
  report.skipped = batch.skipped.length;
  report.skippedItems = batch.skipped.slice(0, 100);
  for (const s of batch.skipped) report.skippedReasons[s.reason] = (report.skippedReasons[s.reason] ?? 0) + 1;
  return report;
}
