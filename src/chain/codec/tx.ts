import { CHAIN_LIMITS } from '../limits.js';
import { BufferReader } from './reader.js';
import { hashBackend, SPAN_RECORD } from './hash-backend.js';
import { sha256dRange } from './sha256.js';

export interface TxInput {
  /** Previous transaction id, internal byte order (a view into the block buffer). */
  prevTxid: Buffer;
  vout: number;
  scriptSig: Buffer;
  sequence: number;
  witness: Buffer[];
}

export interface TxOutput {
  /** Satoshis. */
  value: number;
  script: Buffer;
}

export interface Tx {
  /** Internal byte order; display with toDisplayHex. */
  txid: Buffer;
  version: number;
  locktime: number;
  inputs: TxInput[];
  outputs: TxOutput[];
  hasWitness: boolean;
  /** Serialized size with witness. */
  size: number;
  /** The serialized bytes (a view into the block buffer). */
  raw: Buffer;
  /** Byte ranges of the non-witness serialization inside `raw` (for the txid), present for witness txs. */
  strippedRanges: readonly (readonly [number, number])[] | null;
}

const NULL_HASH = Buffer.alloc(32);

/**
 * A parsed input: the numbers are read at once, the byte fields are views made when first asked for (most
 * readers need only the outpoint), so parsing allocates one object per input instead of three or more.
 */
class ParsedInput implements TxInput {
  /** Offset of this input's witness stack in the block buffer, or -1 (none). */
  witnessAt = -1;
  private witnessItems: Buffer[] | undefined;

  constructor(
    private readonly buf: Buffer, private readonly at: number, readonly vout: number,
    private readonly sigAt: number, private readonly sigLen: number, readonly sequence: number,
  ) {}

  get prevTxid(): Buffer {
    return this.buf.subarray(this.at, this.at + 32);
  }

  /** The previous txid as a latin1 string, a map key, without a view in between. */
  get prevKey(): string {
    return this.buf.toString('latin1', this.at, this.at + 32);
  }

  get scriptSig(): Buffer {
    return this.buf.subarray(this.sigAt, this.sigAt + this.sigLen);
  }

  get witness(): Buffer[] {
    if (this.witnessItems === undefined) {
      const items: Buffer[] = [];
      if (this.witnessAt >= 0) {
        // Already bounds-checked when the transaction was read.
        const r = new BufferReader(this.buf, this.witnessAt);
        const n = r.varint();
        for (let j = 0; j < n; j++) items.push(r.varSlice('witness item'));
      }
      this.witnessItems = items;
    }
    return this.witnessItems;
  }

  /** A coinbase input's outpoint is the null hash with index 0xffffffff. */
  get isNull(): boolean {
    if (this.vout !== 0xffffffff) return false;
    for (let i = this.at; i < this.at + 32; i++) if (this.buf[i] !== 0) return false;
    return true;
  }
}

/** The previous txid of an input as a latin1 string (a map key). */
export function prevTxidKey(i: TxInput): string {
  return i instanceof ParsedInput ? i.prevKey : i.prevTxid.toString('latin1');
}

export function isCoinbaseInput(i: TxInput): boolean {
  if (i instanceof ParsedInput) return i.isNull;
  return i.vout === 0xffffffff && i.prevTxid.equals(NULL_HASH);
}

export function isCoinbase(tx: Tx): boolean {
  const first = tx.inputs[0];
  return tx.inputs.length === 1 && first !== undefined && isCoinbaseInput(first);
}

/** One txid record for readTx outside a block. */
const oneRecord = new Uint32Array(SPAN_RECORD);

/**
 * Read one transaction (BIP-144 witness serialization when the marker/flag is present). The txid is written to
 * `txids[at…at+32)` when given (a block's txids share one buffer) and `tx.txid` is a view of it.
 */
export function readTx(r: BufferReader, txids?: Buffer, at = 0): Tx {
  const out = txids === undefined ? Buffer.allocUnsafe(32) : txids.subarray(at, at + 32);
  const tx = readTxDeferred(r, out, oneRecord, 0);
  oneRecord[0] = 0;
  hashBackend().sha256dSpans(r.buf, oneRecord, out);
  return tx;
}

/**
 * Read one transaction without hashing it: `tx.txid` is `txid`, still to be filled, and the byte ranges of its
 * txid (offsets into r.buf) go to record k of `spans` with slot k, so that a block hashes all its txids in one
 * batch (see hash-backend.ts).
 */
export function readTxDeferred(r: BufferReader, txid: Buffer, spans: Uint32Array, k: number): Tx {
  const start = r.offset;
  const version = r.i32();
  let hasWitness = false;
  let afterFlag = r.offset;
  if (r.remaining >= 2 && r.buf[r.offset] === 0x00) {
    if (r.buf[r.offset + 1] !== 0x01) r.fail('bad segwit flag');
    hasWitness = true;
    r.offset += 2;
    afterFlag = r.offset;
  }
  const nIn = r.count(CHAIN_LIMITS.minInputBytes, 'input');
  if (nIn === 0) r.fail('transaction without inputs');
  const inputs: ParsedInput[] = new Array<ParsedInput>(nIn);
  for (let i = 0; i < nIn; i++) {
    r.need(36, 'outpoint');
    const at = r.offset;
    r.offset += 32;
    const vout = r.u32();
    const sigLen = r.varint();
    if (sigLen > r.remaining) r.fail(`scriptSig length ${sigLen} larger than the ${r.remaining} bytes left`);
    const sigAt = r.offset;
    r.offset += sigLen;
    const sequence = r.u32();
    inputs[i] = new ParsedInput(r.buf, at, vout, sigAt, sigLen, sequence);
  }
  const nOut = r.count(CHAIN_LIMITS.minOutputBytes, 'output');
  if (nOut === 0) r.fail('transaction without outputs');
  const outputs: TxOutput[] = new Array<TxOutput>(nOut);
  for (let i = 0; i < nOut; i++) {
    const value = r.amount(CHAIN_LIMITS.maxMoney);
    outputs[i] = { value, script: r.varSlice('scriptPubKey') };
  }
  const witnessStart = r.offset;
  if (hasWitness) {
    let any = false;
    for (const input of inputs) {
      const at = r.offset;
      const n = r.count(1, 'witness item');
      for (let j = 0; j < n; j++) {
        const len = r.varint();
        if (len > r.remaining) r.fail(`witness item length ${len} larger than the ${r.remaining} bytes left`);
        r.offset += len;
      }
      if (n > 0) {
        any = true;
        input.witnessAt = at;
      }
    }
    // BIP-144: the marker must not be used when every witness is empty (Core rejects "superfluous witness").
    if (!any) r.fail('superfluous witness record');
  }
  const locktimeAt = r.offset;
  const locktime = r.u32();
  const raw = r.buf.subarray(start, r.offset);
  const o = k * SPAN_RECORD;
  spans[o] = k;
  let strippedRanges: (readonly [number, number])[] | null = null;
  if (hasWitness) {
    strippedRanges = [[0, 4], [afterFlag - start, witnessStart - start], [locktimeAt - start, locktimeAt - start + 4]];
    spans[o + 1] = start;
    spans[o + 2] = start + 4;
    spans[o + 3] = afterFlag;
    spans[o + 4] = witnessStart;
    spans[o + 5] = locktimeAt;
    spans[o + 6] = locktimeAt + 4;
  } else {
    spans[o + 1] = start;
    spans[o + 2] = r.offset;
    spans[o + 3] = spans[o + 4] = spans[o + 5] = spans[o + 6] = 0;
  }
  return { txid, version, locktime, inputs, outputs, hasWitness, size: raw.length, raw, strippedRanges };
}

/** The witness txid (BIP-141): the hash of the full serialization; equal to the txid without witness. */
export function wtxid(tx: Tx): Buffer {
  if (!tx.hasWitness) return tx.txid;
  const out = Buffer.allocUnsafe(32);
  sha256dRange(tx.raw, 0, tx.raw.length, out, 0);
  return out;
}

/** Size without witness data, for weight: weight = 3 * strippedSize + size. */
export function strippedSize(tx: Tx): number {
  if (tx.strippedRanges === null) return tx.size;
  return tx.strippedRanges.reduce((n, [a, b]) => n + (b - a), 0);
}

export function parseTx(buf: Buffer): Tx {
  const r = new BufferReader(buf);
  const tx = readTx(r);
  if (r.remaining !== 0) r.fail(`${r.remaining} trailing bytes after transaction`);
  return tx;
}
