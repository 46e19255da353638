import type { Network } from '../address/networks.js';
import { BlkWriter } from './blkwriter.js';
import { ChainBuilder, type Outpoint, type SynthAddress, type SynthAddressType, type SynthBlock } from './builder.js';

/**
 * Background traffic for synthetic chains: each transaction spends 1–3 random unspent outputs and pays one to
 * five outputs (payment + change, sweeps, batch payouts). Addresses are reused the way real ones are: half of
 * the payments go to an address seen before (exchanges, merchants), a third of the change returns to an input's
 * address (wallets without HD change), and coinbases pay one of a few pool addresses. The resulting
 * addresses-per-output ratio is reported by the benchmark next to its figures.
 */

export interface RandomTrafficOptions {
  /** Unspent outputs kept to choose from; older ones are dropped (they stay unspent). */
  poolSize?: number;
}

const TYPES: SynthAddressType[] = ['p2wpkh', 'p2wpkh', 'p2pkh', 'p2pkh', 'p2wpkh', 'p2sh', 'p2tr', 'p2wpkh', 'p2pkh', 'p2wsh'];

export class RandomTraffic {
  private pool: Outpoint[] = [];
  private recent: SynthAddress[] = [];
  private readonly poolSize: number;

  constructor(readonly b: ChainBuilder, opts: RandomTrafficOptions = {}) {
    this.poolSize = opts.poolSize ?? 200_000;
  }

  /** Make an output spendable by random traffic (coinbases are added by mineBlock here). */
  add(o: Outpoint): void {
    if (this.pool.length >= this.poolSize) {
      const i = this.b.prng.int(this.pool.length);
      this.pool[i] = o;
    } else this.pool.push(o);
  }

  private take(): Outpoint | undefined {
    if (this.pool.length === 0) return undefined;
    const i = this.b.prng.int(this.pool.length);
    const o = this.pool[i];
    const last = this.pool.pop();
    if (i < this.pool.length && last !== undefined) this.pool[i] = last;
    return o;
  }

  private readonly pools: SynthAddress[] = [];

  private poolAddress(): SynthAddress {
    if (this.pools.length < 20) this.pools.push(this.b.newAddress('p2wpkh'));
    return this.pools[this.b.prng.int(this.pools.length)] as SynthAddress;
  }

  private address(): SynthAddress {
    const p = this.b.prng;
    if (this.recent.length > 0 && p.chance(0.5)) return this.recent[p.int(this.recent.length)] as SynthAddress;
    const a = this.b.newAddress(TYPES[p.int(TYPES.length)]);
    if (this.recent.length < 5000) this.recent.push(a);
    else this.recent[p.int(this.recent.length)] = a;
    return a;
  }

  /** Queue one random transaction; false when nothing is left to spend. */
  tx(): boolean {
    const p = this.b.prng;
    const r = p.next();
    const nIn = Math.min(r < 0.7 ? 1 : r < 0.9 ? 2 : 3, this.pool.length);
    if (nIn === 0) return false;
    const inputs: Outpoint[] = [];
    for (let i = 0; i < nIn; i++) inputs.push(this.take() as Outpoint);
    const total = inputs.reduce((s, o) => s + o.value, 0);
    const fee = 500 + p.int(2500);
    let budget = total - fee;
    if (budget < 2000) return this.tx();
    const r2 = p.next();
    const nOut = r2 < 0.1 ? 1 : r2 < 0.85 ? 2 : 3 + p.int(3);
    const outputs: { script: Buffer; value: number }[] = [];
    for (let i = 0; i < nOut - 1; i++) {
      const v = Math.max(1000, Math.floor(budget * (0.1 + 0.6 * p.next())));
      if (budget - v < 1000) break;
      outputs.push({ script: this.address().script, value: v });
      budget -= v;
    }
    const change = p.chance(1 / 3) ? (inputs[0] as Outpoint).script : this.b.newAddress(TYPES[p.int(TYPES.length)]).script;
    outputs.push({ script: change, value: budget });
    const tx = this.b.spend(inputs, outputs);
    for (const o of tx.outputs) this.add(o);
    return true;
  }

  /** Queue `n` random transactions and mine them into a block. */
  block(n: number): SynthBlock {
    for (let i = 0; i < n; i++) if (!this.tx()) break;
    const blk = this.b.mineBlock({ coinbaseTo: this.poolAddress().script });
    const cb = blk.txs[0];
    if (cb !== undefined) for (const o of cb.outputs) if (o.value > 0) this.add(o);
    return blk;
  }
}

export interface SynthChainOptions {
  blocks: number;
  txsPerBlock: number;
  out: string;
  seed?: number;
  network?: Network;
  xorKey?: Buffer;
  maxFileBytes?: number;
  onBlock?: (height: number) => void;
}

export interface SynthChainResult {
  files: string[];
  blocks: number;
  transactions: number;
  bytes: number;
  tipHash: string;
  height: number;
}

/**
 * Write a random synthetic chain (genesis plus `blocks` blocks) in blk format. The first 100 blocks hold only
 * coinbases' worth of spending (there is nothing else to spend), so early blocks are smaller.
 */
export function writeSyntheticChain(opts: SynthChainOptions): SynthChainResult {
  const b = new ChainBuilder({ seed: opts.seed ?? 1, network: opts.network ?? 'regtest', track: false });
  const w = new BlkWriter(opts.out, { magic: b.magic, ...(opts.xorKey ? { xorKey: opts.xorKey } : {}), ...(opts.maxFileBytes ? { maxFileBytes: opts.maxFileBytes } : {}) });
  const traffic = new RandomTraffic(b);
  let txs = 0;
  let last: SynthBlock | null = b.genesis;
  try {
    if (b.genesis !== null) {
      w.write(b.genesis.raw);
      txs += b.genesis.txs.length;
      for (const o of b.genesis.txs[0]?.outputs ?? []) traffic.add(o);
    }
    for (let i = 0; i < opts.blocks; i++) {
      last = traffic.block(opts.txsPerBlock);
      w.write(last.raw);
      txs += last.txs.length;
      opts.onBlock?.(last.height);
    }
  } finally {
    w.close();
  }
  return { files: w.files, blocks: opts.blocks + (b.genesis ? 1 : 0), transactions: txs, bytes: w.bytes, tipHash: last?.hashHex ?? '', height: last?.height ?? -1 };
}
