/**
 * The readable text of a message for its body fingerprint, without a full MIME parse: walk the multipart tree by
 * boundaries, skip attachments (never decoded), decode only the first text/plain part (else text/html). A full
 * parse decodes every attachment and costs ~1 ms a message, a tenth of an incremental update's budget.
 * Bounded: depth, parts and decoded bytes are capped; anything malformed gives less text, never an error.
 */
const MAX_DEPTH = 8;
const MAX_PARTS = 100;
const MAX_DECODED = 256 * 1024;
/** Bytes of a multipart body searched for boundaries: a lure's text sits near the top; attachments follow. */
const MAX_SCAN = 8 * 1024 * 1024;

interface Part { headers: Map<string, string>; body: Buffer }

function splitPart(buf: Buffer): Part {
  const head = buf.subarray(0, Math.min(buf.length, 64 * 1024)).toString('latin1');
  const m = /\r?\n\r?\n/.exec(head);
  const end = m === null ? head.length : m.index;
  const headers = new Map<string, string>();
  for (const line of head.slice(0, end).replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const c = line.indexOf(':');
    if (c > 0) {
      const k = line.slice(0, c).trim().toLowerCase();
      if (!headers.has(k)) headers.set(k, line.slice(c + 1).trim());
    }
  }
  return { headers, body: buf.subarray(m === null ? buf.length : end + m[0].length) };
}

function param(value: string, name: string): string | null {
  const m = new RegExp(`;\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, 'i').exec(value);
  return m === null ? null : (m[1] ?? m[2] ?? null);
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

function decodeQp(s: string): Buffer {
  const t = s.replace(/=\r?\n/g, '');
  const out = Buffer.allocUnsafe(Math.min(t.length, MAX_DECODED));
  let n = 0;
  for (let i = 0; i < t.length && n < out.length; i++) {
    const ch = t.charCodeAt(i);
    const hi = ch === 61 ? hexValue(t.charCodeAt(i + 1)) : -1;
    const lo = hi >= 0 ? hexValue(t.charCodeAt(i + 2)) : -1;
    if (lo >= 0) {
      out[n++] = hi * 16 + lo;
      i += 2;
    } else out[n++] = ch & 0xff;
  }
  return out.subarray(0, n);
}

function charsetDecode(bytes: Buffer, charset: string | null): string {
  try {
    return new TextDecoder((charset ?? 'utf-8').toLowerCase(), { fatal: false }).decode(bytes);
  } catch {
    return bytes.toString('utf8');
  }
}

function decodeBody(p: Part): string {
  const cte = (p.headers.get('content-transfer-encoding') ?? '').toLowerCase();
  const raw = p.body.subarray(0, MAX_DECODED * 2);
  const bytes = cte === 'base64' ? Buffer.from(raw.toString('latin1').replace(/[^A-Za-z0-9+/=]/g, ''), 'base64')
    : cte === 'quoted-printable' ? decodeQp(raw.toString('latin1')) : raw;
  return charsetDecode(bytes.subarray(0, MAX_DECODED), param(p.headers.get('content-type') ?? '', 'charset'));
}

function htmlText(html: string): string {
  return html.replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, ' ').replace(/<[^>]{0,2000}>/g, ' ')
    .replace(/&nbsp;/gi, ' ').replace(/&amp;/gi, '&').replace(/&lt;/gi, '<').replace(/&gt;/gi, '>').replace(/&quot;/gi, '"').replace(/&#39;/g, "'");
}

/** Leaf text parts in document order (attachments skipped), bounded. */
function leaves(p: Part, depth: number, out: { type: string; part: Part }[]): void {
  if (out.length >= MAX_PARTS || depth > MAX_DEPTH) return;
  const ct = (p.headers.get('content-type') ?? 'text/plain').toLowerCase();
  const disposition = (p.headers.get('content-disposition') ?? '').toLowerCase();
  if (ct.startsWith('multipart/')) {
    const boundary = param(p.headers.get('content-type') ?? '', 'boundary');
    if (boundary === null) return;
    const text = p.body.subarray(0, MAX_SCAN).toString('latin1');
    const delim = `--${boundary}`;
    let pos = text.indexOf(delim);
    while (pos >= 0 && out.length < MAX_PARTS) {
      const start = text.indexOf('\n', pos);
      if (start < 0 || text.startsWith(`${delim}--`, pos)) break;
      const next = text.indexOf(`\n${delim}`, start);
      const stop = next < 0 ? text.length : next;
      leaves(splitPart(p.body.subarray(start + 1, stop)), depth + 1, out);
      pos = next < 0 ? -1 : next + 1;
    }
    return;
  }
  if (disposition.startsWith('attachment')) return;
  if (ct.startsWith('text/plain') || ct.startsWith('text/html')) out.push({ type: ct.startsWith('text/html') ? 'html' : 'plain', part: p });
}

/** The message's readable text (first plain part, else the first HTML part as text), or '' when there is none. */
export function bodyText(raw: Uint8Array): string {
  const found: { type: string; part: Part }[] = [];
  leaves(splitPart(Buffer.from(raw.buffer, raw.byteOffset, raw.length)), 0, found);
  const plain = found.find((f) => f.type === 'plain');
  if (plain !== undefined) return decodeBody(plain.part);
  const html = found.find((f) => f.type === 'html');
  return html === undefined ? '' : htmlText(decodeBody(html.part));
}

/** RFC 2047 encoded words (B and Q) in a header value, decoded; display names of recipients use them. */
export function decodeWords(value: string): string {
  return value.replace(/=\?([^?]+)\?([bqBQ])\?([^?]*)\?=\s*(?==\?)|=\?([^?]+)\?([bqBQ])\?([^?]*)\?=/g, (_m, c1?: string, e1?: string, t1?: string, c2?: string, e2?: string, t2?: string) => {
    const charset = c1 ?? c2 ?? 'utf-8';
    const enc = (e1 ?? e2 ?? 'b').toLowerCase();
    const text = t1 ?? t2 ?? '';
    const bytes = enc === 'b' ? Buffer.from(text, 'base64') : decodeQp(text.replace(/_/g, ' '));
    return charsetDecode(bytes, charset.replace(/\*.*$/, ''));
  });
}
