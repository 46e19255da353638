import crypto from 'node:crypto';
import { compress } from './sha256-compress.js';

/**
 * Double SHA-256 for parsing, written to a caller's buffer. Why not node:crypto alone: on Node 20 each digest
 * call costs ~1.1 µs whatever the input length (OpenSSL 3's per-call EVP setup), while a 64-byte block costs
 * ~0.25 µs here. A block needs two digests per txid, two more per merkle node and as many again for the wtxid
 * tree, almost all of them over one or two 64-byte blocks, so per-call overhead was half of all parse time.
 * Long messages (over LONG_MESSAGE bytes) still go to node:crypto for the first pass, where OpenSSL's SHA-NI
 * code is faster than the JS block function once the call is paid for.
 */

const IV = Int32Array.of(0x6a09e667, 0xbb67ae85 | 0, 0x3c6ef372, 0xa54ff53a | 0, 0x510e527f, 0x9b05688c | 0, 0x1f83d9ab, 0x5be0cd19);

/** Above this many bytes a first pass through node:crypto is cheaper than the JS compression (measured: ~5 blocks). */
const LONG_MESSAGE = 320;

const state = new Int32Array(8);
/** Tail of a message: up to two blocks of leftover bytes and padding. */
const tail = new Uint8Array(128);
/** The second pass: one block holding a 32-byte digest and its padding (0x80 then the bit length 256). */
const second = new Uint8Array(64);
second[32] = 0x80;
second[62] = 0x01;
/** The padding block after a 64-byte message (merkle nodes): 0x80, zeros, bit length 512. */
const PAD64 = new Uint8Array(64);
PAD64[0] = 0x80;
PAD64[62] = 0x02;

function storeState(s: Int32Array, out: Uint8Array, o: number): void {
  for (let i = 0; i < 8; i++) {
    const w = s[i]!;
    out[o++] = w >>> 24;
    out[o++] = (w >>> 16) & 0xff;
    out[o++] = (w >>> 8) & 0xff;
    out[o++] = w & 0xff;
  }
}

/** Hash `second[0…32)` (a first-pass digest) from the IV and write the result to `out[o…o+32)`. */
function secondPass(out: Uint8Array, o: number): void {
  state.set(IV);
  compress(state, second, 0);
  storeState(state, out, o);
}

/** Streaming first pass over several byte ranges of one buffer (a SegWit transaction without its witness). */
let tailLen = 0;
let total = 0;

function begin(): void {
  state.set(IV);
  tailLen = 0;
  total = 0;
}

function update(src: Uint8Array, a: number, b: number): void {
  total += b - a;
  if (tailLen > 0) {
    const take = Math.min(64 - tailLen, b - a);
    for (let i = 0; i < take; i++) tail[tailLen + i] = src[a + i]!;
    tailLen += take;
    a += take;
    if (tailLen < 64) return;
    compress(state, tail, 0);
    tailLen = 0;
  }
  for (; a + 64 <= b; a += 64) compress(state, src, a);
  for (let i = 0; a + i < b; i++) tail[i] = src[a + i]!;
  if (a < b) tailLen = b - a;
}

/** Pad, finish the first pass into `second`, then run the second pass into out[o…o+32). */
function finishDouble(out: Uint8Array, o: number): void {
  tail.fill(0, tailLen);
  tail[tailLen] = 0x80;
  const blocks = tailLen + 9 > 64 ? 2 : 1;
  const bits = total * 8;
  const end = blocks * 64;
  tail[end - 5] = Math.floor(bits / 0x1_0000_0000) & 0xff;
  tail[end - 4] = bits >>> 24;
  tail[end - 3] = (bits >>> 16) & 0xff;
  tail[end - 2] = (bits >>> 8) & 0xff;
  tail[end - 1] = bits & 0xff;
  compress(state, tail, 0);
  if (blocks === 2) compress(state, tail, 64);
  storeState(state, second, 0);
  secondPass(out, o);
}

/** sha256(sha256(src[a…b))) into out[o…o+32). */
export function sha256dRange(src: Uint8Array, a: number, b: number, out: Uint8Array, o: number): void {
  if (b - a > LONG_MESSAGE) {
    second.set(crypto.hash('sha256', src.subarray(a, b), 'buffer'), 0);
    secondPass(out, o);
    return;
  }
  begin();
  update(src, a, b);
  finishDouble(out, o);
}

/** sha256d of the concatenation of byte ranges [ranges[2i], ranges[2i+1]) of src, into out[o…o+32). */
export function sha256dRanges(src: Uint8Array, ranges: readonly number[], out: Uint8Array, o: number): void {
  let n = 0;
  for (let i = 0; i < ranges.length; i += 2) n += ranges[i + 1]! - ranges[i]!;
  if (n > LONG_MESSAGE) {
    const h = crypto.createHash('sha256');
    for (let i = 0; i < ranges.length; i += 2) h.update(src.subarray(ranges[i], ranges[i + 1]));
    second.set(h.digest(), 0);
    secondPass(out, o);
    return;
  }
  begin();
  for (let i = 0; i < ranges.length; i += 2) update(src, ranges[i]!, ranges[i + 1]!);
  finishDouble(out, o);
}

/** sha256d of the 64 bytes src[a…a+64) (a merkle node), into out[o…o+32); out may overlap src before a+32. */
export function sha256d64(src: Uint8Array, a: number, out: Uint8Array, o: number): void {
  state.set(IV);
  compress(state, src, a);
  compress(state, PAD64, 0);
  storeState(state, second, 0);
  secondPass(out, o);
}
