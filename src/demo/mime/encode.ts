/**
 * Header and body encodings for the demo's MIME writer: RFC 2047 encoded-words, RFC 2231 parameters, RFC 5322
 * folding, quoted-printable (RFC 2045 §6.7) and base64 wrapped at 76 characters.
 */

const CRLF = '\r\n';

export function isPlainAscii(text: string): boolean {
  return /^[\x20-\x7e\t]*$/.test(text);
}

/**
 * RFC 2047 "B" encoded-words for a UTF-8 string. Each word stays ≤ 75 characters (§2) and never splits a
 * multi-byte character (§5 rule 3), so words are cut on code-point boundaries. Words are joined by a space,
 * which decoders drop between adjacent encoded-words (§6.2).
 */
export function encodeWords(text: string): string {
  if (isPlainAscii(text)) return text;
  // "=?UTF-8?B?" + "?=" is 12 characters; 63 base64 characters carry 45 bytes at most (75 - 12 = 63).
  const maxBytes = 45;
  const words: string[] = [];
  let chunk = '';
  for (const ch of text) {
    if (Buffer.byteLength(chunk + ch, 'utf8') > maxBytes) {
      words.push(chunk);
      chunk = '';
    }
    chunk += ch;
  }
  if (chunk !== '') words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w, 'utf8').toString('base64')}?=`).join(' ');
}

/** A display name as RFC 5322 needs it: bare atoms, a quoted string, or encoded-words for non-ASCII. */
export function formatDisplayName(name: string): string {
  if (!isPlainAscii(name)) return encodeWords(name);
  if (/^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~ ]+$/.test(name)) return name;
  return `"${name.replace(/(["\\])/g, '\\$1')}"`;
}

export interface Mailbox {
  readonly name?: string;
  readonly address: string;
}

export function formatMailbox(m: Mailbox): string {
  return m.name === undefined || m.name === '' ? `<${m.address}>` : `${formatDisplayName(m.name)} <${m.address}>`;
}

export function formatMailboxList(list: readonly Mailbox[]): string {
  return list.map(formatMailbox).join(', ');
}

/**
 * Folds a header line at whitespace so no line exceeds 78 characters where a fold point exists (RFC 5322
 * §2.2.3). Continuation lines start with the whitespace that was folded at; an unbreakable token stays long.
 */
export function foldHeader(name: string, value: string, limit = 78): string {
  const tokens = value.split(/(?=[ \t])/);
  const lines: string[] = [];
  let line = `${name}:`;
  let first = true;
  for (const token of tokens) {
    const piece = first && !token.startsWith(' ') && !token.startsWith('\t') ? ` ${token}` : token;
    first = false;
    if (line.length + piece.length > limit && line.trim().length > name.length + 1) {
      lines.push(line);
      line = piece.startsWith(' ') || piece.startsWith('\t') ? piece : ` ${piece}`;
    } else {
      line += piece;
    }
  }
  lines.push(line);
  return lines.join(CRLF);
}

/** Quoted-printable with CRLF hard breaks and soft breaks keeping lines ≤ 76 characters. */
export function encodeQuotedPrintable(text: string): string {
  const out: string[] = [];
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  for (const lineText of lines) {
    const bytes = Buffer.from(lineText, 'utf8');
    let line = '';
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i] ?? 0;
      const isLast = i === bytes.length - 1;
      let enc: string;
      if ((b === 0x20 || b === 0x09) && !isLast) enc = String.fromCharCode(b);
      else if (b >= 33 && b <= 126 && b !== 61) enc = String.fromCharCode(b);
      else enc = `=${b.toString(16).toUpperCase().padStart(2, '0')}`;
      if (line.length + enc.length > 75) {
        out.push(`${line}=`);
        line = '';
      }
      line += enc;
    }
    out.push(line);
  }
  return out.join(CRLF);
}

export function encodeBase64Lines(data: Uint8Array, width = 76): string {
  const b64 = Buffer.from(data).toString('base64');
  const lines: string[] = [];
  for (let i = 0; i < b64.length; i += width) lines.push(b64.slice(i, i + width));
  return lines.join(CRLF);
}

/**
 * A filename parameter that every client understands: plain when ASCII, otherwise RFC 2231 `filename*` with
 * percent-encoded UTF-8 (what Outlook and Gmail send for Hangul names).
 */
export function filenameParam(param: 'filename' | 'name', filename: string): string {
  if (isPlainAscii(filename)) return `${param}="${filename.replace(/(["\\])/g, '\\$1')}"`;
  const pct = Array.from(Buffer.from(filename, 'utf8'))
    .map((b) => (/[A-Za-z0-9._-]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`))
    .join('');
  return `${param}*=UTF-8''${pct}`;
}
