import zlib from 'node:zlib';
import { latin1, shorten, u16, u32, utf8 } from './bytes.js';
import { BOMB_MIN_BYTES } from './limits.js';
import { findPasswordsInText } from './password.js';
import type { Scan } from './scan.js';

/** gzip and tar are opened; rar and cab are listed from their headers; 7z, xz and bzip2 are flagged only. */

export function analyzeArchiveOther(s: Scan, b: Uint8Array, type: string): void {
  s.report.flag('archive');
  if (type === 'gzip') gzip(s, b);
  else if (type === 'tar') tar(s, b);
  else if (type === 'rar') rar(s, b);
  else if (type === 'cab') cab(s, b);
  else if (type === '7z') sevenZip(s, b);
  else s.report.find('archive-unlisted', 'low', `${type} archive: recognised but not opened; its members are not scanned.`, type);
  // Archives we cannot open plus a password in the body: the evasion is the signal even unverified.
  if ((type === 'rar' || type === '7z') && (s.report.flags.has('encrypted-archive') || type === '7z')) {
    const pw = findPasswordsInText(s.budget.bodyText);
    if (pw.length > 0) {
      s.report.find('archive-password-in-body', 'high', 'The mail body gives the password of an archive scanners cannot open: a classic way to get malware past gateways.',
        `candidate password(s): ${shorten(pw.join(', '), 80)} (not verified)`);
    }
  }
}

function gzip(s: Scan, b: Uint8Array): void {
  const flags = b[3] ?? 0;
  let name = (s.filename ?? 'data.gz').replace(/^.*[\\/]/, '').replace(/\.(gz|tgz)$/i, (m) => (m.toLowerCase() === '.tgz' ? '.tar' : ''));
  if (flags & 0x08) {
    let p = 10;
    if (flags & 0x04) p += 2 + (u16(b, 10) ?? 0);
    const end = b.indexOf(0, p);
    if (end > p && end - p < 1024) name = latin1(b, p, end);
  }
  const allowance = s.budget.inflateAllowance();
  // ISIZE (uncompressed length mod 2^32) lets us refuse a bomb before inflating, as with zip headers.
  const isize = u32(b, b.length - 4) ?? 0;
  if (isize > BOMB_MIN_BYTES && isize / Math.max(1, b.length) > s.budget.limits.maxCompressionRatio) {
    s.report.find('zip-bomb', 'high', `gzip stream declares ${isize} bytes (${Math.round(isize / b.length)}:1): refused as a decompression bomb.`, name);
    s.addMember({ path: name, size: isize, data: null });
    return;
  }
  let out: Buffer;
  try {
    out = zlib.gunzipSync(b, { maxOutputLength: Math.max(1, allowance + 1), finishFlush: zlib.constants.Z_SYNC_FLUSH });
  } catch (err) {
    if (err instanceof RangeError || (err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
      const ratio = allowance / Math.max(1, b.length);
      if (ratio > s.budget.limits.maxCompressionRatio && allowance > BOMB_MIN_BYTES) {
        s.report.find('zip-bomb', 'high', `gzip stream expands beyond ${allowance} bytes (over ${Math.round(ratio)}:1): refused as a decompression bomb.`, name);
      } else s.report.find('archive-limit', 'low', 'gzip member larger than the analysis budget; not analysed.', name);
      s.addMember({ path: name, size: -1, data: null });
      return;
    }
    s.report.parseError('bad-gzip', 'gzip stream could not be inflated.');
    return;
  }
  if (out.length > BOMB_MIN_BYTES && out.length / Math.max(1, b.length) > s.budget.limits.maxCompressionRatio) {
    s.report.find('zip-bomb', 'high', `gzip stream expands ${Math.round(out.length / b.length)}:1: refused as a decompression bomb.`, name);
    s.addMember({ path: name, size: out.length, data: null });
    return;
  }
  s.budget.chargeInflate(out.length);
  s.addMember({ path: name, size: out.length, data: new Uint8Array(out.buffer, out.byteOffset, out.length) });
}

function tar(s: Scan, b: Uint8Array): void {
  let p = 0;
  while (p + 512 <= b.length) {
    if (b[p] === 0) break;
    const name = latin1(b, p, p + 100).split('\u0000')[0] ?? '';
    const prefix = latin1(b, p + 345, p + 500).split('\u0000')[0] ?? '';
    const size = parseInt(latin1(b, p + 124, p + 136).replace(/[^0-7]/g, '') || '0', 8);
    const kind = String.fromCharCode(b[p + 156] ?? 48);
    const dataStart = p + 512;
    if (!Number.isFinite(size) || size < 0) {
      s.report.parseError('bad-tar-header', 'tar header with an unreadable size.');
      break;
    }
    if (kind === '0' || kind === '\u0000' || kind === '7') {
      if (!s.canAddMember()) {
        s.report.find('archive-limit', 'low', 'Member limit reached inside the tar archive.', name);
        break;
      }
      const path = prefix !== '' ? `${prefix}/${name}` : name;
      const data = size <= s.budget.limits.maxMemberBytes ? b.subarray(dataStart, Math.min(b.length, dataStart + size)) : null;
      s.addMember({ path, size, data });
    }
    p = dataStart + Math.ceil(size / 512) * 512;
  }
}

/** RAR variable-length integer (RAR 5). */
function vint(b: Uint8Array, p: number): { v: number; next: number } | null {
  let v = 0;
  let mul = 1;
  for (let i = 0; i < 10 && p + i < b.length; i++) {
    const c = b[p + i] ?? 0;
    v += (c & 0x7f) * mul;
    mul *= 128;
    if ((c & 0x80) === 0) return { v, next: p + i + 1 };
  }
  return null;
}

function rar(s: Scan, b: Uint8Array): void {
  const r = s.report;
  const entries: { name: string; size: number; encrypted: boolean }[] = [];
  let headersEncrypted = false;
  if (b[6] === 0x01 && b[7] === 0x00) {
    // RAR 5: CRC32, size vint, type vint, flags vint, [extra size], [data size], type-specific fields.
    let p = 8;
    for (let n = 0; n < s.budget.limits.maxMembers && p < b.length; n++) {
      const size = vint(b, p + 4);
      if (size === null) break;
      const start = size.next;
      const headerEnd = start + size.v;
      const type = vint(b, start);
      const hflags = type === null ? null : vint(b, type.next);
      if (type === null || hflags === null) break;
      let q = hflags.next;
      let extra = 0;
      let dataSize = 0;
      if (hflags.v & 1) { const e = vint(b, q); if (e === null) break; extra = e.v; q = e.next; }
      if (hflags.v & 2) { const d = vint(b, q); if (d === null) break; dataSize = d.v; q = d.next; }
      if (type.v === 4) { headersEncrypted = true; break; }
      if (type.v === 2) {
        const fflags = vint(b, q);
        const unp = fflags === null ? null : vint(b, fflags.next);
        const attrs = unp === null ? null : vint(b, unp.next);
        if (fflags === null || unp === null || attrs === null) break;
        q = attrs.next + ((fflags.v & 2) ? 4 : 0) + ((fflags.v & 4) ? 4 : 0);
        const comp = vint(b, q);
        const os = comp === null ? null : vint(b, comp.next);
        const nlen = os === null ? null : vint(b, os.next);
        if (nlen === null) break;
        const name = utf8(b, nlen.next, nlen.next + nlen.v);
        const extraArea = b.subarray(headerEnd - extra, headerEnd);
        const ev = vint(extraArea, 0);
        const et = ev === null ? null : vint(extraArea, ev.next);
        entries.push({ name, size: unp.v, encrypted: extra > 0 && et?.v === 1 });
      }
      p = headerEnd + dataSize;
    }
  } else {
    // RAR 4: fixed 7-byte block headers; file blocks are type 0x74.
    let p = 7;
    for (let n = 0; n < s.budget.limits.maxMembers && p + 7 <= b.length; n++) {
      const type = b[p + 2] ?? 0;
      const flags = u16(b, p + 3) ?? 0;
      const hsize = u16(b, p + 5) ?? 0;
      if (hsize < 7) break;
      if (type === 0x73 && (flags & 0x80) !== 0) { headersEncrypted = true; break; }
      let add = 0;
      if (type === 0x74) {
        add = u32(b, p + 7) ?? 0;
        const unp = u32(b, p + 11) ?? 0;
        const nameSize = u16(b, p + 26) ?? 0;
        const nameOff = p + 32 + ((flags & 0x100) ? 8 : 0);
        const raw = latin1(b, nameOff, nameOff + nameSize);
        entries.push({ name: raw.split('\u0000')[0] ?? raw, size: unp, encrypted: (flags & 0x04) !== 0 });
      } else if (flags & 0x8000) add = u32(b, p + 7) ?? 0;
      p += hsize + add;
    }
  }
  if (headersEncrypted) {
    r.find('encrypted-archive', 'medium', 'RAR archive with encrypted headers: even the file names are hidden.', 'RAR header encryption');
  }
  const enc = entries.filter((e) => e.encrypted);
  if (enc.length > 0) r.find('encrypted-archive', 'medium', `${enc.length} RAR members are encrypted.`, shorten(enc.map((e) => e.name).join(', ')));
  r.find('archive-unlisted', 'low', 'RAR archive: members listed by name but not extracted (no decompressor).', shorten(entries.map((e) => e.name).join(', ') || 'no names readable'));
  for (const e of entries) {
    if (!s.canAddMember()) break;
    s.addMember({ path: e.name, size: e.size, data: null, encrypted: e.encrypted });
  }
}

function cab(s: Scan, b: Uint8Array): void {
  const count = u16(b, 28) ?? 0;
  let p = u32(b, 16) ?? 0;
  const names: string[] = [];
  for (let i = 0; i < count && p + 16 < b.length && s.canAddMember(); i++) {
    const size = u32(b, p) ?? 0;
    const end = b.indexOf(0, p + 16);
    if (end < 0 || end - p > 1040) break;
    const name = latin1(b, p + 16, end);
    names.push(name);
    s.addMember({ path: name, size, data: null });
    p = end + 1;
  }
  s.report.find('archive-unlisted', 'low', 'Cabinet archive: members listed by name but not extracted.', shorten(names.join(', ') || 'no names readable'));
}

const AES_CODER = Buffer.from([0x06, 0xf1, 0x07, 0x01]);

/**
 * 7z: not opened (LZMA is not in our toolbox), but the end header says whether AES is used: its coder id
 * 06F10701 appears in the (plain or encoded) header. Encrypted headers hide even the names.
 */
function sevenZip(s: Scan, b: Uint8Array): void {
  const off = 32 + (u32(b, 12) ?? 0) + (u32(b, 16) ?? 0) * 0x100000000;
  const len = u32(b, 20) ?? 0;
  const header = off < b.length ? Buffer.from(b.buffer, b.byteOffset + off, Math.min(len, b.length - off, 1 << 20)) : Buffer.alloc(0);
  if (header.includes(AES_CODER)) {
    s.report.find('encrypted-archive', 'medium', `7z archive encrypted with AES${header[0] === 0x17 ? ' (header encrypted too: names hidden)' : ''}.`, '7z AES coder 06F10701');
  }
  s.report.find('archive-unlisted', 'low', '7z archive: recognised but not opened; its members are not scanned.', '7z');
}
