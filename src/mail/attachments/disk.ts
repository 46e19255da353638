import { asciiAt, latin1, shorten, startsWith, u16, u32 } from './bytes.js';
import { fatVolumeOffset, listFat } from './fat.js';
import { parseLnk } from './lnk.js';
import { listUdf } from './udf.js';
import type { Scan } from './scan.js';

/**
 * Disk images (ISO 9660/UDF, IMG, VHD/VHDX): mailed since Office blocked internet macros, because files inside
 * a mounted image lose the Mark-of-the-Web. ISO 9660 (and Joliet) and FAT (raw .img, fixed VHD with an MBR)
 * directories are listed and their files analysed; UDF-only images by a descriptor scan (udf.ts); VHDX,
 * NTFS and unreadable images by carving known headers on sector boundaries.
 */

interface IsoDir {
  extent: number;
  size: number;
  path: string;
}

function isoRoot(b: Uint8Array): { root: IsoDir; blockSize: number; joliet: boolean } | null {
  let primary: { root: IsoDir; blockSize: number; joliet: boolean } | null = null;
  for (let sector = 16; sector < 32; sector++) {
    const off = sector * 2048;
    if (!asciiAt(b, off + 1, 'CD001')) break;
    const type = b[off] ?? 255;
    if (type === 255) break;
    const blockSize = u16(b, off + 128) ?? 2048;
    const rootRec = off + 156;
    const root: IsoDir = { extent: u32(b, rootRec + 2) ?? 0, size: u32(b, rootRec + 10) ?? 0, path: '' };
    if (type === 1 && primary === null) primary = { root, blockSize, joliet: false };
    const esc = latin1(b, off + 88, off + 91);
    if (type === 2 && /^%\/[@CE]$/.test(esc)) return { root, blockSize, joliet: true };
  }
  return primary;
}

export function listIso(b: Uint8Array, maxEntries: number): { files: { path: string; start: number; size: number }[]; error: string | null } {
  const files: { path: string; start: number; size: number }[] = [];
  const r = isoRoot(b);
  if (r === null) return { files, error: 'no-volume-descriptor' };
  const { blockSize, joliet } = r;
  if (blockSize !== 2048 && blockSize !== 512 && blockSize !== 1024 && blockSize !== 4096) return { files, error: 'bad-block-size' };
  const queue: IsoDir[] = [r.root];
  const seen = new Set<number>();
  let records = 0;
  let error: string | null = null;
  while (queue.length > 0) {
    const dir = queue.shift() as IsoDir;
    if (seen.has(dir.extent)) {
      error = 'iso-directory-cycle';
      continue;
    }
    seen.add(dir.extent);
    const start = dir.extent * blockSize;
    const end = Math.min(b.length, start + dir.size);
    if (start >= b.length) {
      error = 'truncated';
      continue;
    }
    let p = start;
    while (p < end) {
      if (++records > maxEntries) return { files, error: 'iso-entry-limit' };
      const len = b[p] ?? 0;
      if (len === 0) {
        p = (Math.floor((p - start) / blockSize) + 1) * blockSize + start; // records never straddle blocks
        continue;
      }
      if (len < 34 || p + len > end) {
        error = 'bad-directory-record';
        break;
      }
      const nameLen = b[p + 32] ?? 0;
      const rawName = b.subarray(p + 33, p + 33 + nameLen);
      const isSelfOrParent = nameLen === 1 && ((rawName[0] ?? 0) <= 1);
      if (!isSelfOrParent) {
        const name = (joliet ? Buffer.from(rawName).swap16().toString('utf16le') : latin1(rawName)).replace(/;\d+$/, '').replace(/\.$/, '');
        const extent = u32(b, p + 2) ?? 0;
        const size = u32(b, p + 10) ?? 0;
        const path = dir.path === '' ? name : `${dir.path}/${name}`;
        if (((b[p + 25] ?? 0) & 2) !== 0) queue.push({ extent, size, path });
        else files.push({ path, start: extent * blockSize, size });
      }
      p += len;
    }
  }
  return { files, error };
}

export function analyzeDiskImage(s: Scan, b: Uint8Array, type: string): void {
  const r = s.report;
  const names: Record<string, string> = { iso: 'ISO 9660', udf: 'UDF', img: 'raw disk (FAT/NTFS)', vhd: 'VHD', vhdx: 'VHDX' };
  r.find('disk-image', 'medium', `${names[type] ?? type} disk image: mounting it strips Mark-of-the-Web from the files inside.`, type);
  let listed: { files: { path: string; data: Uint8Array | null; size: number }[]; error: string | null };
  if (type === 'iso') {
    const iso = listIso(b, s.budget.limits.maxIsoEntries);
    listed = { files: iso.files.map((f) => ({ path: f.path, size: f.size, data: f.size > s.budget.limits.maxMemberBytes ? null : b.subarray(f.start, Math.min(b.length, f.start + f.size)) })), error: iso.error };
  } else if ((type === 'img' || type === 'vhd') && fatVolumeOffset(b) !== null) {
    listed = listFat(b, fatVolumeOffset(b) ?? 0, s.budget.limits.maxIsoEntries, s.budget.limits.maxMemberBytes, s.budget.limits.maxTotalInflatedBytes);
  } else if (type === 'udf') {
    listed = listUdf(b, s.budget.limits.maxIsoEntries, s.budget.limits.maxMemberBytes, s.budget.limits.maxTotalInflatedBytes);
    if (listed.files.length === 0) {
      carve(s, b);
      return;
    }
  } else {
    carve(s, b);
    return;
  }
  const { files, error } = listed;
  if (error !== null) r.parseError(error, `ISO directory partly unreadable (${error}).`);
  for (const f of files) {
    if (!s.canAddMember()) {
      r.find('archive-limit', 'low', 'Member limit reached inside the disk image.', `${files.length} files`);
      break;
    }
    if (f.data !== null && f.data.length < f.size) r.parseError('truncated', `File "${shorten(f.path, 60)}" extends past the end of the image.`);
    s.addMember({ path: f.path, size: f.size, data: f.data });
  }
}

const CARVE_MAX = 32;
const CARVE_WINDOW = 4 * 1024 * 1024;
const LNK_MAGIC = [0x4c, 0, 0, 0, 0x01, 0x14, 0x02, 0, 0, 0, 0, 0, 0xc0, 0, 0, 0, 0, 0, 0, 0x46];

function carvedKind(b: Uint8Array, off: number): string | null {
  if (startsWith(b, LNK_MAGIC, off)) return 'lnk';
  if (b[off] === 0x4d && b[off + 1] === 0x5a) {
    const pe = u32(b, off + 0x3c) ?? 0;
    if (pe > 0 && pe < 1024 && asciiAt(b, off + pe, 'PE\u0000\u0000')) return 'pe';
  }
  if (startsWith(b, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], off)) return 'cfb';
  if (asciiAt(b, off, '%PDF-')) return 'pdf';
  if (asciiAt(b, off, 'PK\u0003\u0004')) return 'zip';
  if (asciiAt(b, off, 'ITSF')) return 'chm';
  return null;
}

/**
 * UDF-only ISOs (Windows oscdimg -u2), VHDX and NTFS images are not walked; their files still start on sector
 * boundaries, so known headers found there are carved and analysed (each window capped, trailing bytes are
 * tolerated by every reader here).
 */
function carve(s: Scan, b: Uint8Array): void {
  let found = 0;
  for (let off = 512; off + 64 <= b.length && found < CARVE_MAX; off += 512) {
    const kind = carvedKind(b, off);
    if (kind === null || !s.canAddMember()) continue;
    found += 1;
    let window = b.subarray(off, Math.min(b.length, off + Math.min(CARVE_WINDOW, s.budget.limits.maxMemberBytes)));
    // Trim to the file's own length where the format says it, so member hashes match the real file.
    const exact = kind === 'lnk' ? parseLnk(window)?.end : kind === 'pe' ? peLength(window) : undefined;
    if (exact !== undefined && exact > 0) window = window.subarray(0, exact);
    s.addMember({ path: `carved@${off}.${kind === 'pe' ? 'exe' : kind}`, size: window.length, data: window });
  }
  if (found > 0) s.report.find('disk-image-carved', 'info', `${found} file(s) carved from the image by their headers (directory not parsed).`, `${found} carved`);
}

/** End of the last section's raw data: the length of a PE file without overlay. */
function peLength(b: Uint8Array): number | undefined {
  const pe = u32(b, 0x3c) ?? 0;
  const sections = u16(b, pe + 6) ?? 0;
  const optSize = u16(b, pe + 20) ?? 0;
  let end = 0;
  for (let i = 0; i < Math.min(sections, 96); i++) {
    const sh = pe + 24 + optSize + i * 40;
    end = Math.max(end, (u32(b, sh + 20) ?? 0) + (u32(b, sh + 16) ?? 0));
  }
  return end > 0 && end <= b.length ? end : undefined;
}
