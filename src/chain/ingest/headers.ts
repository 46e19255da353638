import type { Queryable } from '../../store/index.js';
import { workFromBits } from '../codec/index.js';
import { BLOCK_STATUS } from '../store/keys.js';

/** A block header known to the import: from the store, or found in this import's files. */
export interface HeaderNode {
  key: string;
  hash: Buffer;
  prevKey: string;
  bits: number;
  time: number;
  size: number;
  txCount: number;
  height: number | null;
  /** Cumulative work up to and including this block, when its ancestry is known. */
  work: bigint | null;
  status: number;
  rowId: number | null;
  source: string | null;
  offset: number;
  xorKey: Buffer | null;
  /** Set for blocks that are indexed (main or loose): their id ranges. */
  range: { firstTx: number; endTx: number } | null;
  isNew: boolean;
  raw: boolean;
}

export const ZERO_KEY = '0'.repeat(64);

interface BlockRow {
  id: number; hash: Buffer; prev_hash: Buffer; height: number | null; chainwork: string; status: number; bits: number; time: number;
  tx_count: number; size: number; source: string | null; source_offset: number | null;
  first_tx: number | null; end_tx: number | null;
}

export class HeaderTree {
  readonly nodes = new Map<string, HeaderNode>();

  async load(q: Queryable, xorKeyOf: (source: string) => Buffer | null): Promise<void> {
    const rows = await q.all<BlockRow>(
      `SELECT id, hash, prev_hash, height, chainwork, status, bits, time, tx_count, size, source, source_offset,
              first_tx, end_tx FROM chain_blocks`,
    );
    for (const r of rows) {
      const key = r.hash.toString('hex');
      this.nodes.set(key, {
        key, hash: Buffer.from(r.hash), prevKey: r.prev_hash.toString('hex'), bits: Number(r.bits), time: Number(r.time),
        size: Number(r.size), txCount: Number(r.tx_count),
        height: r.height === null || r.status === BLOCK_STATUS.loose || r.status === BLOCK_STATUS.orphan ? null : Number(r.height),
        work: r.chainwork === '' || r.status === BLOCK_STATUS.loose || r.status === BLOCK_STATUS.orphan ? null : BigInt(`0x${r.chainwork}`),
        status: Number(r.status), rowId: Number(r.id), source: r.source, offset: Number(r.source_offset ?? 0),
        xorKey: r.source === null ? null : xorKeyOf(r.source),
        range: r.first_tx === null ? null : { firstTx: Number(r.first_tx), endTx: Number(r.end_tx) },
        isNew: false, raw: false,
      });
    }
  }

  /** Give every node whose ancestry reaches a genesis block its height and cumulative work. */
  resolve(): void {
    for (const start of this.nodes.values()) {
      if (start.height !== null || start.status === BLOCK_STATUS.invalid) continue;
      const path: HeaderNode[] = [];
      let n: HeaderNode | undefined = start;
      let base: { height: number; work: bigint } | null = null;
      while (n !== undefined && n.height === null) {
        if (n.status === BLOCK_STATUS.invalid) break;
        path.push(n);
        if (n.prevKey === ZERO_KEY) {
          base = { height: -1, work: 0n };
          n = undefined;
          break;
        }
        n = this.nodes.get(n.prevKey);
      }
      if (n !== undefined && n.height !== null && n.work !== null && n.status !== BLOCK_STATUS.invalid) base = { height: n.height, work: n.work };
      if (base === null) continue;
      let h = base.height;
      let w = base.work;
      for (let i = path.length - 1; i >= 0; i--) {
        const p = path[i] as HeaderNode;
        h += 1;
        w += workFromBits(p.bits);
        p.height = h;
        p.work = w;
      }
    }
  }

  mainTip(): HeaderNode | null {
    let best: HeaderNode | null = null;
    for (const n of this.nodes.values()) if (n.status === BLOCK_STATUS.main && (best === null || (n.height ?? -1) > (best.height ?? -1))) best = n;
    return best;
  }

  /** The connectable block with the most cumulative work; the current tip wins ties (first seen wins in Core). */
  bestTip(): HeaderNode | null {
    let best = this.mainTip();
    for (const n of this.nodes.values()) {
      if (n.work === null || n.height === null || n.status === BLOCK_STATUS.invalid) continue;
      if (best === null || best.work === null || n.work > best.work) best = n;
    }
    return best;
  }

  /** Blocks to disconnect (tip first) and to connect (lowest first) to make `tip` the main chain's tip. */
  plan(tip: HeaderNode): { disconnect: HeaderNode[]; connect: HeaderNode[] } {
    const connect: HeaderNode[] = [];
    let n: HeaderNode | undefined = tip;
    while (n !== undefined && n.status !== BLOCK_STATUS.main) {
      connect.push(n);
      n = n.prevKey === ZERO_KEY ? undefined : this.nodes.get(n.prevKey);
    }
    const forkHeight = n?.height ?? -1;
    const disconnect = [...this.nodes.values()]
      .filter((x) => x.status === BLOCK_STATUS.main && (x.height ?? -1) > forkHeight)
      .sort((a, b) => (b.height ?? 0) - (a.height ?? 0));
    return { disconnect, connect: connect.reverse() };
  }
}

export function workHex(w: bigint | null): string {
  return w === null ? '' : w.toString(16).padStart(64, '0');
}
