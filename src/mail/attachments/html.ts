import { shorten } from './bytes.js';
import type { Scan } from './scan.js';
import { attr, decodeXmlEntities, tags } from './xml.js';

/**
 * HTML/SVG/HTA attachments: credential forms (the page is the phishing site, shipped as a file so no URL
 * reputation applies), HTML smuggling (the payload is assembled by script in the browser: Blob +
 * createObjectURL/msSaveOrOpenBlob + a download attribute, or a large base64 string decoded by atob), and
 * meta refresh to a remote host.
 */

const B64_BLOB_MIN = 4096;

function unescapeScript(t: string): string {
  // Smuggling pages hide their API names behind \x and \u escapes and string concatenation.
  return t
    .replace(/\\x([0-9a-f]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)))
    .replace(/\\u([0-9a-f]{4})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)))
    .replace(/["'`]\s*\+\s*["'`]/g, '');
}

/**
 * Phishing pages ship their form obfuscated (document.write(unescape('%3C%66...')), atob('PGZvcm0...'),
 * String.fromCharCode(60,...), data:text/html;base64). Two rounds of decoding, bounded by the scan budget,
 * give the text the browser would render.
 */
export function reveal(text: string, budget: number): string {
  const pieces: string[] = [];
  let total = 0;
  const push = (x: string): void => {
    if (total + x.length > budget) return;
    total += x.length;
    pieces.push(x);
  };
  let layer = text;
  for (let round = 0; round < 2 && layer.length > 0; round++) {
    const found: string[] = [];
    for (const m of layer.matchAll(/(?:%[0-9a-fA-F]{2}){6,}/g)) {
      found.push(Buffer.from(m[0].replace(/%/g, ''), 'hex').toString('utf8'));
      if (found.length > 2000) break;
    }
    for (const m of layer.matchAll(/(?:atob\s*\(\s*|data:text\/html;base64,)["'`]?([A-Za-z0-9+/=]{16,})/g)) {
      const d = Buffer.from(m[1] ?? '', 'base64').toString('utf8');
      // Markup, or script text for the next round; binary payloads are the smuggling check's business.
      if (d.includes('<') || /^[\t\n\r\x20-\x7e]{16,}$/.test(d.slice(0, 512))) found.push(d);
    }
    for (const m of layer.matchAll(/fromCharCode\s*\(\s*((?:\d{1,6}\s*,\s*){4,}\d{1,6})\s*\)/g)) {
      const codes = (m[1] ?? '').split(',', 1_000_000).map((n) => Number(n.trim()) & 0xffff);
      // Chunked: spreading hundreds of thousands of arguments overflows the call stack.
      let str = '';
      for (let i = 0; i < codes.length; i += 8192) str += String.fromCharCode(...codes.slice(i, i + 8192));
      found.push(str);
    }
    if (/&#x?[0-9a-f]{2,6};/i.test(layer)) {
      const ent = decodeXmlEntities(layer.replace(/&(?!#)/g, '&amp;'));
      if (ent !== layer) found.push(ent);
    }
    for (const f of found) push(f);
    layer = found.join('\n');
  }
  return pieces.join('\n');
}

export function analyzeHtml(s: Scan, text: string, type: string): void {
  const r = s.report;
  const plain = text.slice(0, s.budget.limits.maxScanBytes);
  const hidden = reveal(plain, s.budget.limits.maxScanBytes);
  const t = hidden === '' ? plain : `${plain}\n${hidden}`;
  const code = unescapeScript(t);
  if (type === 'hta') r.find('script', 'high', 'HTML Application (.hta): runs with full user rights outside the browser sandbox.', '<hta:application>', 'script');

  for (const a of [...tags(t, 'a', 2000), ...tags(t, 'form', 200), ...tags(t, 'iframe', 200), ...tags(t, 'script', 200), ...tags(t, 'img', 500)]) {
    const u = attr(a, 'href') ?? attr(a, 'action') ?? attr(a, 'src');
    if (u !== null && /^(https?:)?\/\//i.test(u)) s.budget.addUrl(u.startsWith('//') ? `https:${u}` : u);
  }

  const password = tags(t, 'input', 2000).find((i) => (attr(i, 'type') ?? '').toLowerCase() === 'password');
  if (password !== undefined) {
    const form = tags(t, 'form', 50).map((f) => attr(f, 'action') ?? '').find((a) => a.length > 0);
    const postsTo = form ?? (/(fetch|\.open)\s*\(\s*["'`](?:POST["'`]\s*,\s*["'`])?(https?:\/\/[^"'`]+)/i.exec(code)?.[2] ?? '');
    const obfuscated = tags(plain, 'input', 2000).every((i) => (attr(i, 'type') ?? '').toLowerCase() !== 'password');
    r.find('html-password-form', 'high', `HTML attachment asks for a password (a phishing page delivered as a file)${obfuscated ? ', behind script obfuscation' : ''}.`,
      shorten(postsTo === '' ? password : `posts to ${postsTo}`));
  }

  const blob = /new\s+Blob\s*\(/.test(code);
  const objectUrl = /(createObjectURL|msSaveOrOpenBlob|msSaveBlob)\s*\(/.test(code);
  const download = /\.download\s*=|\bdownload\s*=\s*["'][^"']+["']|setAttribute\s*\(\s*["']download["']/i.test(code);
  const atob = /\batob\s*\(|base64ToArrayBuffer|Uint8Array\.from\s*\(\s*atob|charCodeAt\s*\(/.test(code);
  const bigB64 = quotedBase64Runs(t, B64_BLOB_MIN).length > 0 || /data:application\/(octet-stream|zip|x-zip|x-msdownload|x-iso9660-image)[^,]{0,40};base64,[A-Za-z0-9+/]{1024,}/i.test(t);
  if ((blob && objectUrl && (download || atob)) || (bigB64 && atob && (blob || download || objectUrl))) {
    const name = /\.download\s*=\s*["'`]([^"'`]{1,120})/.exec(code)?.[1] ?? /\bdownload\s*=\s*["']([^"']{1,120})/.exec(code)?.[1] ?? '';
    r.find('html-smuggling', 'high', 'HTML attachment assembles a file in the browser and downloads it (HTML smuggling).',
      shorten(`${[blob && 'Blob', objectUrl && 'createObjectURL/msSaveOrOpenBlob', download && 'download attribute', atob && 'atob', bigB64 && `base64 blob >= ${B64_BLOB_MIN} chars`].filter(Boolean).join(' + ')}${name !== '' ? ` -> ${name}` : ''}`));
    smuggledPayload(s, t, name);
  } else if (bigB64 && /data:application\/(octet-stream|zip|x-zip|x-msdownload|x-iso9660-image)/i.test(t) && download) {
    r.find('html-smuggling', 'high', 'HTML attachment embeds a file as a data: URL with a download link (HTML smuggling).', 'data:application/...;base64 + download');
  }

  for (const m of tags(t, 'meta', 200)) {
    if ((attr(m, 'http-equiv') ?? '').toLowerCase() !== 'refresh') continue;
    const content = decodeXmlEntities(attr(m, 'content') ?? '');
    const url = /url\s*=\s*['"]?([^'"\s>]+)/i.exec(content)?.[1];
    if (url !== undefined && /^(https?:)?\/\//i.test(url)) {
      s.budget.addUrl(url);
      r.find('html-meta-refresh', 'medium', 'HTML attachment redirects the browser to a remote page.', shorten(url));
    }
  }
  const locationRedirect = /(window\.|document\.|top\.)?location(\.href)?\s*=\s*["'`](https?:\/\/[^"'`]{3,300})/i.exec(code) ?? /location\.(replace|assign)\s*\(\s*["'`](https?:\/\/[^"'`]{3,300})/i.exec(code);
  if (locationRedirect !== null) {
    const u = locationRedirect[3] ?? locationRedirect[2] ?? '';
    s.budget.addUrl(u);
    r.find('html-redirect', 'medium', 'HTML attachment sends the browser to a remote page by script.', shorten(u));
  }
  // An anchor to a remote page clicked by script on load is a redirect by another name.
  if (locationRedirect === null && /\.click\(\s*\)/.test(code)) {
    const remote = tags(t, 'a', 200).map((a) => attr(a, 'href') ?? '').find((h) => /^https?:\/\//i.test(h));
    if (remote !== undefined) r.find('html-redirect', 'medium', 'HTML attachment clicks a link to a remote page by script as soon as it opens.', shorten(remote));
  }
  const opened = /window\.open\s*\(\s*["'`](https?:\/\/[^"'`]{3,300})/i.exec(code)?.[1];
  if (opened !== undefined) {
    s.budget.addUrl(opened);
    r.find('html-redirect', 'medium', 'HTML attachment opens a remote page by script.', shorten(opened));
  }
  if (type !== 'hta' && /<script\b/i.test(t)) r.find('html-script', 'low', 'HTML attachment contains script.', '<script>');
}

/**
 * The smuggled file itself: base64 string literals in the page, joined in order (pages split the payload to
 * dodge signatures), decoded and analysed as a member when they decode to something recognisable.
 */
function smuggledPayload(s: Scan, t: string, name: string): void {
  const parts: string[] = [];
  let total = 0;
  for (const lit of quotedBase64Runs(t, 16)) {
    total += lit.length;
    if (total > s.budget.limits.maxMemberBytes * 1.4) break;
    parts.push(lit);
  }
  const joined = parts.join('');
  if (joined.length < 64 || !s.canAddMember()) return;
  const bytes = new Uint8Array(Buffer.from(joined, 'base64'));
  s.addMember({ path: name !== '' ? name : 'smuggled-payload', size: bytes.length, data: bytes });
}

const B64 = (() => {
  const t = new Uint8Array(256);
  for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/') t[c.charCodeAt(0)] = 1;
  return t;
})();

/**
 * Quoted string literals made only of base64 characters, at least `min` long, in order. A byte scan with a
 * lookup table: the equivalent regex with a {4096,} quantifier costs ~80 ms on a 5 MB page, charCodeAt ~60 ms.
 */
export function quotedBase64Runs(t: string, min: number): string[] {
  const out: string[] = [];
  const b = Buffer.from(t, 'latin1');
  const n = b.length;
  let i = 0;
  while (i < n) {
    const q = b[i] ?? 0;
    if (q !== 34 && q !== 39 && q !== 96) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < n && B64[b[j] ?? 0] === 1) j++;
    let k = j;
    while (k < n && k - j < 2 && b[k] === 61) k++;
    if (k < n && b[k] === q && j - i - 1 >= min) {
      out.push(b.toString('latin1', i + 1, k));
      i = k + 1;
    } else i = j > i + 1 ? j : i + 1;
  }
  return out;
}
