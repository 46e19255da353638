import { concat } from './cfb-writer.js';

/** FAT12 disk image (.img) with long file names, as mailed by loaders since ISO lures became well known. */

export interface ImgFile {
  name: string;
  data: Uint8Array | string;
}

const BPS = 512;

function shortName(name: string, i: number): Buffer {
  const dot = name.lastIndexOf('.');
  const stem = (dot > 0 ? name.slice(0, dot) : name).toUpperCase().replace(/[^A-Z0-9]/g, '').slice(0, 6) || 'FILE';
  const ext = (dot > 0 ? name.slice(dot + 1) : '').toUpperCase().replace(/[^A-Z0-9]/g, '').slice(0, 3);
  return Buffer.from(`${`${stem}~${i + 1}`.padEnd(8, ' ')}${ext.padEnd(3, ' ')}`, 'latin1');
}

function lfnEntries(name: string, short: Buffer): Buffer[] {
  let sum = 0;
  for (const c of short) sum = (((sum & 1) << 7) + (sum >> 1) + c) & 0xff;
  const units = [...Buffer.from(name, 'utf16le')];
  const chars: number[] = [];
  for (let i = 0; i < units.length; i += 2) chars.push((units[i] ?? 0) | ((units[i + 1] ?? 0) << 8));
  chars.push(0);
  while (chars.length % 13 !== 0) chars.push(0xffff);
  const count = chars.length / 13;
  const out: Buffer[] = [];
  for (let n = count; n >= 1; n--) {
    const e = Buffer.alloc(32);
    e[0] = n | (n === count ? 0x40 : 0);
    e[11] = 0x0f;
    e[13] = sum;
    const part = chars.slice((n - 1) * 13, n * 13);
    const put = (off: number, from: number, len: number): void => {
      for (let k = 0; k < len; k++) e.writeUInt16LE(part[from + k] ?? 0xffff, off + k * 2);
    };
    put(1, 0, 5);
    put(14, 5, 6);
    put(28, 11, 2);
    out.push(e);
  }
  return out;
}

export function buildImg(opts: { files: readonly ImgFile[]; label?: string }): Uint8Array {
  const files = opts.files.map((f) => ({ name: f.name, data: typeof f.data === 'string' ? new Uint8Array(Buffer.from(f.data, 'utf8')) : f.data }));
  const rootEntries = 64;
  const rootSectors = (rootEntries * 32) / BPS;
  const dataClusters = files.reduce((a, f) => a + Math.max(1, Math.ceil(f.data.length / BPS)), 0) + 8;
  if (dataClusters >= 4085) throw new Error('buildImg: too much data for a FAT12 image');
  const fatSectors = Math.ceil(((dataClusters + 2) * 1.5) / BPS);
  const total = 1 + 2 * fatSectors + rootSectors + dataClusters;
  const img = new Uint8Array(total * BPS);
  const boot = Buffer.from(img.buffer, 0, BPS);
  boot.set([0xeb, 0x3c, 0x90], 0);
  boot.write('MSDOS5.0', 3, 'latin1');
  boot.writeUInt16LE(BPS, 11);
  boot[13] = 1;
  boot.writeUInt16LE(1, 14);
  boot[16] = 2;
  boot.writeUInt16LE(rootEntries, 17);
  boot.writeUInt16LE(total, 19);
  boot[21] = 0xf8;
  boot.writeUInt16LE(fatSectors, 22);
  boot.writeUInt16LE(32, 24);
  boot.writeUInt16LE(2, 26);
  boot[36] = 0x80;
  boot[38] = 0x29;
  boot.writeUInt32LE(0x20240315, 39);
  boot.write((opts.label ?? 'DOCUMENTS').toUpperCase().slice(0, 11).padEnd(11, ' '), 43, 'latin1');
  boot.write('FAT12   ', 54, 'latin1');
  boot[510] = 0x55;
  boot[511] = 0xaa;
  const fat: number[] = [0xff8, 0xfff];
  const dir: Buffer[] = [];
  let cluster = 2;
  files.forEach((f, i) => {
    const n = Math.max(1, Math.ceil(f.data.length / BPS));
    const first = f.data.length === 0 ? 0 : cluster;
    if (f.data.length > 0) {
      for (let k = 0; k < n; k++) fat[cluster + k] = k === n - 1 ? 0xfff : cluster + k + 1;
      img.set(f.data, (1 + 2 * fatSectors + rootSectors + (cluster - 2)) * BPS);
      cluster += n;
    }
    const short = shortName(f.name, i);
    dir.push(...lfnEntries(f.name, short));
    const e = Buffer.alloc(32);
    short.copy(e, 0);
    e[11] = 0x20;
    e.writeUInt16LE((9 << 11) | (30 << 5), 22);
    e.writeUInt16LE(((2024 - 1980) << 9) | (3 << 5) | 15, 24);
    e.writeUInt16LE(first, 26);
    e.writeUInt32LE(f.data.length, 28);
    dir.push(e);
  });
  const root = concat(dir);
  if (root.length > rootEntries * 32) throw new Error('buildImg: too many files for the root directory');
  img.set(root, (1 + 2 * fatSectors) * BPS);
  const fatBytes = new Uint8Array(fatSectors * BPS);
  for (let c = 0; c < fat.length; c++) {
    const v = fat[c] ?? 0;
    const off = Math.floor(c * 1.5);
    if (c % 2 === 0) {
      fatBytes[off] = v & 0xff;
      fatBytes[off + 1] = ((fatBytes[off + 1] ?? 0) & 0xf0) | ((v >> 8) & 0x0f);
    } else {
      fatBytes[off] = ((fatBytes[off] ?? 0) & 0x0f) | ((v & 0x0f) << 4);
      fatBytes[off + 1] = (v >> 4) & 0xff;
    }
  }
  img.set(fatBytes, BPS);
  img.set(fatBytes, BPS + fatSectors * BPS);
  return img;
}
