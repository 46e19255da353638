import type { Migration, Queryable } from '../types.js';

/**
 * Chain index: the txid and address-script lookups move from the 6-byte prefix expression indexes (`chain_txs_key`,
 * `chain_addresses_key`: a B-tree entry of ~15 bytes per key) into key chunks, `chain_tx_keys` and
 * `chain_address_keys (k, entries)`: a 5-byte key of the hash as a number, and rows each holding the keys from `k`
 * to the next row's `k` as delta-coded (key, id) varints, ~6–7 bytes per key (src/chain/store/keyed.ts).
 *
 * Existing stores are converted here, inside the migration's transaction: the rows are read in key order, one slice
 * of the key space per ~20,000 rows, through the old prefix indexes, and cut into chunks exactly as one batch
 * cuts the chunk that receives every key of an empty index. The encoder and the cut are this version's, kept here.
 */

const CHUNK_MAX = 128;
const CHUNK_SPLIT = 96;
const KEYS = 2 ** 40;

function keyAt(b: Uint8Array, from: number): number {
  let v = 0;
  for (let i = from; i < from + 5; i++) v = v * 256 + (b[i] ?? 0);
  return v;
}

/**
 * The smallest blob whose key (zero-padded to 5 bytes) is `key`: its 5 bytes without trailing zeros. Comparing a
 * prefix expression with these bounds selects exactly the rows whose key lies in the slice, short scripts included.
 */
function bound(key: number): Buffer {
  const b = Buffer.alloc(5);
  let v = key;
  for (let i = 4; i >= 0; i--) {
    b[i] = v % 256;
    v = Math.floor(v / 256);
  }
  let n = 5;
  while (n > 0 && b[n - 1] === 0) n--;
  return b.subarray(0, n);
}

function pushVarint(out: number[], v: number): void {
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  out.push(v);
}

interface Source {
  count: string;
  /** SQL selecting (id, h) where the prefix expression is within the bounds given as parameters. */
  select: (lower: boolean, upper: boolean) => string;
  keyFrom: number;
}

async function build(q: Queryable, target: string, s: Source): Promise<void> {
  const n = Number((await q.get<{ n: number }>(s.count))?.n ?? 0);
  if (n === 0) return;
  const pieces = n <= CHUNK_MAX ? 1 : Math.ceil(n / CHUNK_SPLIT);
  let j = 1;
  let lastStart = 0;
  const cutAt = (): number => (j < pieces ? Math.max(Math.floor((j * n) / pieces), lastStart + 1) : Infinity);
  let cut = cutAt();
  let pos = 0;
  let k = 0;
  let prev = 0;
  let bytes: number[] = [];
  let pending: [number, Buffer][] = [];
  const flushRows = async (): Promise<void> => {
    if (pending.length > 0) await q.insertMany(target, ['k', 'entries'], pending);
    pending = [];
  };
  const slices = Math.max(1, Math.ceil(n / 20_000));
  for (let r = 0; r < slices; r++) {
    const lo = Math.floor((r * KEYS) / slices);
    const hi = Math.floor(((r + 1) * KEYS) / slices);
    const params: Buffer[] = [];
    if (r > 0) params.push(bound(lo));
    if (r < slices - 1) params.push(bound(hi));
    const rows = (await q.all<{ id: number; h: Buffer }>(s.select(r > 0, r < slices - 1), params))
      .map((x) => [keyAt(x.h, s.keyFrom), Number(x.id)] as [number, number])
      .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    for (const [key, id] of rows) {
      if (pos >= cut && key !== prev) {
        pending.push([k, Buffer.from(bytes)]);
        if (pending.length >= 5000) await flushRows();
        bytes = [];
        k = key;
        prev = key;
        lastStart = pos;
        j++;
        cut = cutAt();
      }
      pushVarint(bytes, key - prev);
      prev = key;
      pushVarint(bytes, id);
      pos++;
    }
  }
  pending.push([k, Buffer.from(bytes)]);
  await flushRows();
}

async function convert(q: Queryable): Promise<void> {
  const range = (expr: string, lower: boolean, upper: boolean): string =>
    [lower ? `${expr} >= ?` : '', upper ? `${expr} < ?` : ''].filter((x) => x !== '').join(' AND ') || '1 = 1';
  await build(q, 'chain_tx_keys', {
    count: 'SELECT count(*) AS n FROM chain_txs', keyFrom: 0,
    select: (lo, hi) => `SELECT id, txid AS h FROM chain_txs WHERE ${range('substr(txid, 1, 6)', lo, hi)}`,
  });
  await build(q, 'chain_address_keys', {
    count: 'SELECT count(*) AS n FROM chain_addresses', keyFrom: 3,
    select: (lo, hi) => `SELECT id, script AS h FROM chain_addresses WHERE ${range('substr(script, 4, 6)', lo, hi)}`,
  });
  await q.run('DROP INDEX chain_txs_key');
  await q.run('DROP INDEX chain_addresses_key');
}

export const m0073: Migration = {
  version: 73,
  name: 'chain key chunks',
  up: (d) => `
CREATE TABLE chain_tx_keys (
  k ${d.bigint} PRIMARY KEY,
  entries ${d.blob} NOT NULL
);
CREATE TABLE chain_address_keys (
  k ${d.bigint} PRIMARY KEY,
  entries ${d.blob} NOT NULL
);
`,
  data: convert,
};
