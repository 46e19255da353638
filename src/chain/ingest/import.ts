import fs from 'node:fs';
import path from 'node:path';
import { SpearwatchError } from '../../core/index.js';
import { SqliteDb, type Db, type SqlValue } from '../../store/index.js';
import { NETWORK_PARAMS, NETWORKS, TESTNET4_MAGIC, type Network } from '../address/networks.js';
import { toDisplayHex } from '../address/hash.js';
import { BufferReader, parseBlock, readHeader, type Block } from '../codec/index.js';
import { CHAIN_LIMITS } from '../limits.js';
import { disconnectBlock } from '../store/disconnect.js';
import { BLOCK_STATUS, chunks } from '../store/keys.js';
import { getMeta, setMeta } from '../store/meta.js';
import { ChainWriter, type ConnectItem } from '../store/writer.js';
import { magicBytes, scanBlkRecords } from './blkfile.js';
import { HeaderTree, workHex, ZERO_KEY, type HeaderNode } from './headers.js';
import { FileCache, readBlockFileFrom, resolveBlockFiles, type BlockFile } from './sources.js';

export interface ImportOptions {
  /** --network; defaults to the store's network, else mainnet. A mismatch with the store is a usage error. */
  network?: Network;
  changeHeuristic?: boolean;
  maxClusterSize?: number;
  /** Blocks per store transaction (kill -9 safety unit). */
  batchBlocks?: number;
  onProgress?: (done: number, total: number) => void;
  now?: () => Date;
  /**
   * Scan every blk file from its start. By default a file is scanned from where the last import stopped in it
   * (Core only appends), so an incremental import reads only the new blocks.
   */
  rescan?: boolean;
}

export interface ImportProblem {
  file: string;
  offset: number;
  reason: string;
}

export interface ImportReport {
  network: Network;
  files: number;
  blocksRead: number;
  duplicates: number;
  newBlocks: number;
  connected: number;
  disconnected: number;
  stale: number;
  orphans: number;
  loose: number;
  transactions: number;
  unresolvedInputs: number;
  coinjoins: number;
  oversizeClusters: number;
  problems: ImportProblem[];
  height: number;
  tipHash: string | null;
}

function networkOfMagic(magic: number): string {
  for (const n of NETWORKS) if (NETWORK_PARAMS[n].magic === magic) return n;
  return magic === TESTNET4_MAGIC ? 'testnet4' : 'unknown network';
}

/**
 * Settle the network: the store's, checked against --network. It is pinned in the store with the first
 * recorded block, so an import that recorded nothing (wrong magic, say) leaves the choice open.
 */
export async function settleNetwork(db: Db, requested: Network | undefined): Promise<Network> {
  const stored = (await getMeta(db, 'network')) as Network | undefined;
  if (stored !== undefined && requested !== undefined && stored !== requested) {
    throw new SpearwatchError('SW_USAGE', `the chain index holds ${stored}; cannot import --network ${requested} into it`);
  }
  return requested ?? stored ?? 'mainnet';
}

function newReport(network: Network, files: number): ImportReport {
  return {
    network, files, blocksRead: 0, duplicates: 0, newBlocks: 0, connected: 0, disconnected: 0, stale: 0, orphans: 0, loose: 0,
    transactions: 0, unresolvedInputs: 0, coinjoins: 0, oversizeClusters: 0, problems: [], height: -1, tipHash: null,
  };
}

function headerNode(buf: Buffer, at: number, length: number, file: BlockFile, base: number): HeaderNode {
  const r = new BufferReader(buf, at, at + length);
  const h = readHeader(r);
  let txCount = 0;
  try {
    txCount = r.varint();
  } catch {
    txCount = 0;
  }
  return {
    key: h.hash.toString('hex'), hash: h.hash, prevKey: h.prevHash.toString('hex'), bits: h.bits, time: h.time, size: length, txCount,
    height: null, work: null, status: BLOCK_STATUS.stale, rowId: null, source: file.path, offset: base + at, xorKey: file.xorKey, range: null,
    isNew: true, raw: file.kind === 'raw',
  };
}

/**
 * Import block files into the index: read every header, pick the best chain by cumulative work over what the
 * store and the files hold together, disconnect blocks that left it (a reorg), connect the new ones in height
 * order in batches (one store transaction each: a killed import resumes where it stopped), and keep the rest
 * as stale or orphan headers for later imports. Raw blocks whose parents are unknown become loose segments.
 */
export async function importBlocks(db: Db, inputs: readonly string[], kind: 'blk' | 'raw', opts: ImportOptions = {}): Promise<ImportReport> {
  if (!(db instanceof SqliteDb)) return importInto(db, inputs, kind, opts);
  // Index inserts land at random places in the txid/address indexes: a page cache that holds them avoids
  // re-reading and re-writing the same pages every batch. Bounded (128 MiB) and only for this connection.
  db.raw.pragma(`cache_size = -${CHAIN_LIMITS.sqliteCacheKiB}`);
  // Checkpoint the WAL every few batches rather than after each one: a page that several batches change (spent
  // outputs of old transactions, index pages) is copied into the database once. Commits stay in the WAL, so a
  // kill -9 loses nothing committed; the WAL is bounded by the setting (pages of 4 KiB).
  const before = db.raw.pragma('wal_autocheckpoint', { simple: true }) as number;
  db.raw.pragma(`wal_autocheckpoint = ${CHAIN_LIMITS.sqliteImportCheckpointPages}`);
  try {
    return await importInto(db, inputs, kind, opts);
  } finally {
    db.raw.pragma(`wal_autocheckpoint = ${before}`);
    // The import checkpoints what it left in the WAL itself: otherwise the next commit, whoever makes it (the
    // watch check after the import, an analyst's scan), would copy up to the whole bound back into the database.
    db.raw.pragma('wal_checkpoint(PASSIVE)');
  }
}

async function importInto(db: Db, inputs: readonly string[], kind: 'blk' | 'raw', opts: ImportOptions): Promise<ImportReport> {
  const files = resolveBlockFiles(inputs, kind);
  const network = await settleNetwork(db, opts.network);
  const report = newReport(network, files.length);
  const magics = new Set([NETWORK_PARAMS[network].magic, ...(network === 'testnet' ? [TESTNET4_MAGIC] : [])]);
  const xorByDir = new Map(files.map((f) => [path.dirname(f.path), f.xorKey]));
  const tree = new HeaderTree();
  await tree.load(db, (src) => xorByDir.get(path.dirname(src)) ?? null);

  // Pass 1: headers and locations (blk files from where the previous import stopped scanning them).
  const fresh: HeaderNode[] = [];
  const scannedTo = new Map<string, number>();
  for (const f of files) {
    let base = 0;
    if (f.kind === 'blk' && opts.rescan !== true) {
      const prev = Number((await getMeta(db, `scan:${f.path}`)) ?? '0');
      base = Number.isInteger(prev) && prev > 0 && prev <= fs.statSync(f.path).size ? prev : 0;
    }
    const buf = readBlockFileFrom(f, base);
    const records: { at: number; length: number }[] = [];
    if (f.kind === 'blk') {
      const scan = scanBlkRecords(buf, new Set([...magics, ...NETWORKS.map((n) => NETWORK_PARAMS[n].magic), TESTNET4_MAGIC]));
      let end = 0;
      for (const rec of scan.records) {
        if (!magics.has(rec.magic)) {
          report.problems.push({ file: f.path, offset: base + rec.offset, reason: `magic ${magicBytes(rec.magic)} is ${networkOfMagic(rec.magic)}, not --network ${network}` });
          break;
        }
        records.push({ at: rec.blockOffset, length: rec.length });
        end = rec.blockOffset + rec.length;
      }
      if (scan.problem !== null && (report.problems.at(-1)?.file !== f.path)) report.problems.push({ file: f.path, offset: base + scan.problem.offset, reason: scan.problem.reason });
      scannedTo.set(f.path, base + end);
    } else {
      records.push({ at: 0, length: buf.length });
    }
    for (const rec of records) {
      report.blocksRead++;
      let node: HeaderNode;
      try {
        node = headerNode(buf, rec.at, rec.length, f, base);
      } catch (e) {
        report.problems.push({ file: f.path, offset: base + rec.at, reason: (e as Error).message });
        scannedTo.set(f.path, base + rec.at - 8);
        break;
      }
      if (tree.nodes.has(node.key)) {
        report.duplicates++;
        continue;
      }
      tree.nodes.set(node.key, node);
      fresh.push(node);
    }
  }
  tree.resolve();
  report.newBlocks = fresh.length;

  // Record every new header (stale until connected; orphan while its ancestry is unknown).
  const maxRow = await db.get<{ m: number | null }>('SELECT max(id) AS m FROM chain_blocks');
  let nextRow = (maxRow?.m ?? 0) + 1;
  const rows: SqlValue[][] = [];
  for (const n of fresh) {
    n.rowId = nextRow++;
    if (n.height === null) n.status = n.raw ? BLOCK_STATUS.loose : BLOCK_STATUS.orphan;
    rows.push([n.rowId, n.hash, Buffer.from(n.prevKey, 'hex'), n.height, workHex(n.work), n.time, n.bits, n.txCount, n.size, n.status, n.source, n.offset]);
  }
  await db.transaction(async (tx) => {
    if (rows.length > 0 && (await getMeta(tx, 'network')) === undefined) await setMeta(tx, 'network', network);
    for (const [file, offset] of scannedTo) await setMeta(tx, `scan:${file}`, String(offset));
    for (const part of chunks(rows, 200)) {
      await tx.insertMany('chain_blocks', ['id', 'hash', 'prev_hash', 'height', 'chainwork', 'time', 'bits', 'tx_count', 'size', 'status', 'source', 'source_offset'], part);
    }
  });

  const writer = new ChainWriter({
    ...(opts.changeHeuristic !== undefined ? { changeHeuristic: opts.changeHeuristic } : {}),
    ...(opts.maxClusterSize !== undefined ? { maxClusterSize: opts.maxClusterSize } : {}),
  });
  const cache = new FileCache();
  const best = tree.bestTip();
  const plan = best === null ? { disconnect: [], connect: [] } : tree.plan(best);
  const loose = fresh.filter((n) => n.status === BLOCK_STATUS.loose);
  const total = plan.connect.length + loose.length;
  let done = 0;

  const readBlock = (n: HeaderNode): Block | null => {
    if (n.source === null) {
      report.problems.push({ file: '(store)', offset: 0, reason: `block ${toDisplayHex(n.hash)} has no stored source to re-read` });
      return null;
    }
    try {
      const buf = cache.get({ path: n.source, xorKey: n.xorKey });
      const block = parseBlock(buf.subarray(n.offset, n.offset + n.size));
      if (block.header.prevHash.toString('hex') !== n.prevKey) throw new Error('header changed since it was scanned');
      return block;
    } catch (e) {
      const reason = e instanceof SpearwatchError ? e.message : (e as Error).message;
      report.problems.push({ file: n.source, offset: n.offset, reason });
      return null;
    }
  };

  // Pass 2: reorg, then connect the best chain in batches.
  const batchBlocks = opts.batchBlocks ?? CHAIN_LIMITS.blocksPerBatch;
  let i = 0;
  let first = true;
  while (i < plan.connect.length || first) {
    const items: ConnectItem[] = [];
    const nodes: HeaderNode[] = [];
    let txs = 0;
    let failed = false;
    while (i < plan.connect.length && items.length < batchBlocks && txs < CHAIN_LIMITS.txsPerBatch) {
      const n = plan.connect[i] as HeaderNode;
      const block = readBlock(n);
      if (block === null) {
        failed = true;
        await db.run('UPDATE chain_blocks SET status = ? WHERE id = ?', [BLOCK_STATUS.invalid, n.rowId]);
        break;
      }
      items.push({ block, blockRowId: n.rowId as number, height: n.height });
      nodes.push(n);
      txs += block.txs.length;
      i++;
    }
    const isFirst = first;
    first = false;
    if (items.length === 0) break;
    const stats = await db.transaction(async (tx) => {
      if (isFirst && plan.disconnect.length > 0) {
        for (const d of plan.disconnect) {
          if (d.range !== null) await disconnectBlock(tx, { rowId: d.rowId as number, ...d.range });
          d.status = BLOCK_STATUS.stale;
          report.disconnected++;
        }
        writer.clearCaches();
      }
      for (const n of nodes) {
        if (n.status === BLOCK_STATUS.loose && n.range !== null) {
          await disconnectBlock(tx, { rowId: n.rowId as number, ...n.range }, BLOCK_STATUS.loose);
          // Its ids are free again and may be reused: cached transactions must not point at them.
          writer.clearCaches();
        }
      }
      await writer.load(tx);
      const s = await writer.connect(tx, items);
      const last = nodes.at(-1);
      if (last !== undefined) {
        await setMeta(tx, 'tip', last.key);
        for (const n of nodes) if (!n.isNew) await tx.run('UPDATE chain_blocks SET chainwork = ? WHERE id = ?', [workHex(n.work), n.rowId]);
      }
      return s;
    });
    for (const n of nodes) n.status = BLOCK_STATUS.main;
    report.connected += items.length;
    report.transactions += stats.txs;
    report.unresolvedInputs += stats.unresolved;
    report.coinjoins += stats.coinjoins;
    report.oversizeClusters += stats.guarded;
    done += items.length;
    opts.onProgress?.(done, total);
    if (failed) break;
  }
  // Orphan headers whose height became known now carry it, with their work (for later imports).
  for (const n of fresh) {
    if (n.status === BLOCK_STATUS.orphan && n.height !== null) {
      n.status = BLOCK_STATUS.stale;
      await db.run('UPDATE chain_blocks SET status = ?, height = ?, chainwork = ? WHERE id = ?', [n.status, n.height, workHex(n.work), n.rowId]);
    }
  }

  // Loose raw blocks: parents first, then indexed with unresolved inputs kept as such.
  const looseOrder = orderLoose(loose);
  for (const n of looseOrder) {
    const block = readBlock(n);
    if (block === null) {
      await db.run('UPDATE chain_blocks SET status = ? WHERE id = ?', [BLOCK_STATUS.invalid, n.rowId]);
      continue;
    }
    const s = await db.transaction(async (tx) => {
      await writer.load(tx);
      return writer.connect(tx, [{ block, blockRowId: n.rowId as number, height: null }]);
    });
    report.loose++;
    report.transactions += s.txs;
    report.unresolvedInputs += s.unresolved;
    done++;
    opts.onProgress?.(done, total);
  }

  // Heights of stored (connected) blocks are those of the header tree; stale work/heights are refreshed above.
  const tip = tree.mainTip();
  report.height = tip?.height ?? -1;
  report.tipHash = tip === null ? null : toDisplayHex(tip.hash);
  for (const n of tree.nodes.values()) {
    if (n.status === BLOCK_STATUS.stale) report.stale++;
    if (n.status === BLOCK_STATUS.orphan) report.orphans++;
  }
  if (report.problems.length > 0) {
    const at = (opts.now ?? (() => new Date()))().toISOString();
    await db.insertMany('chain_problems', ['file', 'file_offset', 'reason', 'at'], report.problems.map((p) => [p.file, p.offset, p.reason, at]));
  }
  return report;
}

function orderLoose(nodes: HeaderNode[]): HeaderNode[] {
  const byKey = new Map(nodes.map((n) => [n.key, n]));
  const out: HeaderNode[] = [];
  const seen = new Set<string>();
  const visit = (n: HeaderNode): void => {
    if (seen.has(n.key)) return;
    seen.add(n.key);
    const p = byKey.get(n.prevKey);
    if (p !== undefined) visit(p);
    out.push(n);
  };
  for (const n of nodes) visit(n);
  return out;
}

export { ZERO_KEY };
