/** PDF string syntax (ISO 32000-1 7.3.4): literal strings with escapes and nesting, hex strings. */

/** The string starting at (or after whitespace from) `i`, as latin-1 bytes; null when unterminated within 4 KiB. */
export function pdfString(t: string, i: number): string | null {
  let p = i;
  while (p < t.length && /\s/.test(t[p] ?? '')) p++;
  if (t[p] === '<' && t[p + 1] !== '<') {
    const end = t.indexOf('>', p);
    if (end < 0 || end - p > 4096) return null;
    const hex = t.slice(p + 1, end).replace(/\s+/g, '');
    return Buffer.from(hex.length % 2 === 1 ? `${hex}0` : hex, 'hex').toString('latin1');
  }
  if (t[p] !== '(') return null;
  let depth = 0;
  let out = '';
  for (let q = p; q < t.length && q - p < 4096; q++) {
    const c = t[q] ?? '';
    if (c === '\\') {
      const n = t[q + 1] ?? '';
      const map: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' };
      if (/[0-7]/.test(n)) {
        const oct = /^[0-7]{1,3}/.exec(t.slice(q + 1, q + 4))?.[0] ?? '0';
        out += String.fromCharCode(parseInt(oct, 8));
        q += oct.length;
      } else {
        out += map[n] ?? n;
        q += 1;
      }
      continue;
    }
    if (c === '(') {
      depth += 1;
      if (depth === 1) continue;
    } else if (c === ')') {
      depth -= 1;
      if (depth === 0) return out;
    }
    out += c;
  }
  return null;
}
