import crypto from 'node:crypto';
import zlib from 'node:zlib';
import { deflateSync } from 'fflate';
import { concat } from './cfb-writer.js';

/**
 * Deterministic zip writer: fixed timestamp, fflate deflate (pure JS, identical output everywhere), optional
 * traditional PKWARE encryption whose 11 "random" header bytes are derived from the name and password.
 */

export interface ZipFileInput {
  name: string;
  data: Uint8Array | string;
  /** 0 = stored, 8 = deflate (default). */
  method?: 0 | 8;
}

export interface ZipOptions {
  encrypted?: boolean;
  /** Password for `encrypted` (default "infected", the convention for sharing malware samples). */
  password?: string;
  method?: 0 | 8;
}

// 2024-03-15 09:30:00 local time in DOS format.
export const DOS_TIME = (9 << 11) | (30 << 5);
export const DOS_DATE = ((2024 - 1980) << 9) | (3 << 5) | 15;

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

class Keys {
  private k = [0x12345678, 0x23456789, 0x34567890];
  constructor(pw: Uint8Array) {
    for (const c of pw) this.update(c);
  }
  private crc(c: number, b: number): number {
    return ((CRC_TABLE[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8)) >>> 0;
  }
  update(c: number): void {
    const [k0, k1, k2] = this.k as [number, number, number];
    const n0 = this.crc(k0, c);
    const n1 = (Math.imul((k1 + (n0 & 0xff)) >>> 0, 134775813) + 1) >>> 0;
    this.k = [n0, n1, this.crc(k2, n1 >>> 24)];
  }
  encrypt(data: Uint8Array): Uint8Array {
    const out = new Uint8Array(data.length);
    for (let i = 0; i < data.length; i++) {
      const t = ((this.k[2] ?? 0) | 2) & 0xffff;
      const ks = (Math.imul(t, t ^ 1) >>> 8) & 0xff;
      const p = data[i] ?? 0;
      out[i] = p ^ ks;
      this.update(p);
    }
    return out;
  }
}

function bytesOf(d: Uint8Array | string): Uint8Array {
  return typeof d === 'string' ? new Uint8Array(Buffer.from(d, 'utf8')) : d;
}

export function buildZip(files: readonly ZipFileInput[] | Readonly<Record<string, Uint8Array | string>>, opts: ZipOptions = {}): Uint8Array {
  const list: ZipFileInput[] = Array.isArray(files)
    ? [...(files as readonly ZipFileInput[])]
    : Object.entries(files as Record<string, Uint8Array | string>).map(([name, data]) => ({ name, data }));
  return assemble(list.map((f) => {
    const data = bytesOf(f.data);
    const method = f.method ?? opts.method ?? 8;
    return { name: f.name, method, crc: zlib.crc32(data) >>> 0, size: data.length, body: method === 8 ? deflateSync(data, { level: 9 }) : data };
  }), opts);
}

interface Prepared {
  name: string;
  method: number;
  crc: number;
  size: number;
  body: Uint8Array;
}

function assemble(list: readonly Prepared[], opts: ZipOptions): Uint8Array {
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  const password = opts.password ?? 'infected';
  for (const f of list) {
    const { method, crc } = f;
    let body = f.body;
    let flags = 0;
    const name = Buffer.from(f.name, 'utf8');
    if (/[^\x20-\x7e]/.test(f.name)) flags |= 0x800;
    if (opts.encrypted === true) {
      flags |= 1;
      const header = new Uint8Array(crypto.createHash('sha256').update(`${f.name}\u0000${password}`).digest().subarray(0, 12));
      header[11] = crc >>> 24;
      const keys = new Keys(Buffer.from(password, 'utf8'));
      body = concat([keys.encrypt(header), keys.encrypt(body)]);
    }
    const local = new Uint8Array(30 + name.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(6, flags, true);
    lv.setUint16(8, method, true);
    lv.setUint16(10, DOS_TIME, true);
    lv.setUint16(12, DOS_DATE, true);
    lv.setUint32(14, crc, true);
    lv.setUint32(18, body.length, true);
    lv.setUint32(22, f.size, true);
    lv.setUint16(26, name.length, true);
    local.set(name, 30);
    const central = new Uint8Array(46 + name.length);
    const cv = new DataView(central.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 0x031e, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(8, flags, true);
    cv.setUint16(10, method, true);
    cv.setUint16(12, DOS_TIME, true);
    cv.setUint16(14, DOS_DATE, true);
    cv.setUint32(16, crc, true);
    cv.setUint32(20, body.length, true);
    cv.setUint32(24, f.size, true);
    cv.setUint16(28, name.length, true);
    cv.setUint32(38, f.name.endsWith('/') ? 0x41ed0010 : 0x81a40000, true);
    cv.setUint32(42, offset, true);
    central.set(name, 46);
    locals.push(local, body);
    centrals.push(central);
    offset += local.length + body.length;
  }
  const cd = concat(centrals);
  const eocd = new Uint8Array(22);
  const ev = new DataView(eocd.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, list.length, true);
  ev.setUint16(10, list.length, true);
  ev.setUint32(12, cd.length, true);
  ev.setUint32(16, offset, true);
  return concat([...locals, cd, eocd]);
}

/**
 * A small archive whose members really inflate ~1000:1 (16 MiB of zeros each by default): refused by the
 * ratio limit before a byte is inflated. Deterministic; about 16 KiB per member.
 */
export function buildZipBomb(opts: { members?: number; memberBytes?: number } = {}): Uint8Array {
  const members = opts.members ?? 4;
  const size = opts.memberBytes ?? 16 * 1024 * 1024;
  const zeros = new Uint8Array(size);
  // One compressed kernel shared by every member. Native zlib here (7x faster than fflate on 16 MiB): the
  // bytes are stable for a given Node build, which is all the demo and tests need.
  const body = new Uint8Array(zlib.deflateRawSync(zeros, { level: 9 }));
  const crc = zlib.crc32(zeros) >>> 0;
  return assemble(Array.from({ length: members }, (_, i) => ({ name: `data${i + 1}.bin`, method: 8, crc, size, body })), {});
}
