import crypto from 'node:crypto';
import { NETWORK_PARAMS, type Network } from '../address/networks.js';
import { parseBitcoinAddress, scriptToAddress } from '../address/address.js';
import { p2pkhScript, p2shScript, witnessScript } from '../address/script.js';
import { sha256d } from '../address/hash.js';
import { blockHash, hashToBigint, targetFromBits } from '../codec/block.js';
import { merkleRoot } from '../codec/merkle.js';
import { serializeBlock, serializeHeader, serializeTx, type TxInputSpec, type TxSpec } from '../codec/write.js';
import { Prng } from './prng.js';

/**
 * A scriptable generator of structurally valid chains: real serialization, txids, merkle roots, witness
 * commitments and proof of work at regtest difficulty; no signatures (spearwatch never validates scripts).
 * Used by `chain synth`, the benchmarks, the demo and the tracing scenarios, e.g.:
 *
 *   const b = new ChainBuilder({ seed: 7 });
 *   const victim = b.newAddress('p2wpkh');
 *   b.mineBlock({ coinbaseTo: victim.script });                 // funds
 *   const theft = b.spend([b.utxosOf(victim.script)[0]], [{ script: thief.script, value: 49e8 }]);
 *   b.mineBlock();                                               // includes pending transactions
 */

export type SynthAddressType = 'p2pkh' | 'p2sh' | 'p2wpkh' | 'p2wsh' | 'p2tr';

export interface SynthAddress {
  address: string;
  script: Buffer;
  type: SynthAddressType;
}

export interface Outpoint {
  /** Internal byte order. */
  txid: Buffer;
  vout: number;
  value: number;
  script: Buffer;
}

export interface SynthTx {
  txid: Buffer;
  /** Display hex. */
  txidHex: string;
  raw: Buffer;
  outputs: Outpoint[];
  hasWitness: boolean;
}

export interface SynthBlock {
  hash: Buffer;
  hashHex: string;
  height: number;
  prevHash: Buffer;
  raw: Buffer;
  txs: SynthTx[];
  time: number;
}

export interface ChainBuilderOptions {
  network?: Network;
  seed?: number;
  /** Unix time of the genesis block. */
  startTime?: number;
  /** Satoshis paid by each coinbase (default 50 BTC; subsidy schedules are not modelled). */
  coinbaseValue?: number;
  /** Skip creating a genesis block (the first mineBlock then builds on `prevHash` zero). */
  noGenesis?: boolean;
  /**
   * Keep the unspent-output book (default true). Generators that keep their own pool turn it off to save time
   * and memory; utxosOf() then knows nothing.
   */
  track?: boolean;
}

export interface OutputSpec {
  /** Either an address or a script. */
  address?: string;
  script?: Uint8Array;
  value: number;
}

const REGTEST_BITS = 0x207fffff;
const ZERO = Buffer.alloc(32);

export class ChainBuilder {
  readonly network: Network;
  readonly prng: Prng;
  readonly coinbaseValue: number;
  readonly track: boolean;
  private readonly seedTag: Buffer;
  private counter = 0;
  private readonly heights = new Map<string, number>();
  private readonly times = new Map<string, number>();
  private pending: SynthTx[] = [];
  /** Unspent outputs created by this builder on the main line, by "txidhex:vout". */
  private readonly utxos = new Map<string, Outpoint>();
  private readonly byScript = new Map<string, Set<string>>();
  tip: Buffer = ZERO;
  tipHeight = -1;
  readonly startTime: number;
  readonly genesis: SynthBlock | null;

  constructor(opts: ChainBuilderOptions = {}) {
    this.network = opts.network ?? 'regtest';
    this.prng = new Prng(opts.seed ?? 1);
    this.seedTag = Buffer.from(`spearwatch-synth:${opts.seed ?? 1}:`);
    this.startTime = opts.startTime ?? 1_700_000_000;
    this.coinbaseValue = opts.coinbaseValue ?? 50 * 1e8;
    this.track = opts.track ?? true;
    this.genesis = opts.noGenesis === true ? null : this.mineBlock();
  }

  /** 32 deterministic pseudo-random bytes. */
  randomBytes(n = 32): Buffer {
    const out = Buffer.allocUnsafe(n);
    for (let p = 0; p < n; p += 32) {
      const h = crypto.createHash('sha256').update(this.seedTag).update(String(this.counter++)).digest();
      h.copy(out, p, 0, Math.min(32, n - p));
    }
    return out;
  }

  newAddress(type: SynthAddressType = 'p2wpkh'): SynthAddress {
    let script: Uint8Array;
    switch (type) {
      case 'p2pkh': script = p2pkhScript(this.randomBytes(20)); break;
      case 'p2sh': script = p2shScript(this.randomBytes(20)); break;
      case 'p2wpkh': script = witnessScript(0, this.randomBytes(20)); break;
      case 'p2wsh': script = witnessScript(0, this.randomBytes(32)); break;
      case 'p2tr': script = witnessScript(1, this.randomBytes(32)); break;
    }
    const s = Buffer.from(script);
    return { address: scriptToAddress(s, this.network) ?? '', script: s, type };
  }

  private outputScript(o: OutputSpec): Buffer {
    if (o.script !== undefined) return Buffer.from(o.script);
    const p = o.address === undefined ? null : parseBitcoinAddress(o.address, this.network);
    if (p === null) throw new Error(`synth: not a ${this.network} address: ${o.address ?? '(none)'}`);
    return Buffer.from(p.script);
  }

  /** Unspent outputs (created by this builder, not yet spent) paying to `script`. */
  utxosOf(script: Uint8Array): Outpoint[] {
    const keys = this.byScript.get(Buffer.from(script).toString('hex'));
    return keys === undefined ? [] : [...keys].map((k) => this.utxos.get(k)).filter((o): o is Outpoint => o !== undefined);
  }

  utxoCount(): number {
    return this.utxos.size;
  }

  private addUtxo(o: Outpoint): void {
    const k = `${o.txid.toString('hex')}:${o.vout}`;
    this.utxos.set(k, o);
    const sk = o.script.toString('hex');
    let set = this.byScript.get(sk);
    if (set === undefined) this.byScript.set(sk, (set = new Set()));
    set.add(k);
  }

  private removeUtxo(o: { txid: Buffer; vout: number }): Outpoint | undefined {
    const k = `${o.txid.toString('hex')}:${o.vout}`;
    const u = this.utxos.get(k);
    if (u === undefined) return undefined;
    this.utxos.delete(k);
    const set = this.byScript.get(u.script.toString('hex'));
    set?.delete(k);
    if (set?.size === 0) this.byScript.delete(u.script.toString('hex'));
    return u;
  }

  /** Forget some unspent outputs (bounds memory in long random runs; they simply stay unspent). */
  dropOldestUtxos(keep: number): void {
    for (const o of this.utxos.values()) {
      if (this.utxos.size <= keep) break;
      this.removeUtxo(o);
    }
  }

  /** A fake but realistically sized unlocking for an output of this script (sizes matter for benchmarks). */
  private unlock(script: Buffer): Pick<TxInputSpec, 'scriptSig' | 'witness'> {
    const sig = this.randomBytes(72);
    const key = Buffer.concat([Buffer.from([2]), this.randomBytes(32)]);
    if (script[0] === 0x00 || script[0] === 0x51) return { scriptSig: new Uint8Array(0), witness: script[0] === 0x51 ? [sig.subarray(0, 64)] : [sig, key] };
    return { scriptSig: Buffer.concat([Buffer.from([sig.length]), sig, Buffer.from([key.length]), key]) };
  }

  /**
   * Create a transaction spending `inputs` (outpoints from this builder, or external ones with value known)
   * to `outputs`; it is queued for the next mined block. Throws when outputs exceed inputs.
   */
  spend(inputs: readonly Outpoint[], outputs: readonly OutputSpec[], opts: { locktime?: number } = {}): SynthTx {
    const inValue = inputs.reduce((s, i) => s + i.value, 0);
    const outValue = outputs.reduce((s, o) => s + o.value, 0);
    if (outValue > inValue) throw new Error(`synth: outputs ${outValue} exceed inputs ${inValue}`);
    const spec: TxSpec = {
      version: 2,
      inputs: inputs.map((i) => ({ prevTxid: i.txid, vout: i.vout, sequence: 0xfffffffd, ...this.unlock(i.script) })),
      outputs: outputs.map((o) => ({ value: o.value, script: this.outputScript(o) })),
      locktime: opts.locktime ?? 0,
    };
    const tx = this.finishTx(spec);
    if (this.track) {
      for (const i of inputs) this.removeUtxo(i);
      for (const o of tx.outputs) this.addUtxo(o);
    }
    this.pending.push(tx);
    return tx;
  }

  private finishTx(spec: TxSpec): SynthTx {
    const raw = serializeTx(spec);
    const hasWitness = spec.inputs.some((i) => (i.witness?.length ?? 0) > 0);
    const txid = hasWitness ? sha256d(serializeTx({ ...spec, inputs: spec.inputs.map((i) => ({ ...i, witness: [] })) })) : sha256d(raw);
    const outputs = spec.outputs.map((o, vout) => ({ txid, vout, value: o.value, script: Buffer.from(o.script) }));
    return { txid, txidHex: Buffer.from(txid).reverse().toString('hex'), raw, outputs, hasWitness };
  }

  /** Transactions queued for the next block. */
  pendingCount(): number {
    return this.pending.length;
  }

  /**
   * Mine a block on `parent` (default: the tip) holding the pending transactions (or `txs` when given, for
   * forks). The coinbase pays `coinbaseTo` (default a fresh address) plus the fees. Mining on a parent other
   * than the tip makes a fork; it becomes the tip when it is higher.
   */
  mineBlock(opts: { parent?: Buffer; coinbaseTo?: Uint8Array; txs?: SynthTx[]; fees?: number; time?: number } = {}): SynthBlock {
    const parent = opts.parent ?? this.tip;
    const parentKey = parent.toString('hex');
    const height = parent.equals(ZERO) ? 0 : (this.heights.get(parentKey) ?? -2) + 1;
    if (height < 0) throw new Error('synth: unknown parent block');
    const txs = opts.txs ?? this.pending;
    if (opts.txs === undefined) this.pending = [];
    const anyWitness = txs.some((t) => t.hasWitness);
    const script = Buffer.from(opts.coinbaseTo ?? this.newAddress('p2wpkh').script);
    const heightPush = Buffer.alloc(4);
    heightPush.writeUInt32LE(height, 0);
    const cbOutputs = [{ value: this.coinbaseValue + (opts.fees ?? 0), script }];
    const reserved = Buffer.alloc(32);
    if (anyWitness) {
      const wroot = merkleRoot([ZERO, ...txs.map((t) => (t.hasWitness ? sha256d(t.raw) : t.txid))]).root;
      const commitment = sha256d(Buffer.concat([wroot, reserved]));
      cbOutputs.push({ value: 0, script: Buffer.concat([Buffer.from('6a24aa21a9ed', 'hex'), commitment]) });
    }
    const coinbase = this.finishTx({
      version: 2,
      inputs: [{
        prevTxid: ZERO, vout: 0xffffffff,
        scriptSig: Buffer.concat([Buffer.from([4]), heightPush, this.randomBytes(4)]),
        ...(anyWitness ? { witness: [reserved] } : {}),
      }],
      outputs: cbOutputs,
    });
    const all = [coinbase, ...txs];
    const root = merkleRoot(all.map((t) => t.txid)).root;
    const parentTime = this.times.get(parentKey) ?? this.startTime - 600;
    const time = opts.time ?? parentTime + 600;
    const target = targetFromBits(REGTEST_BITS) ?? 0n;
    let nonce = 0;
    let header: Buffer;
    let hash: Buffer;
    for (;;) {
      header = serializeHeader({ version: 0x20000000, prevHash: parent, merkleRoot: root, time, bits: REGTEST_BITS, nonce });
      hash = blockHash(header);
      if (hashToBigint(hash) <= target) break;
      nonce++;
    }
    const raw = serializeBlock(header, all.map((t) => t.raw));
    const key = hash.toString('hex');
    this.heights.set(key, height);
    this.times.set(key, time);
    if (height > this.tipHeight) {
      this.tip = hash;
      this.tipHeight = height;
      for (const o of coinbase.outputs) if (o.value > 0 && this.track) this.addUtxo(o);
    }
    return { hash, hashHex: Buffer.from(hash).reverse().toString('hex'), height, prevHash: Buffer.from(parent), raw, txs: all, time };
  }

  get magic(): number {
    return NETWORK_PARAMS[this.network].magic;
  }
}
