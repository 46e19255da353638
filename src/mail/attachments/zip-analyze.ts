import zlib from 'node:zlib';
import { shorten } from './bytes.js';
import { BOMB_MIN_BYTES } from './limits.js';
import { analyzeOoxml } from './ooxml.js';
import { analyzeHwpx } from './hwp.js';
import { findPasswordsInText } from './password.js';
import type { Scan } from './scan.js';
import { aesPasswordMatches, zipCryptoCheckByte, zipCryptoDecrypt } from './zip-crypto.js';
import { entryDataRange, inflateRawBounded, type ZipDirectory, type ZipEntry } from './zip.js';

/** Reads one entry under the shared budget; `null` when it cannot or must not be extracted. */
export type EntryReader = (e: ZipEntry) => Uint8Array | null;

const OFFICE_ZIP = new Set(['docx', 'docm', 'xlsx', 'xlsm', 'pptx', 'pptm', 'ooxml', 'odf', 'hwpx']);

function bombReason(s: Scan, dir: ZipDirectory): string | null {
  const l = s.budget.limits;
  if (dir.declaredCount > l.maxMembers) return `declares ${dir.declaredCount} members (limit ${l.maxMembers})`;
  let total = 0;
  for (const e of dir.entries) {
    total += e.size;
    if (e.size > BOMB_MIN_BYTES && e.size / Math.max(1, e.compressedSize) > l.maxCompressionRatio) {
      return `member "${shorten(e.name, 60)}" expands ${Math.round(e.size / Math.max(1, e.compressedSize))}:1 (limit ${l.maxCompressionRatio}:1)`;
    }
    if (!Number.isFinite(e.size)) return `member "${shorten(e.name, 60)}" declares an impossible size`;
  }
  if (total > l.maxTotalInflatedBytes && total / Math.max(1, dir.entries.reduce((a, e) => a + e.compressedSize, 0)) > l.maxCompressionRatio) return `declared uncompressed total ${total} bytes (limit ${l.maxTotalInflatedBytes})`;
  // Overlapping members (Fifield's non-recursive bomb) reuse one compressed kernel for every entry.
  const sorted = dir.entries.filter((e) => e.compressedSize > 0).map((e) => [e.localOffset, e.localOffset + e.compressedSize] as const).sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1];
    const cur = sorted[i];
    if (prev !== undefined && cur !== undefined && cur[0] < prev[1]) return 'members overlap in the file (one compressed kernel reused by many entries)';
  }
  return null;
}

export function analyzeZipFamily(s: Scan, data: Uint8Array, dir: ZipDirectory, type: string): void {
  const r = s.report;
  if (type === 'zip' || type === 'jar') r.flag('archive');
  if (type === 'jar') r.find('executable', 'high', 'Java archive: runs as a program when opened on systems with Java.', 'META-INF/MANIFEST.MF or .class members');
  if (dir.error !== null) {
    r.parseError(dir.error, `Zip structure damaged (${dir.error}); ${dir.fromLocalHeaders ? 'members recovered from local headers' : 'listing may be partial'}.`);
  }
  const bomb = bombReason(s, dir);
  if (bomb !== null) {
    r.find('zip-bomb', 'high', `Archive refused as a decompression bomb: ${bomb}.`, bomb);
    for (const e of dir.entries.slice(0, 50)) {
      if (!s.canAddMember()) break;
      if (!e.isDir) s.addMember({ path: e.name, size: Number.isFinite(e.size) ? e.size : -1, data: null, encrypted: e.encrypted });
    }
    return;
  }
  const encrypted = dir.entries.filter((e) => e.encrypted && !e.isDir);
  const passwords = encrypted.length > 0 ? findPasswordsInText(s.budget.bodyText) : [];
  let verifiedPassword: string | null = null;
  if (encrypted.length > 0) {
    r.find('encrypted-archive', 'medium', `${encrypted.length} of ${dir.entries.length} members are encrypted; their contents cannot be scanned without the password.`, shorten(encrypted.map((e) => e.name).join(', ')));
    if (passwords.length > 0) {
      const tried = verifyPassword(data, encrypted, passwords);
      verifiedPassword = tried.password;
      // words that only look like a password ("암호는 담당자님께 별도로 안내드리겠습니다": the password follows
      // separately) are not one when the archive can check them and none opens it
      if (tried.testable && verifiedPassword === null) {
        r.find('archive-password-mismatch', 'low', 'The body mentions a password, but none of the candidates opens the archive.', `candidate password(s): ${shorten(passwords.join(', '), 80)} (none opens it)`);
      } else r.find('archive-password-in-body', 'high', 'The mail body gives the password of an encrypted attachment: a classic way to get malware past gateways.',
        verifiedPassword !== null ? `password "${shorten(verifiedPassword, 40)}" (verified)` : `candidate password(s): ${shorten(passwords.join(', '), 80)}`);
      if (verifiedPassword !== null) r.find('archive-password-verified', 'high', 'The password from the body opens the archive; its members were analysed.', shorten(verifiedPassword, 40));
    }
  }
  const reader = makeReader(s, data, verifiedPassword);
  if (OFFICE_ZIP.has(type)) {
    if (type === 'hwpx') analyzeHwpx(s, dir, reader);
    else analyzeOoxml(s, dir, reader, type);
    return;
  }
  for (const e of dir.entries) {
    if (e.isDir) continue;
    if (!s.canAddMember()) {
      r.find('archive-limit', 'low', `Member limit (${s.budget.limits.maxMembers}) reached; the rest of the archive was not analysed.`, `${dir.entries.length} members`);
      break;
    }
    const bytes = e.encrypted && verifiedPassword === null ? null : reader(e);
    s.addMember({ path: e.name, size: Number.isFinite(e.size) ? e.size : -1, data: bytes, encrypted: e.encrypted });
  }
}

/** The candidate that opens the first encrypted member; `testable` when the member could be checked at all. */
function verifyPassword(data: Uint8Array, encrypted: ZipEntry[], passwords: string[]): { password: string | null; testable: boolean } {
  const e = encrypted[0];
  if (e === undefined) return { password: null, testable: false };
  const range = entryDataRange(data, e);
  if (range === null || range.end - range.start < 12) return { password: null, testable: false };
  const body = data.subarray(range.start, range.end);
  if (e.method === 99 && e.aes === null) return { password: null, testable: false };
  for (const pw of passwords) {
    if (e.method === 99 && e.aes !== null) {
      if (aesPasswordMatches(body, e.aes.strength, pw)) return { password: pw, testable: true };
      continue;
    }
    const plain = zipCryptoDecrypt(body.subarray(0, 12), pw, zipCryptoCheckByte(e, e.dosTime));
    if (plain !== null) return { password: pw, testable: true };
  }
  return { password: null, testable: true };
}

function makeReader(s: Scan, data: Uint8Array, password: string | null): EntryReader {
  const r = s.report;
  let refused = false;
  return (e: ZipEntry): Uint8Array | null => {
    if (refused) return null;
    const l = s.budget.limits;
    if (e.size > l.maxMemberBytes) {
      r.find('archive-limit', 'low', `Member larger than ${l.maxMemberBytes} bytes not extracted.`, `${shorten(e.name, 80)}: ${e.size} bytes`);
      return null;
    }
    const range = entryDataRange(data, e);
    if (range === null) {
      r.parseError('bad-local-header', `Member "${shorten(e.name, 60)}" has no valid local header.`);
      return null;
    }
    let body = data.subarray(range.start, range.end);
    if (e.encrypted) {
      if (password === null || e.method === 99) return null;
      const plain = zipCryptoDecrypt(body, password, zipCryptoCheckByte(e, e.dosTime));
      if (plain === null) return null;
      body = plain;
    }
    let out: Uint8Array;
    if (e.method === 0) {
      out = body.subarray(0, Math.min(body.length, e.size));
    } else if (e.method === 8) {
      // Headers that are off by a little are common in crafted lures (and break naive parsers); only output far
      // beyond the declared size is a bomb. The slack stays bounded by the budget.
      const cap = Math.min(e.size * 2 + 65_536, s.budget.inflateAllowance());
      const res = inflateRawBounded(body, cap);
      if (!res.ok) {
        if (res.overLimit) {
          refused = true;
          r.find('zip-bomb', 'high', 'Archive refused: a member inflates beyond its declared size or the remaining budget.', `${shorten(e.name, 80)}: declared ${e.size} bytes`);
        } else r.parseError(res.reason, `Member "${shorten(e.name, 60)}" could not be inflated.`);
        return null;
      }
      out = res.data;
    } else {
      r.parseError(`zip-method-${e.method}`, `Member "${shorten(e.name, 60)}" uses compression method ${e.method}, not analysed.`);
      return null;
    }
    s.budget.chargeInflate(out.length);
    if (out.length < e.size) r.parseError('truncated-member', `Member "${shorten(e.name, 60)}" is shorter than declared.`);
    else if (out.length > e.size) r.parseError('size-mismatch', `Member "${shorten(e.name, 60)}" inflates to ${out.length} bytes, not the declared ${e.size}.`);
    else if (zlib.crc32(out) >>> 0 !== e.crc >>> 0) r.parseError('crc-mismatch', `Member "${shorten(e.name, 60)}" fails its CRC check.`);
    return out;
  };
}
