import { shorten } from './bytes.js';
import type { Scan } from './scan.js';

/**
 * Passwords handed to the recipient in the mail body ("password: 1234", "비밀번호는 1234입니다", "Senha do
 * PDF: 123"). Lures send an encrypted archive or document with the password in the text precisely so gateways cannot open it; finding it is both
 * evidence and the key.
 */

const MAX_BODY = 256 * 1024;
const MAX_PASSWORDS = 8;

const QUOTED = /(?:password|passcode|passwd|pwd|pw|pass|senha|contrase[ñn]a|kennwort|passwort|비밀\s*번호|비번|암호|패스워드)[^"'“”‘’\n]{0,40}?["“'‘]([^"”'’\n]{3,40})["”'’]/gi;
// "<keyword> <a few words>: value" covers most languages' phrasing ("Senha de acesso ao arquivo: 123",
// "Password for the attached file: 1234", "압축 파일 비밀번호 : 1234").
const COLON = /(?:password|passcode|passwd|pwd|senha|contrase[ñn]a|clave|kennwort|passwort|mot\s+de\s+passe|비밀\s*번호|비번|암호|패스워드)[^\n:：=]{0,30}?[:：=]\s*["'“”‘’[(<]?([^\s"'“”‘’\])>,;]{3,40})/gi;
const EN = /\b(?:zip\s+|archive\s+|file\s+|document\s+|unzip\s+)?(?:password|passcode|passwd|pass\s*word|pwd|pw|pass|unzip\s+code|decryption\s+code|senha|contrase[ñn]a|clave|kennwort|passwort|mot\s+de\s+passe)\b\s*(?:is|do\s+(?:pdf|arquivo|documento)|del\s+(?:pdf|archivo|documento)|for\s+the\s+(?:file|archive|attachment)s?\s+is|to\s+open(?:\s+it)?\s+is|\(\s*case\s+sensitive\s*\))?\s*[:：=\-–]?\s*["'“”‘’[(<]?([^\s"'“”‘’\])>,;]{3,40})/gi;
const KO = /(?:압축\s*)?(?:비밀\s*번호|비번|암호|패스워드)\s*(?:는|은|:|：|=)?\s*[:：=]?\s*["'“”‘’[(<]?([^\s"'“”‘’\])>,;]{3,40})/g;

const STOPWORDS = new Set(['is', 'the', 'for', 'and', 'protected', 'required', 'below', 'attached', 'reset', 'expired',
  'expires', 'change', 'here', 'has', 'will', 'was', 'your', 'you', 'manager', 'policy', 'field', '입니다', '설정', '변경', '재설정']);

function clean(raw: string): string {
  // Korean copula and trailing punctuation glued to the password: "1234입니다." -> "1234".
  // Only a full stop is stripped: "!" and "?" are common inside passwords.
  return raw.replace(/[.。]+$/u, '').replace(/(?:입니다|이에요|예요|이다|임)$/u, '').replace(/[.。]+$/u, '');
}

export function findPasswordsInText(text: string): string[] {
  const body = text.length > MAX_BODY ? text.slice(0, MAX_BODY) : text;
  const found: string[] = [];
  for (const re of [QUOTED, COLON, EN, KO]) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(body)) !== null && found.length < MAX_PASSWORDS) {
      const pw = re === QUOTED ? (m[1] ?? '') : clean(m[1] ?? '');
      if (pw.length < 3 || STOPWORDS.has(pw.toLowerCase()) || /^https?:/i.test(pw)) continue;
      if (!found.includes(pw)) found.push(pw);
    }
  }
  return found;
}

/** An encrypted document plus a password in the body: the evasion itself is the signal, even unverified. */
export function passwordInBody(s: Scan, what: string): void {
  const pw = findPasswordsInText(s.budget.bodyText);
  if (pw.length === 0) return;
  s.report.find('document-password-in-body', 'high', `Password-protected ${what} whose password is given in the mail body: a way to get content past scanners.`,
    `candidate password(s): ${shorten(pw.join(', '), 80)} (not verified)`);
}
