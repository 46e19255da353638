/** Tiny attribute/element scanning for OOXML/HWPX parts: regexes over bounded text, no DOM, no entities. */

export function attr(tag: string, name: string): string | null {
  const re = new RegExp(`\\b${name}\\s*=\\s*("([^"]*)"|'([^']*)')`, 'i');
  const m = re.exec(tag);
  if (m === null) return null;
  return decodeXmlEntities(m[2] ?? m[3] ?? '');
}

export function decodeXmlEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|amp|lt|gt|quot|apos);/gi, (_, e: string) => {
    const l = e.toLowerCase();
    if (l === 'amp') return '&';
    if (l === 'lt') return '<';
    if (l === 'gt') return '>';
    if (l === 'quot') return '"';
    if (l === 'apos') return "'";
    const code = l.startsWith('#x') ? parseInt(l.slice(2), 16) : parseInt(l.slice(1), 10);
    return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : '';
  });
}

/** All start tags with the given local name (any namespace prefix). */
export function tags(xml: string, local: string, max = 10_000): string[] {
  // [^<>] (not [^>]) so an unclosed tag fails at the next '<' instead of scanning 4 KiB per attempt.
  const re = new RegExp(`<(?:[A-Za-z0-9_]+:)?${local}\\b[^<>]{0,4096}>`, 'g');
  const out: string[] = [];
  let m: RegExpExecArray | null;
  while ((m = re.exec(xml)) !== null && out.length < max) out.push(m[0]);
  return out;
}

/** Text content of all elements with the local name, e.g. `w:instrText`. */
export function texts(xml: string, local: string, max = 10_000): string[] {
  const re = new RegExp(`<(?:[A-Za-z0-9_]+:)?${local}\\b[^<>]{0,1024}>([^<]{0,8192})<`, 'g');
  const out: string[] = [];
  let m: RegExpExecArray | null;
  while ((m = re.exec(xml)) !== null && out.length < max) out.push(decodeXmlEntities(m[1] ?? ''));
  return out;
}
