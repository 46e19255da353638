import crypto from 'node:crypto';
import { buildCfb } from './cfb-writer.js';

/**
 * ECMA-376 agile encryption ("Encrypt with Password", AES-256/SHA-512), deterministic: salts and keys are
 * derived from the password and package instead of drawn at random. For password-protected lures whose
 * password is in the mail body.
 */

const BLOCK_VERIFIER_INPUT = Buffer.from('fea7d2763b4b9e79', 'hex');
const BLOCK_VERIFIER_VALUE = Buffer.from('d7aa0f6d3061344e', 'hex');
const BLOCK_KEY = Buffer.from('146e0be7abacd0d6', 'hex');
const BLOCK_HMAC_KEY = Buffer.from('5fb2ad010cb9e1f6', 'hex');
const BLOCK_HMAC_VALUE = Buffer.from('a0677f02b22c8433', 'hex');

const sha512 = (...parts: Uint8Array[]): Buffer => {
  const h = crypto.createHash('sha512');
  for (const p of parts) h.update(p);
  return h.digest();
};

function aes(key: Buffer, iv: Buffer, data: Buffer): Buffer {
  const padded = data.length % 16 === 0 ? data : Buffer.concat([data, Buffer.alloc(16 - (data.length % 16))]);
  const c = crypto.createCipheriv(`aes-${key.length * 8}-cbc`, key, iv.subarray(0, 16));
  c.setAutoPadding(false);
  return Buffer.concat([c.update(padded), c.final()]);
}

export function buildEncryptedOoxml(pkg: Uint8Array, password: string, opts: { spinCount?: number } = {}): Uint8Array {
  const spin = opts.spinCount ?? 100_000;
  const seed = sha512(Buffer.from(`${password}\u0000`, 'utf8'), pkg);
  const keySalt = seed.subarray(0, 16);
  const pwSalt = seed.subarray(16, 32);
  const secret = sha512(seed, Buffer.from('secret')).subarray(0, 32);
  const verifier = seed.subarray(32, 48);
  const hmacKey = sha512(seed, Buffer.from('hmac'));
  let hv = sha512(pwSalt, Buffer.from(password, 'utf16le'));
  const counter = Buffer.alloc(4);
  for (let i = 0; i < spin; i++) {
    counter.writeUInt32LE(i);
    hv = sha512(counter, hv);
  }
  const keyFor = (block: Buffer): Buffer => sha512(hv, block).subarray(0, 32);
  const encInput = aes(keyFor(BLOCK_VERIFIER_INPUT), pwSalt, verifier);
  const encValue = aes(keyFor(BLOCK_VERIFIER_VALUE), pwSalt, sha512(verifier));
  const encKey = aes(keyFor(BLOCK_KEY), pwSalt, secret);
  const size = Buffer.alloc(8);
  size.writeUInt32LE(pkg.length % 0x100000000, 0);
  size.writeUInt32LE(Math.floor(pkg.length / 0x100000000), 4);
  const segments: Buffer[] = [size];
  const seg = Buffer.alloc(4);
  for (let i = 0, off = 0; off < pkg.length; i++, off += 4096) {
    seg.writeUInt32LE(i);
    segments.push(aes(secret, sha512(keySalt, seg), Buffer.from(pkg.subarray(off, off + 4096))));
  }
  const encryptedPackage = Buffer.concat(segments);
  const encHmacKey = aes(secret, sha512(keySalt, BLOCK_HMAC_KEY), hmacKey);
  const encHmacValue = aes(secret, sha512(keySalt, BLOCK_HMAC_VALUE), crypto.createHmac('sha512', hmacKey).update(encryptedPackage).digest());
  const b64 = (b: Buffer): string => b.toString('base64');
  const common = 'blockSize="16" keyBits="256" hashSize="64" cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512"';
  const xml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<encryption xmlns="http://schemas.microsoft.com/office/2006/encryption" xmlns:p="http://schemas.microsoft.com/office/2006/keyEncryptor/password"><keyData saltSize="16" ${common} saltValue="${b64(keySalt)}"/><dataIntegrity encryptedHmacKey="${b64(encHmacKey)}" encryptedHmacValue="${b64(encHmacValue)}"/><keyEncryptors><keyEncryptor uri="http://schemas.microsoft.com/office/2006/keyEncryptor/password"><p:encryptedKey spinCount="${spin}" saltSize="16" ${common} saltValue="${b64(pwSalt)}" encryptedVerifierHashInput="${b64(encInput)}" encryptedVerifierHashValue="${b64(encValue)}" encryptedKeyValue="${b64(encKey)}"/></keyEncryptor></keyEncryptors></encryption>`;
  const header = Buffer.alloc(8);
  header.writeUInt16LE(4, 0);
  header.writeUInt16LE(4, 2);
  header.writeUInt32LE(0x40, 4);
  return buildCfb([
    { path: 'EncryptionInfo', data: Buffer.concat([header, Buffer.from(xml, 'utf8')]) },
    { path: 'EncryptedPackage', data: encryptedPackage },
  ]);
}
