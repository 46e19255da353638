import zlib from 'node:zlib';
import { zlibSync } from 'fflate';
import { concat } from './cfb-writer.js';

/** Benign attachments for the demo's ordinary mail: a PNG and a calendar invitation. */

function chunk(type: string, data: Uint8Array): Uint8Array {
  const t = new Uint8Array(Buffer.from(type, 'latin1'));
  const head = new Uint8Array(4);
  new DataView(head.buffer).setUint32(0, data.length, false);
  const crc = new Uint8Array(4);
  new DataView(crc.buffer).setUint32(0, zlib.crc32(concat([t, data])) >>> 0, false);
  return concat([head, t, data, crc]);
}

export function buildPng(opts: { width?: number; height?: number; rgb?: readonly [number, number, number] } = {}): Uint8Array {
  const w = opts.width ?? 64;
  const h = opts.height ?? 32;
  const [r, g, b] = opts.rgb ?? [0x1f, 0x6f, 0xeb];
  const ihdr = new Uint8Array(13);
  const v = new DataView(ihdr.buffer);
  v.setUint32(0, w, false);
  v.setUint32(4, h, false);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const raw = new Uint8Array(h * (1 + w * 3));
  for (let y = 0; y < h; y++) {
    const row = y * (1 + w * 3);
    for (let x = 0; x < w; x++) {
      const shade = (x + y) % 16 === 0 ? 40 : 0;
      raw.set([Math.min(255, r + shade), Math.min(255, g + shade), Math.min(255, b + shade)], row + 1 + x * 3);
    }
  }
  return concat([Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a), chunk('IHDR', ihdr), chunk('IDAT', zlibSync(raw, { level: 9 })), chunk('IEND', new Uint8Array(0))]);
}

function icsDate(d: Date | string): string {
  const date = typeof d === 'string' ? new Date(d) : d;
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

function fold(line: string): string {
  const out: string[] = [];
  let rest = line;
  while (Buffer.byteLength(rest, 'utf8') > 75) {
    let n = 75;
    while (Buffer.byteLength(rest.slice(0, n), 'utf8') > 75) n--;
    out.push(rest.slice(0, n));
    rest = ` ${rest.slice(n)}`;
  }
  out.push(rest);
  return out.join('\r\n');
}

function icsText(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

export function buildIcs(opts: { summary: string; start: Date | string; end: Date | string; organizer: string; attendees?: readonly string[]; location?: string; uid?: string }): Uint8Array {
  const lines = [
    'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//spearwatch demo//calendar//EN', 'METHOD:REQUEST', 'BEGIN:VEVENT',
    `UID:${opts.uid ?? `${icsDate(opts.start)}-${opts.organizer}`}`, `DTSTAMP:${icsDate(opts.start)}`,
    `DTSTART:${icsDate(opts.start)}`, `DTEND:${icsDate(opts.end)}`, `SUMMARY:${icsText(opts.summary)}`,
    `ORGANIZER;CN=${icsText(opts.organizer)}:mailto:${opts.organizer}`,
    ...(opts.attendees ?? []).map((a) => `ATTENDEE;ROLE=REQ-PARTICIPANT;RSVP=TRUE:mailto:${a}`),
    ...(opts.location !== undefined ? [`LOCATION:${icsText(opts.location)}`] : []),
    'END:VEVENT', 'END:VCALENDAR',
  ];
  return new Uint8Array(Buffer.from(`${lines.map(fold).join('\r\n')}\r\n`, 'utf8'));
}
