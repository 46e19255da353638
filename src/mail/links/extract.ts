import { MAIL_LIMITS } from '../limits.js';

export interface RawLink {
  url: string;
  /** Visible text of an anchor, null for non-anchor sources. */
  text: string | null;
  source: 'text' | 'a' | 'form' | 'img' | 'meta-refresh' | 'css' | 'iframe' | 'area' | 'other';
}

/** Decode the handful of HTML entities that matter inside attribute values and link text. */
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|amp|lt|gt|quot|apos|nbsp);?/gi, (m, e: string) => {
    const l = e.toLowerCase();
    if (l === 'amp') return '&';
    if (l === 'lt') return '<';
    if (l === 'gt') return '>';
    if (l === 'quot') return '"';
    if (l === 'apos') return "'";
    if (l === 'nbsp') return ' ';
    const cp = l.startsWith('#x') ? parseInt(l.slice(2), 16) : parseInt(l.slice(1), 10);
    return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
  });
}

/**
 * Strip tags, scripts and styles; collapse whitespace. A hand-written scanner rather than regexes: unclosed
 * `<script` or `<` runs must cost linear time (a lazy `[\s\S]*?` per opening tag is quadratic).
 */
export function htmlToText(html: string): string {
  const lower = html.toLowerCase();
  const parts: string[] = [];
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt < 0) {
      parts.push(html.slice(i));
      break;
    }
    parts.push(html.slice(i, lt));
    const gt = html.indexOf('>', lt);
    if (gt < 0) break;
    const name = /^<\s*([a-z]+)/.exec(lower.slice(lt, lt + 10))?.[1];
    if (name === 'script' || name === 'style' || name === 'head' || name === 'title') {
      const close = lower.indexOf('</' + name, gt);
      const end = close < 0 ? -1 : lower.indexOf('>', close);
      i = end < 0 ? html.length : end + 1;
    } else {
      i = gt + 1;
    }
    parts.push(' ');
  }
  return decodeEntities(parts.join('')).replace(/\s+/g, ' ').trim();
}

function attr(tag: string, name: string): string | null {
  // attribute values are bounded by the tag-length cap in the tag regex, so these patterns stay linear
  const re = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i');
  const m = re.exec(tag);
  if (m === null) return null;
  return decodeEntities((m[1] ?? m[2] ?? m[3] ?? '').trim());
}

// URL-ish runs in plain text: scheme URLs, and bare www. hosts. Character classes are disjoint from the
// terminators so the engine never backtracks more than one step per character (see test `redos-shaped url`).
/**
 * Korean, Japanese and Chinese text writes particles straight after an address ("https://bank.co.kr에서",
 * "(https://bank.co.kr)에서"): a host written in ASCII ends where such letters begin. Letters inside the path
 * (law.go.kr/법령/…) are part of the address.
 */
const CJK_LETTER = /[\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u9fff\uac00-\ud7af]/u;
export function cutGluedWords(url: string): string {
  const start = url.indexOf('://') >= 0 ? url.indexOf('://') + 3 : 0;
  const rest = url.slice(start);
  const end = rest.search(/[/?#]/);
  const authority = end < 0 ? rest : rest.slice(0, end);
  const at = authority.search(CJK_LETTER);
  if (at <= 0 || !/^[\x21-\x7e]+$/.test(authority.slice(0, at))) return url;
  return url.slice(0, start + at);
}

const TEXT_URL = /\b(?:(?:https?|hxxps?|ftp):\/\/|www\.)[^\s<>"'`{}|\\^\u0080-\u009f]{1,8192}/gi;
const TAG = /<(a|form|img|iframe|meta|area|link|embed|object|frame|input|button|base|v:imagedata|table|td|body|div)\b([^>]{0,4000})>/gi;

function trimTrailing(u: string): string {
  return u.replace(/[).,;:!?\]]+$/, '');
}

export function extractLinks(text: string, html: string): RawLink[] {
  const out: RawLink[] = [];
  const push = (l: RawLink): boolean => {
    if (l.url === '' || l.url.startsWith('#') || /^(mailto|cid|tel|sms):/i.test(l.url)) return true;
    out.push({ ...l, url: l.url.slice(0, MAIL_LIMITS.urlChars) });
    return out.length < MAIL_LIMITS.urls;
  };
  if (html !== '') {
    const anchorTexts: string[] = [];
    // anchor text: the text between <a …> and the next </a>, at most 2,000 characters. The close position is
    // found with indexOf and reused while it lies ahead, so unclosed anchors cost linear time overall.
    const lower = html.length <= MAIL_LIMITS.bodyScanBytes ? html.toLowerCase() : html.slice(0, MAIL_LIMITS.bodyScanBytes).toLowerCase();
    let nextClose = -2;
    for (const m of html.matchAll(/<a\b([^>]{0,4000})>/gi)) {
      const href = attr(' ' + m[1]!, 'href');
      if (href === null) continue;
      const start = m.index + m[0].length;
      if (nextClose !== -1 && nextClose < start) nextClose = lower.indexOf('</a', start);
      const inner = nextClose >= start && nextClose - start <= 2000 ? html.slice(start, nextClose) : '';
      anchorTexts.push(href);
      if (!push({ url: href, text: htmlToText(inner).slice(0, 500), source: 'a' })) return out;
    }
    const seenAnchors = new Set(anchorTexts);
    for (const m of html.matchAll(TAG)) {
      const name = m[1]!.toLowerCase();
      const tag = ' ' + m[2]!;
      let url: string | null = null;
      let source: RawLink['source'] = 'other';
      if (name === 'a' || name === 'area') {
        url = attr(tag, 'href');
        source = name === 'a' ? 'a' : 'area';
        if (name === 'a' && url !== null && seenAnchors.has(url)) continue;
      } else if (name === 'form') {
        url = attr(tag, 'action');
        source = 'form';
      } else if (name === 'img' || name === 'iframe' || name === 'embed' || name === 'frame' || name === 'v:imagedata') {
        url = attr(tag, 'src');
        source = name === 'img' ? 'img' : 'iframe';
      } else if (name === 'meta') {
        const content = attr(tag, 'content');
        if (content !== null && /refresh/i.test(attr(tag, 'http-equiv') ?? '')) {
          url = /url\s*=\s*['"]?([^'"\s]+)/i.exec(content)?.[1] ?? null;
          source = 'meta-refresh';
        }
      } else if (name === 'object') {
        url = attr(tag, 'data');
      } else if (name === 'input' || name === 'button') {
        url = attr(tag, 'formaction');
        source = 'form';
      } else if (name === 'table' || name === 'td' || name === 'body' || name === 'div') {
        url = attr(tag, 'background');
        source = 'css';
      } else {
        url = attr(tag, 'href');
      }
      if (url !== null && !push({ url, text: null, source })) return out;
    }
    for (const m of html.matchAll(/url\(\s*['"]?([^'")\s]{1,4000})['"]?\s*\)/gi)) {
      if (!push({ url: decodeEntities(m[1]!), text: null, source: 'css' })) return out;
    }
  }
  const plain = text;
  for (const m of plain.matchAll(TEXT_URL)) {
    if (!push({ url: trimTrailing(cutGluedWords(m[0])), text: null, source: 'text' })) return out;
  }
  return out;
}
