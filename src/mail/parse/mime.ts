import PostalMime, { type Email, type Address } from 'postal-mime';
import { MAIL_LIMITS } from '../limits.js';
import { withConcatBlob } from './concat-blob.js';
import { headerEnd, parseHeaderBlock, type RawHeader } from './headers.js';

export interface ParsedAttachment {
  filename: string | null;
  declaredType: string;
  disposition: string | null;
  content: Uint8Array;
}

export interface ParsedMessage {
  headers: RawHeader[];
  from: { address: string | null; name: string | null };
  sender: string | null;
  replyTo: string[];
  to: string[];
  cc: string[];
  returnPath: string | null;
  subject: string | null;
  messageId: string | null;
  date: string | null;
  text: string;
  html: string;
  attachments: ParsedAttachment[];
  /** The From header has no address the RFC 5322 parser could read (we then salvage one from the raw text). */
  fromMalformed: boolean;
  /** Why the body could not be parsed (a limit or a parser failure), null when it parsed. */
  failure: { limit: string; detail: string } | null;
}

function flatten(list: Address[] | undefined): { address: string; name: string }[] {
  const out: { address: string; name: string }[] = [];
  for (const a of list ?? []) {
    if (a.group !== undefined) for (const m of a.group) out.push({ address: m.address, name: m.name });
    else out.push({ address: a.address, name: a.name });
  }
  return out;
}

/**
 * Cheap pre-checks that keep pathological bodies away from the MIME parser: every check is one linear pass.
 * Returns the name of the violated limit, or null.
 */
function preflight(raw: Uint8Array): { limit: string; detail: string } | null {
  if (raw.length > MAIL_LIMITS.messageBytes) return { limit: 'messageBytes', detail: `message is ${raw.length} bytes, limit ${MAIL_LIMITS.messageBytes}` };
  const { end } = headerEnd(raw);
  if (end >= MAIL_LIMITS.headerBytes) return { limit: 'headerBytes', detail: `header block exceeds ${MAIL_LIMITS.headerBytes} bytes` };
  const parts = countContentTypeLines(Buffer.from(raw.buffer, raw.byteOffset, raw.length));
  if (parts > MAIL_LIMITS.mimeParts) return { limit: 'mimeParts', detail: `more than ${MAIL_LIMITS.mimeParts} MIME parts` };
  return null;
}

const CT = Buffer.from('content-type:');
const NL_UPPER = Buffer.from('\nC');
const NL_LOWER = Buffer.from('\nc');

/**
 * Lines that start with `Content-Type:` in any letter case (a bound on the MIME parts). Native indexOf finds the
 * candidates (a newline and a C or c), so the bytes in between are never visited one by one in JS.
 */
function countContentTypeLines(buf: Buffer): number {
  let n = 0;
  for (const nl of [NL_UPPER, NL_LOWER]) {
    for (let i = buf.indexOf(nl); i >= 0; i = buf.indexOf(nl, i + 1)) {
      if (startsWithContentType(buf, i + 1)) n++;
    }
  }
  return n;
}

function startsWithContentType(raw: Uint8Array, at: number): boolean {
  if (at + CT.length > raw.length) return false;
  for (let k = 0; k < CT.length; k++) {
    const b = raw[at + k]!;
    if ((b >= 0x41 && b <= 0x5a ? b + 0x20 : b) !== CT[k]) return false;
  }
  return true;
}

function headerValue(headers: RawHeader[], key: string): string | null {
  const h = headers.find((x) => x.key === key);
  return h === undefined ? null : h.value;
}

/** The last angle-bracketed or bare addr-spec in a raw header value, lower-case. */
function salvageAddress(v: string): string | null {
  const all = [...v.slice(0, 2000).matchAll(/<?([a-z0-9._%+'=-]{1,64}@[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63})+)>?/gi)];
  const last = all[all.length - 1];
  return last === undefined ? null : last[1]!.toLowerCase();
}

function addrOnly(v: string | null): string | null {
  if (v === null) return null;
  const m = /<([^<>]*)>/.exec(v);
  const a = (m?.[1] ?? v).trim();
  return a === '' ? null : a.toLowerCase();
}

function fromEmail(email: Email, headers: RawHeader[], failure: ParsedMessage['failure']): ParsedMessage {
  const from = email.from !== undefined && email.from.group === undefined ? email.from : undefined;
  const rawFrom = headerValue(headers, 'from');
  const fromMalformed = rawFrom !== null && (from === undefined || from.address === '');
  const salvaged = fromMalformed ? salvageAddress(rawFrom) : null;
  const sender = email.sender !== undefined && email.sender.group === undefined ? email.sender.address : null;
  const attachments: ParsedAttachment[] = [];
  for (const a of email.attachments.slice(0, MAIL_LIMITS.attachments)) {
    const c = a.content;
    const content = typeof c === 'string' ? Buffer.from(c, 'utf8') : c instanceof Uint8Array ? c : new Uint8Array(c);
    attachments.push({ filename: a.filename, declaredType: a.mimeType, disposition: a.disposition, content });
  }
  return {
    headers,
    from: { address: from?.address ? from.address.toLowerCase() : salvaged, name: from?.name ? from.name.replace(/[\s,_;]+$/, '').slice(0, MAIL_LIMITS.nameChars) : null },
    fromMalformed,
    sender: sender ? sender.toLowerCase() : null,
    replyTo: flatten(email.replyTo).map((a) => a.address.toLowerCase()).filter((a) => a !== ''),
    to: flatten(email.to).map((a) => a.address.toLowerCase()).filter((a) => a !== ''),
    cc: flatten(email.cc).map((a) => a.address.toLowerCase()).filter((a) => a !== ''),
    returnPath: email.returnPath ? email.returnPath.toLowerCase() : addrOnly(headerValue(headers, 'return-path')),
    subject: email.subject ?? null,
    messageId: email.messageId ?? null,
    date: email.date ?? null,
    text: (email.text ?? '').slice(0, MAIL_LIMITS.bodyScanBytes),
    html: (email.html ?? '').slice(0, MAIL_LIMITS.bodyScanBytes),
    attachments,
    failure,
  };
}

/** Headers only, for messages the MIME parser refused: forensics and sender checks still run. */
function headersOnly(headers: RawHeader[], failure: NonNullable<ParsedMessage['failure']>): ParsedMessage {
  const fromRaw = headerValue(headers, 'from');
  const nameMatch = fromRaw === null ? null : /^\s*"?([^"<]*)"?\s*</.exec(fromRaw);
  return {
    headers,
    from: { address: addrOnly(fromRaw), name: nameMatch?.[1]?.trim() || null },
    fromMalformed: false,
    sender: addrOnly(headerValue(headers, 'sender')),
    replyTo: [addrOnly(headerValue(headers, 'reply-to'))].filter((x): x is string => x !== null),
    to: [addrOnly(headerValue(headers, 'to'))].filter((x): x is string => x !== null),
    cc: [],
    returnPath: addrOnly(headerValue(headers, 'return-path')),
    subject: headerValue(headers, 'subject'),
    messageId: headerValue(headers, 'message-id'),
    date: headerValue(headers, 'date'),
    text: '',
    html: '',
    attachments: [],
    failure,
  };
}

/** postal-mime with spearwatch's caps (and the fast Blob, see concat-blob.ts). Throws what postal-mime throws. */
export function parseMime(raw: Uint8Array): Promise<Email> {
  return withConcatBlob(() => PostalMime.parse(raw, {
    maxNestingDepth: MAIL_LIMITS.mimeDepth,
    maxHeadersSize: MAIL_LIMITS.headerBytes,
    attachmentEncoding: 'arraybuffer',
  }));
}

/** Parse one message with every cap applied. Never throws: a refused message comes back with `failure` set. */
export async function parseMessage(raw: Uint8Array): Promise<ParsedMessage> {
  const headers = parseHeaderBlock(raw);
  const pre = preflight(raw);
  if (pre !== null) return headersOnly(headers, pre);
  try {
    const email = await parseMime(raw);
    return fromEmail(email, headers, null);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const limit = /nest/i.test(msg) ? 'mimeDepth' : /header/i.test(msg) ? 'headerBytes' : 'parser';
    return headersOnly(headers, { limit, detail: msg.slice(0, 300) });
  }
}
