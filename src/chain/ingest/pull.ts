import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../../store/index.js';
import { toDisplayHex } from '../address/hash.js';
import { NETWORK_PARAMS } from '../address/networks.js';
import { BLOCK_STATUS } from '../store/keys.js';
import { frameBlock } from './blkfile.js';
import { importBlocks, settleNetwork, type ImportOptions, type ImportReport } from './import.js';
import { EsploraClient, RpcClient, type NodeClient } from './node.js';
import type { HttpOptions } from './http.js';

export interface NodeSource {
  kind: 'rpc' | 'esplora';
  url: string;
  http?: HttpOptions;
}

export interface PullOptions extends ImportOptions {
  /** Where fetched blocks are kept as blk files (so that a later reorg can re-read them): SPEARWATCH_HOME/chain. */
  cacheDir?: string;
  /** Blocks fetched per blk file / import round. */
  roundBlocks?: number;
  /** Stop after this height (tests, partial syncs). */
  untilHeight?: number;
  client?: NodeClient;
}

/** How far back to look for the fork point when the node's chain no longer contains our tip. */
const MAX_REORG_SEARCH = 1000;

/**
 * Pull blocks from a node, from the indexed tip onward: find where the node's chain and the index agree
 * (walking back over a reorg), fetch the blocks after it into a blk file under the cache directory, and import
 * that file (so the same verification, best-chain and reorg logic applies as for Core's own files).
 */
export async function importFromNode(db: Db, source: NodeSource, opts: PullOptions = {}): Promise<ImportReport> {
  const client = opts.client ?? (source.kind === 'rpc' ? new RpcClient(source.url, source.http) : new EsploraClient(source.url, source.http));
  const network = await settleNetwork(db, opts.network);
  const dir = opts.cacheDir ?? path.join(process.cwd(), '.spearwatch-chain-cache');
  fs.mkdirSync(dir, { recursive: true });
  const tipRow = await db.get<{ height: number; hash: Buffer }>('SELECT height, hash FROM chain_blocks WHERE status = ? ORDER BY height DESC LIMIT 1', [BLOCK_STATUS.main]);
  let from = 0;
  if (tipRow !== undefined) {
    let h = Number(tipRow.height);
    for (let back = 0; back < MAX_REORG_SEARCH && h >= 0; back++, h--) {
      const ours = await db.get<{ hash: Buffer }>('SELECT hash FROM chain_blocks WHERE status = ? AND height = ?', [BLOCK_STATUS.main, h]);
      const theirs = await client.blockHash(h);
      if (ours !== undefined && theirs === toDisplayHex(ours.hash)) break;
    }
    from = h + 1;
  }
  const nodeTip = Math.min(await client.tipHeight(), opts.untilHeight ?? Number.MAX_SAFE_INTEGER);
  const round = opts.roundBlocks ?? 500;
  let total: ImportReport | null = null;
  for (let start = from; start <= nodeTip; start += round) {
    const end = Math.min(nodeTip, start + round - 1);
    const parts: Buffer[] = [];
    for (let h = start; h <= end; h++) {
      const hash = await client.blockHash(h);
      if (hash === null) break;
      parts.push(frameBlock(NETWORK_PARAMS[network].magic, await client.rawBlock(hash)));
    }
    if (parts.length === 0) break;
    const file = path.join(dir, `${source.kind}-${start}-${start + parts.length - 1}-${Date.now()}.blk`);
    fs.writeFileSync(file, Buffer.concat(parts));
    const r = await importBlocks(db, [file], 'blk', { ...opts, network });
    total = total === null ? r : { ...r, connected: total.connected + r.connected, transactions: total.transactions + r.transactions, files: total.files + 1, blocksRead: total.blocksRead + r.blocksRead, duplicates: total.duplicates + r.duplicates, newBlocks: total.newBlocks + r.newBlocks, disconnected: total.disconnected + r.disconnected, problems: [...total.problems, ...r.problems] };
    if (r.problems.length > 0) break;
  }
  if (total !== null) return total;
  const tip = tipRow === undefined ? null : toDisplayHex(tipRow.hash);
  return {
    network, files: 0, blocksRead: 0, duplicates: 0, newBlocks: 0, connected: 0, disconnected: 0, stale: 0, orphans: 0, loose: 0,
    transactions: 0, unresolvedInputs: 0, coinjoins: 0, oversizeClusters: 0, problems: [], height: tipRow === undefined ? -1 : Number(tipRow.height), tipHash: tip,
  };
}
