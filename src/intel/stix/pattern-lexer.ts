/**
 * Tokeniser for the STIX 2.1 patterning language, following the lexer rules of the OASIS ANTLR grammar
 * (STIXPattern.g4): keywords are upper-case and case-sensitive, object types may contain hyphens, string
 * literals escape only `\'` and `\\`, and h'…', b'…', t'…' are hex, binary and timestamp literals.
 */
export type TokKind =
  | 'kw' | 'ident' | 'string' | 'int' | 'float' | 'hex' | 'binary' | 'timestamp' | 'bool'
  | 'op' | 'lbrack' | 'rbrack' | 'lparen' | 'rparen' | 'colon' | 'dot' | 'comma' | 'star' | 'eof';

export interface Token {
  kind: TokKind;
  text: string;
  /** Decoded value: string contents, number, boolean. */
  value: string | number | boolean;
  pos: number;
}

export class PatternSyntaxError extends Error {
  constructor(message: string, readonly pos: number) {
    super(`${message} at offset ${pos}`);
    this.name = 'PatternSyntaxError';
  }
}

const KEYWORDS = new Set([
  'AND', 'OR', 'NOT', 'FOLLOWEDBY', 'LIKE', 'MATCHES', 'ISSUPERSET', 'ISSUBSET', 'EXISTS', 'LAST', 'IN',
  'START', 'STOP', 'SECONDS', 'WITHIN', 'REPEATS', 'TIMES',
]);

const TIMESTAMP = /^\d{4}-(0[1-9]|1[012])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?Z$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{4}|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{2}==)$/;
const WS = /[ \t\r\n\u000B\u000C\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;

function readQuoted(src: string, start: number): { value: string; end: number } {
  // start points at the opening quote
  let out = '';
  let i = start + 1;
  while (i < src.length) {
    const c = src[i]!;
    if (c === '\\') {
      const n = src[i + 1];
      if (n !== "'" && n !== '\\') throw new PatternSyntaxError('invalid escape in string literal (only \\\' and \\\\ allowed)', i);
      out += n;
      i += 2;
      continue;
    }
    if (c === "'") return { value: out, end: i + 1 };
    out += c;
    i++;
  }
  throw new PatternSyntaxError('unterminated string literal', start);
}

export function tokenize(src: string): Token[] {
  const toks: Token[] = [];
  let i = 0;
  const push = (kind: TokKind, text: string, value: string | number | boolean, pos: number): void => {
    toks.push({ kind, text, value, pos });
  };
  while (i < src.length) {
    const c = src[i]!;
    if (WS.test(c)) {
      i++;
      continue;
    }
    if (c === '/' && src[i + 1] === '*') {
      const end = src.indexOf('*/', i + 2);
      if (end < 0) throw new PatternSyntaxError('unterminated comment', i);
      i = end + 2;
      continue;
    }
    if (c === '/' && src[i + 1] === '/') {
      while (i < src.length && src[i] !== '\n' && src[i] !== '\r') i++;
      continue;
    }
    const start = i;
    if ((c === 'h' || c === 'b' || c === 't') && src[i + 1] === "'") {
      const q = readQuoted(src, i + 1);
      const body = q.value;
      if (c === 'h') {
        if (!/^(?:[0-9A-Fa-f]{2})*$/.test(body)) throw new PatternSyntaxError('invalid hex literal', start);
        push('hex', src.slice(start, q.end), body.toLowerCase(), start);
      } else if (c === 'b') {
        if (!BASE64.test(body)) throw new PatternSyntaxError('invalid binary (base64) literal', start);
        push('binary', src.slice(start, q.end), body, start);
      } else {
        if (!TIMESTAMP.test(body)) throw new PatternSyntaxError('invalid timestamp literal', start);
        push('timestamp', src.slice(start, q.end), body, start);
      }
      i = q.end;
      continue;
    }
    if (c === "'") {
      const q = readQuoted(src, i);
      push('string', src.slice(start, q.end), q.value, start);
      i = q.end;
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      let j = i + 1;
      while (j < src.length && /[A-Za-z0-9_-]/.test(src[j]!)) j++;
      const word = src.slice(i, j);
      i = j;
      if (KEYWORDS.has(word)) push('kw', word, word, start);
      else if (word === 'true' || word === 'false') push('bool', word, word === 'true', start);
      else push('ident', word, word, start);
      continue;
    }
    if (/[0-9+\-.]/.test(c)) {
      const m = /^[+-]?(?:\d*\.\d+|0|[1-9]\d*)/.exec(src.slice(i, i + 64));
      if (m !== null && m[0] !== '+' && m[0] !== '-' && !(c === '.' && !/\d/.test(src[i + 1] ?? ''))) {
        const text = m[0];
        push(text.includes('.') ? 'float' : 'int', text, Number(text), start);
        i += text.length;
        continue;
      }
    }
    const two = src.slice(i, i + 2);
    if (two === '==' || two === '!=' || two === '<>' || two === '<=' || two === '>=') {
      push('op', two, two === '==' ? '=' : two === '<>' ? '!=' : two, start);
      i += 2;
      continue;
    }
    const single: Record<string, TokKind> = { '[': 'lbrack', ']': 'rbrack', '(': 'lparen', ')': 'rparen', ':': 'colon', '.': 'dot', ',': 'comma', '*': 'star' };
    if (c === '=' || c === '<' || c === '>') {
      push('op', c, c, start);
      i++;
      continue;
    }
    const k = single[c];
    if (k !== undefined) {
      push(k, c, c, start);
      i++;
      continue;
    }
    throw new PatternSyntaxError(`unexpected character ${JSON.stringify(c)}`, i);
  }
  toks.push({ kind: 'eof', text: '', value: '', pos: src.length });
  return toks;
}
