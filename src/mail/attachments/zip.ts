import { TextDecoder } from 'node:util';
import zlib from 'node:zlib';
import { u16, u32, u64 } from './bytes.js';

/**
 * Zip reader that parses the central directory itself so every limit (member count, declared sizes, ratio,
 * overlap) is checked before a byte is inflated; inflation is then capped again because headers lie.
 * Falls back to walking local headers when the central directory is missing (lures truncate it on purpose:
 * WinRAR and 7-Zip still open such files, naive scanners do not).
 */

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
  encrypted: boolean;
  /** WinZip AES parameters (method 99). */
  aes: { strength: number; method: number } | null;
  isDir: boolean;
  /** DOS modification time: the ZipCrypto check byte when sizes trail the data (flag bit 3). */
  dosTime: number;
}

export interface ZipDirectory {
  entries: ZipEntry[];
  /** Count the end-of-central-directory record claims (may be far larger than `entries`). */
  declaredCount: number;
  error: string | null;
  fromLocalHeaders: boolean;
}

const SIG_EOCD = 0x06054b50;
const SIG_CD = 0x02014b50;
const SIG_LOCAL = 0x04034b50;
const SIG_Z64_LOCATOR = 0x07064b50;
const SIG_Z64_EOCD = 0x06064b50;
const CD_RECORD_MIN = 46;
const LOCAL_RECORD_MIN = 30;

const utf8Fatal = new TextDecoder('utf-8', { fatal: true });
let eucKr: TextDecoder | null = null;
try {
  eucKr = new TextDecoder('euc-kr', { fatal: true });
} catch {
  eucKr = null; // small-icu build: fall back to latin-1
}

/** Names: UTF-8 when flagged or valid; Korean archivers (ALZip, Bandizip legacy) write CP949 without the flag. */
function decodeName(bytes: Uint8Array, utf8Flag: boolean): string {
  if (utf8Flag) return Buffer.from(bytes).toString('utf8');
  try {
    return utf8Fatal.decode(bytes);
  } catch {
    /* not UTF-8 */
  }
  if (eucKr !== null) {
    try {
      return eucKr.decode(bytes);
    } catch {
      /* not CP949 either */
    }
  }
  return Buffer.from(bytes).toString('latin1');
}

function findEocd(b: Uint8Array): number {
  const stop = Math.max(0, b.length - 22 - 0xffff);
  for (let i = b.length - 22; i >= stop; i--) {
    if (b[i] === 0x50 && b[i + 1] === 0x4b && u32(b, i) === SIG_EOCD) return i;
  }
  return -1;
}

interface Zip64Fields {
  size: number;
  compressedSize: number;
  localOffset: number;
}

function applyZip64Extra(extra: Uint8Array, f: Zip64Fields): { aes: ZipEntry['aes']; unicodeName: string | null } {
  let aes: ZipEntry['aes'] = null;
  let unicodeName: string | null = null;
  let p = 0;
  while (p + 4 <= extra.length) {
    const id = u16(extra, p) ?? 0;
    const len = u16(extra, p + 2) ?? 0;
    const body = extra.subarray(p + 4, Math.min(extra.length, p + 4 + len));
    if (id === 0x0001) {
      let q = 0;
      if (f.size === 0xffffffff) { f.size = u64(body, q) ?? Number.POSITIVE_INFINITY; q += 8; }
      if (f.compressedSize === 0xffffffff) { f.compressedSize = u64(body, q) ?? Number.POSITIVE_INFINITY; q += 8; }
      if (f.localOffset === 0xffffffff) f.localOffset = u64(body, q) ?? Number.POSITIVE_INFINITY;
    } else if (id === 0x9901 && body.length >= 7) {
      aes = { strength: body[4] ?? 0, method: u16(body, 5) ?? 0 };
    } else if (id === 0x7075 && body.length > 5) {
      unicodeName = Buffer.from(body.subarray(5)).toString('utf8');
    }
    p += 4 + len;
  }
  return { aes, unicodeName };
}

export function readZipDirectory(b: Uint8Array, maxEntries: number): ZipDirectory {
  const eocd = findEocd(b);
  if (eocd < 0) return walkLocalHeaders(b, maxEntries, 'no-central-directory');
  let count = u16(b, eocd + 10) ?? 0;
  let cdSize = u32(b, eocd + 12) ?? 0;
  let cdOffset = u32(b, eocd + 16) ?? 0;
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const loc = eocd - 20;
    if (u32(b, loc) === SIG_Z64_LOCATOR) {
      const z = u64(b, loc + 8) ?? -1;
      if (z >= 0 && z < b.length && u32(b, z) === SIG_Z64_EOCD) {
        count = u64(b, z + 32) ?? Number.POSITIVE_INFINITY;
        cdSize = u64(b, z + 40) ?? Number.POSITIVE_INFINITY;
        cdOffset = u64(b, z + 48) ?? Number.POSITIVE_INFINITY;
      }
    }
  }
  // Prepended data (self-extractors, polyglots) shifts offsets: trust the EOCD position over the recorded offset.
  const shift = eocd - cdSize - cdOffset;
  if (!(cdOffset + cdSize <= eocd) || shift < 0) {
    if (cdSize > eocd) return walkLocalHeaders(b, maxEntries, 'bad-central-directory');
  }
  const base = shift > 0 && u32(b, cdOffset + shift) === SIG_CD ? shift : 0;
  const start = cdOffset + base;
  if (u32(b, start) !== SIG_CD && count > 0) return walkLocalHeaders(b, maxEntries, 'bad-central-directory');
  // A declared count whose minimal records cannot fit in the bytes we have is a lie, not a big archive.
  if (count * CD_RECORD_MIN > b.length - start) {
    const dir = parseCentral(b, start, eocd, maxEntries, base);
    return { ...dir, declaredCount: count, error: 'member-count-overflow' };
  }
  const dir = parseCentral(b, start, eocd, Math.min(count, maxEntries), base);
  // Junk between the data and the directory shifts the directory but not the local headers: keep raw offsets
  // when that is where the local headers really are (Info-ZIP and 7-Zip open such files).
  const first = dir.entries[0];
  if (base > 0 && first !== undefined && u32(b, first.localOffset) !== SIG_LOCAL && u32(b, first.localOffset - base) === SIG_LOCAL) {
    for (const e of dir.entries) e.localOffset -= base;
  }
  return { ...dir, declaredCount: count };
}

function parseCentral(b: Uint8Array, start: number, end: number, max: number, base: number): ZipDirectory {
  const entries: ZipEntry[] = [];
  let p = start;
  let error: string | null = null;
  while (entries.length < max) {
    if (p + CD_RECORD_MIN > end || u32(b, p) !== SIG_CD) {
      error = 'truncated-central-directory';
      break;
    }
    const flags = u16(b, p + 8) ?? 0;
    const nameLen = u16(b, p + 28) ?? 0;
    const extraLen = u16(b, p + 30) ?? 0;
    const commentLen = u16(b, p + 32) ?? 0;
    const nameEnd = p + CD_RECORD_MIN + nameLen;
    if (nameEnd + extraLen > b.length) {
      error = 'truncated-central-directory';
      break;
    }
    const f: Zip64Fields = { compressedSize: u32(b, p + 20) ?? 0, size: u32(b, p + 24) ?? 0, localOffset: u32(b, p + 42) ?? 0 };
    const { aes, unicodeName } = applyZip64Extra(b.subarray(nameEnd, nameEnd + extraLen), f);
    const name = unicodeName ?? decodeName(b.subarray(p + CD_RECORD_MIN, nameEnd), (flags & 0x800) !== 0);
    entries.push({
      name,
      method: u16(b, p + 10) ?? 0,
      flags,
      crc: u32(b, p + 16) ?? 0,
      compressedSize: f.compressedSize,
      size: f.size,
      localOffset: f.localOffset + base,
      encrypted: (flags & 1) !== 0,
      aes,
      isDir: name.endsWith('/') || name.endsWith('\\'),
      dosTime: u16(b, p + 12) ?? 0,
    });
    p = nameEnd + extraLen + commentLen;
  }
  return { entries, declaredCount: entries.length, error, fromLocalHeaders: false };
}

function walkLocalHeaders(b: Uint8Array, max: number, reason: string): ZipDirectory {
  const entries: ZipEntry[] = [];
  let p = 0;
  while (entries.length < max && u32(b, p) === SIG_LOCAL) {
    const flags = u16(b, p + 6) ?? 0;
    const nameLen = u16(b, p + 26) ?? 0;
    const extraLen = u16(b, p + 28) ?? 0;
    const nameEnd = p + LOCAL_RECORD_MIN + nameLen;
    if (nameEnd + extraLen > b.length) break;
    const f: Zip64Fields = { compressedSize: u32(b, p + 18) ?? 0, size: u32(b, p + 22) ?? 0, localOffset: p };
    const { aes, unicodeName } = applyZip64Extra(b.subarray(nameEnd, nameEnd + extraLen), f);
    const name = unicodeName ?? decodeName(b.subarray(p + LOCAL_RECORD_MIN, nameEnd), (flags & 0x800) !== 0);
    entries.push({
      name, method: u16(b, p + 8) ?? 0, flags, crc: u32(b, p + 14) ?? 0, compressedSize: f.compressedSize,
      size: f.size, localOffset: p, encrypted: (flags & 1) !== 0, aes, isDir: name.endsWith('/'), dosTime: u16(b, p + 10) ?? 0,
    });
    // Sizes after the data (bit 3) are unknown here: stop rather than guess at the next header.
    if ((flags & 0x8) !== 0 || !Number.isFinite(f.compressedSize)) break;
    p = nameEnd + extraLen + f.compressedSize;
  }
  return { entries, declaredCount: entries.length, error: reason, fromLocalHeaders: true };
}

/** Offset of an entry's data, from its local header. */
export function entryDataRange(b: Uint8Array, e: ZipEntry): { start: number; end: number } | null {
  if (!Number.isFinite(e.localOffset) || u32(b, e.localOffset) !== SIG_LOCAL) return null;
  const nameLen = u16(b, e.localOffset + 26) ?? 0;
  const extraLen = u16(b, e.localOffset + 28) ?? 0;
  const start = e.localOffset + LOCAL_RECORD_MIN + nameLen + extraLen;
  if (!Number.isFinite(e.compressedSize)) return null;
  const end = start + e.compressedSize;
  if (start > b.length) return null;
  return { start, end: Math.min(end, b.length) };
}

export type InflateResult =
  | { ok: true; data: Uint8Array; truncated: boolean }
  | { ok: false; reason: string; overLimit: boolean };

/** Raw-deflate with a hard output cap; never allocates more than `maxBytes + 1`. */
export function inflateRawBounded(data: Uint8Array, maxBytes: number): InflateResult {
  try {
    const out = zlib.inflateRawSync(data, { maxOutputLength: Math.max(1, maxBytes + 1), finishFlush: zlib.constants.Z_SYNC_FLUSH });
    if (out.length > maxBytes) return { ok: false, reason: 'inflated-over-limit', overLimit: true };
    return { ok: true, data: new Uint8Array(out.buffer, out.byteOffset, out.length), truncated: false };
  } catch (err) {
    if (err instanceof RangeError || (err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
      return { ok: false, reason: 'inflated-over-limit', overLimit: true };
    }
    return { ok: false, reason: 'bad-deflate', overLimit: false };
  }
}

/** zlib-wrapped (RFC 1950) or raw deflate, whichever parses: HWP and PDF streams use both in the wild. */
export function inflateAnyBounded(data: Uint8Array, maxBytes: number): InflateResult {
  if (data.length >= 2 && ((data[0] ?? 0) & 0x0f) === 8 && (((data[0] ?? 0) << 8) | (data[1] ?? 0)) % 31 === 0) {
    const r = inflateRawBounded(data.subarray(2), maxBytes);
    if (r.ok || r.overLimit) return r;
  }
  return inflateRawBounded(data, maxBytes);
}
