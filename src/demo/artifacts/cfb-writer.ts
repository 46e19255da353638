/**
 * Minimal MS-CFB writer (version 3, 512-byte sectors): enough for olefile, 7-Zip, LibreOffice and our reader.
 * Streams under 4096 bytes go to the mini stream as the spec requires. Deterministic: zero timestamps,
 * entries sorted by the CFB name order.
 */

export interface CfbInputEntry {
  /** Slash-separated path; intermediate storages are created. */
  path: string;
  data: Uint8Array;
}

const SECTOR = 512;
const MINI = 64;
const CUTOFF = 4096;
const ENDOFCHAIN = 0xfffffffe;
const FREESECT = 0xffffffff;
const FATSECT = 0xfffffffd;
const NOSTREAM = 0xffffffff;

interface Node {
  name: string;
  type: 1 | 2 | 5;
  data: Uint8Array;
  children: Node[];
  id: number;
  left: number;
  right: number;
  child: number;
  start: number;
  clsid: Uint8Array;
}

function cfbCompare(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  const ua = a.toUpperCase();
  const ub = b.toUpperCase();
  return ua < ub ? -1 : ua > ub ? 1 : 0;
}

function clsidBytes(clsid: string | undefined): Uint8Array {
  const out = new Uint8Array(16);
  if (clsid === undefined) return out;
  const h = clsid.replace(/[{}-]/g, '');
  const hex = (i: number): number => parseInt(h.slice(i * 2, i * 2 + 2), 16);
  const order = [3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15];
  order.forEach((src, dst) => { out[dst] = hex(src); });
  return out;
}

export function buildCfb(entries: CfbInputEntry[], opts: { rootClsid?: string } = {}): Uint8Array {
  const root: Node = { name: 'Root Entry', type: 5, data: new Uint8Array(0), children: [], id: 0, left: NOSTREAM, right: NOSTREAM, child: NOSTREAM, start: ENDOFCHAIN, clsid: clsidBytes(opts.rootClsid) };
  for (const e of entries) {
    const parts = e.path.split('/');
    let cur = root;
    parts.forEach((part, i) => {
      const last = i === parts.length - 1;
      let next = cur.children.find((c) => c.name === part);
      if (next === undefined) {
        next = { name: part, type: last ? 2 : 1, data: last ? e.data : new Uint8Array(0), children: [], id: 0, left: NOSTREAM, right: NOSTREAM, child: NOSTREAM, start: ENDOFCHAIN, clsid: new Uint8Array(16) };
        cur.children.push(next);
      }
      cur = next;
    });
  }
  const all: Node[] = [];
  const number = (n: Node): void => {
    n.id = all.length;
    all.push(n);
    for (const c of n.children) number(c);
  };
  number(root);
  // Each storage's children form a binary search tree in CFB order (all black: readers do not check colours).
  const link = (n: Node): void => {
    const sorted = [...n.children].sort((a, b) => cfbCompare(a.name, b.name));
    const build = (lo: number, hi: number): number => {
      if (lo > hi) return NOSTREAM;
      const mid = (lo + hi) >> 1;
      const m = sorted[mid] as Node;
      m.left = build(lo, mid - 1);
      m.right = build(mid + 1, hi);
      return m.id;
    };
    n.child = build(0, sorted.length - 1);
    for (const c of n.children) link(c);
  };
  link(root);

  // Mini stream layout.
  const streams = all.filter((n) => n.type === 2);
  const miniParts: Uint8Array[] = [];
  const miniFat: number[] = [];
  let miniSectors = 0;
  for (const s of streams) {
    if (s.data.length === 0 || s.data.length >= CUTOFF) continue;
    const count = Math.ceil(s.data.length / MINI);
    s.start = miniSectors;
    for (let i = 0; i < count; i++) miniFat.push(i === count - 1 ? ENDOFCHAIN : miniSectors + i + 1);
    const padded = new Uint8Array(count * MINI);
    padded.set(s.data);
    miniParts.push(padded);
    miniSectors += count;
  }
  const miniStream = concat(miniParts);
  const dirSectors = Math.ceil((all.length * 128) / SECTOR);
  const miniFatSectors = Math.ceil((miniFat.length * 4) / SECTOR);
  const miniStreamSectors = Math.ceil(miniStream.length / SECTOR);
  const bigSectors = streams.filter((s) => s.data.length >= CUTOFF).reduce((a, s) => a + Math.ceil(s.data.length / SECTOR), 0);
  const content = dirSectors + miniFatSectors + miniStreamSectors + bigSectors;
  let fatSectors = 1;
  while (fatSectors * (SECTOR / 4) < content + fatSectors) fatSectors++;
  if (fatSectors > 109) throw new Error('buildCfb: file too large for a DIFAT-less compound file');

  const total = fatSectors + content;
  const fat = new Array<number>(fatSectors * (SECTOR / 4)).fill(FREESECT);
  let next = 0;
  const chain = (count: number): number => {
    if (count === 0) return ENDOFCHAIN;
    const start = next;
    for (let i = 0; i < count; i++) fat[start + i] = i === count - 1 ? ENDOFCHAIN : start + i + 1;
    next += count;
    return start;
  };
  for (let i = 0; i < fatSectors; i++) fat[next++] = FATSECT;
  const dirStart = chain(dirSectors);
  const miniFatStart = chain(miniFatSectors);
  root.start = chain(miniStreamSectors);
  root.data = miniStream;
  const big: { node: Node; start: number }[] = [];
  for (const s of streams) {
    if (s.data.length >= CUTOFF) {
      s.start = chain(Math.ceil(s.data.length / SECTOR));
      big.push({ node: s, start: s.start });
    } else if (s.data.length === 0) s.start = ENDOFCHAIN;
  }

  const out = new Uint8Array(SECTOR * (1 + total));
  const dv = new DataView(out.buffer);
  out.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], 0);
  dv.setUint16(24, 0x3e, true);
  dv.setUint16(26, 3, true);
  dv.setUint16(28, 0xfffe, true);
  dv.setUint16(30, 9, true);
  dv.setUint16(32, 6, true);
  dv.setUint32(44, fatSectors, true);
  dv.setUint32(48, dirStart, true);
  dv.setUint32(56, CUTOFF, true);
  dv.setUint32(60, miniFatSectors > 0 ? miniFatStart : ENDOFCHAIN, true);
  dv.setUint32(64, miniFatSectors, true);
  dv.setUint32(68, ENDOFCHAIN, true);
  for (let i = 0; i < 109; i++) dv.setUint32(76 + i * 4, i < fatSectors ? i : FREESECT, true);
  const sectorOff = (n: number): number => (n + 1) * SECTOR;
  fat.forEach((v, i) => dv.setUint32(sectorOff(0) + i * 4, v, true));
  const dirOff = sectorOff(dirStart);
  for (let i = 0; i < dirSectors * 4; i++) {
    const o = dirOff + i * 128;
    const n = all[i];
    if (n === undefined) {
      dv.setUint32(o + 68, NOSTREAM, true);
      dv.setUint32(o + 72, NOSTREAM, true);
      dv.setUint32(o + 76, NOSTREAM, true);
      continue;
    }
    const name = Buffer.from(`${n.name}\u0000`, 'utf16le');
    if (name.length > 64) throw new Error(`buildCfb: name too long: ${n.name}`);
    out.set(name, o);
    dv.setUint16(o + 64, name.length, true);
    out[o + 66] = n.type;
    out[o + 67] = 1;
    dv.setUint32(o + 68, n.left, true);
    dv.setUint32(o + 72, n.right, true);
    dv.setUint32(o + 76, n.type === 2 ? NOSTREAM : n.child, true);
    out.set(n.clsid, o + 80);
    dv.setUint32(o + 116, n.type === 1 ? 0 : n.start, true);
    dv.setUint32(o + 120, n.type === 1 ? 0 : n.data.length, true);
  }
  miniFat.forEach((v, i) => dv.setUint32(sectorOff(miniFatStart) + i * 4, v, true));
  for (let i = miniFat.length; i < miniFatSectors * (SECTOR / 4); i++) dv.setUint32(sectorOff(miniFatStart) + i * 4, FREESECT, true);
  if (miniStream.length > 0) out.set(miniStream, sectorOff(root.start));
  for (const b of big) out.set(b.node.data, sectorOff(b.start));
  return out;
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
