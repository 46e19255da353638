import { SpearwatchError } from '../../core/index.js';
import type { Db, Queryable } from '../../store/index.js';
import { parseBitcoinAddress, scriptToAddress } from '../address/address.js';
import { fromDisplayHex, toDisplayHex } from '../address/hash.js';
import type { Network } from '../address/networks.js';
import { addressRowsByScripts, decodeTxOutputs, outputsById, outputsOfAddress } from './graph.js';
import { decodeIns } from './ins.js';
import { candidateIds, txKeyValue } from './keyed.js';
import { BLOCK_STATUS, chunks, latin1, placeholders, TX_FLAGS } from './keys.js';
import { getMeta } from './meta.js';
import { paidToAddresses, paidToCluster } from './paid.js';

export interface ChainStatus {
  network: Network | null;
  height: number;
  tipHash: string | null;
  blocks: number;
  transactions: number;
  outputs: number;
  addresses: number;
  clusters: number;
  bytesOnDisk: number;
}

const iso = (unix: number | null): string | null => (unix === null ? null : new Date(unix * 1000).toISOString());

async function count(q: Queryable, table: string): Promise<number> {
  const r = await q.get<{ n: number }>(`SELECT count(*) AS n FROM ${table}`);
  return Number(r?.n ?? 0);
}

export const CHAIN_TABLES = [
  'chain_meta', 'chain_blocks', 'chain_txs', 'chain_address_chunks', 'chain_unresolved', 'chain_addresses',
  'chain_clusters', 'chain_cluster_guard', 'chain_tx_keys', 'chain_address_keys', 'chain_problems',
];

/** Bytes the chain tables and their indexes take: SQLite's dbstat, PostgreSQL's pg_total_relation_size. */
export async function chainBytesOnDisk(q: Queryable): Promise<number> {
  if (q.engine === 'postgres') {
    const r = await q.get<{ n: number | null }>(
      `SELECT sum(pg_total_relation_size(c.oid)) AS n FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace
       WHERE c.relkind = 'r' AND c.relname LIKE 'chain\\_%' AND s.nspname = current_schema()`,
    );
    return Number(r?.n ?? 0);
  }
  try {
    const r = await q.get<{ n: number | null }>(
      `SELECT sum(pgsize) AS n FROM dbstat WHERE name LIKE 'chain\\_%' ESCAPE '\\' OR name IN (SELECT name FROM sqlite_master WHERE tbl_name LIKE 'chain\\_%' ESCAPE '\\')`,
    );
    return Number(r?.n ?? 0);
  } catch {
    const p = await q.get<{ page_count: number }>('PRAGMA page_count');
    const s = await q.get<{ page_size: number }>('PRAGMA page_size');
    return Number(p?.page_count ?? 0) * Number(s?.page_size ?? 0);
  }
}

export async function chainStatus(q: Queryable): Promise<ChainStatus> {
  const network = ((await getMeta(q, 'network')) ?? null) as Network | null;
  const tip = await q.get<{ hash: Buffer; height: number }>(
    'SELECT hash, height FROM chain_blocks WHERE status = ? ORDER BY height DESC LIMIT 1', [BLOCK_STATUS.main],
  );
  const blocks = await q.get<{ n: number }>('SELECT count(*) AS n FROM chain_blocks WHERE status IN (?, ?)', [BLOCK_STATUS.main, BLOCK_STATUS.loose]);
  const addresses = await count(q, 'chain_addresses');
  const cl = await q.get<{ n: number; members: number | null }>('SELECT count(*) AS n, sum(size) AS members FROM chain_clusters');
  return {
    network,
    height: tip === undefined ? -1 : Number(tip.height),
    tipHash: tip === undefined ? null : toDisplayHex(tip.hash),
    blocks: Number(blocks?.n ?? 0),
    transactions: await count(q, 'chain_txs'),
    outputs: Number((await q.get<{ n: number | null }>('SELECT sum(n_out) AS n FROM chain_txs'))?.n ?? 0),
    addresses,
    clusters: addresses - Number(cl?.members ?? 0) + Number(cl?.n ?? 0),
    bytesOnDisk: await chainBytesOnDisk(q),
  };
}

export interface TxRow { id: number; txid: Buffer; block_id: number; n_out: number; n_in: number; fee: number | null; flags: number; ins: Buffer }

const TX_COLUMNS = 'id, txid, block_id, n_out, n_in, fee, flags, ins';

/** A transaction by txid (internal byte order); the latest of the BIP-30 duplicates. */
export async function findTx(q: Queryable, txid: Buffer): Promise<TxRow | undefined> {
  const ids = await candidateIds(q, 'chain_tx_keys', [txKeyValue(txid)]);
  const rows: TxRow[] = [];
  for (const part of chunks(ids)) rows.push(...await q.all<TxRow>(`SELECT ${TX_COLUMNS} FROM chain_txs WHERE id IN (${placeholders(part.length)})`, part));
  rows.sort((a, b) => Number(b.id) - Number(a.id));
  return rows.find((r) => Buffer.from(r.txid).equals(txid));
}

export async function txById(q: Queryable, id: number): Promise<TxRow | undefined> {
  return q.get<TxRow>(`SELECT ${TX_COLUMNS} FROM chain_txs WHERE id = ?`, [id]);
}

/** Output ids a transaction spends, by input index (null: coinbase or unresolved). */
export function spentOutputs(t: Pick<TxRow, 'id' | 'ins'>): (number | null)[] {
  return decodeIns(Number(t.id), t.ins);
}

/** The transaction holding output `outId` (a transaction's id is its first output's id). */
export async function txOfOutput(q: Queryable, outId: number): Promise<{ id: number; txid: Buffer } | undefined> {
  return q.get<{ id: number; txid: Buffer }>('SELECT id, txid FROM chain_txs WHERE id <= ? ORDER BY id DESC LIMIT 1', [outId]);
}

async function addressText(q: Queryable, ids: number[], network: Network): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  for (const part of chunks([...new Set(ids)])) {
    const rows = await q.all<{ id: number; script: Buffer }>(`SELECT id, script FROM chain_addresses WHERE id IN (${placeholders(part.length)})`, part);
    for (const r of rows) out.set(Number(r.id), scriptToAddress(r.script, network) ?? '');
  }
  return out;
}

export interface TxInputView {
  prevTxid: string | null;
  vout: number | null;
  address: string | null;
  value: number | null;
  coinbase?: true;
  unresolved?: true;
}

export interface TxView {
  txid: string;
  blockHash: string;
  height: number | null;
  time: string | null;
  fee: number | null;
  inputs: TxInputView[];
  outputs: { n: number; address: string | null; type: string; value: number; spentBy: { txid: string; vin: number } | null }[];
}

export async function txView(q: Queryable, txidHex: string): Promise<TxView> {
  const txid = fromDisplayHex(txidHex);
  if (txid === null) throw new SpearwatchError('SW_USAGE', `not a transaction id: ${txidHex}`);
  const t = await findTx(q, txid);
  if (t === undefined) throw new SpearwatchError('SW_NOT_FOUND', `transaction ${txidHex} is not in the index`);
  const network = ((await getMeta(q, 'network')) ?? 'mainnet') as Network;
  const block = await q.get<{ hash: Buffer; height: number | null; time: number }>('SELECT hash, height, time FROM chain_blocks WHERE id = ?', [t.block_id]);
  const outIdsIn = spentOutputs(t);
  const unresolved = await q.all<{ vin: number; prev_txid: Buffer; vout: number }>(
    'SELECT vin, prev_txid, vout FROM chain_unresolved WHERE tx_id = ?', [Number(t.id)],
  );
  const unres = new Map(unresolved.map((u) => [Number(u.vin), u]));
  const spentIds = outIdsIn.filter((x): x is number => x !== null);
  const spentOuts = await outputsById(q, spentIds);
  const outs = decodeTxOutputs(Number(t.id), (await q.get<{ outs: Buffer | null }>('SELECT outs FROM chain_txs WHERE id = ?', [Number(t.id)]))?.outs ?? null);
  const addrIds = [...[...spentOuts.values()].map((o) => o.addressId), ...outs.map((o) => o.addressId)].filter((x): x is number => x !== null);
  const names = await addressText(q, addrIds, network);
  const coinbase = (Number(t.flags) & TX_FLAGS.coinbase) !== 0;
  const inputViews: TxInputView[] = [];
  for (let vin = 0; vin < outIdsIn.length; vin++) {
    if (coinbase) {
      inputViews.push({ prevTxid: null, vout: null, address: null, value: null, coinbase: true });
      continue;
    }
    const outId = outIdsIn[vin] ?? null;
    const u = unres.get(vin);
    if (outId === null) {
      inputViews.push({ prevTxid: u === undefined ? null : toDisplayHex(u.prev_txid), vout: u === undefined ? null : Number(u.vout), address: null, value: null, unresolved: true });
      continue;
    }
    const prev = await txOfOutput(q, outId);
    const o = spentOuts.get(outId);
    inputViews.push({
      prevTxid: prev === undefined ? null : toDisplayHex(prev.txid),
      vout: prev === undefined ? null : outId - Number(prev.id),
      address: o?.addressId === null || o === undefined ? null : (names.get(o.addressId) ?? null),
      value: o === undefined ? null : o.value,
    });
  }
  const outputViews: TxView['outputs'] = [];
  for (const o of outs) {
    let spentBy: { txid: string; vin: number } | null = null;
    if (o.spentTx !== null) {
      const s = await txById(q, o.spentTx);
      if (s !== undefined) spentBy = { txid: toDisplayHex(s.txid), vin: spentOutputs(s).indexOf(o.id) };
    }
    outputViews.push({
      n: o.n,
      address: o.addressId === null ? null : (names.get(o.addressId) ?? null),
      type: o.type,
      value: o.value,
      spentBy,
    });
  }
  return {
    txid: toDisplayHex(t.txid),
    blockHash: block === undefined ? '' : toDisplayHex(block.hash),
    height: block?.height === null || block === undefined ? null : Number(block.height),
    time: iso(block === undefined ? null : Number(block.time)),
    fee: t.fee === null ? null : Number(t.fee),
    inputs: inputViews,
    outputs: outputViews,
  };
}

/** The address id of a parsed address, or null when the index has never seen it. */
export async function addressId(q: Queryable, script: Uint8Array): Promise<{ id: number; cluster: number } | null> {
  return (await addressIds(q, [script]))[0] ?? null;
}

/**
 * Address ids of many scripts at once (null: never seen), one indexed query per 500 scripts instead of one per
 * script: what resolving thousands of watched or tagged addresses after an import needs.
 */
export async function addressIds(q: Queryable, scripts: readonly Uint8Array[]): Promise<({ id: number; cluster: number } | null)[]> {
  const found = new Map<string, { id: number; cluster: number }>();
  for (const r of await addressRowsByScripts(q, scripts)) {
    found.set(latin1(r.script), { id: Number(r.id), cluster: r.cluster_id === null ? Number(r.id) : Number(r.cluster_id) });
  }
  return scripts.map((s) => found.get(latin1(s)) ?? null);
}

export interface AddressView {
  address: string;
  type: string;
  received: number;
  sent: number;
  balance: number;
  txCount: number;
  firstSeen: string | null;
  lastSeen: string | null;
  cluster: number | null;
}

async function parseForStore(q: Queryable, text: string): Promise<{ address: string; type: string; script: Uint8Array; network: Network }> {
  const network = ((await getMeta(q, 'network')) ?? 'mainnet') as Network;
  const p = parseBitcoinAddress(text, network);
  if (p === null) throw new SpearwatchError('SW_USAGE', `not a ${network} Bitcoin address: ${text}`);
  return { ...p, network };
}

export async function addressView(q: Queryable, text: string): Promise<AddressView> {
  const p = await parseForStore(q, text);
  const a = await addressId(q, p.script);
  const view: AddressView = { address: p.address, type: p.type, received: 0, sent: 0, balance: 0, txCount: 0, firstSeen: null, lastSeen: null, cluster: null };
  if (a === null) return view;
  view.cluster = a.cluster;
  const outs = await outputsOfAddress(q, a.id);
  const txIds = new Set<number>();
  for (const o of outs) {
    view.received += o.value;
    if (o.spentTx !== null) view.sent += o.value;
    txIds.add(o.txId);
    if (o.spentTx !== null) txIds.add(o.spentTx);
  }
  view.balance = view.received - view.sent;
  view.txCount = txIds.size;
  for (const part of chunks([...txIds])) {
    const r = await q.get<{ lo: number | null; hi: number | null }>(
      `SELECT min(b.time) AS lo, max(b.time) AS hi FROM chain_txs t JOIN chain_blocks b ON b.id = t.block_id WHERE t.id IN (${placeholders(part.length)})`, part,
    );
    const lo = r?.lo === null || r === undefined ? null : Number(r.lo);
    const hi = r?.hi === null || r === undefined ? null : Number(r.hi);
    if (lo !== null && (view.firstSeen === null || iso(lo)! < view.firstSeen)) view.firstSeen = iso(lo);
    if (hi !== null && (view.lastSeen === null || iso(hi)! > view.lastSeen)) view.lastSeen = iso(hi);
  }
  return view;
}

export interface ClusterView {
  id: number;
  size: number;
  addresses: string[];
  received: number;
  balance: number;
  tags: { label: string; category: string; source: string }[];
}

/**
 * The cluster an id now belongs to: a cluster id is its founding address's id, and a merge gives every member of
 * the absorbed cluster (that address included) the survivor's id, so the founding address's row says where an
 * absorbed id went, however many merges ago (cluster.ts). An id that is no address comes back unchanged.
 */
export async function resolveClusterId(q: Queryable, id: number): Promise<number> {
  const a = await q.get<{ cluster_id: number | null }>('SELECT cluster_id FROM chain_addresses WHERE id = ?', [id]);
  return a?.cluster_id == null ? id : Number(a.cluster_id);
}

/** Member address ids of a cluster, up to `limit` (and the total). */
export async function clusterMembers(q: Queryable, id: number, limit: number): Promise<{ ids: number[]; size: number } | null> {
  const c = await q.get<{ size: number }>('SELECT size FROM chain_clusters WHERE id = ?', [id]);
  if (c !== undefined) {
    const rows = await q.all<{ id: number }>('SELECT id FROM chain_addresses WHERE cluster_id = ? ORDER BY id LIMIT ?', [id, limit]);
    return { ids: rows.map((r) => Number(r.id)), size: Number(c.size) };
  }
  const a = await q.get<{ id: number }>('SELECT id FROM chain_addresses WHERE id = ? AND cluster_id IS NULL', [id]);
  return a === undefined ? null : { ids: [id], size: 1 };
}

export async function clusterView(q: Queryable, ref: string, limit: number): Promise<ClusterView> {
  let id: number;
  if (/^\d+$/.test(ref)) id = await resolveClusterId(q, Number(ref));
  else {
    const p = await parseForStore(q, ref);
    const a = await addressId(q, p.script);
    if (a === null) throw new SpearwatchError('SW_NOT_FOUND', `address ${ref} is not in the index`);
    id = a.cluster;
  }
  const m = await clusterMembers(q, id, limit);
  if (m === null) throw new SpearwatchError('SW_NOT_FOUND', `cluster ${ref} is not in the index`);
  const network = ((await getMeta(q, 'network')) ?? 'mainnet') as Network;
  const names = await addressText(q, m.ids, network);
  const paid = m.size === 1 ? ((await paidToAddresses(q, [id])).get(id) ?? []) : await paidToCluster(q, id);
  let received = 0;
  let balance = 0;
  // In slices: a large cluster's outputs are summed without holding them all decoded at once.
  for (const part of chunks(paid, 5000)) {
    for (const o of (await outputsById(q, part)).values()) {
      received += o.value;
      if (o.spentTx === null) balance += o.value;
    }
  }
  return {
    id,
    size: m.size,
    addresses: m.ids.map((x) => names.get(x) ?? ''),
    received,
    balance,
    tags: [],
  };
}

export type { Db };
