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

/** An amount whose high 32-bit word is below this is under MAX_MONEY whatever its low word (floor(MAX / 2^32)). */
const HI_BELOW_MAX_MONEY = Math.floor(CHAIN_LIMITS.maxMoney / 0x1_0000_0000);

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

  /** The buffer and offset of the previous txid (prevTxidBytes). */
  get source(): Buffer {
    return this.buf;
  }

  get sourceAt(): number {
    return this.at;
  }

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

/**
 * Where an input's previous txid is: bytes [prevTxidAt(i), + 32) of prevTxidBytes(i) (the block buffer for a parsed
 * input), without making a view of it.
 */
export function prevTxidBytes(i: TxInput): Uint8Array {
  return i instanceof ParsedInput ? i.source : i.prevTxid;
}

export function prevTxidAt(i: TxInput): number {
  return i instanceof ParsedInput ? i.sourceAt : 0;
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
 * A parsed transaction: what an index reads (txid, inputs, outputs, sizes) is set at once; `raw` and
 * `strippedRanges`, which only re-serializing and wtxid code need, are views made on first use.
 */
class ParsedTx implements Tx {
  private rawView: Buffer | undefined;

  constructor(
    readonly txid: Buffer, readonly version: number, readonly locktime: number, readonly inputs: TxInput[],
    readonly outputs: TxOutput[], readonly hasWitness: boolean, readonly size: number,
    /** Size without the marker, flag and witnesses. */
    readonly stripped: number,
    private readonly buf: Buffer,
    /** Offset of the transaction in `buf`, then (witness txs) of the inputs after the flag and of the witnesses. */
    readonly start: number, private readonly afterFlag: number, private readonly witnessStart: number,
  ) {}

  get raw(): Buffer {
    return (this.rawView ??= this.buf.subarray(this.start, this.start + this.size));
  }

  get strippedRanges(): readonly (readonly [number, number])[] | null {
    if (!this.hasWitness) return null;
    const lock = this.size - 4;
    return [[0, 4], [this.afterFlag - this.start, this.witnessStart - this.start], [lock, lock + 4]];
  }
}

/** The offset of a parsed transaction inside the buffer it was read from (the block), or -1. */
export function txOffset(tx: Tx): number {
  return tx instanceof ParsedTx ? tx.start : -1;
}

/**
 * Read one transaction without hashing it: `tx.txid` is `txid`, still to be filled, and the byte ranges of its
 * txid (offsets into r.buf) go to record k of `spans` with slot k, so that a block hashes all its txids in one
 * batch (see hash-backend.ts). The common cases (one-byte counts and lengths, in-bounds fields) are read from
 * locals; anything else goes through the reader's checked methods, which also name the failure.
 */
export function readTxDeferred(r: BufferReader, txid: Buffer, spans: Uint32Array, k: number): Tx {
  const buf = r.buf;
  const end = r.end;
  const start = r.offset;
  const version = r.i32();
  let hasWitness = false;
  let afterFlag = r.offset;
  if (r.remaining >= 2 && buf[r.offset] === 0x00) {
    if (buf[r.offset + 1] !== 0x01) r.fail('bad segwit flag');
    hasWitness = true;
    r.offset += 2;
    afterFlag = r.offset;
  }
  const nIn = r.count(CHAIN_LIMITS.minInputBytes, 'input');
  if (nIn === 0) r.fail('transaction without inputs');
  const inputs: ParsedInput[] = new Array<ParsedInput>(nIn);
  let o = r.offset;
  for (let i = 0; i < nIn; i++) {
    // Outpoint (36), a one-byte script length and the sequence (4) when the length is short: 41 + sigLen bytes.
    const at = o;
    let sigLen = o + 37 <= end ? buf[o + 36]! : 0xff;
    let sigAt = o + 37;
    if (sigLen >= 0xfd) {
      r.offset = o;
      r.need(36, 'outpoint');
      r.offset = o + 36;
      sigLen = r.varint();
      sigAt = r.offset;
    }
    const vout = (buf[at + 32]! | (buf[at + 33]! << 8) | (buf[at + 34]! << 16) | (buf[at + 35]! << 24)) >>> 0;
    if (sigLen > end - sigAt) {
      r.offset = sigAt;
      r.fail(`scriptSig length ${sigLen} larger than the ${end - sigAt} bytes left`);
    }
    o = sigAt + sigLen;
    if (o + 4 > end) {
      r.offset = o;
      r.need(4, 'uint32');
    }
    const sequence = (buf[o]! | (buf[o + 1]! << 8) | (buf[o + 2]! << 16) | (buf[o + 3]! << 24)) >>> 0;
    o += 4;
    inputs[i] = new ParsedInput(buf, at, vout, sigAt, sigLen, sequence);
  }
  r.offset = o;
  const nOut = r.count(CHAIN_LIMITS.minOutputBytes, 'output');
  if (nOut === 0) r.fail('transaction without outputs');
  const outputs: TxOutput[] = new Array<TxOutput>(nOut);
  o = r.offset;
  for (let i = 0; i < nOut; i++) {
    // Fast path: an amount below MAX_MONEY by its high word alone, and a one-byte script length.
    const len = o + 9 <= end ? buf[o + 8]! : 0xff;
    const hi = (buf[o + 4]! | (buf[o + 5]! << 8) | (buf[o + 6]! << 16) | (buf[o + 7]! << 24)) >>> 0;
    if (len < 0xfd && hi < HI_BELOW_MAX_MONEY && len <= end - o - 9) {
      const value = hi * 0x1_0000_0000 + ((buf[o]! | (buf[o + 1]! << 8) | (buf[o + 2]! << 16) | (buf[o + 3]! << 24)) >>> 0);
      const at = o + 9;
      o = at + len;
      outputs[i] = { value, script: buf.subarray(at, o) };
    } else {
      r.offset = o;
      const value = r.amount(CHAIN_LIMITS.maxMoney);
      outputs[i] = { value, script: r.varSlice('scriptPubKey') };
      o = r.offset;
    }
  }
  r.offset = o;
  const witnessStart = o;
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
  const size = r.offset - start;
  const q = k * SPAN_RECORD;
  spans[q] = k;
  spans[q + 1] = start;
  if (hasWitness) {
    spans[q + 2] = start + 4;
    spans[q + 3] = afterFlag;
    spans[q + 4] = witnessStart;
    spans[q + 5] = locktimeAt;
    spans[q + 6] = locktimeAt + 4;
  } else {
    spans[q + 2] = r.offset;
    spans[q + 3] = spans[q + 4] = spans[q + 5] = spans[q + 6] = 0;
  }
  const stripped = hasWitness ? 8 + witnessStart - afterFlag : size;
  return new ParsedTx(txid, version, locktime, inputs, outputs, hasWitness, size, stripped, buf, start, afterFlag, witnessStart);
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
  if (tx instanceof ParsedTx) return tx.stripped;
  if (tx.strippedRanges === null) return tx.size;
  return tx.strippedRanges.reduce((n, [a, b]) => n + (b - a), 0);
}

export function parseTx(buf: Buffer): Tx {
  const r = new BufferReader(buf);
  const tx = readTx(r);
  if (r.remaining !== 0) r.fail(`${r.remaining} trailing bytes after transaction`);
  return tx;
}
