/** Bounds-checked little-endian reads: every read past the end returns undefined instead of throwing. */

export function u8(b: Uint8Array, off: number): number | undefined {
  return off >= 0 && off < b.length ? b[off] : undefined;
}

export function u16(b: Uint8Array, off: number): number | undefined {
  if (off < 0 || off + 2 > b.length) return undefined;
  return (b[off] ?? 0) | ((b[off + 1] ?? 0) << 8);
}

export function u32(b: Uint8Array, off: number): number | undefined {
  if (off < 0 || off + 4 > b.length) return undefined;
  return ((b[off] ?? 0) | ((b[off + 1] ?? 0) << 8) | ((b[off + 2] ?? 0) << 16)) + (b[off + 3] ?? 0) * 0x1000000;
}

/** 64-bit little-endian as a number; values above 2^53 come back as Infinity (treated as "too large"). */
export function u64(b: Uint8Array, off: number): number | undefined {
  const lo = u32(b, off);
  const hi = u32(b, off + 4);
  if (lo === undefined || hi === undefined) return undefined;
  if (hi >= 0x200000) return Number.POSITIVE_INFINITY;
  return hi * 0x100000000 + lo;
}

export function u16be(b: Uint8Array, off: number): number | undefined {
  if (off < 0 || off + 2 > b.length) return undefined;
  return ((b[off] ?? 0) << 8) | (b[off + 1] ?? 0);
}

export function u32be(b: Uint8Array, off: number): number | undefined {
  if (off < 0 || off + 4 > b.length) return undefined;
  return (b[off] ?? 0) * 0x1000000 + (((b[off + 1] ?? 0) << 16) | ((b[off + 2] ?? 0) << 8) | (b[off + 3] ?? 0));
}

export function latin1(b: Uint8Array, start = 0, end = b.length): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1', Math.max(0, start), Math.min(b.length, end));
}

export function utf8(b: Uint8Array, start = 0, end = b.length): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('utf8', Math.max(0, start), Math.min(b.length, end));
}

export function utf16le(b: Uint8Array, start = 0, end = b.length): string {
  const s = Math.max(0, start);
  let e = Math.min(b.length, end);
  if ((e - s) % 2 === 1) e -= 1;
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('utf16le', s, e);
}

export function startsWith(b: Uint8Array, sig: readonly number[], off = 0): boolean {
  if (off + sig.length > b.length) return false;
  for (let i = 0; i < sig.length; i++) if (b[off + i] !== sig[i]) return false;
  return true;
}

export function asciiAt(b: Uint8Array, off: number, text: string): boolean {
  if (off < 0 || off + text.length > b.length) return false;
  for (let i = 0; i < text.length; i++) if (b[off + i] !== text.charCodeAt(i)) return false;
  return true;
}

/** Decodes text that may be UTF-16 (BOM) or UTF-8/latin-1, capped at `max` bytes. */
export function decodeText(b: Uint8Array, max: number): string {
  const end = Math.min(b.length, max);
  if (b[0] === 0xff && b[1] === 0xfe) return utf16le(b, 2, end);
  if (b[0] === 0xfe && b[1] === 0xff) {
    const sw = Buffer.from(b.subarray(2, end));
    if (sw.length % 2 === 1) return utf16le(sw.subarray(0, sw.length - 1).swap16());
    return utf16le(sw.swap16());
  }
  return utf8(b, b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0, end);
}

export function shorten(s: string, max = 160): string {
  const clean = s.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}
