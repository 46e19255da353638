import crypto from 'node:crypto';
import { pdfString } from './pdf-syntax.js';

/**
 * PDF standard security handler (ISO 32000-1 7.6.3, ISO 32000-2 7.6.4.3). Phishing PDFs are encrypted so the
 * /URI strings scanners read are ciphertext: with no user password (viewers open them silently) or with a
 * password given in the mail body ("Senha do PDF: 123"). With that password we read what the victim reads.
 */

export interface PdfDecryptor {
  decrypt(objNum: number, gen: number, data: Uint8Array): Uint8Array | null;
}

const PAD = Buffer.from('28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a', 'hex');

function md5(...parts: Uint8Array[]): Buffer {
  const h = crypto.createHash('md5');
  for (const p of parts) h.update(p);
  return h.digest();
}

export function rc4(key: Uint8Array, data: Uint8Array): Uint8Array {
  const S = new Uint8Array(256).map((_, i) => i);
  let j = 0;
  for (let i = 0; i < 256; i++) {
    j = (j + (S[i] ?? 0) + (key[i % key.length] ?? 0)) & 0xff;
    const t = S[i] ?? 0;
    S[i] = S[j] ?? 0;
    S[j] = t;
  }
  const out = new Uint8Array(data.length);
  let a = 0;
  j = 0;
  for (let k = 0; k < data.length; k++) {
    a = (a + 1) & 0xff;
    j = (j + (S[a] ?? 0)) & 0xff;
    const t = S[a] ?? 0;
    S[a] = S[j] ?? 0;
    S[j] = t;
    out[k] = (data[k] ?? 0) ^ (S[((S[a] ?? 0) + (S[j] ?? 0)) & 0xff] ?? 0);
  }
  return out;
}

function aesCbcDecrypt(bits: 128 | 256, key: Uint8Array, data: Uint8Array, padding: boolean, iv?: Uint8Array): Uint8Array | null {
  try {
    const ivBytes = iv ?? data.subarray(0, 16);
    const body = iv === undefined ? data.subarray(16) : data;
    if (body.length === 0 || body.length % 16 !== 0) return null;
    const d = crypto.createDecipheriv(`aes-${bits}-cbc`, key, ivBytes);
    d.setAutoPadding(padding);
    return new Uint8Array(Buffer.concat([d.update(body), d.final()]));
  } catch {
    return null;
  }
}

function bytes(s: string | null): Buffer | null {
  return s === null ? null : Buffer.from(s, 'latin1');
}

function stringAfter(dict: string, key: string): Buffer | null {
  const m = new RegExp(`/${key}\\s*(?=[(<])`).exec(dict);
  return m === null ? null : bytes(pdfString(dict, m.index + m[0].length));
}

function num(dict: string, key: string): number | null {
  const m = new RegExp(`/${key}\\s+(-?\\d+)`).exec(dict);
  return m === null ? null : Number(m[1]);
}

/** ISO 32000-2 Algorithm 2.B: the iterated SHA-2/AES hash of revision 6. */
function hash2b(password: Uint8Array, salt: Uint8Array, udata: Uint8Array): Buffer {
  let k: Buffer = crypto.createHash('sha256').update(password).update(salt).update(udata).digest();
  for (let round = 0; round < 1000; round++) {
    const k1 = Buffer.concat(Array.from({ length: 64 }, () => Buffer.concat([password, k, udata])));
    const c = crypto.createCipheriv('aes-128-cbc', k.subarray(0, 16), k.subarray(16, 32));
    c.setAutoPadding(false);
    const e = Buffer.concat([c.update(k1), c.final()]);
    let sum = 0;
    for (let i = 0; i < 16; i++) sum += e[i] ?? 0;
    const alg = ['sha256', 'sha384', 'sha512'][sum % 3] ?? 'sha256';
    k = crypto.createHash(alg).update(e).digest();
    if (round >= 63 && (e[e.length - 1] ?? 0) <= round - 31) break;
  }
  return k.subarray(0, 32);
}

/**
 * Builds a decryptor for the first user password that opens the file (the empty one first, then any given,
 * e.g. from the mail body), or null (no /Encrypt, another handler, or no password fits).
 */
export function pdfDecryptor(text: string, passwords: readonly string[] = []): { decryptor: PdfDecryptor; password: string } | null {
  for (const pw of ['', ...passwords]) {
    const d = decryptorFor(text, pw);
    if (d !== null) return { decryptor: d, password: pw };
  }
  return null;
}

function padded(pw: string): Buffer {
  return Buffer.concat([Buffer.from(pw, 'latin1').subarray(0, 32), PAD]).subarray(0, 32);
}

function decryptorFor(text: string, password: string): PdfDecryptor | null {
  const ref = /\/Encrypt\s+(\d+)\s+(\d+)\s+R/.exec(text);
  let dict: string | null = null;
  if (ref !== null) {
    const obj = new RegExp(`(?:^|[^0-9])${ref[1]}\\s+${ref[2]}\\s+obj\\b([^]{0,4000}?)endobj`).exec(text);
    dict = obj?.[1] ?? null;
  } else {
    const inline = /\/Encrypt\s*<<([^]{0,4000}?)>>\s*(?:\/|>>)/.exec(text);
    dict = inline?.[1] ?? null;
  }
  if (dict === null || !/\/Filter\s*\/Standard/.test(dict)) return null;
  const r = num(dict, 'R') ?? 0;
  const v = num(dict, 'V') ?? 0;
  const o = stringAfter(dict, 'O');
  const u = stringAfter(dict, 'U');
  if (o === null || u === null) return null;
  const empty = new Uint8Array(0);
  if (r === 5 || r === 6) {
    const ue = stringAfter(dict, 'UE');
    if (ue === null || u.length < 48) return null;
    const pw = Buffer.from(password, 'utf8').subarray(0, 127);
    const check = r === 6 ? hash2b(pw, u.subarray(32, 40), empty) : crypto.createHash('sha256').update(pw).update(u.subarray(32, 40)).digest();
    if (!check.equals(u.subarray(0, 32))) return null;
    const inter = r === 6 ? hash2b(pw, u.subarray(40, 48), empty) : crypto.createHash('sha256').update(pw).update(u.subarray(40, 48)).digest();
    const fileKey = aesCbcDecrypt(256, inter, ue.subarray(0, 32), false, new Uint8Array(16));
    if (fileKey === null) return null;
    return { decrypt: (_n, _g, data) => aesCbcDecrypt(256, fileKey, data, true) };
  }
  const idMatch = /\/ID\s*\[\s*/.exec(text);
  const id0 = idMatch === null ? Buffer.alloc(0) : (bytes(pdfString(text, idMatch.index + idMatch[0].length)) ?? Buffer.alloc(0));
  const p = num(dict, 'P') ?? 0;
  const n = v === 4 ? 16 : v === 1 ? 5 : Math.max(5, Math.min(16, Math.floor((num(dict, 'Length') ?? 40) / 8)));
  const pBytes = Buffer.alloc(4);
  pBytes.writeInt32LE(p | 0);
  const noMeta = r >= 4 && /\/EncryptMetadata\s+false/.test(dict) ? Buffer.from([0xff, 0xff, 0xff, 0xff]) : Buffer.alloc(0);
  let key = md5(padded(password), o.subarray(0, 32), pBytes, id0, noMeta);
  if (r >= 3) for (let i = 0; i < 50; i++) key = md5(key.subarray(0, n));
  key = key.subarray(0, n);
  // Algorithms 4/5: the candidate user password must reproduce /U.
  if (r === 2) {
    if (!Buffer.from(rc4(key, PAD)).equals(u.subarray(0, 32))) return null;
  } else {
    let x: Uint8Array = rc4(key, md5(PAD, id0));
    for (let i = 1; i <= 19; i++) x = rc4(key.map((b) => b ^ i), x);
    if (!Buffer.from(x).equals(u.subarray(0, 16))) return null;
  }
  const aes = v === 4 && /\/CFM\s*\/AESV2/.test(dict);
  return {
    decrypt: (objNum, gen, data) => {
      const ext = Buffer.from([objNum & 0xff, (objNum >> 8) & 0xff, (objNum >> 16) & 0xff, gen & 0xff, (gen >> 8) & 0xff]);
      const k = md5(key, ext, aes ? Buffer.from('sAlT') : Buffer.alloc(0)).subarray(0, Math.min(16, n + 5));
      return aes ? aesCbcDecrypt(128, k, data, true) : rc4(k, data);
    },
  };
}
