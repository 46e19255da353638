import fs from 'node:fs';
import path from 'node:path';
import { SpearwatchError } from '../../core/index.js';
import { xorInPlace } from './blkfile.js';

/** One file of blocks: Core's framed blk*.dat, or a single raw block (`--raw`). */
export interface BlockFile {
  path: string;
  kind: 'blk' | 'raw';
  /** The obfuscation key from xor.dat beside it (Core ≥ 28), or null. */
  xorKey: Buffer | null;
}

function xorKeyFor(dir: string): Buffer | null {
  const f = path.join(dir, 'xor.dat');
  if (!fs.existsSync(f)) return null;
  const key = fs.readFileSync(f);
  if (key.length !== 8) throw new SpearwatchError('SW_INPUT_INVALID', `${f}: xor.dat must hold 8 bytes, has ${key.length}`);
  return key;
}

/** Expand directories to their blk*.dat files (in file order) and attach each file's xor key. */
export function resolveBlockFiles(inputs: readonly string[], kind: 'blk' | 'raw'): BlockFile[] {
  const out: BlockFile[] = [];
  for (const input of inputs) {
    const abs = path.resolve(input);
    let st: fs.Stats;
    try {
      st = fs.statSync(abs);
    } catch (cause) {
      throw new SpearwatchError('SW_INPUT_UNREADABLE', `${input}: ${(cause as Error).message}`, { cause });
    }
    if (st.isDirectory()) {
      const key = kind === 'blk' ? xorKeyFor(abs) : null;
      const names = fs.readdirSync(abs).filter((n) => (kind === 'blk' ? /^blk\d+\.dat$/.test(n) : !n.startsWith('.'))).sort();
      if (names.length === 0) throw new SpearwatchError('SW_INPUT_UNREADABLE', `${input}: no ${kind === 'blk' ? 'blk*.dat' : 'block'} files`);
      for (const n of names) out.push({ path: path.join(abs, n), kind, xorKey: key });
    } else if (st.isFile()) {
      out.push({ path: abs, kind, xorKey: kind === 'blk' ? xorKeyFor(path.dirname(abs)) : null });
    } else {
      throw new SpearwatchError('SW_INPUT_UNREADABLE', `${input}: not a regular file or directory`);
    }
  }
  return out;
}

/** Read a whole block file, de-obfuscated. Core caps blk files at 128 MiB, so whole-file reads stay bounded. */
export function readBlockFile(f: { path: string; xorKey: Buffer | null }): Buffer {
  let buf: Buffer;
  try {
    buf = fs.readFileSync(f.path);
  } catch (cause) {
    throw new SpearwatchError('SW_INPUT_UNREADABLE', `${f.path}: ${(cause as Error).message}`, { cause });
  }
  xorInPlace(buf, f.xorKey, 0);
  return buf;
}

/** Read a block file from byte `start` to its end, de-obfuscated (the XOR key is indexed by file position). */
export function readBlockFileFrom(f: { path: string; xorKey: Buffer | null }, start: number): Buffer {
  if (start === 0) return readBlockFile(f);
  let fd: number | undefined;
  try {
    fd = fs.openSync(f.path, 'r');
    const size = fs.fstatSync(fd).size;
    const buf = Buffer.alloc(Math.max(0, size - start));
    let got = 0;
    while (got < buf.length) {
      const n = fs.readSync(fd, buf, got, buf.length - got, start + got);
      if (n === 0) break;
      got += n;
    }
    xorInPlace(buf, f.xorKey, start);
    return buf.subarray(0, got);
  } catch (cause) {
    throw new SpearwatchError('SW_INPUT_UNREADABLE', `${f.path}: ${(cause as Error).message}`, { cause });
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Keeps the last few files in memory for the connect pass, which mostly walks files in order. */
export class FileCache {
  private readonly files = new Map<string, Buffer>();

  constructor(private readonly keep = 2) {}

  get(f: { path: string; xorKey: Buffer | null }): Buffer {
    let b = this.files.get(f.path);
    if (b !== undefined) return b;
    b = readBlockFile(f);
    if (this.files.size >= this.keep) {
      const first = this.files.keys().next();
      if (first.done !== true) this.files.delete(first.value);
    }
    this.files.set(f.path, b);
    return b;
  }
}
