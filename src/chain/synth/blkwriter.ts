import fs from 'node:fs';
import path from 'node:path';
import { xorInPlace } from '../ingest/blkfile.js';

export interface BlkWriterOptions {
  magic: number;
  /** Start a new blkNNNNN.dat when the current one would pass this size (Core: 128 MiB). */
  maxFileBytes?: number;
  /** Obfuscate with this 8-byte key and write it to xor.dat, as Core ≥ 28 does. */
  xorKey?: Buffer;
}

/** Appends blocks to Bitcoin Core-style blk files in a directory. */
export class BlkWriter {
  private fd: number | null = null;
  private fileIndex = -1;
  private fileBytes = 0;
  readonly files: string[] = [];
  bytes = 0;

  constructor(readonly dir: string, private readonly opts: BlkWriterOptions) {
    fs.mkdirSync(dir, { recursive: true });
    if (opts.xorKey !== undefined) fs.writeFileSync(path.join(dir, 'xor.dat'), opts.xorKey);
  }

  private open(): void {
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fileIndex++;
    const file = path.join(this.dir, `blk${String(this.fileIndex).padStart(5, '0')}.dat`);
    this.fd = fs.openSync(file, 'w');
    this.fileBytes = 0;
    this.files.push(file);
  }

  write(block: Buffer): void {
    const max = this.opts.maxFileBytes ?? 128 * 1024 * 1024;
    if (this.fd === null || (this.fileBytes > 0 && this.fileBytes + block.length + 8 > max)) this.open();
    const rec = Buffer.allocUnsafe(8 + block.length);
    rec.writeUInt32LE(this.opts.magic >>> 0, 0);
    rec.writeUInt32LE(block.length, 4);
    block.copy(rec, 8);
    xorInPlace(rec, this.opts.xorKey ?? null, this.fileBytes);
    fs.writeSync(this.fd as number, rec);
    this.fileBytes += rec.length;
    this.bytes += rec.length;
  }

  close(): void {
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fd = null;
  }
}
