import { MAIL_LIMITS } from '../limits.js';

export interface RawHeader {
  /** Lower-case name. */
  key: string;
  /** Unfolded value, truncated to MAIL_LIMITS.headerLineBytes. */
  value: string;
}

/** Byte offset where the header block ends (after the blank line), or the input length when there is none. */
export function headerEnd(raw: Uint8Array): { end: number; bodyStart: number } {
  const max = Math.min(raw.length, MAIL_LIMITS.headerBytes + 4);
  for (let i = 0; i < max; i++) {
    if (raw[i] !== 0x0a) continue;
    if (raw[i + 1] === 0x0a) return { end: i + 1, bodyStart: i + 2 };
    if (raw[i + 1] === 0x0d && raw[i + 2] === 0x0a) return { end: i + 1, bodyStart: i + 3 };
  }
  return { end: Math.min(raw.length, max), bodyStart: Math.min(raw.length, max) };
}

/**
 * A tolerant header parser used when the MIME parser refuses a message (and for forensics, which needs the
 * headers in order even when the body is broken). Latin-1 decoding keeps every byte; values are capped.
 */
export function parseHeaderBlock(raw: Uint8Array): RawHeader[] {
  const { end } = headerEnd(raw);
  const text = Buffer.from(raw.buffer, raw.byteOffset, end).toString('latin1');
  const out: RawHeader[] = [];
  let cur: RawHeader | null = null;
  for (const line of text.split(/\r?\n/)) {
    if (line === '') continue;
    if ((line.startsWith(' ') || line.startsWith('\t')) && cur !== null) {
      if (cur.value.length < MAIL_LIMITS.headerLineBytes) cur.value = (cur.value + ' ' + line.trim()).slice(0, MAIL_LIMITS.headerLineBytes);
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    cur = { key: line.slice(0, colon).trim().toLowerCase(), value: line.slice(colon + 1).trim().slice(0, MAIL_LIMITS.headerLineBytes) };
    out.push(cur);
  }
  return out;
}
