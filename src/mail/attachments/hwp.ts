import { asciiAt, shorten, u32, utf16le, utf8 } from './bytes.js';
import { CfbError, type Cfb } from './cfb.js';
import { passwordInBody } from './password.js';
import type { Scan } from './scan.js';
import type { ZipDirectory } from './zip.js';
import type { EntryReader } from './zip-analyze.js';
import { inflateRawBounded } from './zip.js';

/**
 * Hangul (HWP 5.0 compound file, HWPX zip). Embedded PostScript/EPS is the exploit vector used against Korean
 * targets (Ghostscript-based EPS rendering in older Hangul), and document scripts run on open.
 * HWP streams are raw deflate when FileHeader says "compressed".
 */

const EPS_NAME = /\.(eps|ps|ai)$/i;

/** EPS/PostScript by content: "%!PS" text, or the DOS EPS binary header C5 D0 D3 C6. */
export function isPostScript(b: Uint8Array): boolean {
  return asciiAt(b, 0, '%!PS') || asciiAt(b, 0, '%!') || (b[0] === 0xc5 && b[1] === 0xd0 && b[2] === 0xd3 && b[3] === 0xc6);
}

/**
 * Benign HWP/HWPX files ship script stubs ("function OnDocument_New() { }"). Only code beyond empty stubs
 * and comments counts as a script.
 */
export function meaningfulScript(src: string): string | null {
  const stripped = src
    .replace(/\/\*[^]*?\*\//g, ' ')
    .replace(/\/\/[^\n]*/g, ' ')
    .replace(/function\s+[\w$]+\s*\([^)]*\)\s*\{\s*\}/g, ' ')
    .replace(/[\s\u0000-\u001f\ufeff]+/g, ' ')
    .trim();
  if (stripped.length === 0) return null;
  if (!/[({=;]/.test(stripped)) return null; // version strings and names, not code
  return stripped;
}

function readStream(s: Scan, cfb: Cfb, path: string, compressed: boolean): Uint8Array | null {
  const e = cfb.find(path);
  if (e === undefined) return null;
  return readEntry(s, cfb, e, compressed);
}

function readEntry(s: Scan, cfb: Cfb, e: Cfb['entries'][number], compressed: boolean): Uint8Array | null {
  let raw: Uint8Array;
  try {
    raw = cfb.read(e);
  } catch (err) {
    // One broken stream must not hide the others (the EPS may sit in the next one).
    if (!(err instanceof CfbError)) throw err;
    s.report.parseError(err.reason, `HWP stream ${e.path} unreadable (${err.reason}).`);
    return null;
  }
  if (!compressed) return raw;
  const res = inflateRawBounded(raw, s.budget.inflateAllowance());
  if (!res.ok) {
    if (res.overLimit) s.report.find('zip-bomb', 'high', 'HWP stream inflates beyond the analysis budget.', e.path);
    // Some writers store BinData uncompressed even in compressed documents: use the raw bytes.
    return res.overLimit ? null : raw;
  }
  s.budget.chargeInflate(res.data.length);
  return res.data;
}

/** DefaultJScript: u32 length-prefixed UTF-16LE strings; decode everything printable. */
function scriptText(b: Uint8Array): string {
  const n = u32(b, 0);
  if (n !== undefined && n > 0 && 4 + n * 2 <= b.length) return utf16le(b, 4, b.length);
  return utf16le(b);
}

export function analyzeHwp(s: Scan, cfb: Cfb): void {
  const r = s.report;
  r.flag('hwp');
  const header = readStream(s, cfb, 'FileHeader', false);
  const props = header === null ? 0 : (u32(header, 36) ?? 0);
  const compressed = (props & 1) !== 0;
  if ((props & 2) !== 0) {
    r.find('hwp-encrypted', 'medium', 'Hangul document is password-protected; its contents cannot be scanned.', 'FileHeader properties bit 1');
    passwordInBody(s, 'Hangul document');
  }
  if ((props & 4) !== 0) r.flag('hwp-distribution');
  for (const e of cfb.entries) {
    if (e.type !== 'stream') continue;
    const upper = e.path.toUpperCase();
    if (upper.startsWith('BINDATA/')) {
      if (!s.canAddMember()) break;
      const data = readEntry(s, cfb, e, compressed);
      // OLE-wrapped EPS (BIN0001.OLE holding a PostScript object) counts too: look inside the first 64 KiB.
      const eps = EPS_NAME.test(e.name) || (data !== null && (isPostScript(data) || Buffer.from(data.buffer, data.byteOffset, Math.min(data.length, 65_536)).includes('%!PS-Adobe')));
      if (eps) {
        r.find('hwp-eps', 'high', 'Hangul document embeds EPS/PostScript, the known exploit vector against Hangul (Ghostscript) used on Korean targets.', shorten(`${e.path}${data !== null ? `: ${Buffer.from(data.subarray(0, 60)).toString('latin1')}` : ''}`));
      } else if (/\.ole$/i.test(e.name)) {
        r.find('hwp-ole', 'medium', 'Hangul document embeds an OLE object.', e.path);
      }
      s.addMember({ path: e.path, size: data?.length ?? e.size, data });
    } else if (upper === 'SCRIPTS/DEFAULTJSCRIPT') {
      const data = readEntry(s, cfb, e, compressed);
      const code = data === null ? null : meaningfulScript(scriptText(data));
      if (code !== null) r.find('hwp-script', 'high', 'Hangul document carries a JScript that runs when it is opened.', shorten(code));
      if (code !== null) for (const u of code.match(/https?:\/\/[^\s"'<>()|]{3,300}/gi) ?? []) s.budget.addUrl(u);
    } else if (upper.startsWith('BODYTEXT/SECTION') || upper.startsWith('VIEWTEXT/')) {
      const data = readEntry(s, cfb, e, compressed && upper.startsWith('BODYTEXT/'));
      if (data === null) continue;
      // Paragraph text is UTF-16LE; URLs in hyperlink controls are UTF-16 too.
      const text = utf16le(data, 0, Math.min(data.length, s.budget.limits.maxScanBytes));
      for (const u of text.match(/https?:\/\/[^\s"'<>()\u0000-\u001f\u3000-\uffff]{3,300}/gi) ?? []) s.budget.addUrl(u);
    }
  }
}

export function analyzeHwpx(s: Scan, dir: ZipDirectory, read: EntryReader): void {
  const r = s.report;
  r.flag('hwp');
  for (const e of dir.entries) {
    if (e.isDir) continue;
    const lower = e.name.toLowerCase();
    if (lower.startsWith('bindata/')) {
      if (!s.canAddMember()) break;
      const data = read(e);
      if (EPS_NAME.test(e.name) || (data !== null && isPostScript(data))) {
        r.find('hwp-eps', 'high', 'Hangul document embeds EPS/PostScript, the known exploit vector against Hangul (Ghostscript) used on Korean targets.', shorten(e.name));
      } else if (/\.ole$/i.test(e.name)) r.find('hwp-ole', 'medium', 'Hangul document embeds an OLE object.', e.name);
      s.addMember({ path: e.name, size: e.size, data, encrypted: e.encrypted });
    } else if (lower.startsWith('scripts/') || lower.endsWith('.js')) {
      const data = read(e);
      const code = data === null ? null : meaningfulScript(data[0] === 0xff && data[1] === 0xfe ? utf16le(data, 2) : utf8(data));
      if (code !== null) r.find('hwp-script', 'high', 'Hangul document carries a script that runs when it is opened.', shorten(`${e.name}: ${code}`));
    } else if (/^contents\/section\d+\.xml$/.test(lower) && e.size < 8 * 1024 * 1024) {
      const data = read(e);
      if (data === null) continue;
      const xml = utf8(data).replace(/\sxmlns(:\w+)?="[^"]*"/g, '');
      for (const u of xml.match(/https?:\/\/[^\s"'<>]{3,300}/gi) ?? []) s.budget.addUrl(u.replace(/&amp;/g, '&'));
    }
  }
}
