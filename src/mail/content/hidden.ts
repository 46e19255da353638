/**
 * Hidden text: runs of text styled invisible (display:none, visibility:hidden, font-size:0, zero opacity, white on
 * white) and zero-width characters inside words. Both are used to feed filters words the reader never sees or to
 * break keyword matching. Modern newsletters hide a short "preheader", so only substantial runs count.
 */
const HIDDEN_STYLE = /<(\w+)\b[^>]{0,2000}?style\s*=\s*["'][^"']{0,1000}?(?:display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0(?:px|pt|em)?\s*[;"']|opacity\s*:\s*0(?:\.0+)?\s*[;"']|color\s*:\s*(?:#fff(?:fff)?|white)\b[^"']{0,200}?background(?:-color)?\s*:\s*(?:#fff(?:fff)?|white))[^>]{0,2000}>/gi;

/** Letters from the Mathematical Alphanumeric Symbols block (𝗕𝗼𝗹𝗱, 𝘪𝘵𝘢𝘭𝘪𝘤): words keyword filters cannot read. */
export function styledLetters(text: string): number {
  return text.match(/[\u{1D400}-\u{1D7FF}]/gu)?.length ?? 0;
}

/**
 * Words that mix Latin letters with Cyrillic or Greek look-alikes ("Mееt", "PаyPal"): real multilingual text
 * writes each word in one script; mixing inside a word only serves to defeat keyword filters and readers.
 */
export function mixedScriptWords(text: string, max = 5): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/[\p{L}]{3,40}/gu)) {
    const w = m[0];
    if (!/[a-z]/i.test(w) || !/[\u0370-\u03ff\u0400-\u04ff]/u.test(w)) continue;
    out.push(w);
    if (out.length >= max) break;
  }
  return out;
}

/**
 * Styles that push content thousands of pixels off the screen: the filler a reader never scrolls to. The search
 * starts at the long number (rare in text, cheap to find) and then looks back for the property it belongs to.
 */
const BIG_LENGTH = /\d{5,}(?:\.\d+)?(?:px|pt)|\d{4,}vh\b/gi;
const OFFSET_PROPERTY = /(?:margin(?:-top|-left)?|top|left|text-indent|height|padding-top)\s*:\s*-?$/i;

function offscreen(s: string): string | null {
  BIG_LENGTH.lastIndex = 0;
  for (let i = 0; i < 50; i++) {
    const m = BIG_LENGTH.exec(s);
    if (m === null) return null;
    const before = s.slice(Math.max(0, m.index - 24), m.index);
    if (m[0].toLowerCase().endsWith('vh') || OFFSET_PROPERTY.test(before)) return `${before.replace(/^.*?(?=[a-z-]+\s*:)/is, '')}${m[0]}`;
  }
  return null;
}

export function hiddenText(html: string, plain: string): { hiddenChars: number; sample: string; zeroWidth: number; offscreen: string | null } {
  let hiddenChars = 0;
  let sample = '';
  let count = 0;
  for (const m of html.matchAll(HIDDEN_STYLE)) {
    if (++count > 200) break;
    const start = m.index + m[0].length;
    const close = html.indexOf('<', start);
    const inner = html.slice(start, close < 0 ? Math.min(html.length, start + 2000) : Math.min(close, start + 2000))
      // preheader padding (&zwnj;&nbsp; runs, U+034F, U+200C) is layout, not words: only readable text counts
      .replace(/&(?:nbsp|zwnj|zwj|shy|#x?[0-9a-f]{1,6});/gi, ' ').replace(/\u034f|[\u00ad\u200b-\u200d\u2060\ufeff\u00a0]/gu, ' ')
      .replace(/\s+/g, ' ').trim();
    if (inner.length > 0) {
      hiddenChars += inner.length;
      if (sample.length < 120) sample += (sample === '' ? '' : ' … ') + inner.slice(0, 60);
    }
  }
  const zw = plain.match(/[\p{L}\p{N}](?:\u034f|\u200b|\u200c|\u200d|\u2060|\ufeff|\u00ad)+[\p{L}\p{N}]/gu);
  return { hiddenChars, sample, zeroWidth: zw?.length ?? 0, offscreen: offscreen(html.slice(0, 200_000)) ?? offscreen(plain.slice(0, 20_000)) };
}
