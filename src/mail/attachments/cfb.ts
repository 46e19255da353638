import { u16, u32, utf16le } from './bytes.js';

/**
 * Compound File Binary (MS-CFB) reader for .doc/.xls/.ppt/.msi/.hwp. Every chain walk is bounded by the file's
 * real sector count and stamped per walk, so FAT cycles, sector indexes past the end and lying sizes end in a
 * named error instead of a hang or a huge allocation.
 */

export interface CfbEntry {
  id: number;
  name: string;
  /** Slash-joined path from the root, e.g. `Macros/VBA/dir` (names keep their control-character prefixes). */
  path: string;
  type: 'storage' | 'stream' | 'root';
  size: number;
  clsid: string;
  start: number;
}

export interface CfbLimits {
  maxCfbSectors: number;
  maxCfbChain: number;
  maxCfbDirEntries: number;
  maxStreamBytes: number;
}

export class CfbError extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

export const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] as const;
const ENDOFCHAIN = 0xfffffffe;
const FREESECT = 0xffffffff;
const NOSTREAM = 0xffffffff;
const HEADER_DIFAT = 109;

function clsidString(b: Uint8Array, off: number): string {
  const h = (i: number): string => (b[off + i] ?? 0).toString(16).padStart(2, '0');
  return `${h(3)}${h(2)}${h(1)}${h(0)}-${h(5)}${h(4)}-${h(7)}${h(6)}-${h(8)}${h(9)}-${h(10)}${h(11)}${h(12)}${h(13)}${h(14)}${h(15)}`.toUpperCase();
}

export class Cfb {
  readonly entries: CfbEntry[] = [];
  rootClsid = '';
  /** Non-fatal problems met while reading (unreachable entries, broken streams). */
  readonly warnings: string[] = [];
  private readonly sectorSize: number;
  private readonly miniCutoff: number;
  private readonly sectorCount: number;
  private fat: Uint32Array = new Uint32Array(0);
  private miniFat: Uint32Array = new Uint32Array(0);
  private miniStream: Uint8Array = new Uint8Array(0);
  private readonly stamp: Int32Array;
  private walkId = 0;

  constructor(private readonly b: Uint8Array, private readonly limits: CfbLimits) {
    if (b.length < 512) throw new CfbError('truncated-ole-header');
    for (let i = 0; i < 8; i++) if (b[i] !== CFB_MAGIC[i]) throw new CfbError('not-cfb');
    const shift = u16(b, 30) ?? 0;
    if (shift !== 9 && shift !== 12) throw new CfbError('cfb-bad-sector-size');
    this.sectorSize = 1 << shift;
    if ((u16(b, 32) ?? 0) !== 6) throw new CfbError('cfb-bad-mini-sector-size');
    this.miniCutoff = u32(b, 56) ?? 4096;
    this.sectorCount = Math.floor((b.length - this.sectorSize + this.sectorSize - 1) / this.sectorSize);
    if (b.length < this.sectorSize) throw new CfbError('truncated-ole-header');
    if (this.sectorCount > limits.maxCfbSectors) throw new CfbError('cfb-too-many-sectors');
    this.stamp = new Int32Array(Math.max(1, this.sectorCount));
    this.readFat();
    this.readDirectory();
    this.readMini();
  }

  private sector(n: number): Uint8Array {
    if (n >= this.sectorCount) throw new CfbError('cfb-sector-out-of-range');
    const off = (n + 1) * this.sectorSize;
    return this.b.subarray(off, Math.min(this.b.length, off + this.sectorSize));
  }

  private readFat(): void {
    const b = this.b;
    const fatSectors: number[] = [];
    const numFat = u32(b, 44) ?? 0;
    if (numFat > this.sectorCount) throw new CfbError('cfb-fat-count-overflow');
    for (let i = 0; i < HEADER_DIFAT && fatSectors.length < numFat; i++) {
      const s = u32(b, 76 + i * 4) ?? FREESECT;
      if (s === FREESECT || s === ENDOFCHAIN) break;
      fatSectors.push(s);
    }
    let difat = u32(b, 68) ?? ENDOFCHAIN;
    const per = this.sectorSize / 4 - 1;
    const seen = new Set<number>();
    while (difat !== ENDOFCHAIN && difat !== FREESECT && fatSectors.length < numFat) {
      if (seen.has(difat)) throw new CfbError('cfb-difat-cycle');
      if (seen.size > this.limits.maxCfbChain) throw new CfbError('cfb-chain-too-long');
      seen.add(difat);
      const sec = this.sector(difat);
      for (let i = 0; i < per && fatSectors.length < numFat; i++) {
        const s = u32(sec, i * 4) ?? FREESECT;
        if (s !== FREESECT) fatSectors.push(s);
      }
      difat = u32(sec, per * 4) ?? ENDOFCHAIN;
    }
    const perSector = this.sectorSize / 4;
    const fat = new Uint32Array(fatSectors.length * perSector).fill(FREESECT);
    fatSectors.forEach((s, i) => {
      const sec = this.sector(s);
      for (let j = 0; j < perSector; j++) fat[i * perSector + j] = u32(sec, j * 4) ?? FREESECT;
    });
    this.fat = fat;
  }

  /** Sector numbers of a chain; throws on a cycle, a dangling index or a chain longer than allowed. */
  private chain(start: number, table: Uint32Array, count: number, maxSteps: number): number[] {
    const out: number[] = [];
    this.walkId += 1;
    const stamp = table === this.fat ? this.stamp : new Int32Array(Math.max(1, count));
    let s = start;
    while (s !== ENDOFCHAIN) {
      if (s === FREESECT) break; // tolerated: some writers end chains with FREESECT
      if (s >= count || s >= table.length) throw new CfbError('cfb-sector-out-of-range');
      if (stamp[s] === this.walkId) throw new CfbError('cfb-fat-cycle');
      if (out.length >= maxSteps) throw new CfbError('cfb-chain-too-long');
      stamp[s] = this.walkId;
      out.push(s);
      s = table[s] ?? ENDOFCHAIN;
    }
    return out;
  }

  private readChain(start: number, maxBytes: number): Uint8Array {
    const maxSteps = Math.min(this.limits.maxCfbChain, Math.ceil(maxBytes / this.sectorSize) + 1);
    const secs = this.chain(start, this.fat, this.sectorCount, maxSteps);
    const out = new Uint8Array(Math.min(secs.length * this.sectorSize, maxBytes));
    let p = 0;
    for (const s of secs) {
      if (p >= out.length) break;
      const d = this.sector(s).subarray(0, out.length - p);
      out.set(d, p);
      p += d.length;
    }
    return p === out.length ? out : out.subarray(0, p);
  }

  private readDirectory(): void {
    const start = u32(this.b, 48) ?? ENDOFCHAIN;
    const dir = this.readChain(start, this.limits.maxCfbDirEntries * 128);
    const n = Math.floor(dir.length / 128);
    const raw: { name: string; type: number; left: number; right: number; child: number; clsid: string; start: number; size: number }[] = [];
    for (let i = 0; i < n; i++) {
      const o = i * 128;
      const nameLen = Math.min(64, u16(dir, o + 64) ?? 0);
      raw.push({
        name: utf16le(dir, o, o + Math.max(0, nameLen - 2)),
        type: dir[o + 66] ?? 0,
        left: u32(dir, o + 68) ?? NOSTREAM,
        right: u32(dir, o + 72) ?? NOSTREAM,
        child: u32(dir, o + 76) ?? NOSTREAM,
        clsid: clsidString(dir, o + 80),
        start: u32(dir, o + 116) ?? ENDOFCHAIN,
        // Version 3 files may carry garbage in the high half of the size: ignore it, as the spec says.
        size: (u16(this.b, 26) ?? 3) === 3 ? (u32(dir, o + 120) ?? 0) : (u32(dir, o + 120) ?? 0) + (u32(dir, o + 124) ?? 0) * 0x100000000,
      });
    }
    const root = raw[0];
    if (root?.type !== 5) throw new CfbError('cfb-no-root');
    this.rootClsid = root.clsid;
    this.entries.push({ id: 0, name: root.name, path: '', type: 'root', size: root.size, clsid: root.clsid, start: root.start });
    const visited = new Uint8Array(raw.length);
    visited[0] = 1;
    // Iterative walk of the red-black sibling trees; `visited` makes a cyclic tree terminate.
    const stack: { id: number; parent: string }[] = [{ id: root.child, parent: '' }];
    while (stack.length > 0) {
      const { id, parent } = stack.pop() as { id: number; parent: string };
      if (id === NOSTREAM || id >= raw.length) continue;
      if (visited[id] === 1) {
        this.warnings.push('cfb-directory-cycle');
        continue;
      }
      visited[id] = 1;
      const e = raw[id];
      if (e === undefined) continue;
      stack.push({ id: e.left, parent }, { id: e.right, parent });
      if (e.type !== 1 && e.type !== 2) continue;
      const path = parent === '' ? e.name : `${parent}/${e.name}`;
      this.entries.push({ id, name: e.name, path, type: e.type === 1 ? 'storage' : 'stream', size: e.size, clsid: e.clsid, start: e.start });
      if (e.type === 1) stack.push({ id: e.child, parent: path });
    }
  }

  private readMini(): void {
    const root = this.entries[0];
    if (root === undefined || root.size === 0) return;
    const miniFatStart = u32(this.b, 60) ?? ENDOFCHAIN;
    const numMiniFat = u32(this.b, 64) ?? 0;
    if (numMiniFat > this.sectorCount) throw new CfbError('cfb-minifat-count-overflow');
    try {
      const mf = this.readChain(miniFatStart, numMiniFat * this.sectorSize);
      this.miniFat = new Uint32Array(Math.floor(mf.length / 4));
      for (let i = 0; i < this.miniFat.length; i++) this.miniFat[i] = u32(mf, i * 4) ?? FREESECT;
      this.miniStream = this.readChain(root.start, Math.min(root.size, this.limits.maxStreamBytes));
    } catch (err) {
      if (!(err instanceof CfbError)) throw err;
      this.warnings.push(err.reason);
    }
  }

  /** The stream's bytes, at most `maxStreamBytes`; throws CfbError on a broken chain. */
  read(entry: CfbEntry): Uint8Array {
    if (entry.type !== 'stream') return new Uint8Array(0);
    const size = Math.min(entry.size, this.limits.maxStreamBytes);
    if (entry.size < this.miniCutoff) {
      const count = Math.floor(this.miniStream.length / 64);
      const secs = this.chain(entry.start, this.miniFat, count, Math.ceil(size / 64) + 1);
      const out = new Uint8Array(Math.min(secs.length * 64, size));
      let p = 0;
      for (const s of secs) {
        if (p >= out.length) break;
        const d = this.miniStream.subarray(s * 64, s * 64 + Math.min(64, out.length - p));
        out.set(d, p);
        p += d.length;
      }
      return out.subarray(0, p);
    }
    return this.readChain(entry.start, size);
  }

  find(path: string): CfbEntry | undefined {
    const lower = path.toLowerCase();
    return this.entries.find((e) => e.path.toLowerCase() === lower);
  }
}

export type CfbResult = { ok: true; cfb: Cfb } | { ok: false; reason: string };

export function readCfb(b: Uint8Array, limits: CfbLimits): CfbResult {
  try {
    return { ok: true, cfb: new Cfb(b, limits) };
  } catch (err) {
    if (err instanceof CfbError) return { ok: false, reason: err.reason };
    return { ok: false, reason: 'cfb-unreadable' };
  }
}
