import { latin1, shorten } from './bytes.js';
import type { Scan } from './scan.js';
import { inflateAnyBounded } from './zip.js';
import { pdfDecryptor, type PdfDecryptor } from './pdf-crypt.js';
import { pdfString } from './pdf-syntax.js';
import { findPasswordsInText } from './password.js';

/**
 * PDF actions by key scanning (like pdfid): /JavaScript, /JS, /OpenAction, /AA, /Launch, /EmbeddedFile, /URI.
 * Keys hidden in compressed object streams (/ObjStm) are found by inflating those streams within limits;
 * `#xx` escapes in names (/J#61vaScript) are undone first.
 */

const OBJSTM_MAX_BYTES = 8 * 1024 * 1024;

function normaliseNames(t: string): string {
  if (!t.includes('#')) return t;
  return t.replace(/\/[^\s/<>[\]()%{}]{1,127}/g, (n) => (n.includes('#') ? n.replace(/#([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))) : n));
}

/** Object streams' text (and JavaScript streams), inflated under the shared budget. */
function objectStreams(s: Scan, b: Uint8Array, text: string, dec: PdfDecryptor | null): { texts: string[]; embedded: Uint8Array[] } {
  const out: string[] = [];
  const embedded: Uint8Array[] = [];
  let count = 0;
  let scanned = 0;
  let from = 0;
  while (count < s.budget.limits.maxPdfObjectStreams) {
    const kw = text.indexOf('stream', from);
    if (kw < 0) break;
    from = kw + 6;
    if (text.startsWith('end', kw - 3)) continue;
    // Look back a bounded window only: an unbounded lastIndexOf per keyword is quadratic on hostile files.
    const win = text.slice(Math.max(0, kw - 1024), kw);
    const objAt = win.lastIndexOf(' obj');
    const dict = objAt >= 0 ? win.slice(objAt) : win;
    const isEmbedded = /\/Type\s*\/EmbeddedFile\b/.test(dict);
    if (!isEmbedded && !/\/Type\s*\/ObjStm/.test(dict) && !/\/(JS|JavaScript)\b/.test(dict)) continue;
    const flate = /\/FlateDecode/.test(dict);
    if (!isEmbedded && (!flate || /\/Predictor/.test(dict))) continue;
    if (isEmbedded && !flate && /\/Filter/.test(dict)) continue; // other codecs (LZW, ASCIIHex…) not undone
    count += 1;
    let start = kw + 6;
    if (text[start] === '\r') start += 1;
    if (text[start] === '\n') start += 1;
    const endIdx = text.indexOf('endstream', start);
    const end = endIdx < 0 ? b.length : endIdx;
    // No later endstream means no later complete stream either: one scan to the end, then stop.
    from = endIdx < 0 ? text.length : endIdx + 9;
    let body: Uint8Array | null = b.subarray(start, end);
    if (dec !== null) {
      const id = enclosingObject(win);
      body = id === null ? null : dec.decrypt(id[0], id[1], body);
      if (body === null) continue;
    }
    if (isEmbedded && !flate) {
      embedded.push(body);
      continue;
    }
    const res = inflateAnyBounded(body, Math.min(isEmbedded ? s.budget.limits.maxMemberBytes : OBJSTM_MAX_BYTES, s.budget.inflateAllowance()));
    if (!res.ok) {
      if (res.overLimit) s.report.find('archive-limit', 'low', 'PDF object stream larger than the analysis budget was skipped.', `object stream at ${kw}`);
      continue;
    }
    s.budget.chargeInflate(res.data.length);
    if (isEmbedded) {
      embedded.push(res.data);
      continue;
    }
    out.push(latin1(res.data));
    scanned += res.data.length;
    if (scanned > s.budget.limits.maxScanBytes) break; // object-stream text is held as strings: keep it bounded
  }
  return { texts: out, embedded };
}

function openActionIsAction(t: string): string | null {
  const m = /\/OpenAction\s*(\[|<<|(\d+)\s+(\d+)\s+R)/.exec(t);
  if (m === null) return null;
  if (m[1] === '[') return null; // a page destination: benign "open at page 1, fit width"
  if (m[1] === '<<') {
    const body = t.slice(m.index, m.index + 2000);
    return /\/S\s*\/(\w+)/.exec(body)?.[1] ?? null;
  }
  const obj = new RegExp(`(?:^|[^0-9])${m[2]}\\s+${m[3]}\\s+obj\\b([^]{0,2000}?)endobj`).exec(t);
  if (obj === null) return 'unresolved';
  if (/^\s*\[/.test(obj[1] ?? '')) return null;
  return /\/S\s*\/(\w+)/.exec(obj[1] ?? '')?.[1] ?? null;
}

/**
 * The file with stream bodies blanked: keys are only meaningful in dictionaries, and compressed image or font
 * bytes spell "/JS" or "/Launch" by chance often enough to matter across thousands of mails.
 */
function outsideStreams(t: string): string {
  const parts: string[] = [];
  let from = 0;
  for (let guard = 0; guard < 1_000_000; guard++) {
    const kw = t.indexOf('stream', from);
    if (kw < 0) break;
    if (t.startsWith('end', kw - 3)) {
      from = kw + 6;
      continue;
    }
    const end = t.indexOf('endstream', kw + 6);
    parts.push(t.slice(from, kw + 6));
    if (end < 0) {
      from = t.length;
      break;
    }
    from = end;
  }
  parts.push(t.slice(from));
  return parts.join('\n');
}

/** Object number and generation of the last "N G obj" header in `before`. */
function enclosingObject(before: string): [number, number] | null {
  const tail = before.slice(-8192);
  const all = [...tail.matchAll(/(?:^|[^0-9])(\d{1,10})\s+(\d{1,5})\s+obj\b/g)];
  const m = all[all.length - 1];
  return m === undefined ? null : [Number(m[1]), Number(m[2])];
}

/** A string value at `pos`, decrypted with its object's key when the file is encrypted. */
function stringValue(t: string, pos: number, dec: PdfDecryptor | null): string | null {
  const raw = pdfString(t, pos);
  if (raw === null || dec === null) return raw;
  const id = enclosingObject(t.slice(Math.max(0, pos - 8192), pos));
  if (id === null) return null;
  const plain = dec.decrypt(id[0], id[1], Buffer.from(raw, 'latin1'));
  return plain === null ? null : Buffer.from(plain).toString('latin1');
}

function collectUris(s: Scan, t: string, dec: PdfDecryptor | null): void {
  const uriRe = /\/URI\s*(?=[(<])/g;
  let m: RegExpExecArray | null;
  let attempts = 0;
  // Attempts, not successes, are capped: 20,000 unterminated "(…" strings would otherwise cost 4 KiB each.
  while ((m = uriRe.exec(t)) !== null && attempts < s.budget.limits.maxUrls * 2) {
    attempts += 1;
    const u = stringValue(t, m.index + m[0].length, dec);
    if (u === null || !/^[\x20-\x7e]+$/.test(u)) continue;
    s.budget.addUrl(u);
    s.report.flag('pdf-uri');
  }
}

const JS_KEY = /\/S\s*\/JavaScript\b|\/JavaScript\s*(?:<<|\d+\s+\d+\s+R)|\/JS\s*(?:\(|<|\d+\s+\d+\s+R)/;

export function analyzePdf(s: Scan, b: Uint8Array): void {
  const r = s.report;
  const raw = latin1(b, 0, s.budget.limits.maxScanBytes);
  const outside = outsideStreams(raw);
  const encrypted = /\/Encrypt\b/.test(outside);
  const opened = encrypted ? pdfDecryptor(outside, findPasswordsInText(s.budget.bodyText)) : null;
  const dec = opened?.decryptor ?? null;
  const { texts: streams, embedded } = objectStreams(s, b, raw, dec);
  const t = normaliseNames([outside, ...streams].join('\n'));
  const js = JS_KEY.exec(t);
  if (js !== null) {
    const jsIdx = t.indexOf('/JS', js.index);
    const inOutside = jsIdx < outside.length;
    // Ciphertext is not evidence: without a key, strings outside object streams are left unread.
    const code = jsIdx < 0 || (inOutside && encrypted && dec === null) ? null : inOutside ? stringValue(t, jsIdx + 3, dec) : pdfString(t, jsIdx + 3);
    r.find('pdf-javascript', 'high', 'PDF contains JavaScript.', shorten(code ?? t.slice(js.index, js.index + 120)));
    if (code !== null) for (const u of code.match(/https?:\/\/[^\s"'<>()|]{3,300}/gi) ?? []) s.budget.addUrl(u);
  }
  const oa = openActionIsAction(t);
  if (oa !== null) r.find('pdf-openaction', 'medium', `PDF runs an action when opened (${oa}).`, `/OpenAction /S /${oa}`);
  if (/\/AA\s*<<|\/AA\s+\d+\s+\d+\s+R/.test(t)) r.find('pdf-auto-action', 'medium', 'PDF has additional (automatic) actions on pages or fields.', '/AA');
  const launch = /\/Launch\b/.exec(t);
  if (launch !== null) {
    const fm = /\/F\s*(\(|<)/.exec(t.slice(launch.index, launch.index + 1000));
    const target = fm === null ? null : pdfString(t, launch.index + fm.index + 2);
    r.find('pdf-launch', 'critical', 'PDF launches an external program.', shorten(target ?? t.slice(launch.index, launch.index + 160)));
  }
  if (/\/EmbeddedFiles?\b/.test(t)) embeddedFiles(s, t, outside.length, dec, embedded);
  if (encrypted) {
    if (opened !== null && opened.password !== '') {
      r.find('document-password-in-body', 'high', 'Password-protected PDF whose password is given in the mail body: a way to get content past scanners; decrypted for analysis.', `password "${shorten(opened.password, 40)}" (verified)`);
    }
    r.find('pdf-encrypted', 'low', opened === null ? 'PDF is encrypted: strings and streams were not fully scanned.' : 'PDF is encrypted; decrypted for analysis.', opened === null ? '/Encrypt' : '/Encrypt (opened)');
  }
  if (!encrypted || dec !== null) collectUris(s, normaliseNames(outside), dec);
  for (const st of streams) collectUris(s, normaliseNames(st), null);
}

/**
 * Files embedded in the PDF are extracted and analysed as members. Structured-data attachments (the XML of
 * ZUGFeRD/Factur-X e-invoices) are normal in business mail and rated low; anything else medium, plus whatever
 * its own analysis finds.
 */
function embeddedFiles(s: Scan, t: string, outsideLength: number, dec: PdfDecryptor | null, files: Uint8Array[]): void {
  const names: string[] = [];
  for (const m of t.matchAll(/\/Type\s*\/Filespec\b[^]{0,400}?\/(?:UF|F)\s*(?=[(<])/g)) {
    const pos = (m.index ?? 0) + m[0].length;
    const name = pos < outsideLength ? stringValue(t, pos, dec) : pdfString(t, pos);
    if (name !== null && names.length < 64) names.push(name.replace(/^\u00fe\u00ff/, '').replace(/\u0000/g, ''));
  }
  const dataOnly = names.length > 0 && names.every((n) => /\.(xml|json|txt|csv)$/i.test(n));
  s.report.find('pdf-embedded-file', dataOnly ? 'low' : 'medium', dataOnly ? 'PDF carries embedded structured data (e-invoice XML or similar).' : 'PDF carries an embedded file.',
    shorten(names.join(', ') || '/EmbeddedFile'));
  files.forEach((data, i) => {
    if (!s.canAddMember()) return;
    const name = files.length === names.length ? (names[i] ?? `embedded-${i + 1}`) : `embedded-${i + 1}`;
    s.addMember({ path: name, size: data.length, data });
  });
}
