import { CHAIN_LIMITS } from '../limits.js';

/**
 * Bitcoin Core's block files: records of magic (4 bytes), length (uint32 LE), serialized block. Core
 * preallocates files in 16 MiB chunks, so a run of zero bytes after the last record is the normal end of a file,
 * not corruption. Since Core 28 every byte may be XORed with the 8-byte key in `xor.dat`, indexed by the byte's
 * position in the file (key[pos % 8]).
 */

export interface BlkRecord {
  /** Offset of the record's magic in the file. */
  offset: number;
  /** Offset of the block bytes. */
  blockOffset: number;
  length: number;
  magic: number;
}

export interface BlkProblem {
  offset: number;
  reason: string;
}

/** Undo (or apply: XOR is its own inverse) the obfuscation of `buf`, which starts at `fileOffset` in its file. */
export function xorInPlace(buf: Buffer, key: Buffer | null, fileOffset: number): void {
  if (key === null || key.length === 0 || key.every((b) => b === 0)) return;
  const k = key.length;
  for (let i = 0; i < buf.length; i++) buf[i] = (buf[i] ?? 0) ^ (key[(fileOffset + i) % k] ?? 0);
}

/**
 * Scan the framing of a (de-obfuscated) block file. Stops at the zero padding, and at the first broken record:
 * the records before it are returned with the problem, so the caller keeps everything before the damage.
 */
export function scanBlkRecords(buf: Buffer, magics: ReadonlySet<number>): { records: BlkRecord[]; problem: BlkProblem | null } {
  const records: BlkRecord[] = [];
  let p = 0;
  while (p < buf.length) {
    if (buf.length - p < 8) {
      if (buf.subarray(p).every((b) => b === 0)) break;
      return { records, problem: { offset: p, reason: `truncated record header (${buf.length - p} bytes)` } };
    }
    const magic = buf.readUInt32LE(p);
    if (magic === 0) {
      if (buf.subarray(p).every((b) => b === 0)) break;
      return { records, problem: { offset: p, reason: 'zero magic followed by data' } };
    }
    if (!magics.has(magic)) {
      return { records, problem: { offset: p, reason: `unexpected magic ${buf.subarray(p, p + 4).toString('hex')}` } };
    }
    const length = buf.readUInt32LE(p + 4);
    if (length < 81 || length > CHAIN_LIMITS.maxBlockBytes) {
      return { records, problem: { offset: p, reason: `record length ${length} outside 81..${CHAIN_LIMITS.maxBlockBytes}` } };
    }
    if (p + 8 + length > buf.length) {
      return { records, problem: { offset: p, reason: `truncated block: record says ${length} bytes, ${buf.length - p - 8} present` } };
    }
    records.push({ offset: p, blockOffset: p + 8, length, magic });
    p += 8 + length;
  }
  return { records, problem: null };
}

export function magicBytes(magic: number): string {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(magic >>> 0, 0);
  return b.toString('hex');
}

export function frameBlock(magic: number, block: Buffer): Buffer {
  const h = Buffer.alloc(8);
  h.writeUInt32LE(magic >>> 0, 0);
  h.writeUInt32LE(block.length, 4);
  return Buffer.concat([h, block]);
}
