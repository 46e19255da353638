import crypto from 'node:crypto';
import { defang, hostOf } from './defang.js';
import { ROUTE_LIMITS } from './limits.js';

/**
 * An allow-list HTML sanitiser for showing hostile mail to analysts. Safety does not rest on parsing HTML the way a
 * browser does: the output is rebuilt only from allow-listed tag names, allow-listed attributes whose values are
 * never URLs, and text with `<` and `>` escaped, so whatever the input's tricks, the output cannot open a tag,
 * carry a script, a URL or a style. Links become their text followed by the defanged target; images, forms and
 * refreshes become placeholders that say what was there. The browser side adds `sandbox=""` and a CSP on top.
 */

const KEEP = new Set([
  'p', 'div', 'span', 'br', 'hr', 'b', 'strong', 'i', 'em', 'u', 's', 'strike', 'small', 'big', 'sub', 'sup', 'font', 'center',
  'blockquote', 'pre', 'code', 'tt', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'table', 'thead',
  'tbody', 'tfoot', 'tr', 'td', 'th', 'caption', 'col', 'colgroup', 'address', 'section', 'article', 'header', 'footer', 'main',
  'nav', 'aside', 'figure', 'figcaption', 'label', 'mark', 'abbr', 'cite', 'q', 'del', 'ins', 'kbd', 'samp', 'var', 'wbr',
]);
const VOID = new Set(['br', 'hr', 'col', 'wbr']);
/** Elements dropped with everything inside them (scripts, styles, embedded documents, foreign content). */
const DROP_CONTENT = new Set(['script', 'style', 'title', 'textarea', 'xmp', 'iframe', 'frame', 'frameset', 'noembed', 'noframes', 'noscript', 'template', 'object', 'applet', 'svg', 'math', 'select', 'plaintext', 'audio', 'video', 'canvas']);
/** Attributes whose values are never fetched or executed. */
const KEEP_ATTR = new Set(['align', 'valign', 'colspan', 'rowspan', 'dir', 'lang', 'title', 'width', 'height', 'border', 'cellpadding', 'cellspacing', 'color', 'bgcolor', 'size', 'face', 'start']);

/** The viewer's only stylesheet; its hash is allowed by the app's CSP (srcdoc documents inherit it). */
export const BODY_STYLE = 'body{font:14px/1.45 system-ui,sans-serif;color:#1d2330;margin:12px;overflow-wrap:anywhere}' +
  '.sw-href,.sw-img,.sw-form,.sw-note{font:12px ui-monospace,monospace;background:#fff4d6;color:#6b4b00;border:1px dashed #c9a13b;padding:0 3px;border-radius:3px}' +
  '.sw-link{text-decoration:underline dotted}pre{white-space:pre-wrap}table{border-collapse:collapse}';
export const BODY_STYLE_HASH = `sha256-${crypto.createHash('sha256').update(BODY_STYLE).digest('base64')}`;
/** Also inside the document, so it holds even if the frame is ever opened on its own. */
const BODY_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; form-action 'none'; base-uri 'none'";

export interface SanitisedBody {
  /** A complete HTML document for `<iframe sandbox="" srcdoc>`. */
  html: string;
  remoteImages: number;
  links: number;
  forms: number;
  removedElements: number;
  truncated: boolean;
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Text between tags: entities are left for the browser to render; only what could open markup is escaped. */
function escText(s: string): string {
  return s.replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|amp|lt|gt|quot|apos|nbsp);?/gi, (_m, e: string) => {
    const k = e.toLowerCase();
    if (k === 'amp') return '&';
    if (k === 'lt') return '<';
    if (k === 'gt') return '>';
    if (k === 'quot') return '"';
    if (k === 'apos') return "'";
    if (k === 'nbsp') return ' ';
    const n = k.startsWith('#x') ? parseInt(k.slice(2), 16) : parseInt(k.slice(1), 10);
    return n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : '';
  });
}

/** URLs written as text are defanged too, so nothing in the frame reads as a live link. */
function defangText(s: string): string {
  return s.replace(/\b(?:https?|ftp):\/\/[^\s<>"']{1,2000}/gi, (u) => defang(u));
}

interface Tag {
  name: string;
  close: boolean;
  attrs: Map<string, string>;
  end: number;
}

/** Parse the tag starting at `<` (index i). Returns null when the tag never ends (the rest is dropped). */
function readTag(h: string, i: number): Tag | null {
  let j = i + 1;
  const close = h[j] === '/';
  if (close) j++;
  const nameStart = j;
  while (j < h.length && /[a-zA-Z0-9:-]/.test(h[j]!)) j++;
  const name = h.slice(nameStart, j).toLowerCase();
  const attrs = new Map<string, string>();
  for (;;) {
    while (j < h.length && /[\s/]/.test(h[j]!)) j++;
    if (j >= h.length) return null;
    if (h[j] === '>') return { name, close, attrs, end: j + 1 };
    const an = j;
    while (j < h.length && !/[\s/>=]/.test(h[j]!)) j++;
    const attr = h.slice(an, j).toLowerCase();
    while (j < h.length && /\s/.test(h[j]!)) j++;
    let value = '';
    if (h[j] === '=') {
      j++;
      while (j < h.length && /\s/.test(h[j]!)) j++;
      const q = h[j];
      if (q === '"' || q === "'") {
        const e = h.indexOf(q, j + 1);
        if (e < 0) return null;
        value = h.slice(j + 1, e);
        j = e + 1;
      } else {
        const vs = j;
        while (j < h.length && !/[\s>]/.test(h[j]!)) j++;
        value = h.slice(vs, j);
      }
    }
    if (attr !== '' && !attrs.has(attr)) attrs.set(attr, decodeEntities(value));
  }
}

function note(cls: string, text: string): string {
  return `<span class="${cls}">${esc(text)}</span>`;
}

/** Sanitise an HTML body into a standalone document for the sandboxed viewer. */
export function sanitiseHtml(input: string): SanitisedBody {
  const truncated = input.length > ROUTE_LIMITS.bodyHtmlChars;
  const h = truncated ? input.slice(0, ROUTE_LIMITS.bodyHtmlChars) : input;
  // Lower-cased once (ASCII only, so indices stay aligned): finding a dropped element's end tag must not copy
  // the body per element.
  const lower = h.replace(/[A-Z]+/g, (x) => x.toLowerCase());
  const out: string[] = [];
  const anchors: string[] = [];
  let remoteImages = 0;
  let links = 0;
  let forms = 0;
  let removed = 0;
  let tags = 0;
  let i = 0;
  let cut = truncated;
  while (i < h.length) {
    const lt = h.indexOf('<', i);
    if (lt < 0) {
      out.push(defangText(escText(h.slice(i))));
      break;
    }
    if (lt > i) out.push(defangText(escText(h.slice(i, lt))));
    i = lt;
    if (h.startsWith('<!--', i)) {
      const e = h.indexOf('-->', i + 4);
      i = e < 0 ? h.length : e + 3;
      continue;
    }
    const next = h[i + 1] ?? '';
    if (next === '!' || next === '?') {
      const e = h.indexOf('>', i);
      i = e < 0 ? h.length : e + 1;
      continue;
    }
    if (!/[a-zA-Z]/.test(next) && !(next === '/' && /[a-zA-Z]/.test(h[i + 2] ?? ''))) {
      out.push('&lt;');
      i++;
      continue;
    }
    const tag = readTag(h, i);
    if (tag === null) break;
    i = tag.end;
    if (++tags > ROUTE_LIMITS.bodyTags) {
      cut = true;
      break;
    }
    const { name, close, attrs } = tag;
    if (!close && DROP_CONTENT.has(name)) {
      removed++;
      const e = lower.indexOf(`</${name}`, i);
      if (e < 0) {
        i = h.length;
        continue;
      }
      const gt = h.indexOf('>', e);
      i = gt < 0 ? h.length : gt + 1;
      continue;
    }
    if (name === 'a') {
      if (close) {
        const href = anchors.pop();
        if (href !== undefined) out.push('</span>', href === '' ? '' : ' ' + note('sw-href', `[${defang(href)}]`));
      } else {
        const href = (attrs.get('href') ?? '').trim();
        if (href !== '') links++;
        anchors.push(href);
        out.push('<span class="sw-link">');
      }
      continue;
    }
    if (name === 'img' || name === 'image' || name === 'input' && (attrs.get('type') ?? '').toLowerCase() === 'image') {
      const src = (attrs.get('src') ?? '').trim();
      const alt = (attrs.get('alt') ?? '').trim().slice(0, 80);
      const host = hostOf(src);
      if (host !== null) remoteImages++;
      const where = host !== null ? `remote image from ${defang(host)} not loaded` : src.toLowerCase().startsWith('cid:') ? 'inline image' : 'image';
      out.push(note('sw-img', `[${where}${alt !== '' ? `: ${alt}` : ''}]`));
      continue;
    }
    if (name === 'form') {
      if (close) out.push('</div>');
      else {
        forms++;
        const action = (attrs.get('action') ?? '').trim();
        out.push('<div class="sw-form-box">', note('sw-form', `[form${action !== '' ? ` sending to ${defang(action)}` : ''}]`));
      }
      continue;
    }
    if (name === 'input' && !close) {
      const type = (attrs.get('type') ?? 'text').toLowerCase().slice(0, 20);
      if (type === 'hidden') continue;
      const label = (attrs.get('placeholder') ?? attrs.get('name') ?? attrs.get('value') ?? '').slice(0, 60);
      out.push(note('sw-form', `[${type === 'password' ? 'password field' : `${type} field`}${label !== '' ? `: ${label}` : ''}]`));
      continue;
    }
    if (name === 'button') {
      out.push(close ? ']</span>' : '<span class="sw-form">[button: ');
      continue;
    }
    if (name === 'meta' && !close && (attrs.get('http-equiv') ?? '').toLowerCase() === 'refresh') {
      const target = /url\s*=\s*['"]?([^'"]+)/i.exec(attrs.get('content') ?? '')?.[1];
      out.push(note('sw-note', `[page refresh${target !== undefined ? ` to ${defang(target)}` : ''}]`));
      continue;
    }
    if (!KEEP.has(name)) {
      if (!close && !['html', 'head', 'body', 'meta', 'link', 'base', 'tbody'].includes(name)) removed++;
      continue;
    }
    if (close) {
      if (!VOID.has(name)) out.push(`</${name}>`);
      continue;
    }
    let a = '';
    for (const [k, v] of attrs) if (KEEP_ATTR.has(k)) a += ` ${k}="${esc(v.slice(0, 200))}"`;
    out.push(`<${name}${a}>`);
  }
  while (anchors.length > 0) {
    const href = anchors.pop()!;
    out.push('</span>', href === '' ? '' : ' ' + note('sw-href', `[${defang(href)}]`));
  }
  if (cut) out.push(note('sw-note', '[the rest of this body is not shown: download the raw message]'));
  return { html: document(out.join('')), remoteImages, links, forms, removedElements: removed, truncated: cut };
}

/** A plain-text body for the same viewer. */
export function textDocument(text: string): SanitisedBody {
  const truncated = text.length > ROUTE_LIMITS.bodyHtmlChars;
  const t = truncated ? text.slice(0, ROUTE_LIMITS.bodyHtmlChars) : text;
  const body = `<pre>${defangText(esc(t))}</pre>${truncated ? note('sw-note', '[the rest of this body is not shown]') : ''}`;
  return { html: document(body), remoteImages: 0, links: 0, forms: 0, removedElements: 0, truncated };
}

function document(body: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${BODY_CSP}"><style>${BODY_STYLE}</style></head><body>${body}</body></html>`;
}
