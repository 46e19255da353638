import { sha256d } from './hash.js';

const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const INDEX = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) INDEX[ALPHABET.charCodeAt(i)] = i;

/**
 * Base58 strings longer than this are refused before the quadratic decode: a base58check address is at most
 * 35 characters, extended keys 111; nothing legitimate handed to this decoder is longer.
 */
const MAX_BASE58_CHARS = 128;

export function base58Encode(bytes: Uint8Array): string {
  let zeros = 0;
  while (zeros < bytes.length && bytes[zeros] === 0) zeros++;
  const digits: number[] = [];
  for (let i = zeros; i < bytes.length; i++) {
    let carry = bytes[i] ?? 0;
    for (let j = 0; j < digits.length; j++) {
      carry += (digits[j] ?? 0) << 8;
      digits[j] = carry % 58;
      carry = Math.floor(carry / 58);
    }
    while (carry > 0) {
      digits.push(carry % 58);
      carry = Math.floor(carry / 58);
    }
  }
  let out = '1'.repeat(zeros);
  for (let i = digits.length - 1; i >= 0; i--) out += ALPHABET[digits[i] ?? 0];
  return out;
}

/** Decode base58, or null on a character outside the alphabet or an over-long string. */
export function base58Decode(text: string): Uint8Array | null {
  if (text.length > MAX_BASE58_CHARS) return null;
  let zeros = 0;
  while (zeros < text.length && text[zeros] === '1') zeros++;
  const bytes: number[] = [];
  for (let i = zeros; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const v = code < 128 ? (INDEX[code] ?? -1) : -1;
    if (v < 0) return null;
    let carry = v;
    for (let j = 0; j < bytes.length; j++) {
      carry += (bytes[j] ?? 0) * 58;
      bytes[j] = carry & 0xff;
      carry >>= 8;
    }
    while (carry > 0) {
      bytes.push(carry & 0xff);
      carry >>= 8;
    }
  }
  const out = new Uint8Array(zeros + bytes.length);
  for (let i = 0; i < bytes.length; i++) out[out.length - 1 - i] = bytes[i] ?? 0;
  return out;
}

export function base58CheckEncode(payload: Uint8Array): string {
  const check = sha256d(payload).subarray(0, 4);
  const full = new Uint8Array(payload.length + 4);
  full.set(payload, 0);
  full.set(check, payload.length);
  return base58Encode(full);
}

/** Decode base58check; null when the text is not base58 or the 4-byte checksum does not match. */
export function base58CheckDecode(text: string): Uint8Array | null {
  const full = base58Decode(text);
  if (full === null || full.length < 5) return null;
  const payload = full.subarray(0, full.length - 4);
  const check = sha256d(payload);
  for (let i = 0; i < 4; i++) if (check[i] !== full[payload.length + i]) return null;
  return payload;
}
