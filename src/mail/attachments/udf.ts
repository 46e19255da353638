import { u16, u32, u64 } from './bytes.js';

/**
 * UDF (ECMA-167) files found by descriptor scan rather than by walking the volume: every File Entry (tag 261)
 * and Extended File Entry (266) is indexed by its own tag location, and every File Identifier Descriptor
 * (257) names one of them. This works the same for UDF 1.02–2.01 and for 2.50+ metadata partitions (whose
 * directory blocks we would otherwise have to map through the metadata file). File data comes from the
 * entries' allocation descriptors relative to the physical partition, or embedded in the entry itself.
 */

export interface UdfFile {
  path: string;
  size: number;
  data: Uint8Array | null;
}

const SECTOR = 2048;

/** Descriptor tag at `off` with a valid checksum (byte 4 = sum of the other 15 header bytes). */
function tagAt(b: Uint8Array, off: number): number | null {
  if (off + 16 > b.length) return null;
  let sum = 0;
  for (let i = 0; i < 16; i++) if (i !== 4) sum += b[off + i] ?? 0;
  if ((sum & 0xff) !== b[off + 4]) return null;
  const id = u16(b, off) ?? 0;
  const version = u16(b, off + 2) ?? 0;
  return version === 2 || version === 3 ? id : null;
}

interface Entry {
  size: number;
  extents: { lbn: number; length: number }[];
  embedded: Uint8Array | null;
  directory: boolean;
}

function readEntry(b: Uint8Array, off: number, id: number): Entry {
  const ext = id === 266;
  const fileType = b[off + 27] ?? 0;
  const adType = (u16(b, off + 34) ?? 0) & 7;
  const size = u64(b, off + 56) ?? 0;
  const lEA = u32(b, off + (ext ? 208 : 168)) ?? 0;
  const lAD = u32(b, off + (ext ? 212 : 172)) ?? 0;
  const adStart = off + (ext ? 216 : 176) + lEA;
  const entry: Entry = { size: Number.isFinite(size) ? size : -1, extents: [], embedded: null, directory: fileType === 4 };
  if (adType === 3) {
    entry.embedded = b.subarray(adStart, Math.min(b.length, adStart + lAD, off + SECTOR));
    return entry;
  }
  const step = adType === 0 ? 8 : adType === 1 ? 16 : 0;
  for (let p = adStart; step > 0 && p + step <= Math.min(b.length, adStart + lAD) && entry.extents.length < 64; p += step) {
    const length = (u32(b, p) ?? 0) & 0x3fffffff;
    if (length === 0) break;
    entry.extents.push({ lbn: u32(b, p + 4) ?? 0, length });
  }
  return entry;
}

function dstring(b: Uint8Array): string {
  if (b.length === 0) return '';
  if (b[0] === 16) return Buffer.from(b.subarray(1, b.length - ((b.length - 1) % 2))).swap16().toString('utf16le');
  return Buffer.from(b.subarray(1)).toString('latin1');
}

export function listUdf(b: Uint8Array, maxEntries: number, maxFileBytes: number, maxTotalBytes: number): { files: UdfFile[]; error: string | null } {
  const sectors = Math.floor(b.length / SECTOR);
  let partitionStart: number | null = null;
  const entries = new Map<number, Entry>();
  const names: { name: string; lbn: number }[] = [];
  for (let s = 16; s < sectors; s++) {
    const off = s * SECTOR;
    const id = tagAt(b, off);
    if (id === null) continue;
    if (id === 5 && partitionStart === null) partitionStart = u32(b, off + 188) ?? 0;
    else if ((id === 261 || id === 266) && entries.size < maxEntries) entries.set(u32(b, off + 12) ?? 0, readEntry(b, off, id));
    else if (id === 257) {
      // File Identifier Descriptors are packed back to back from the start of a directory block.
      for (let p = off; p + 38 <= b.length && tagAt(b, p) === 257 && names.length < maxEntries;) {
        const chars = b[p + 18] ?? 0;
        const lFI = b[p + 19] ?? 0;
        const lIU = u16(b, p + 36) ?? 0;
        if ((chars & 0x0a) === 0 && lFI > 0) names.push({ name: dstring(b.subarray(p + 38 + lIU, p + 38 + lIU + lFI)), lbn: u32(b, p + 24) ?? 0 });
        p += (38 + lIU + lFI + 3) & ~3;
      }
    }
  }
  if (partitionStart === null) return { files: [], error: 'udf-no-partition' };
  const files: UdfFile[] = [];
  let copied = 0;
  for (const { name, lbn } of names) {
    const e = entries.get(lbn);
    if (e === undefined || e.directory) continue;
    let data: Uint8Array | null = null;
    if (e.embedded !== null) data = e.embedded.subarray(0, Math.max(0, Math.min(e.embedded.length, e.size)));
    else if (e.size >= 0 && e.size <= maxFileBytes && copied + e.size <= maxTotalBytes) {
      const parts: Uint8Array[] = [];
      let total = 0;
      for (const x of e.extents) {
        const start = (partitionStart + x.lbn) * SECTOR;
        if (start >= b.length) break;
        const part = b.subarray(start, Math.min(b.length, start + x.length, start + (e.size - total)));
        parts.push(part);
        total += part.length;
        if (total >= e.size) break;
      }
      data = parts.length === 1 ? (parts[0] ?? null) : new Uint8Array(Buffer.concat(parts));
      copied += data?.length ?? 0;
    }
    files.push({ path: name, size: e.size, data });
  }
  return { files, error: null };
}
