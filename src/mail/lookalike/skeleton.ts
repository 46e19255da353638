import fs from 'node:fs';

/**
 * UTS #39 skeleton: NFD, map every code point through confusables.txt, NFD again. We also lower-case first
 * because DNS is case-insensitive. The table is read once from data/unicode/confusables.txt (vendored with its
 * notice) the first time it is needed.
 */
let table: Map<number, string> | null = null;

function confusablesPath(): URL {
  // dist/src/mail/lookalike/skeleton.js and src/mail/lookalike/skeleton.ts both sit four levels below the root
  // when compiled; the source tree is three levels deep, so try both.
  const compiled = new URL('../../../../data/unicode/confusables.txt', import.meta.url);
  if (fs.existsSync(compiled)) return compiled;
  return new URL('../../../data/unicode/confusables.txt', import.meta.url);
}

export function loadConfusables(text: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const line of text.split('\n')) {
    const hash = line.indexOf('#');
    const body = (hash >= 0 ? line.slice(0, hash) : line).trim();
    if (body === '') continue;
    const [src, dst] = body.split(';').map((x) => x.trim());
    if (src === undefined || dst === undefined || src === '' || dst === '') continue;
    const from = parseInt(src, 16);
    const to = String.fromCodePoint(...dst.split(/\s+/).map((h) => parseInt(h, 16)));
    map.set(from, to);
  }
  return map;
}

function getTable(): Map<number, string> {
  if (table === null) table = loadConfusables(fs.readFileSync(confusablesPath(), 'utf8').replace(/^\uFEFF/, ''));
  return table;
}

export function skeleton(s: string): string {
  const t = getTable();
  let out = '';
  for (const ch of s.toLowerCase().normalize('NFD')) {
    const mapped = t.get(ch.codePointAt(0)!);
    out += mapped ?? ch;
  }
  return out.normalize('NFD').toLowerCase();
}

const SCRIPTS: [string, RegExp][] = [
  ['Latin', /\p{Script=Latin}/u],
  ['Cyrillic', /\p{Script=Cyrillic}/u],
  ['Greek', /\p{Script=Greek}/u],
  ['Armenian', /\p{Script=Armenian}/u],
  ['Cherokee', /\p{Script=Cherokee}/u],
  ['Hangul', /\p{Script=Hangul}/u],
  ['Han', /\p{Script=Han}/u],
  ['Hiragana', /\p{Script=Hiragana}/u],
  ['Katakana', /\p{Script=Katakana}/u],
  ['Arabic', /\p{Script=Arabic}/u],
  ['Hebrew', /\p{Script=Hebrew}/u],
];

/** Scripts used by the letters of `s` (Common and Inherited ignored). */
export function scriptsOf(s: string): Set<string> {
  const found = new Set<string>();
  for (const ch of s) {
    if (ch.charCodeAt(0) < 0x80) {
      if (/[a-z]/i.test(ch)) found.add('Latin');
      continue;
    }
    for (const [name, re] of SCRIPTS) {
      if (re.test(ch)) {
        found.add(name);
        break;
      }
    }
  }
  return found;
}

/**
 * UTS #39 "highly restrictive": one script, or Latin with Han/Hiragana/Katakana (Japanese), Latin with
 * Han/Hangul (Korean), Latin with Han/Bopomofo (Chinese). Anything else mixing scripts in one label is a
 * spoofing tell (Latin + Cyrillic `pаypal`).
 */
export function isMixedScript(label: string): boolean {
  const s = scriptsOf(label);
  if (s.size <= 1) return false;
  const allowed = [
    new Set(['Latin', 'Han', 'Hiragana', 'Katakana']),
    new Set(['Latin', 'Han', 'Hangul']),
  ];
  return !allowed.some((a) => [...s].every((x) => a.has(x)));
}
