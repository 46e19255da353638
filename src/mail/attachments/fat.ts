import { latin1, u16, u32, utf16le } from './bytes.js';

/**
 * FAT12/16/32 reader for .img lures (and fixed VHDs, whose first partition is often FAT): walks directories
 * and cluster chains with visited sets and count bounds, so looping FATs and lying sizes end quietly.
 */

export interface FatFile {
  path: string;
  size: number;
  data: Uint8Array | null;
}

interface Volume {
  b: Uint8Array;
  base: number;
  bps: number;
  clusterBytes: number;
  fatStart: number;
  dataStart: number;
  kind: 12 | 16 | 32;
  clusters: number;
}

function nextCluster(v: Volume, c: number): number {
  const fat = v.base + v.fatStart;
  if (v.kind === 16) return u16(v.b, fat + c * 2) ?? 0xffff;
  if (v.kind === 32) return (u32(v.b, fat + c * 4) ?? 0x0fffffff) & 0x0fffffff;
  const off = fat + Math.floor(c * 1.5);
  const w = u16(v.b, off) ?? 0xfff;
  return c % 2 === 0 ? w & 0xfff : w >> 4;
}

function isEnd(v: Volume, c: number): boolean {
  return c < 2 || c >= v.clusters + 2 || (v.kind === 12 ? c >= 0xff8 : v.kind === 16 ? c >= 0xfff8 : c >= 0x0ffffff8);
}

function readChain(v: Volume, first: number, maxBytes: number): Uint8Array {
  const parts: Uint8Array[] = [];
  const seen = new Set<number>();
  let total = 0;
  for (let c = first; !isEnd(v, c) && !seen.has(c) && total < maxBytes; c = nextCluster(v, c)) {
    seen.add(c);
    const off = v.base + v.dataStart + (c - 2) * v.clusterBytes;
    if (off >= v.b.length) break;
    const part = v.b.subarray(off, Math.min(v.b.length, off + v.clusterBytes));
    parts.push(part);
    total += part.length;
  }
  const out = new Uint8Array(Math.min(total, maxBytes));
  let p = 0;
  for (const part of parts) {
    const n = Math.min(part.length, out.length - p);
    out.set(part.subarray(0, n), p);
    p += n;
  }
  return out;
}

export function mount(b: Uint8Array, base: number): Volume | null {
  const bps = u16(b, base + 11) ?? 0;
  const spc = b[base + 13] ?? 0;
  const reserved = u16(b, base + 14) ?? 0;
  const nfats = b[base + 16] ?? 0;
  const rootEntries = u16(b, base + 17) ?? 0;
  const total = (u16(b, base + 19) ?? 0) || (u32(b, base + 32) ?? 0);
  const fatSize = (u16(b, base + 22) ?? 0) || (u32(b, base + 36) ?? 0);
  if (![512, 1024, 2048, 4096].includes(bps) || spc === 0 || (spc & (spc - 1)) !== 0 || nfats === 0 || fatSize === 0) return null;
  const rootSectors = Math.ceil((rootEntries * 32) / bps);
  const dataSector = reserved + nfats * fatSize + rootSectors;
  const clusters = Math.floor((total - dataSector) / spc);
  if (clusters <= 0) return null;
  const kind = clusters < 4085 ? 12 : clusters < 65525 ? 16 : 32;
  return { b, base, bps, clusterBytes: bps * spc, fatStart: reserved * bps, dataStart: dataSector * bps, kind, clusters };
}

export function listFat(b: Uint8Array, base: number, maxEntries: number, maxFileBytes: number, maxTotalBytes = Number.POSITIVE_INFINITY): { files: FatFile[]; error: string | null } {
  const v = mount(b, base);
  if (v === null) return { files: [], error: 'bad-fat-boot-sector' };
  const files: FatFile[] = [];
  let entries = 0;
  let copied = 0;
  const rootOffset = v.base + v.fatStart + (b[base + 16] ?? 0) * ((u16(b, base + 22) ?? 0) || (u32(b, base + 36) ?? 0)) * v.bps;
  const rootBytes = v.kind === 32 ? readChain(v, u32(b, base + 44) ?? 2, 4 * 1024 * 1024) : b.subarray(rootOffset, Math.min(b.length, rootOffset + (u16(b, base + 17) ?? 0) * 32));
  const queue: { dir: Uint8Array; path: string; depth: number }[] = [{ dir: rootBytes, path: '', depth: 0 }];
  const seenDirs = new Set<number>();
  while (queue.length > 0) {
    const { dir, path, depth } = queue.shift() as { dir: Uint8Array; path: string; depth: number };
    let lfn: string[] = [];
    for (let p = 0; p + 32 <= dir.length; p += 32) {
      if (++entries > maxEntries) return { files, error: 'fat-entry-limit' };
      const first = dir[p] ?? 0;
      if (first === 0) break;
      const attr = dir[p + 11] ?? 0;
      if (first === 0xe5) {
        lfn = [];
        continue;
      }
      if (attr === 0x0f) {
        lfn.unshift(utf16le(dir, p + 1, p + 11) + utf16le(dir, p + 14, p + 26) + utf16le(dir, p + 28, p + 32));
        continue;
      }
      const short = `${latin1(dir, p, p + 8).trimEnd()}${latin1(dir, p + 8, p + 11).trim() !== '' ? `.${latin1(dir, p + 8, p + 11).trim()}` : ''}`;
      const long = lfn.join('').split('\u0000')[0] ?? '';
      lfn = [];
      if ((attr & 0x08) !== 0 || short === '.' || short === '..') continue;
      const name = long !== '' ? long : short;
      const cluster = ((u16(dir, p + 20) ?? 0) << 16) | (u16(dir, p + 26) ?? 0);
      const size = u32(dir, p + 28) ?? 0;
      const full = path === '' ? name : `${path}/${name}`;
      if ((attr & 0x10) !== 0) {
        if (depth < 8 && !seenDirs.has(cluster) && !isEnd(v, cluster)) {
          seenDirs.add(cluster);
          queue.push({ dir: readChain(v, cluster, 1024 * 1024), path: full, depth: depth + 1 });
        }
        continue;
      }
      // Cross-linked entries can name the same clusters many times: copies stop at the total budget.
      const data = size > maxFileBytes || copied + size > maxTotalBytes ? null : readChain(v, cluster, size);
      copied += data?.length ?? 0;
      files.push({ path: full, size, data });
    }
  }
  return { files, error: null };
}

/** Offset of the first FAT volume: the image itself, or the first MBR partition (fixed VHDs, raw disks). */
export function fatVolumeOffset(b: Uint8Array): number | null {
  if (mount(b, 0) !== null && (latin1(b, 54, 57) === 'FAT' || latin1(b, 82, 87) === 'FAT32')) return 0;
  if (b[510] !== 0x55 || b[511] !== 0xaa) return null;
  for (let i = 0; i < 4; i++) {
    const e = 446 + i * 16;
    const type = b[e + 4] ?? 0;
    const lba = u32(b, e + 8) ?? 0;
    if ([0x01, 0x04, 0x06, 0x0b, 0x0c, 0x0e].includes(type) && lba > 0 && lba * 512 < b.length && mount(b, lba * 512) !== null) return lba * 512;
  }
  return null;
}
