import crypto from 'node:crypto';
import type { ZipEntry } from './zip.js';

/**
 * Traditional PKWARE encryption (APPNOTE 6.1) and the WinZip AES password check. Lures ship encrypted zips
 * with the password in the mail body so gateways cannot look inside; with that password we can.
 */

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crcByte(crc: number, b: number): number {
  return ((CRC_TABLE[(crc ^ b) & 0xff] ?? 0) ^ (crc >>> 8)) >>> 0;
}

export class ZipCryptoKeys {
  private k0 = 0x12345678;
  private k1 = 0x23456789;
  private k2 = 0x34567890;

  constructor(password: Uint8Array) {
    for (const c of password) this.update(c);
  }

  update(c: number): void {
    this.k0 = crcByte(this.k0, c);
    this.k1 = (Math.imul((this.k1 + (this.k0 & 0xff)) >>> 0, 134775813) + 1) >>> 0;
    this.k2 = crcByte(this.k2, this.k1 >>> 24);
  }

  private streamByte(): number {
    const t = (this.k2 | 2) & 0xffff;
    return (Math.imul(t, t ^ 1) >>> 8) & 0xff;
  }

  decrypt(data: Uint8Array): Uint8Array {
    const out = new Uint8Array(data.length);
    for (let i = 0; i < data.length; i++) {
      const p = ((data[i] ?? 0) ^ this.streamByte()) & 0xff;
      this.update(p);
      out[i] = p;
    }
    return out;
  }

  encrypt(data: Uint8Array): Uint8Array {
    const out = new Uint8Array(data.length);
    for (let i = 0; i < data.length; i++) {
      const p = data[i] ?? 0;
      out[i] = (p ^ this.streamByte()) & 0xff;
      this.update(p);
    }
    return out;
  }
}

/** The check byte the 12-byte header must end with: CRC high byte, or DOS time high byte when sizes trail. */
export function zipCryptoCheckByte(entry: Pick<ZipEntry, 'crc' | 'flags'>, dosTime: number): number {
  return (entry.flags & 0x8) !== 0 ? (dosTime >>> 8) & 0xff : (entry.crc >>> 24) & 0xff;
}

/**
 * Decrypts ZipCrypto data (header + payload). Returns null when the check byte says the password is wrong
 * (a 1-in-256 false accept is caught later by the CRC of the inflated data).
 */
export function zipCryptoDecrypt(data: Uint8Array, password: string, check: number): Uint8Array | null {
  if (data.length < 12) return null;
  const keys = new ZipCryptoKeys(Buffer.from(password, 'utf8'));
  const header = keys.decrypt(data.subarray(0, 12));
  if (header[11] !== check) return null;
  return keys.decrypt(data.subarray(12));
}

const AES_SALT: Readonly<Record<number, number>> = { 1: 8, 2: 12, 3: 16 };
const AES_KEY: Readonly<Record<number, number>> = { 1: 16, 2: 24, 3: 32 };

/** WinZip AE-1/AE-2: PBKDF2-HMAC-SHA1 (1000 rounds) derives a 2-byte verifier stored after the salt. */
export function aesPasswordMatches(data: Uint8Array, strength: number, password: string): boolean {
  const saltLen = AES_SALT[strength];
  const keyLen = AES_KEY[strength];
  if (saltLen === undefined || keyLen === undefined || data.length < saltLen + 2) return false;
  const derived = crypto.pbkdf2Sync(password, data.subarray(0, saltLen), 1000, keyLen * 2 + 2, 'sha1');
  return derived[keyLen * 2] === data[saltLen] && derived[keyLen * 2 + 1] === data[saltLen + 1];
}
