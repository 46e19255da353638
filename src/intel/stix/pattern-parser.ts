import { INTEL_LIMITS } from '../limits.js';
import type { CompareOp, ComparisonNode, Literal, ObjectPath, ObservationNode, PathStep, Qualifier } from './pattern-ast.js';
import { PatternSyntaxError, tokenize, type Token } from './pattern-lexer.js';

/**
 * Recursive-descent parser for STIXPattern.g4. The grammar's left-recursive rules become loops; precedence
 * (loosest first) is FOLLOWEDBY, OR, AND between observations and OR, AND inside one. Depth and node counts are
 * capped (limits.ts) so that a hostile pattern cannot exhaust the stack or evaluation budget.
 */
class Parser {
  private i = 0;
  private depth = 0;
  private nodes = 0;

  constructor(private readonly toks: Token[]) {}

  private peek(): Token {
    return this.toks[this.i]!;
  }

  private next(): Token {
    const t = this.toks[this.i]!;
    if (t.kind !== 'eof') this.i++;
    return t;
  }

  private isKw(word: string): boolean {
    const t = this.peek();
    return t.kind === 'kw' && t.text === word;
  }

  private expect(kind: Token['kind'], what: string): Token {
    const t = this.next();
    if (t.kind !== kind) throw new PatternSyntaxError(`expected ${what}, found ${t.kind === 'eof' ? 'end of pattern' : JSON.stringify(t.text)}`, t.pos);
    return t;
  }

  private count(): void {
    if (++this.nodes > INTEL_LIMITS.patternNodes) throw new PatternSyntaxError(`pattern has more than ${INTEL_LIMITS.patternNodes} nodes`, this.peek().pos);
  }

  private enter(): void {
    if (++this.depth > INTEL_LIMITS.patternDepth) throw new PatternSyntaxError(`pattern nested deeper than ${INTEL_LIMITS.patternDepth}`, this.peek().pos);
  }

  parse(): ObservationNode {
    const e = this.observationExpressions();
    const t = this.peek();
    if (t.kind !== 'eof') throw new PatternSyntaxError(`unexpected ${JSON.stringify(t.text)}`, t.pos);
    return e;
  }

  private observationExpressions(): ObservationNode {
    let left = this.observationOr();
    while (this.isKw('FOLLOWEDBY')) {
      this.next();
      this.count();
      left = { kind: 'followedby', left, right: this.observationOr() };
    }
    return left;
  }

  private observationOr(): ObservationNode {
    let left = this.observationAnd();
    while (this.isKw('OR')) {
      this.next();
      this.count();
      left = { kind: 'or', left, right: this.observationAnd() };
    }
    return left;
  }

  private observationAnd(): ObservationNode {
    let left = this.observation();
    while (this.isKw('AND')) {
      this.next();
      this.count();
      left = { kind: 'and', left, right: this.observation() };
    }
    return left;
  }

  private observation(): ObservationNode {
    this.enter();
    this.count();
    const t = this.next();
    let node: ObservationNode;
    if (t.kind === 'lbrack') {
      node = { kind: 'observation', comparison: this.comparisonOr() };
      this.expect('rbrack', "']'");
    } else if (t.kind === 'lparen') {
      node = this.observationExpressions();
      this.expect('rparen', "')'");
    } else {
      throw new PatternSyntaxError(`expected '[' or '(' to start an observation, found ${t.kind === 'eof' ? 'end of pattern' : JSON.stringify(t.text)}`, t.pos);
    }
    for (;;) {
      const q = this.qualifier();
      if (q === null) break;
      this.count();
      node = { kind: 'qualified', inner: node, qualifier: q };
    }
    this.depth--;
    return node;
  }

  private qualifier(): Qualifier | null {
    if (this.isKw('WITHIN')) {
      this.next();
      const n = this.next();
      if ((n.kind !== 'int' && n.kind !== 'float') || (n.value as number) <= 0) throw new PatternSyntaxError('WITHIN needs a positive number', n.pos);
      if (!this.isKw('SECONDS')) throw new PatternSyntaxError('expected SECONDS', this.peek().pos);
      this.next();
      return { kind: 'within', seconds: n.value as number };
    }
    if (this.isKw('REPEATS')) {
      this.next();
      const n = this.next();
      if (n.kind !== 'int' || (n.value as number) <= 0) throw new PatternSyntaxError('REPEATS needs a positive integer', n.pos);
      if (!this.isKw('TIMES')) throw new PatternSyntaxError('expected TIMES', this.peek().pos);
      this.next();
      return { kind: 'repeats', times: n.value as number };
    }
    if (this.isKw('START')) {
      this.next();
      const a = this.expect('timestamp', "a t'…' timestamp");
      if (!this.isKw('STOP')) throw new PatternSyntaxError('expected STOP', this.peek().pos);
      this.next();
      const b = this.expect('timestamp', "a t'…' timestamp");
      return { kind: 'startstop', start: a.value as string, stop: b.value as string };
    }
    return null;
  }

  private comparisonOr(): ComparisonNode {
    let left = this.comparisonAnd();
    while (this.isKw('OR')) {
      this.next();
      this.count();
      left = { kind: 'or', left, right: this.comparisonAnd() };
    }
    return left;
  }

  private comparisonAnd(): ComparisonNode {
    let left = this.propTest();
    while (this.isKw('AND')) {
      this.next();
      this.count();
      left = { kind: 'and', left, right: this.propTest() };
    }
    return left;
  }

  private propTest(): ComparisonNode {
    this.count();
    if (this.peek().kind === 'lparen') {
      this.enter();
      this.next();
      const inner = this.comparisonOr();
      this.expect('rparen', "')'");
      this.depth--;
      return inner;
    }
    let negated = false;
    if (this.isKw('NOT')) {
      this.next();
      negated = true;
    }
    if (this.isKw('EXISTS')) {
      this.next();
      return { kind: 'exists', path: this.objectPath(), negated };
    }
    if (negated) throw new PatternSyntaxError('NOT before an object path must be followed by EXISTS', this.peek().pos);
    const path = this.objectPath();
    if (this.isKw('NOT')) {
      this.next();
      negated = true;
    }
    const t = this.next();
    let op: CompareOp;
    if (t.kind === 'op') op = t.value as CompareOp;
    else if (t.kind === 'kw' && ['IN', 'LIKE', 'MATCHES', 'ISSUBSET', 'ISSUPERSET'].includes(t.text)) op = t.text as CompareOp;
    else throw new PatternSyntaxError(`expected a comparison operator, found ${t.kind === 'eof' ? 'end of pattern' : JSON.stringify(t.text)}`, t.pos);
    if (op === 'IN') return { kind: 'test', path, op, negated, value: this.setLiteral() };
    const lit = this.literal();
    if ((op === 'LIKE' || op === 'MATCHES' || op === 'ISSUBSET' || op === 'ISSUPERSET') && lit.kind !== 'string') {
      throw new PatternSyntaxError(`${op} needs a string literal`, t.pos);
    }
    if ((op === '<' || op === '<=' || op === '>' || op === '>=') && lit.kind === 'bool') {
      throw new PatternSyntaxError(`${op} needs an orderable literal`, t.pos);
    }
    return { kind: 'test', path, op, negated, value: lit };
  }

  private setLiteral(): Literal[] {
    this.expect('lparen', "'(' to start a set");
    const out: Literal[] = [];
    if (this.peek().kind === 'rparen') {
      this.next();
      return out;
    }
    for (;;) {
      this.count();
      out.push(this.literal());
      const t = this.next();
      if (t.kind === 'rparen') return out;
      if (t.kind !== 'comma') throw new PatternSyntaxError("expected ',' or ')' in set", t.pos);
    }
  }

  private literal(): Literal {
    const t = this.next();
    switch (t.kind) {
      case 'string':
      case 'hex':
      case 'binary':
      case 'timestamp':
        return { kind: t.kind, value: t.value as string };
      case 'int':
      case 'float':
        return { kind: t.kind, value: t.value as number };
      case 'bool':
        return { kind: 'bool', value: t.value as boolean };
      default:
        throw new PatternSyntaxError(`expected a literal, found ${t.kind === 'eof' ? 'end of pattern' : JSON.stringify(t.text)}`, t.pos);
    }
  }

  private objectPath(): ObjectPath {
    const type = this.expect('ident', 'an object type');
    this.expect('colon', "':'");
    const steps: PathStep[] = [];
    const first = this.next();
    if (first.kind === 'ident') {
      if (first.text.includes('-')) throw new PatternSyntaxError('property names cannot contain hyphens unless quoted', first.pos);
      steps.push({ kind: 'key', key: first.text });
    } else if (first.kind === 'string') steps.push({ kind: 'key', key: first.value as string });
    else throw new PatternSyntaxError('expected a property name', first.pos);
    for (;;) {
      const t = this.peek();
      if (t.kind === 'dot') {
        this.next();
        const k = this.next();
        if (k.kind === 'ident' && !k.text.includes('-')) steps.push({ kind: 'key', key: k.text });
        else if (k.kind === 'string') steps.push({ kind: 'key', key: k.value as string });
        else throw new PatternSyntaxError('expected a property name after "."', k.pos);
      } else if (t.kind === 'lbrack' && this.isIndexStep()) {
        this.next();
        const k = this.next();
        if (k.kind === 'star') steps.push({ kind: 'index', index: '*' });
        else if (k.kind === 'int') steps.push({ kind: 'index', index: k.value as number });
        else throw new PatternSyntaxError('expected an index or * in a path', k.pos);
        this.expect('rbrack', "']'");
      } else break;
      if (steps.length > INTEL_LIMITS.patternDepth) throw new PatternSyntaxError('object path too long', t.pos);
    }
    return { objectType: type.text, steps };
  }

  /** `[` after a path is an index step only when followed by an integer or `*` and `]`. */
  private isIndexStep(): boolean {
    const a = this.toks[this.i + 1];
    const b = this.toks[this.i + 2];
    return a !== undefined && b !== undefined && (a.kind === 'star' || a.kind === 'int') && b.kind === 'rbrack';
  }
}

/** Parse pattern text; throws PatternSyntaxError naming the offset and the reason. */
export function parsePattern(text: string): ObservationNode {
  if (text.length > INTEL_LIMITS.patternChars) throw new PatternSyntaxError(`pattern longer than ${INTEL_LIMITS.patternChars} characters`, 0);
  return new Parser(tokenize(text)).parse();
}
