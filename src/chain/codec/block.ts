import { sha256d } from '../address/hash.js';
import { CHAIN_LIMITS } from '../limits.js';
import { hashBackend, SPAN_RECORD } from './hash-backend.js';
import { BufferReader } from './reader.js';
import { isCoinbase, readTxDeferred, strippedSize, txOffset, type Tx } from './tx.js';

export interface BlockHeader {
  /** Internal byte order. */
  hash: Buffer;
  version: number;
  prevHash: Buffer;
  merkleRoot: Buffer;
  time: number;
  bits: number;
  nonce: number;
}

export interface Block {
  header: BlockHeader;
  txs: Tx[];
  size: number;
  weight: number;
}

export const HEADER_BYTES = 80;

export function blockHash(header80: Buffer): Buffer {
  return sha256d(header80);
}

export function readHeader(r: BufferReader): BlockHeader {
  r.need(HEADER_BYTES, 'block header');
  const raw = r.buf.subarray(r.offset, r.offset + HEADER_BYTES);
  const version = r.i32();
  const prevHash = r.slice(32, 'prev hash');
  const root = r.slice(32, 'merkle root');
  const time = r.u32();
  const bits = r.u32();
  const nonce = r.u32();
  return { hash: blockHash(raw), version, prevHash, merkleRoot: root, time, bits, nonce };
}

/** The target encoded by `bits` (nBits compact form), or null when negative, zero or overflowing. */
export function targetFromBits(bits: number): bigint | null {
  const exp = bits >>> 24;
  const mant = bits & 0x007fffff;
  if ((bits & 0x00800000) !== 0 || mant === 0) return null;
  const t = exp <= 3 ? BigInt(mant >>> (8 * (3 - exp))) : BigInt(mant) << BigInt(8 * (exp - 3));
  if (t === 0n || t >= 1n << 256n) return null;
  return t;
}

/** Expected hashes to find a block at this target: Core's GetBlockProof, 2^256 / (target + 1). */
export function workFromBits(bits: number): bigint {
  const t = targetFromBits(bits);
  return t === null ? 0n : (1n << 256n) / (t + 1n);
}

export function hashToBigint(hash: Buffer): bigint {
  return BigInt(`0x${Buffer.from(hash).reverse().toString('hex')}`);
}

export interface ParseBlockOptions {
  /** Check proof of work against the header's own bits (default true). */
  checkPow?: boolean;
}

function fail(r: BufferReader, reason: string): never {
  return r.fail(reason);
}

/**
 * Parse and verify one serialized block: header, proof of work against its bits, transaction count against
 * the bytes present, every transaction, coinbase placement, the merkle root (and CVE-2012-2459 mutation), and
 * for blocks with witness data the BIP-141 witness commitment. Throws SW_INPUT_INVALID naming the reason.
 */
export function parseBlock(buf: Buffer, opts: ParseBlockOptions = {}): Block {
  if (buf.length > CHAIN_LIMITS.maxBlockBytes) {
    return fail(new BufferReader(buf), `block of ${buf.length} bytes exceeds ${CHAIN_LIMITS.maxBlockBytes}`);
  }
  const r = new BufferReader(buf);
  const header = readHeader(r);
  if (opts.checkPow !== false) {
    const target = targetFromBits(header.bits);
    if (target === null) fail(r, `invalid bits 0x${header.bits.toString(16)}`);
    if (hashToBigint(header.hash) > target) fail(r, 'proof of work above target');
  }
  const n = r.count(CHAIN_LIMITS.minTxBytes, 'transaction');
  if (n === 0) fail(r, 'block without transactions');
  const txs: Tx[] = new Array<Tx>(n);
  // Every txid lives in one buffer, with room for the merkle tree's odd-level duplicate; the tree is then
  // computed in a copy of it (it overwrites its input). The txids are hashed in one batch after the read.
  const txids = Buffer.allocUnsafe((n + 1) * 32);
  const spans = spanScratch(n);
  let stripped = 0;
  let anyWitness = false;
  for (let i = 0; i < n; i++) {
    const tx = readTxDeferred(r, txids.subarray(i * 32, i * 32 + 32), spans, i);
    txs[i] = tx;
    stripped += strippedSize(tx);
    if (tx.hasWitness) anyWitness = true;
  }
  if (r.remaining !== 0) fail(r, `${r.remaining} trailing bytes after the last transaction`);
  if (!isCoinbase(txs[0] as Tx)) fail(r, 'first transaction is not a coinbase');
  for (let i = 1; i < n; i++) if (isCoinbase(txs[i] as Tx)) fail(r, `transaction ${i} is a second coinbase`);
  const hasher = hashBackend();
  hasher.sha256dSpans(buf, spans.subarray(0, n * SPAN_RECORD), txids);
  const level = scratchCopy(txids, n * 32);
  if (hasher.merkleRoot(level, n)) fail(r, 'merkle tree mutated (duplicate transactions, CVE-2012-2459)');
  if (!header.merkleRoot.equals(level.subarray(0, 32))) fail(r, 'merkle root does not match the header');
  if (anyWitness) checkWitnessCommitment(r, buf, txs, txids);
  const headerAndCount = HEADER_BYTES + (buf.length - HEADER_BYTES - txs.reduce((s, t) => s + t.size, 0));
  return { header, txs, size: buf.length, weight: 4 * headerAndCount + 3 * stripped + (buf.length - headerAndCount) };
}

/** Reused working space for the merkle trees (a block holds at most ~16,000 transactions: 0.5 MB). */
let work = new Uint8Array(64 * 1024);

function scratch(n: number): Uint8Array {
  if (work.length < n) work = new Uint8Array(n * 2);
  return work;
}

function scratchCopy(src: Uint8Array, n: number): Uint8Array {
  const w = scratch(n + 32);
  w.set(src.subarray(0, n), 0);
  return w;
}

/** Reused hash records, one per transaction (see hash-backend.ts). */
let spanWork = new Uint32Array(4096 * SPAN_RECORD);

function spanScratch(n: number): Uint32Array {
  if (spanWork.length < n * SPAN_RECORD) spanWork = new Uint32Array(n * 2 * SPAN_RECORD);
  return spanWork;
}

const COMMITMENT_PREFIX = Buffer.from('6a24aa21a9ed', 'hex');

/** BIP-141: the last coinbase output starting 6a24aa21a9ed commits to the wtxid merkle root. */
function checkWitnessCommitment(r: BufferReader, buf: Buffer, txs: Tx[], txids: Buffer): void {
  const coinbase = txs[0] as Tx;
  let commitment: Buffer | null = null;
  for (const o of coinbase.outputs) {
    if (o.script.length >= 38 && o.script.subarray(0, 6).equals(COMMITMENT_PREFIX)) commitment = o.script.subarray(6, 38);
  }
  if (commitment === null) fail(r, 'witness data without a witness commitment');
  const reserved = coinbase.inputs[0]?.witness;
  if (reserved?.length !== 1 || reserved[0]?.length !== 32) fail(r, 'coinbase witness reserved value missing');
  // The wtxid leaves: the txid where a transaction has no witness, zero for the coinbase, and one batch for
  // the full serializations of the rest.
  const n = txs.length;
  const level = scratchCopy(txids, n * 32);
  level.fill(0, 0, 32);
  const spans = spanScratch(n);
  let k = 0;
  for (let i = 1; i < n; i++) {
    const tx = txs[i] as Tx;
    if (!tx.hasWitness) continue;
    const o = k++ * SPAN_RECORD;
    const start = txOffset(tx);
    spans[o] = i;
    spans[o + 1] = start;
    spans[o + 2] = start + tx.size;
    spans[o + 3] = spans[o + 4] = spans[o + 5] = spans[o + 6] = 0;
  }
  const hasher = hashBackend();
  hasher.sha256dSpans(buf, spans.subarray(0, k * SPAN_RECORD), level);
  hasher.merkleRoot(level, n);
  const expect = blockHash(Buffer.concat([level.subarray(0, 32), reserved[0]]));
  if (!expect.equals(commitment)) fail(r, 'witness commitment does not match the wtxid merkle root');
}
