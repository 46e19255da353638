import { concat } from './cfb-writer.js';

/**
 * ISO 9660 image with a Joliet supplementary descriptor (so long, mixed-case names like "Invoice.pdf.lnk"
 * survive, as in real lures). Root directory only; fixed timestamps.
 */

export interface IsoFile {
  name: string;
  data: Uint8Array | string;
}

const BLOCK = 2048;

function bothEndian32(v: DataView, off: number, n: number): void {
  v.setUint32(off, n, true);
  v.setUint32(off + 4, n, false);
}

function bothEndian16(v: DataView, off: number, n: number): void {
  v.setUint16(off, n, true);
  v.setUint16(off + 2, n, false);
}

function dirRecord(name: Uint8Array, extent: number, size: number, dir: boolean): Uint8Array {
  const len = 33 + name.length + (name.length % 2 === 0 ? 1 : 0);
  const r = new Uint8Array(len);
  const v = new DataView(r.buffer);
  r[0] = len;
  bothEndian32(v, 2, extent);
  bothEndian32(v, 10, size);
  r.set([124, 3, 15, 9, 30, 0, 0], 18); // 2024-03-15 09:30:00 UTC
  r[25] = dir ? 2 : 0;
  bothEndian16(v, 28, 1);
  r[32] = name.length;
  r.set(name, 33);
  return r;
}

function isoName(name: string, i: number): string {
  const base = name.toUpperCase().replace(/[^A-Z0-9_.]/g, '_');
  const dot = base.lastIndexOf('.');
  const stem = (dot > 0 ? base.slice(0, dot) : base).replace(/\./g, '_').slice(0, 8) || `FILE${i}`;
  const ext = dot > 0 ? base.slice(dot + 1).slice(0, 3) : '';
  return `${stem}${ext !== '' ? `.${ext}` : ''};1`;
}

function dateField(): Uint8Array {
  const d = new Uint8Array(17);
  d.set(Buffer.from('2024031509300000', 'latin1'));
  return d;
}

function descriptor(type: 1 | 2, volumeId: string, totalBlocks: number, pathTableSize: number, lPath: number, mPath: number, root: Uint8Array): Uint8Array {
  const d = new Uint8Array(BLOCK);
  const v = new DataView(d.buffer);
  d[0] = type;
  d.set(Buffer.from('CD001', 'latin1'), 1);
  d[6] = 1;
  const pad = (off: number, len: number, s: string, joliet: boolean): void => {
    if (joliet) {
      const b = Buffer.from(s.slice(0, len / 2).padEnd(len / 2, ' '), 'utf16le').swap16();
      d.set(b, off);
    } else d.set(Buffer.from(s.slice(0, len).padEnd(len, ' '), 'latin1'), off);
  };
  pad(8, 32, '', type === 2);
  pad(40, 32, volumeId, type === 2);
  bothEndian32(v, 80, totalBlocks);
  if (type === 2) d.set(Buffer.from('%/E', 'latin1'), 88);
  bothEndian16(v, 120, 1);
  bothEndian16(v, 124, 1);
  bothEndian16(v, 128, BLOCK);
  bothEndian32(v, 132, pathTableSize);
  v.setUint32(140, lPath, true);
  v.setUint32(148, mPath, false);
  d.set(root, 156);
  for (const off of [190, 318, 446, 574, 702, 739, 776]) pad(off, off < 702 ? 128 : 37, '', type === 2);
  for (const off of [813, 830, 847, 864]) d.set(dateField(), off);
  d[881] = 1;
  return d;
}

function pathTable(extent: number, bigEndian: boolean): Uint8Array {
  const t = new Uint8Array(10);
  const v = new DataView(t.buffer);
  t[0] = 1;
  v.setUint32(2, extent, !bigEndian);
  v.setUint16(6, 1, !bigEndian);
  return t;
}

export function buildIso(opts: { files: readonly IsoFile[]; volumeId?: string }): Uint8Array {
  const files = opts.files.map((f, i) => ({
    iso: isoName(f.name, i),
    joliet: f.name.slice(0, 64),
    data: typeof f.data === 'string' ? new Uint8Array(Buffer.from(f.data, 'utf8')) : f.data,
  }));
  // Layout: 16 PVD, 17 Joliet SVD, 18 terminator, 19-22 path tables, 23 root (ISO), 24 root (Joliet), then data.
  const rootIso = 23;
  const rootJoliet = 24;
  let next = 25;
  const extents = files.map((f) => {
    const e = next;
    next += Math.max(1, Math.ceil(f.data.length / BLOCK));
    return e;
  });
  const total = next;
  const dirBlock = (self: number, names: Uint8Array[]): Uint8Array => {
    const recs = [dirRecord(Uint8Array.of(0), self, BLOCK, true), dirRecord(Uint8Array.of(1), self, BLOCK, true)];
    names.forEach((n, i) => recs.push(dirRecord(n, extents[i] ?? 0, files[i]?.data.length ?? 0, false)));
    const body = concat(recs);
    if (body.length > BLOCK) throw new Error('buildIso: too many files for a one-block root directory');
    const out = new Uint8Array(BLOCK);
    out.set(body);
    return out;
  };
  const isoDir = dirBlock(rootIso, files.map((f) => new Uint8Array(Buffer.from(f.iso, 'latin1'))));
  const jolietDir = dirBlock(rootJoliet, files.map((f) => new Uint8Array(Buffer.from(f.joliet, 'utf16le').swap16())));
  const volumeId = (opts.volumeId ?? 'DOCUMENTS').toUpperCase().replace(/[^A-Z0-9_]/g, '_');
  const out = new Uint8Array(total * BLOCK);
  out.set(descriptor(1, volumeId, total, 10, 19, 20, dirRecord(Uint8Array.of(0), rootIso, BLOCK, true)), 16 * BLOCK);
  out.set(descriptor(2, opts.volumeId ?? 'Documents', total, 10, 21, 22, dirRecord(Uint8Array.of(0), rootJoliet, BLOCK, true)), 17 * BLOCK);
  out.set([255, 0x43, 0x44, 0x30, 0x30, 0x31, 1], 18 * BLOCK);
  out.set(pathTable(rootIso, false), 19 * BLOCK);
  out.set(pathTable(rootIso, true), 20 * BLOCK);
  out.set(pathTable(rootJoliet, false), 21 * BLOCK);
  out.set(pathTable(rootJoliet, true), 22 * BLOCK);
  out.set(isoDir, rootIso * BLOCK);
  out.set(jolietDir, rootJoliet * BLOCK);
  files.forEach((f, i) => out.set(f.data, (extents[i] ?? 0) * BLOCK));
  return out;
}
