/**
 * A tiny MIME writer: leaf parts (text, HTML, calendar, attachments) and multiparts, serialised with CRLF line
 * endings and boundaries drawn from the scenario's seeded stream so the bytes are reproducible.
 */
import type { Rng } from '../rng.js';
import { encodeBase64Lines, encodeQuotedPrintable, filenameParam, foldHeader } from './encode.js';

const CRLF = '\r\n';

export type TransferEncoding = '7bit' | 'quoted-printable' | 'base64';

export interface LeafPart {
  readonly kind: 'leaf';
  readonly contentType: string;
  /** Extra Content-Type parameters, already formatted (`method=REQUEST`). */
  readonly params?: readonly string[];
  readonly data: Buffer;
  readonly encoding: TransferEncoding;
  readonly filename?: string;
  readonly disposition?: 'attachment' | 'inline';
  readonly contentId?: string;
}

export interface Multipart {
  readonly kind: 'multipart';
  readonly subtype: 'alternative' | 'mixed' | 'related';
  readonly parts: readonly MimePart[];
}

export type MimePart = LeafPart | Multipart;

export function textPart(text: string, encoding?: TransferEncoding): LeafPart {
  return { kind: 'leaf', contentType: 'text/plain', params: ['charset="UTF-8"'], data: Buffer.from(text, 'utf8'), encoding: encoding ?? pickTextEncoding(text) };
}

export function htmlPart(html: string, encoding?: TransferEncoding): LeafPart {
  return { kind: 'leaf', contentType: 'text/html', params: ['charset="UTF-8"'], data: Buffer.from(html, 'utf8'), encoding: encoding ?? 'quoted-printable' };
}

export function calendarPart(ics: string): LeafPart {
  return { kind: 'leaf', contentType: 'text/calendar', params: ['charset="UTF-8"', 'method=REQUEST'], data: Buffer.from(ics, 'utf8'), encoding: 'base64' };
}

export function attachmentPart(filename: string, contentType: string, data: Buffer): LeafPart {
  return { kind: 'leaf', contentType, data, encoding: 'base64', filename, disposition: 'attachment' };
}

export function alternative(text: string, html: string, textEncoding?: TransferEncoding): Multipart {
  return { kind: 'multipart', subtype: 'alternative', parts: [textPart(text, textEncoding), htmlPart(html)] };
}

export function mixed(parts: readonly MimePart[]): Multipart {
  return { kind: 'multipart', subtype: 'mixed', parts };
}

/** ASCII text with short lines can go as 7bit; anything else as quoted-printable. */
function pickTextEncoding(text: string): TransferEncoding {
  const asciiShort = /^[\x20-\x7e\n\t]*$/.test(text) && text.split('\n').every((l) => l.length <= 76 && !/[ \t]$/.test(l));
  return asciiShort ? '7bit' : 'quoted-printable';
}

function encodeBody(part: LeafPart): string {
  switch (part.encoding) {
    case 'base64':
      return encodeBase64Lines(part.data);
    case 'quoted-printable':
      return encodeQuotedPrintable(part.data.toString('utf8'));
    case '7bit':
      return part.data.toString('utf8').replace(/\r?\n/g, CRLF);
  }
}

export type Header = readonly [string, string];

/** The Content-* headers of a part. Exported so the message writer can put them in the top-level header. */
export function partHeaders(part: MimePart, boundary: string | undefined): Header[] {
  if (part.kind === 'multipart') {
    return [['Content-Type', `multipart/${part.subtype}; boundary="${boundary ?? ''}"`]];
  }
  const ct = [part.contentType, ...(part.params ?? [])];
  if (part.filename !== undefined) ct.push(filenameParam('name', part.filename));
  const headers: Header[] = [['Content-Type', ct.join('; ')]];
  if (part.disposition !== undefined) {
    headers.push(['Content-Disposition', part.filename === undefined ? part.disposition : `${part.disposition}; ${filenameParam('filename', part.filename)}`]);
  }
  headers.push(['Content-Transfer-Encoding', part.encoding]);
  if (part.contentId !== undefined) headers.push(['Content-ID', `<${part.contentId}>`]);
  return headers;
}

export interface BoundaryStyle {
  /** e.g. Gmail's `000000000000` + hex, Outlook's `_000_…_`, Thunderbird's `------------` + alnum. */
  make(rng: Rng, depth: number): string;
}

export const boundaryStyles: readonly BoundaryStyle[] = [
  { make: (rng) => `000000000000${rng.hex(16)}` },
  { make: (rng, d) => `_00${d}_${rng.chars(24, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')}_` },
  { make: (rng) => `------------${rng.chars(24)}` },
  { make: (rng, d) => `----=_Part_${rng.int(100000, 999999)}_${rng.int(10000000, 99999999)}.${d}${rng.int(1000000000, 1999999999)}` },
];

export function renderHeaders(headers: readonly Header[]): string {
  return headers.map(([n, v]) => foldHeader(n, v)).join(CRLF) + CRLF;
}

/** Serialises a part's body (for a multipart: its children between boundaries). */
export function renderBody(part: MimePart, boundary: string | undefined, rng: Rng, style: BoundaryStyle, depth = 0): string {
  if (part.kind === 'leaf') return encodeBody(part) + CRLF;
  const b = boundary ?? style.make(rng, depth);
  let out = depth === 0 ? 'This is a multi-part message in MIME format.' + CRLF + CRLF : '';
  for (const child of part.parts) {
    const childBoundary = child.kind === 'multipart' ? style.make(rng, depth + 1) : undefined;
    out += `--${b}${CRLF}`;
    out += renderHeaders(partHeaders(child, childBoundary)) + CRLF;
    out += renderBody(child, childBoundary, rng, style, depth + 1);
  }
  out += `--${b}--${CRLF}`;
  return out;
}
