import { splitHost } from '../domains.js';

/**
 * Traits of mail assembled by a bulk sender's tooling rather than written or sent by someone with a name to keep:
 * domains and mailboxes minted by a generator so none builds a reputation, random tags stuck onto subjects so no
 * two copies look alike to duplicate detection, and mail-merge fields the tooling failed to fill. Each is cheap
 * (a few string passes over a header or a short text) and none alone says much; they weigh as extra evidence.
 */

/** Letter ↔ digit switches in a string ("j5o9r6igyf" has six): words and brand names have one at most. */
function digitSwitches(s: string): number {
  let n = 0;
  for (let i = 1; i < s.length; i++) {
    const a = s.charCodeAt(i - 1) <= 57;
    const b = s.charCodeAt(i) <= 57;
    if (a !== b) n++;
  }
  return n;
}

/**
 * A registrable label that a generator made: eight or more letters and digits mixed at least three times over
 * ("crax4m7nyi", "4wsdb84jfyd2u8r9fpbf"), or letters with a run of six or more consonants once the English
 * digraphs (ch, sh, th, ph, ck, gh) are read as one sound ("yxnvwvdgd", "cjscfxpktp"). Brand names and words
 * mix digits in one place ("web2mail", "365scores") and have vowels between their consonant clusters
 * ("mindspring", "greenhydrant"); hyphenated labels are compounds of words and are left alone.
 */
export function generatedDomain(domain: string | null): string | null {
  if (domain === null) return null;
  const label = splitHost(domain)?.label;
  if (label === undefined || !/^[a-z0-9]{8,63}$/.test(label)) return null;
  if (/[a-z]/.test(label) && /\d/.test(label)) return digitSwitches(label) >= 3 ? label : null;
  if (/\d/.test(label)) return null;
  const sounds = label.replace(/sch|[cstpg]h|ck/g, 'x');
  let run = 0;
  for (const ch of sounds) {
    run = 'aeiouy'.includes(ch) ? 0 : run + 1;
    if (run >= 6) return label;
  }
  return null;
}

/** Pieces of a camel-cased word: "deLaRochefoucauld" → de, La, Rochefoucauld; "HWcUkzB" → H, Wc, Ukz, B. */
function casePieces(s: string): string[] {
  return s.match(/[A-Z]?[a-z]+|[A-Z]+(?![a-z])/g) ?? [];
}

/**
 * A mailbox written in random mixed case ("nOsuPjv", "lqKmKvmNIFpnVjd", "cUstOMer_SErvicE"): a generator that
 * varies the case of each copy. People write mailboxes in lower case or capitalise their names' words
 * ("Stewart.Smith", "GlennEverhart", "LeBlanc"); role and brand mailboxes capitalise words too ("NoReply",
 * "ITSupport", "HRMgmtTeam"). A part counts as random when it breaks into three or more case pieces that are on
 * average shorter than three letters.
 * Mailboxes with tags or tokens (VERP bounces, "Online#3.19586.b5-9w0bl…") are a service's and left alone.
 */
export function randomCaseMailbox(rawLocal: string | null): string | null {
  if (rawLocal === null || rawLocal.length > 64 || /[#=+%/]/.test(rawLocal)) return null;
  for (const part of rawLocal.split(/[._-]+/)) {
    const letters = part.replace(/\d{1,3}$/, '');
    if (letters.length < 6 || !/^[A-Za-z]+$/.test(letters) || !/[a-z]/.test(letters)) continue;
    if ((letters.match(/[A-Z]/g) ?? []).length < 2) continue;
    const pieces = casePieces(letters);
    if (pieces.length < 3) continue;
    if (letters.length / pieces.length < 3) return rawLocal;
  }
  return null;
}

/**
 * A random tag added to a subject or a sender's name so that every copy differs: a code pushed to the end behind a
 * run of spaces, underscores or dots ("Reageer alstublieft!     FQUVPMEYPU", "…with MEDVi__ID#DPU82-701",
 * "Jouw PensioenInzicht .....BF403"), capitals glued on with a dot ("Elisabeth Jongeling .BVUM", "…isolatie!.BVUM"),
 * or a token of eight or more letters and digits in random case ("Fatura Emitida - KtSaGYsPn9djSGR"). Order and
 * ticket numbers sit where the sentence puts them ("ticket #55606OTC1") and are digits or capitals; product names
 * are camel-cased words ("SpamAssassin", "ThePhotoStick").
 */
export function randomTag(header: string | null): string | null {
  if (header === null || header === '') return null;
  const s = header.slice(0, 300);
  const padded = /(?:\s{3,}|_{2,}|\.{3,}\s*)((?:ID)?[#:]{0,2}[A-Za-z0-9][A-Za-z0-9-]{3,24})\W{0,3}$/.exec(s);
  if (padded !== null) {
    const tag = padded[1]!;
    const core = tag.replace(/^(?:ID)?[#:]*/, '');
    if (/[A-Z]/.test(core) && (/\d/.test(core) || (core.length >= 6 && /^[A-Z]+$/.test(core)))) return tag;
  }
  const glued = /(?:\s\.|[!?]\.)([A-Z]{4,10})\s*$/.exec(s);
  if (glued !== null) return glued[0].trim();
  for (const m of s.matchAll(/[A-Za-z0-9]{8,40}/g)) {
    const tok = m[0];
    if (!/\d/.test(tok) || !/[a-z]/.test(tok) || !/[A-Z]/.test(tok)) continue;
    // the letters between digits must themselves switch case at random, not spell camel-cased words
    const runs = tok.split(/\d+/).filter((x) => x !== '');
    const pieces = runs.flatMap(casePieces);
    const letters = runs.join('').length;
    if (pieces.length >= 4 && letters / pieces.length < 3) return tok;
  }
  return null;
}

const PERSONAL = String.raw`(?:first[ _-]?name|last[ _-]?name|full[ _-]?name|f?name|l?name|user[ _-]?name|e-?mail|company(?:[ _-]?name)?|recipient|customer(?:[ _-]?name)?)`;
// merge tags of the common mailing tools: {{ first_name }}, *|FNAME|*, %FIRSTNAME%, ##email##
const TAG = new RegExp(String.raw`\{\{\s{0,3}${PERSONAL}\s{0,3}\}\}|\*\|${PERSONAL}\|\*|%%?${PERSONAL}%%?|##${PERSONAL}##`, 'i');
// single brackets only where a name belongs: after a greeting or a label ("Hallo {firstname}", "Name: [username]")
const BRACKETED = new RegExp(String.raw`[\[{]${PERSONAL}[\]}]`, 'gi');
const GREETING = /(?:^|\b(?:dear|hi|hey|hello|hallo|hola|olá|ola|bonjour|ciao|beste|lieber?|geachte|to|name|vorname|nachname)[ \t]{0,3}[:,]?[ \t]{0,3})$/i;

/**
 * A mail-merge field the sending tool did not fill ("Hey {{ FNAME }}", "Hallo {firstname}", "[username], Fire Up
 * the Grill"): mail written for a list the sender does not know by name. Only fields for a person's name, address
 * or company count, and single-bracket fields only at the start of the subject or a line or after a greeting or a
 * label, so code in a message ("%{name}" in an RPM spec, "$Name" in a CVS keyword) is not one.
 */
export function unfilledMergeField(subject: string | null, text: string): string | null {
  for (const t of [subject ?? '', text.slice(0, 20_000)]) {
    const tag = TAG.exec(t);
    if (tag !== null) return tag[0].trim().slice(0, 80);
    let n = 0;
    for (const m of t.matchAll(BRACKETED)) {
      if (++n > 20) break;
      const before = t.slice(Math.max(0, m.index - 20), m.index).replace(/^[^\n]*\n/, '');
      // an empty window is the start of the text or of a line: a greeting's place too
      if (GREETING.test(before)) return `${before.trim()} ${m[0]}`.trim().slice(0, 80);
    }
  }
  return null;
}
