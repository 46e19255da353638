import { clustersOf, parseBitcoinAddress } from '../chain/index.js';
import { SpearwatchError } from '../core/index.js';
import { btcAddressTags } from '../intel/index.js';
import type { Db, Queryable } from '../store/index.js';
import type { AddressTag } from './types.js';

/**
 * Address tags for the money trail. Two sources: the intel store (TagPacks, OFAC, STIX bitcoin-address
 * indicators; see intel's `btcAddressTags`) and the analyst's own tags (`spearwatch tag add`). A tag on one
 * address extends to every address of its cluster (multi-input heuristic), marked `inferred` with the address
 * it came from, so an exchange tagged on one hot-wallet address is recognised at its deposit addresses.
 */

export interface ManualTagInput {
  address: string;
  label: string;
  category: string;
  actor?: string | null;
}

export interface ManualTag {
  id: number;
  address: string;
  label: string;
  category: string;
  actor: string | null;
  createdAt: string;
}

/** The canonical form of an address on any network (base58 as given, bech32 lower case), or a usage error. */
export function canonicalAddress(text: string): string {
  const p = parseBitcoinAddress(text.trim());
  if (p === null) throw new SpearwatchError('SW_USAGE', `not a Bitcoin address (checksum or format): ${text}`);
  return p.address;
}

export function normaliseCategory(c: string): string {
  const v = c.trim().toLowerCase().replace(/[_\s]+/g, '-');
  if (!/^[a-z0-9][a-z0-9-]{0,39}$/.test(v)) throw new SpearwatchError('SW_USAGE', `--category must be a word like exchange, sanctioned, actor, mixer (got ${c})`);
  return v === 'mixing-service' ? 'mixer' : v;
}

export async function addTag(db: Db, t: ManualTagInput, now: Date = new Date()): Promise<{ tag: ManualTag; created: boolean }> {
  const address = canonicalAddress(t.address);
  const label = t.label.trim();
  if (label === '' || label.length > 200) throw new SpearwatchError('SW_USAGE', '--label must be 1–200 characters');
  const category = normaliseCategory(t.category);
  const actor = t.actor === undefined || t.actor === null || t.actor.trim() === '' ? null : t.actor.trim();
  return db.transaction(async (tx) => {
    const r = await tx.run(
      'INSERT INTO trace_tags (address, label, category, actor, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (address, label, category) DO NOTHING',
      [address, label, category, actor, now.toISOString()],
    );
    if (r.changes === 0 && actor !== null) await tx.run('UPDATE trace_tags SET actor = ? WHERE address = ? AND label = ? AND category = ?', [actor, address, label, category]);
    const row = await tx.get<{ id: number; address: string; label: string; category: string; actor: string | null; created_at: string }>(
      'SELECT id, address, label, category, actor, created_at FROM trace_tags WHERE address = ? AND label = ? AND category = ?', [address, label, category],
    );
    if (row === undefined) throw new SpearwatchError('SW_INTERNAL', 'tag vanished after insert');
    return { tag: { id: Number(row.id), address: row.address, label: row.label, category: row.category, actor: row.actor, createdAt: row.created_at }, created: r.changes > 0 };
  });
}

export async function removeTags(db: Db, address: string, label?: string): Promise<number> {
  const a = canonicalAddress(address);
  const r = label === undefined
    ? await db.run('DELETE FROM trace_tags WHERE address = ?', [a])
    : await db.run('DELETE FROM trace_tags WHERE address = ? AND label = ?', [a, label]);
  return r.changes;
}

export async function listManualTags(q: Queryable, filter: { category?: string; address?: string } = {}): Promise<ManualTag[]> {
  const where: string[] = [];
  const params: string[] = [];
  if (filter.category !== undefined) {
    where.push('category = ?');
    params.push(normaliseCategory(filter.category));
  }
  if (filter.address !== undefined) {
    where.push('address = ?');
    params.push(canonicalAddress(filter.address));
  }
  const rows = await q.all<{ id: number; address: string; label: string; category: string; actor: string | null; created_at: string }>(
    `SELECT id, address, label, category, actor, created_at FROM trace_tags ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY category, label, address`, params,
  );
  return rows.map((r) => ({ id: Number(r.id), address: r.address, label: r.label, category: r.category, actor: r.actor, createdAt: r.created_at }));
}

/** Every tag of addresses given as strings: intel tags, then manual ones (direct only; no cluster extension). */
export async function directTags(q: Queryable, addresses: readonly string[]): Promise<Map<string, AddressTag[]>> {
  const out = new Map<string, AddressTag[]>();
  const push = (a: string, t: AddressTag): void => {
    const l = out.get(a) ?? [];
    if (!l.some((x) => x.label === t.label && x.category === t.category && x.source === t.source)) l.push(t);
    out.set(a, l);
  };
  for (const [a, tags] of await btcAddressTags(q, addresses)) {
    for (const t of tags) push(a, { label: t.label, category: t.category, actor: t.actor, source: t.source, inferred: false });
  }
  const uniq = [...new Set(addresses)];
  for (let i = 0; i < uniq.length; i += 500) {
    const part = uniq.slice(i, i + 500);
    const rows = await q.all<{ address: string; label: string; category: string; actor: string | null }>(
      `SELECT address, label, category, actor FROM trace_tags WHERE address IN (${part.map(() => '?').join(',')}) ORDER BY id`, part,
    );
    for (const r of rows) push(r.address, { label: r.label, category: r.category, actor: r.actor, source: 'manual', inferred: false });
  }
  return out;
}

/**
 * The name an exchange is known by in results: its actor's name when the actor is known by a proper name (an
 * actorpack or STIX record: "Huobi"), else the tag's label ("Huobi.com"); a bare TagPack actor id ("huobi") is
 * an identifier, not a name.
 */
export function exchangeName(t: Pick<AddressTag, 'label' | 'actor'>): string {
  if (t.actor !== null && !/^[a-z0-9_-]+$/.test(t.actor)) return t.actor;
  return t.label;
}

interface ClusterTag { tag: AddressTag; via: string; viaId: number }

const BOOKS = new WeakMap<Queryable, { key: string; book: TagBook }>();

/**
 * Every tag of every tagged address the chain index has seen, by address id and by cluster. Built once per trace
 * (or watch check) from the interest table; its size is the number of tagged addresses present in the index.
 */
export class TagBook {
  private constructor(
    private readonly direct: Map<number, AddressTag[]>,
    private readonly byCluster: Map<number, ClusterTag[]>,
  ) {}

  static empty(): TagBook {
    return new TagBook(new Map(), new Map());
  }

  /**
   * The book for a store, reused while nothing it depends on changed: the tag sources (intel and manual, as
   * synced into the interest table) and the chain index (new addresses, new clusters). A mainnet index with every
   * public TagPack has tens of thousands of tagged addresses; rebuilding that per trace would cost more than the
   * trace.
   */
  static async cached(q: Queryable): Promise<TagBook> {
    const r = await q.get<{ t: string | null; s: string | null }>(
      "SELECT (SELECT value FROM trace_meta WHERE key = 'interest:tags') AS t, (SELECT value FROM trace_meta WHERE key = 'interest:scanned') AS s",
    );
    // Clusters change only when blocks arrive (new rows in chain_blocks, a reorg's too) and transactions with them.
    const tx = await q.get<{ m: number | null; b: number | null }>('SELECT (SELECT max(id) FROM chain_txs) AS m, (SELECT max(id) FROM chain_blocks) AS b');
    const key = `${r?.t ?? ''}|${r?.s ?? ''}|${tx?.m ?? ''}|${tx?.b ?? ''}`;
    const hit = BOOKS.get(q);
    if (hit !== undefined && hit.key === key) return hit.book;
    const book = await TagBook.load(q);
    BOOKS.set(q, { key, book });
    return book;
  }

  static async load(q: Queryable): Promise<TagBook> {
    const rows = await q.all<{ address: string; address_id: number }>('SELECT address, address_id FROM trace_interest WHERE tagged = 1 AND address_id IS NOT NULL');
    if (rows.length === 0) return TagBook.empty();
    const ids = rows.map((r) => Number(r.address_id));
    const clusters = await clustersOf(q, ids);
    const tags = await directTags(q, rows.map((r) => r.address));
    const direct = new Map<number, AddressTag[]>();
    const byCluster = new Map<number, ClusterTag[]>();
    for (const r of rows) {
      const id = Number(r.address_id);
      const list = tags.get(r.address) ?? [];
      if (list.length === 0) continue;
      direct.set(id, list);
      const c = clusters.get(id) ?? id;
      const cl = byCluster.get(c) ?? [];
      for (const t of list) cl.push({ tag: t, via: r.address, viaId: id });
      byCluster.set(c, cl);
    }
    return new TagBook(direct, byCluster);
  }

  get size(): number {
    return this.direct.size;
  }

  /** Is anything in this cluster tagged? (Cheap: tested for every output a trace reaches.) */
  clusterTagged(cluster: number): boolean {
    return this.byCluster.has(cluster);
  }

  /** Tags of an address: its own, then those inferred from other addresses of its cluster. */
  tagsOf(addressId: number, cluster: number): AddressTag[] {
    const own = this.direct.get(addressId) ?? [];
    const out: AddressTag[] = [...own];
    for (const ct of this.byCluster.get(cluster) ?? []) {
      if (ct.viaId === addressId) continue;
      if (out.some((x) => x.label === ct.tag.label && x.category === ct.tag.category)) continue;
      out.push({ ...ct.tag, inferred: true, source: `cluster:${cluster} via ${ct.via} (${ct.tag.source})` });
    }
    return out;
  }

  /** The first tag of the address or its cluster whose category is in `categories`, or null. */
  stopTag(addressId: number, cluster: number, categories: ReadonlySet<string>): AddressTag | null {
    if (categories.size === 0 || !this.byCluster.has(cluster)) return null;
    for (const t of this.tagsOf(addressId, cluster)) if (categories.has(t.category)) return t;
    return null;
  }

  /** Exchanges: name → clusters and tagged addresses (for `spearwatch exchanges`). */
  exchanges(): Map<string, { clusters: Set<number>; addresses: Set<string>; sources: Set<string> }> {
    const out = new Map<string, { clusters: Set<number>; addresses: Set<string>; sources: Set<string> }>();
    for (const [c, list] of this.byCluster) {
      for (const ct of list) {
        if (ct.tag.category !== 'exchange') continue;
        const name = exchangeName(ct.tag);
        const e = out.get(name) ?? { clusters: new Set<number>(), addresses: new Set<string>(), sources: new Set<string>() };
        e.clusters.add(c);
        e.addresses.add(ct.via);
        e.sources.add(ct.tag.source);
        out.set(name, e);
      }
    }
    return out;
  }
}
