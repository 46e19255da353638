/**
 * Bech32 (BIP-173) and bech32m (BIP-350), following the reference implementation in those BIPs. Segwit v0
 * must use bech32 and v1+ bech32m; mixing them is the checksum-malleability bug BIP-350 closes.
 */

const CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const CHARSET_REV = new Int8Array(128).fill(-1);
for (let i = 0; i < CHARSET.length; i++) CHARSET_REV[CHARSET.charCodeAt(i)] = i;

const BECH32_CONST = 1;
const BECH32M_CONST = 0x2bc830a3;
/** BIP-173: a bech32 string is at most 90 characters. */
const MAX_BECH32_CHARS = 90;

export type Bech32Encoding = 'bech32' | 'bech32m';

function polymod(values: readonly number[]): number {
  const GEN = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
  let chk = 1;
  for (const v of values) {
    const b = chk >>> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ v;
    for (let i = 0; i < 5; i++) if (((b >>> i) & 1) !== 0) chk ^= GEN[i] ?? 0;
  }
  return chk >>> 0;
}

function hrpExpand(hrp: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < hrp.length; i++) out.push(hrp.charCodeAt(i) >> 5);
  out.push(0);
  for (let i = 0; i < hrp.length; i++) out.push(hrp.charCodeAt(i) & 31);
  return out;
}

function constant(enc: Bech32Encoding): number {
  return enc === 'bech32' ? BECH32_CONST : BECH32M_CONST;
}

export function bech32Encode(hrp: string, data: readonly number[], enc: Bech32Encoding): string {
  const values = [...hrpExpand(hrp), ...data, 0, 0, 0, 0, 0, 0];
  const mod = (polymod(values) ^ constant(enc)) >>> 0;
  let out = `${hrp}1`;
  for (const d of data) out += CHARSET[d];
  for (let i = 0; i < 6; i++) out += CHARSET[(mod >>> (5 * (5 - i))) & 31];
  return out;
}

export interface Bech32Decoded {
  hrp: string;
  data: number[];
  encoding: Bech32Encoding;
}

/** Decode a bech32/bech32m string; null on mixed case, bad characters, bad length or a wrong checksum. */
export function bech32Decode(text: string): Bech32Decoded | null {
  if (text.length > MAX_BECH32_CHARS) return null;
  let lower = false;
  let upper = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 33 || c > 126) return null;
    if (c >= 97 && c <= 122) lower = true;
    if (c >= 65 && c <= 90) upper = true;
  }
  if (lower && upper) return null;
  const s = text.toLowerCase();
  const pos = s.lastIndexOf('1');
  if (pos < 1 || pos + 7 > s.length) return null;
  const hrp = s.slice(0, pos);
  const data: number[] = [];
  for (let i = pos + 1; i < s.length; i++) {
    const v = CHARSET_REV[s.charCodeAt(i)] ?? -1;
    if (v < 0) return null;
    data.push(v);
  }
  const check = polymod([...hrpExpand(hrp), ...data]);
  let encoding: Bech32Encoding;
  if (check === BECH32_CONST) encoding = 'bech32';
  else if (check === BECH32M_CONST) encoding = 'bech32m';
  else return null;
  return { hrp, data: data.slice(0, data.length - 6), encoding };
}

/** Regroup bits (8→5 or 5→8); null when padding is invalid for the 5→8 direction. */
export function convertBits(data: ArrayLike<number>, from: number, to: number, pad: boolean): number[] | null {
  let acc = 0;
  let bits = 0;
  const out: number[] = [];
  const maxv = (1 << to) - 1;
  for (let i = 0; i < data.length; i++) {
    const value = data[i] ?? 0;
    if (value < 0 || value >> from !== 0) return null;
    acc = (acc << from) | value;
    bits += from;
    while (bits >= to) {
      bits -= to;
      out.push((acc >> bits) & maxv);
    }
  }
  if (pad) {
    if (bits > 0) out.push((acc << (to - bits)) & maxv);
  } else if (bits >= from || ((acc << (to - bits)) & maxv) !== 0) {
    return null;
  }
  return out;
}

export interface SegwitAddress {
  hrp: string;
  version: number;
  program: Uint8Array;
}

/** Decode a segwit address (any hrp), enforcing BIP-173/350 version, length and encoding rules. */
export function decodeSegwit(text: string): SegwitAddress | null {
  const dec = bech32Decode(text);
  if (dec === null || dec.data.length < 1) return null;
  const version = dec.data[0] ?? -1;
  if (version > 16) return null;
  const program = convertBits(dec.data.slice(1), 5, 8, false);
  if (program === null || program.length < 2 || program.length > 40) return null;
  if (version === 0 && program.length !== 20 && program.length !== 32) return null;
  if (version === 0 && dec.encoding !== 'bech32') return null;
  if (version !== 0 && dec.encoding !== 'bech32m') return null;
  return { hrp: dec.hrp, version, program: Uint8Array.from(program) };
}

export function encodeSegwit(hrp: string, version: number, program: Uint8Array): string {
  const data = [version, ...(convertBits(program, 8, 5, true) ?? [])];
  return bech32Encode(hrp, data, version === 0 ? 'bech32' : 'bech32m');
}
