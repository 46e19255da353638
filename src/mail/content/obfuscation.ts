/**
 * Words disguised so keyword filters cannot read them while people still can: letters spaced out ("N e t f l i x"),
 * a capital I standing in for a lower-case l ("WaIIet", "PayPaI"), a zero for an O ("B0NUS", "IMP0RTANT"), stray
 * accents on English words ("wállet", "válidate") and invisible characters inside words (combining grapheme joiner,
 * zero-width joiners, soft hyphens). Honest senders have no reason to write like this; filter evasion is the only
 * one. `foldText` undoes the disguise so the lure patterns can read the words; `obfuscatedWords` names them.
 */

/**
 * Characters that render as nothing. Bidirectional marks are left out: right-to-left scripts need them.
 * U+034F is the combining grapheme joiner, U+2061–U+2064 the invisible operators, U+3164/U+FFA0 Hangul fillers.
 */
// an alternation, not a character class: several of these combine with the letter before them
const INVISIBLE_ALT = '(?:\\u00ad|\\u034f|\\u115f|\\u1160|\\u17b4|\\u17b5|\\u180e|\\u200b|\\u200c|\\u200d|\\u2060|\\u2061|\\u2062|\\u2063|\\u2064|\\u3164|\\ufeff|\\uffa0)';
const INVISIBLE = new RegExp(INVISIBLE_ALT, 'gu');  // global: used with replace; reset lastIndex before test
// Latin letters only: Persian and Indic scripts need the zero-width (non-)joiner inside words
const INVISIBLE_IN_WORD = new RegExp(`[a-z\\u00c0-\\u024f]${INVISIBLE_ALT}+[a-z\\u00c0-\\u024f]`, 'giu');
const WORD_OR_INVISIBLE = new RegExp(`[\\p{L}\\p{N}]|${INVISIBLE_ALT}`, 'u');
/** A capital I after a lower-case letter, or a 0 beside a capital: where an I/l or 0/O swap may sit. */
const SWAP_MARK = /\p{Ll}I|\p{Lu}0|0\p{Lu}/gu;
/** A letter outside ASCII (accents, look-alike scripts, small capitals). */
const NON_ASCII_MARK = /[^\x00-\x7f\s\p{P}\p{S}\p{Z}\p{C}]/gu;
const WORD_CHAR = /[\p{L}\p{N}]/u;

/**
 * The words around each match of `mark`, each once. Anchoring on the rare mark and growing the word outwards keeps
 * the cost linear; a pattern that has to find the word first backtracks over every ordinary word.
 */
function* wordsAt(text: string, mark: RegExp, wordChar = WORD_CHAR, limit = 2000): Generator<string> {
  let covered = -1;
  let n = 0;
  for (const m of text.matchAll(mark)) {
    if (m.index < covered) continue;
    if (++n > limit) return;
    let a = m.index;
    let b = m.index + m[0].length;
    while (a > 0 && b - a < 40 && wordChar.test(text.charAt(a - 1))) a--;
    while (b < text.length && b - a < 40) {
      const cp = text.codePointAt(b)!;
      const ch = String.fromCodePoint(cp);
      if (!wordChar.test(ch)) break;
      b += ch.length;
    }
    covered = b;
    yield text.slice(a, b);
  }
}

/** English words phishing disguises most (lure vocabulary and the brands it borrows); accents on them are a tell. */
const ENGLISH_LURE_WORDS = new Set([
  'wallet', 'account', 'verify', 'verification', 'validate', 'validation', 'revalidation', 'passphrase', 'password',
  'your', 'login', 'update', 'confirm', 'secure', 'security', 'suspended', 'restore', 'recovery', 'bonus', 'reward',
  'winner', 'claim', 'free', 'payment', 'invoice', 'delivery', 'package', 'mailbox', 'support', 'important',
  'information', 'urgent', 'notice', 'paypal', 'netflix', 'amazon', 'apple', 'microsoft', 'office', 'outlook',
  'coinbase', 'binance', 'metamask', 'ledger', 'bitcoin', 'crypto', 'consumer', 'rewards', 'customer', 'service',
  'order', 'refund', 'gift', 'card', 'bank', 'unlock', 'expired', 'storage', 'document', 'signin', 'sign',
]);

/** A capital I inside a lower-case word stands for an l: "WaIIet" → "Wallet". Leading capitals ("Ihr", "It") stay. */
function iForL(word: string): string {
  const first = word.search(/\p{Ll}/u);
  if (first < 0 || !word.slice(first).includes('I')) return word;
  return word.slice(0, first) + word.slice(first).replace(/I/g, 'l');
}

/** A zero inside an all-capitals word stands for an O: "B0NUS" → "BONUS"; part numbers with digits stay. */
function zeroForO(word: string): string {
  if (!word.includes('0')) return word;
  const o = word.replace(/0/g, 'O');
  return /^\p{Lu}{3,}$/u.test(o) && /\p{Lu}/u.test(word.replace(/0/g, '')) ? o : word;
}

/**
 * Letters from scripts nobody writes Latin-alphabet words in, used because they look like Latin letters: Tai Le
 * and Lisu ("bᥣoᥴkᥱd"), Cherokee, Armenian, Coptic, Canadian syllabics, and Latin small capitals and IPA letters
 * ("ᴘᴀʏᴍᴇɴᴛ"). Cyrillic and Greek look-alikes are left to the mixed-script check, which already weighs them;
 * Hangul, kana and Han are never counted (Korean and Japanese attach particles to Latin words: "iPhone을").
 */
const LOOKALIKE_SCRIPTS = /[\u1d00-\u1d2b\u0250-\u02af\ua4d0-\ua4ff\u13a0-\u13ff\uab70-\uabbf\u0530-\u058f\u1950-\u197f\u2c80-\u2cff\u1400-\u167f]/u;

const SMALL_CAPITALS = /[\u1d00-\u1d2b\u0250-\u02af]/u;

function lookalikeLetters(word: string): boolean {
  let foreign = 0;
  let small = 0;
  let ascii = 0;
  for (const c of word) {
    if (/[a-z]/i.test(c)) ascii++;
    else if (SMALL_CAPITALS.test(c)) small++;
    else if (LOOKALIKE_SCRIPTS.test(c)) foreign++;
    else if (!/[\u00c0-\u024f0-9]/.test(c)) return false;
  }
  // a word of another script on its own is that language (Armenian, Cherokee); mixed into Latin letters it is a
  // disguise. Small capitals exist only to look like Latin, so four of them make a word.
  return (foreign > 0 && ascii >= 2) || (small > 0 && small + ascii >= 4 && foreign === 0);
}

function stripMarks(s: string): string {
  return s.normalize('NFD').replace(/\p{M}+/gu, '').normalize('NFC');
}

// single letters joined by one separator, five or more ("N e t f l i x", "B-L-A-C-K"); bounded so it stays linear
const SPACED = /(?<![\p{L}\p{N}])\p{L}(?:[ .\-_*'’]\p{L}){4,40}(?![\p{L}\p{N}])/gu;

/** Invisible characters removed, compatibility forms folded, the I/l and 0/O swaps undone, spaced letters joined. */
export function foldText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(INVISIBLE, '')
    .replace(SPACED, (m) => m.replace(/[ .\-_*'’]/g, ''))
    .replace(/[\p{L}\p{N}]+/gu, (w) => zeroForO(iForL(w)));
}

/** Fold and also strip accents: the form for matching English lure phrases written with stray accents. */
export function foldAccents(text: string): string {
  return stripMarks(foldText(text));
}

/**
 * Disguised words in a text (at most `max`): each with the form it was written in. `names` adds words worth
 * disguising besides the built-in lure vocabulary (brand names, lower-case, letters only).
 */
export function obfuscatedWords(text: string, max = 5, names: ReadonlySet<string> = new Set()): string[] {
  const known = (w: string): boolean => ENGLISH_LURE_WORDS.has(w) || names.has(w);
  const out: string[] = [];
  const add = (w: string): boolean => {
    if (!out.includes(w)) out.push(w);
    return out.length >= max;
  };
  for (const m of text.normalize('NFKC').matchAll(SPACED)) {
    const joined = m[0].replace(/[ .\-_*'’]/g, '');
    // letter-spaced headings ("M E D I A  U N S P U N") are typography; a spaced-out lure word or brand is not
    if (known(joined.toLowerCase()) && add(m[0])) return out;
  }
  // each disguise is searched for by its own shape, so ordinary words cost one scan per shape, not a test each
  if (INVISIBLE.test(text)) {
    INVISIBLE.lastIndex = 0;
    for (const w of wordsAt(text, INVISIBLE_IN_WORD, WORD_OR_INVISIBLE)) if (add(w.replace(INVISIBLE, ''))) return out;
  }
  INVISIBLE.lastIndex = 0;
  for (const w of wordsAt(text, SWAP_MARK)) {
    const swapped = zeroForO(iForL(w));
    if (swapped !== w && /^\p{L}+$/u.test(swapped) && known(swapped.toLowerCase()) && add(w)) return out;
  }
  for (const w of wordsAt(text, NON_ASCII_MARK)) {
    if (lookalikeLetters(w)) {
      if (add(w)) return out;
      continue;
    }
    if (w.length < 4 || w.length > 20 || !/[a-z]{2}/i.test(w)) continue;
    const plain = stripMarks(w);
    // only the lure vocabulary: brand-like words are real words in other languages (über, Uber)
    if (plain !== w && /^[a-z]+$/i.test(plain) && ENGLISH_LURE_WORDS.has(plain.toLowerCase()) && add(w)) return out;
  }
  return out;
}
