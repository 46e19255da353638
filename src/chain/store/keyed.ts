import { SqliteDb, type Queryable, type SqlValue } from '../../store/index.js';
import { copyOut } from './varint.js';

/**
 * The hash lookups (txid → transaction ids, address script → address ids) as key chunks instead of a B-tree entry
 * per key (migration 73). A key is 5 bytes of the hash as a number below 2^40 (`txKeyValue`, `addressKeyValue`).
 * A chunk row `(k, entries)` of `chain_tx_keys` / `chain_address_keys` holds every key from `k` up to the next
 * chunk's `k`, sorted by (key, id), each as two LEB128 varints: the key's distance to the previous key (the first
 * one's to `k`) and the id. At n keys a distance is ~40 − log2(n) bits, so an entry costs ~6 bytes at a million
 * keys and ~7 at a billion (a B-tree entry of a 6-byte prefix and its rowid costs ~15 with the cell overhead).
 * The first chunk has k = 0 and is never deleted, so every key has its chunk: the row with the largest k not
 * above it (a primary-key probe).
 *
 * A chunk past `CHUNK_MAX` entries is split into pieces of about `CHUNK_SPLIT`, the cut moved past equal keys so a
 * key never spans two chunks; the pieces after the first start at their first key. Splits read nothing but the
 * chunk (the entries carry their keys). A batch reads each chunk its new keys fall in once and writes it once, so an
 * import of a batch costs about what it did with the B-tree (one page per key at a large index), a bulk load writes
 * chunks ~3/4 full, and ids stay what the rows say: every candidate is confirmed against the full hash.
 *
 * False candidates: 2^40 keys, so at a billion keys a lookup reads one row it then discards about once in 1,100
 * lookups (at a million, once in a million); only lookups that miss the in-memory caches reach the store.
 */
export const KEY_BITS = 40;
export const CHUNK_MAX = 128;
export const CHUNK_SPLIT = 96;

export type KeyTable = 'chain_tx_keys' | 'chain_address_keys';

/** The key of a txid (internal byte order): its first 5 bytes. */
export function txKeyValue(txid: Uint8Array): number {
  return keyAt(txid, 0);
}

/** The key of an address script: bytes 4–8 (1-based), inside the hash or program for every type; zeros past the end. */
export function addressKeyValue(script: Uint8Array): number {
  return keyAt(script, 3);
}

function keyAt(b: Uint8Array, from: number): number {
  let v = 0;
  for (let i = from; i < from + 5; i++) v = v * 256 + (b[i] ?? 0);
  return v;
}

/** Reused output space for encodeChunk (an entry takes at most 2 × 6 bytes: keys and ids are below 2^42). */
let encodeSpace = Buffer.allocUnsafe(64 * 1024);

function putVarint(out: Buffer, o: number, v: number): number {
  while (v >= 0x8000_0000) {
    out[o++] = (v % 0x80) | 0x80;
    v = Math.floor(v / 0x80);
  }
  // Below 2^31 (nearly every distance and id): integer arithmetic.
  while (v >= 0x80) {
    out[o++] = (v & 0x7f) | 0x80;
    v >>>= 7;
  }
  out[o++] = v;
  return o;
}

/** A chunk's entries, sorted by (key, id). */
export function encodeChunk(k: number, keys: ArrayLike<number>, ids: ArrayLike<number>, from = 0, to = keys.length): Buffer {
  const need = (to - from) * 16;
  if (encodeSpace.length < need) encodeSpace = Buffer.allocUnsafe(need * 2);
  const out = encodeSpace;
  let o = 0;
  let prev = k;
  for (let i = from; i < to; i++) {
    const key = keys[i] as number;
    o = putVarint(out, o, key - prev);
    prev = key;
    o = putVarint(out, o, ids[i] as number);
  }
  return copyOut(out, o);
}

/** Where readVarint stopped. */
let readPos = 0;

/** One varint of blob at readPos, as VarintReader reads it (a varint cut off by the end ends there; past it, 0). */
function readVarint(blob: Uint8Array): number {
  const n = blob.length;
  let v = 0;
  let mul = 1;
  for (;;) {
    const b = readPos < n ? (blob[readPos] as number) : 0;
    readPos++;
    v += (b & 0x7f) * mul;
    mul *= 0x80;
    if ((b & 0x80) === 0 || readPos >= n) return v;
  }
}

export function decodeChunk(k: number, blob: Uint8Array, keys: number[], ids: number[]): void {
  readPos = 0;
  let prev = k;
  while (readPos < blob.length) {
    prev += readVarint(blob);
    keys.push(prev);
    ids.push(readVarint(blob));
  }
}

/**
 * Reused space for one chunk's entries while a batch rewrites it: decoded (`dk`, `di`) and merged (`mk`, `mi`);
 * typed arrays, so a batch that rewrites thousands of chunks leaves no arrays behind.
 */
let dk = new Float64Array(1024);
let di = new Float64Array(1024);
let mk = new Float64Array(1024);
let mi = new Float64Array(1024);

/** A chunk's entries into dk/di (grown as needed); returns how many. */
function decodeScratch(k: number, blob: Uint8Array): number {
  readPos = 0;
  let prev = k;
  let n = 0;
  while (readPos < blob.length) {
    if (n === dk.length) {
      const bk = new Float64Array(n * 2);
      bk.set(dk);
      dk = bk;
      const bi = new Float64Array(n * 2);
      bi.set(di);
      di = bi;
    }
    prev += readVarint(blob);
    dk[n] = prev;
    di[n] = readVarint(blob);
    n++;
  }
  return n;
}

/** Where a chunk of n sorted entries is cut: piece starts, moved past runs of equal keys (the first is 0). */
export function splitPoints(keys: ArrayLike<number>, n = keys.length): number[] {
  const starts = [0];
  if (n <= CHUNK_MAX) return starts;
  const pieces = Math.ceil(n / CHUNK_SPLIT);
  for (let j = 1; j < pieces; j++) {
    let b = Math.max(Math.floor((j * n) / pieces), (starts.at(-1) as number) + 1);
    while (b < n && keys[b] === keys[b - 1]) b++;
    if (b < n) starts.push(b);
  }
  return starts;
}

/** Prepared statements per SQLite connection (the chunk reads and writes run once per chunk of every batch). */
interface Prepared {
  get(...params: unknown[]): unknown;
  run(...params: unknown[]): unknown;
}
const sqliteStatements = new WeakMap<object, Map<string, Prepared>>();

function prepared(q: SqliteDb, sql: string): Prepared {
  let m = sqliteStatements.get(q.raw);
  if (m === undefined) sqliteStatements.set(q.raw, (m = new Map<string, Prepared>()));
  let st = m.get(sql);
  if (st === undefined) m.set(sql, (st = q.raw.prepare(sql)));
  return st;
}

/** Chunks (k, entries) holding the given keys (sorted, distinct), sorted by k. */
async function chunksHolding(q: Queryable, table: KeyTable, keys: readonly number[]): Promise<{ k: number[]; blobs: Buffer[] }> {
  const k: number[] = [];
  const blobs: Buffer[] = [];
  if (keys.length === 0) return { k, blobs };
  if (q.engine === 'postgres') {
    const seen = new Map<number, Buffer>();
    for (let i = 0; i < keys.length; i += 20_000) {
      const rows = await q.all<{ k: number; entries: Buffer }>(
        `SELECT DISTINCT c.k, c.entries FROM unnest(?::bigint[]) AS u(key)
         CROSS JOIN LATERAL (SELECT k, entries FROM ${table} WHERE k <= u.key ORDER BY k DESC LIMIT 1) AS c`,
        [keys.slice(i, i + 20_000) as unknown as SqlValue],
      );
      for (const r of rows) seen.set(Number(r.k), r.entries);
    }
    for (const [ck, b] of [...seen.entries()].sort((x, y) => x[0] - y[0])) {
      k.push(ck);
      blobs.push(b);
    }
    return { k, blobs };
  }
  // SQLite: walk the sorted keys, one probe for a key's chunk and one for where the next chunk starts.
  const sql = `SELECT c.k, c.entries, (SELECT n.k FROM ${table} n WHERE n.k > c.k ORDER BY n.k LIMIT 1) AS next
       FROM ${table} c WHERE c.k <= ? ORDER BY c.k DESC LIMIT 1`;
  const st = q instanceof SqliteDb ? prepared(q, sql) : null;
  let hi = -1;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as number;
    if (key < hi) continue;
    // The chunk and where the next one starts, in one statement (two seeks in SQLite, one call from here).
    const r = st !== null ? (st.get(key) as { k: number; entries: Buffer; next: number | null } | undefined)
      : await q.get<{ k: number; entries: Buffer; next: number | null }>(sql, [key]);
    if (r === undefined) break;
    k.push(Number(r.k));
    blobs.push(r.entries);
    hi = r.next === null ? Infinity : Number(r.next);
  }
  return { k, blobs };
}

/** The index of the chunk holding `key`: the last chunk start not above it. */
function chunkIndex(starts: readonly number[], key: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] as number) <= key) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function sortedDistinct(keys: ArrayLike<number>): number[] {
  const a = Float64Array.from(keys).sort();
  const out: number[] = [];
  for (let i = 0; i < a.length; i++) if (i === 0 || a[i] !== a[i - 1]) out.push(a[i] as number);
  return out;
}

/** Ids stored under each of these keys (every id whose key matches; callers compare the full hash). */
export async function idsByKeys(q: Queryable, table: KeyTable, keys: ArrayLike<number>): Promise<Map<number, number[]>> {
  const want = sortedDistinct(keys);
  const out = new Map<number, number[]>();
  const c = await chunksHolding(q, table, want);
  const wanted = new Set(want);
  for (let i = 0; i < c.k.length; i++) {
    const n = decodeScratch(c.k[i] as number, c.blobs[i] as Buffer);
    for (let j = 0; j < n; j++) {
      const key = dk[j] as number;
      if (!wanted.has(key)) continue;
      let l = out.get(key);
      if (l === undefined) out.set(key, (l = []));
      l.push(di[j] as number);
    }
  }
  return out;
}

/** Ids of these keys, in one list (for `WHERE id IN` reads of the rows to compare). */
export async function candidateIds(q: Queryable, table: KeyTable, keys: ArrayLike<number>): Promise<number[]> {
  return [...(await idsByKeys(q, table, keys)).values()].flat().sort((a, b) => a - b);
}

/**
 * Rewrite the chunks these (key, id) pairs fall in: `add` puts them in, otherwise they are taken out. Chunks that
 * grow past CHUNK_MAX are split; a chunk left empty is deleted, except the first (k = 0).
 */
async function change(q: Queryable, table: KeyTable, keys: ArrayLike<number>, ids: ArrayLike<number>, add: boolean): Promise<void> {
  if (keys.length === 0) return;
  const c = await chunksHolding(q, table, sortedDistinct(keys));
  if (c.k.length === 0) {
    if (!add) return;
    c.k.push(0);
    c.blobs.push(Buffer.alloc(0));
  }
  // The pairs grouped by the chunk they fall in (a counting sort by chunk index), each group in (key, id) order.
  const nc = c.k.length;
  const n = keys.length;
  const chunkOf = new Int32Array(n);
  const start = new Int32Array(nc + 1);
  for (let i = 0; i < n; i++) {
    const at = chunkIndex(c.k, keys[i] as number);
    chunkOf[i] = at;
    start[at + 1] = (start[at + 1] as number) + 1;
  }
  for (let a = 0; a < nc; a++) start[a + 1] = (start[a + 1] as number) + (start[a] as number);
  const order = new Int32Array(n);
  const fill = start.slice(0, nc);
  for (let i = 0; i < n; i++) {
    const at = chunkOf[i] as number;
    const f = fill[at] as number;
    order[f] = i;
    fill[at] = f + 1;
  }
  /** Pair x sorts before pair y. */
  const before = (x: number, y: number): boolean => {
    const kx = keys[x] as number;
    const ky = keys[y] as number;
    return kx < ky || (kx === ky && (ids[x] as number) < (ids[y] as number));
  };
  const putK: number[] = [];
  const putBlob: Buffer[] = [];
  const drop: number[] = [];
  for (let at = 0; at < nc; at++) {
    const g0 = start[at] as number;
    const g1 = start[at + 1] as number;
    if (g0 === g1) continue;
    // The chunk's entries are sorted; the batch's few for it are sorted on their own (insertion sort: a handful
    // each once the index has grown; the builtin sort for large groups) and merged in (add), or matched against
    // them (remove), without a sort of the whole chunk.
    if (g1 - g0 > 32) {
      const g = Array.from(order.subarray(g0, g1)).sort((x, y) => (before(x, y) ? -1 : before(y, x) ? 1 : 0));
      order.set(g, g0);
    } else {
      for (let i = g0 + 1; i < g1; i++) {
        const x = order[i] as number;
        let j = i - 1;
        for (; j >= g0 && before(x, order[j] as number); j--) order[j + 1] = order[j] as number;
        order[j + 1] = x;
      }
    }
    const ck = c.k[at] as number;
    const nd = decodeScratch(ck, c.blobs[at] as Buffer);
    if (mk.length < nd + (g1 - g0)) {
      mk = new Float64Array(2 * (nd + (g1 - g0)));
      mi = new Float64Array(mk.length);
    }
    let nm = 0;
    let j = g0;
    for (let e = 0; e < nd; e++) {
      const key = dk[e] as number;
      const id = di[e] as number;
      for (; j < g1; j++) {
        const m = order[j] as number;
        const km = keys[m] as number;
        if (!(km < key || (km === key && (ids[m] as number) < id))) break;
        if (add) {
          mk[nm] = km;
          mi[nm++] = ids[m] as number;
        }
      }
      if (!add && j < g1 && keys[order[j] as number] === key && ids[order[j] as number] === id) {
        j++; // taken out
        continue;
      }
      mk[nm] = key;
      mi[nm++] = id;
    }
    if (add) {
      for (; j < g1; j++) {
        const m = order[j] as number;
        mk[nm] = keys[m] as number;
        mi[nm++] = ids[m] as number;
      }
    }
    if (nm === 0 && ck !== 0) {
      drop.push(ck);
      continue;
    }
    const starts = splitPoints(mk, nm);
    for (let p = 0; p < starts.length; p++) {
      const from = starts[p] as number;
      const to = starts[p + 1] ?? nm;
      const pk = p === 0 ? ck : (mk[from] as number);
      putK.push(pk);
      putBlob.push(encodeChunk(pk, mk, mi, from, to));
    }
  }
  await writeChunks(q, table, putK, putBlob, drop);
}

async function writeChunks(q: Queryable, table: KeyTable, k: readonly number[], blobs: readonly Buffer[], drop: readonly number[]): Promise<void> {
  if (q.engine === 'postgres') {
    for (let i = 0; i < k.length; i += 20_000) {
      await q.run(
        `INSERT INTO ${table} (k, entries) SELECT * FROM unnest(?::bigint[], ?::bytea[]) ON CONFLICT (k) DO UPDATE SET entries = excluded.entries`,
        [k.slice(i, i + 20_000) as unknown as SqlValue, blobs.slice(i, i + 20_000) as unknown as SqlValue],
      );
    }
    if (drop.length > 0) await q.run(`DELETE FROM ${table} WHERE k = ANY(?::bigint[])`, [drop as unknown as SqlValue]);
    return;
  }
  const put = `INSERT INTO ${table} (k, entries) VALUES (?, ?) ON CONFLICT (k) DO UPDATE SET entries = excluded.entries`;
  const del = `DELETE FROM ${table} WHERE k = ?`;
  if (q instanceof SqliteDb) {
    const st = prepared(q, put);
    for (let i = 0; i < k.length; i++) st.run(k[i], blobs[i]);
    if (drop.length > 0) {
      const d = prepared(q, del);
      for (const x of drop) d.run(x);
    }
    return;
  }
  for (let i = 0; i < k.length; i++) await q.run(put, [k[i] as number, blobs[i] as Buffer]);
  for (const x of drop) await q.run(del, [x]);
}

/** Index new (key, id) pairs. */
export function addKeys(q: Queryable, table: KeyTable, keys: ArrayLike<number>, ids: ArrayLike<number>): Promise<void> {
  return change(q, table, keys, ids, true);
}

/** Take (key, id) pairs out of the index (their rows are being deleted). */
export function removeKeys(q: Queryable, table: KeyTable, keys: ArrayLike<number>, ids: ArrayLike<number>): Promise<void> {
  return change(q, table, keys, ids, false);
}
