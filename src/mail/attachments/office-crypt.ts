import crypto from 'node:crypto';
import { u32, utf8 } from './bytes.js';
import type { Cfb } from './cfb.js';
import { attr, tags } from './xml.js';

/**
 * ECMA-376 agile encryption (Office 2010+ "Encrypt with Password"). Kimsuky and others send password-protected
 * documents with the password in the mail so gateways see only ciphertext; with that password we decrypt the
 * EncryptedPackage back to the OOXML zip and analyse it like any other document.
 */

/** Office writes 100,000; a file asking for far more is trying to burn our CPU. */
export const MAX_SPIN_COUNT = 1_000_000;

const BLOCK_VERIFIER_INPUT = Buffer.from('fea7d2763b4b9e79', 'hex');
const BLOCK_VERIFIER_VALUE = Buffer.from('d7aa0f6d3061344e', 'hex');
const BLOCK_KEY = Buffer.from('146e0be7abacd0d6', 'hex');

interface Params {
  salt: Buffer;
  keyBits: number;
  blockSize: number;
  hash: string;
  hashSize: number;
}

function params(tag: string): Params | null {
  const hashName = (attr(tag, 'hashAlgorithm') ?? '').toUpperCase();
  const hash = hashName === 'SHA512' ? 'sha512' : hashName === 'SHA256' ? 'sha256' : hashName === 'SHA384' ? 'sha384' : hashName === 'SHA1' ? 'sha1' : null;
  const salt = attr(tag, 'saltValue');
  const keyBits = Number(attr(tag, 'keyBits') ?? 0);
  if (hash === null || salt === null || ![128, 192, 256].includes(keyBits) || (attr(tag, 'cipherAlgorithm') ?? '').toUpperCase() !== 'AES') return null;
  return { salt: Buffer.from(salt, 'base64'), keyBits, blockSize: Number(attr(tag, 'blockSize') ?? 16), hash, hashSize: Number(attr(tag, 'hashSize') ?? 64) };
}

function h(alg: string, ...parts: Uint8Array[]): Buffer {
  const x = crypto.createHash(alg);
  for (const p of parts) x.update(p);
  return x.digest();
}

function fit(b: Buffer, len: number, fill: number): Buffer {
  return b.length >= len ? b.subarray(0, len) : Buffer.concat([b, Buffer.alloc(len - b.length, fill)]);
}

function aesDecrypt(key: Buffer, iv: Buffer, data: Buffer): Buffer | null {
  try {
    const d = crypto.createDecipheriv(`aes-${key.length * 8}-cbc`, key, fit(iv, 16, 0x36));
    d.setAutoPadding(false);
    return Buffer.concat([d.update(data.subarray(0, data.length - (data.length % 16))), d.final()]);
  } catch {
    return null;
  }
}

export type OfficeDecryptResult =
  | { ok: true; package: Uint8Array; password: string }
  | { ok: false; reason: 'not-agile' | 'bad-encryption-info' | 'spin-count-over-limit' | 'no-password-fits' };

/** Tries each password against the agile EncryptionInfo; on success returns the decrypted OOXML package. */
export function decryptAgile(cfb: Cfb, passwords: readonly string[], maxPackageBytes: number): OfficeDecryptResult {
  const infoEntry = cfb.find('EncryptionInfo');
  const pkgEntry = cfb.find('EncryptedPackage');
  if (infoEntry === undefined || pkgEntry === undefined) return { ok: false, reason: 'bad-encryption-info' };
  const info = cfb.read(infoEntry);
  if (info[0] !== 4 || info[2] !== 4) return { ok: false, reason: 'not-agile' };
  const xml = utf8(info, 8);
  const keyData = params(tags(xml, 'keyData')[0] ?? '');
  const encTag = tags(xml, 'encryptedKey')[0] ?? '';
  const enc = params(encTag);
  const spin = Number(attr(encTag, 'spinCount') ?? NaN);
  const input = attr(encTag, 'encryptedVerifierHashInput');
  const value = attr(encTag, 'encryptedVerifierHashValue');
  const keyValue = attr(encTag, 'encryptedKeyValue');
  if (keyData === null || enc === null || input === null || value === null || keyValue === null || !Number.isInteger(spin) || spin < 0) {
    return { ok: false, reason: 'bad-encryption-info' };
  }
  if (spin > MAX_SPIN_COUNT) return { ok: false, reason: 'spin-count-over-limit' };
  for (const pw of passwords) {
    let hv = h(enc.hash, enc.salt, Buffer.from(pw, 'utf16le'));
    const counter = Buffer.alloc(4);
    for (let i = 0; i < spin; i++) {
      counter.writeUInt32LE(i);
      hv = h(enc.hash, counter, hv);
    }
    const keyFor = (block: Buffer): Buffer => fit(h(enc.hash, hv, block), enc.keyBits / 8, 0x36);
    const vin = aesDecrypt(keyFor(BLOCK_VERIFIER_INPUT), enc.salt, Buffer.from(input, 'base64'));
    const vval = aesDecrypt(keyFor(BLOCK_VERIFIER_VALUE), enc.salt, Buffer.from(value, 'base64'));
    if (vin === null || vval === null) continue;
    if (!h(enc.hash, vin.subarray(0, enc.salt.length)).equals(vval.subarray(0, enc.hashSize))) continue;
    const secret = aesDecrypt(keyFor(BLOCK_KEY), enc.salt, Buffer.from(keyValue, 'base64'));
    if (secret === null) continue;
    const key = secret.subarray(0, keyData.keyBits / 8);
    const raw = Buffer.from(cfb.read(pkgEntry));
    const size = Math.min((u32(raw, 0) ?? 0) + (u32(raw, 4) ?? 0) * 0x100000000, raw.length - 8, maxPackageBytes);
    const out: Buffer[] = [];
    const seg = Buffer.alloc(4);
    for (let i = 0, off = 8; off < raw.length && i * 4096 < size; i++, off += 4096) {
      seg.writeUInt32LE(i);
      const part = aesDecrypt(key, h(keyData.hash, keyData.salt, seg), raw.subarray(off, Math.min(raw.length, off + 4096)));
      if (part === null) break;
      out.push(part);
    }
    return { ok: true, package: new Uint8Array(Buffer.concat(out).subarray(0, size)), password: pw };
  }
  return { ok: false, reason: 'no-password-fits' };
}
