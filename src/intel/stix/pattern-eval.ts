import { parseCidr, parseIpv4, parseIpv6, cidrContains } from '../ip.js';
import { INTEL_LIMITS } from '../limits.js';
import type { ComparisonNode, Literal, ObjectPath, ObservationNode } from './pattern-ast.js';
import { hashKey } from './pattern-atoms.js';

/** A cyber-observable object as the evaluator sees it: a STIX type plus properties. */
export type Sco = { type: string } & Record<string, unknown>;

/**
 * Heuristic ReDoS guard for MATCHES: refuse a quantified group that itself contains a quantifier or an
 * alternation ((a+)+, (a|aa)*), the shapes behind catastrophic backtracking (as in the "safe-regex" check).
 * Refused regexes are never evaluated; the import report names them.
 */
export function unsafeRegex(src: string): string | null {
  if (src.length > INTEL_LIMITS.regexChars) return `regular expression longer than ${INTEL_LIMITS.regexChars} characters`;
  if (/\\[1-9]/.test(src)) return 'backreferences are not evaluated';
  if (/\((?:[^()\\]|\\.)*[+*}|](?:[^()\\]|\\.)*\)\s*[+*{?]/.test(src)) return 'nested quantifier (catastrophic backtracking)';
  try {
    new RegExp(src, 'u');
  } catch (e) {
    return `invalid regular expression: ${(e as Error).message}`;
  }
  return null;
}

function resolvePath(obj: Sco, path: ObjectPath): unknown[] {
  if (obj.type !== path.objectType) return [];
  let cur: unknown[] = [obj];
  for (const step of path.steps) {
    const next: unknown[] = [];
    for (const c of cur) {
      if (step.kind === 'key') {
        if (typeof c !== 'object' || c === null || Array.isArray(c)) continue;
        const rec = c as Record<string, unknown>;
        if (Object.hasOwn(rec, step.key)) next.push(rec[step.key]);
        else if (path.steps[0]?.kind === 'key' && path.steps[0].key === 'hashes') {
          // Hash names are compared spelling-insensitively: 'SHA-256' = SHA256 = sha256.
          const want = hashKey(step.key);
          for (const k of Object.keys(rec)) if (hashKey(k) === want) next.push(rec[k]);
        }
      } else if (Array.isArray(c)) {
        if (step.index === '*') next.push(...(c as unknown[]));
        else if (step.index >= 0 && step.index < c.length) next.push(c[step.index]);
      }
    }
    cur = next;
  }
  return cur;
}

function literalValue(l: Literal): string | number | boolean {
  return l.value;
}

function likeToRegex(like: string): RegExp {
  let r = '^';
  for (const ch of like) r += ch === '%' ? '.*' : ch === '_' ? '.' : ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`${r}$`, 'su');
}

function ipOf(v: string): { family: 4; v: number } | { family: 6; v: bigint } | null {
  const a = parseIpv4(v);
  if (a !== null) return { family: 4, v: a };
  const b = parseIpv6(v);
  return b === null ? null : { family: 6, v: b };
}

function isHashPath(p: ObjectPath): boolean {
  return p.steps[0]?.kind === 'key' && p.steps[0].key === 'hashes';
}

function testOne(path: ObjectPath, op: string, value: unknown, lit: Literal | Literal[]): boolean {
  if (Array.isArray(lit)) return lit.some((l) => testOne(path, '=', value, l));
  const want = literalValue(lit);
  const ipPath = (path.objectType === 'ipv4-addr' || path.objectType === 'ipv6-addr') && typeof value === 'string';
  switch (op) {
    case '=':
    case '!=': {
      let eq: boolean;
      if (ipPath && typeof want === 'string' && want.includes('/')) {
        const c = parseCidr(want);
        const ip = ipOf(value);
        eq = c !== null && ip !== null && cidrContains(c, ip);
      } else if (typeof value === 'string' && typeof want === 'string' && (isHashPath(path) || path.objectType === 'domain-name')) {
        eq = value.toLowerCase() === want.toLowerCase();
      } else eq = value === want;
      return op === '=' ? eq : !eq;
    }
    case '<':
    case '<=':
    case '>':
    case '>=': {
      if (typeof value !== typeof want || (typeof value !== 'number' && typeof value !== 'string')) return false;
      const a = value;
      const b = want as number | string;
      return op === '<' ? a < b : op === '<=' ? a <= b : op === '>' ? a > b : a >= b;
    }
    case 'LIKE':
      return typeof value === 'string' && value.length <= INTEL_LIMITS.regexSubjectChars && likeToRegex(String(want)).test(value);
    case 'MATCHES': {
      if (typeof value !== 'string' || value.length > INTEL_LIMITS.regexSubjectChars) return false;
      const src = String(want);
      if (unsafeRegex(src) !== null) return false;
      return new RegExp(src, 'u').test(value);
    }
    case 'ISSUBSET':
    case 'ISSUPERSET': {
      if (typeof value !== 'string') return false;
      const c = parseCidr(String(want));
      if (c === null) return false;
      if (op === 'ISSUBSET') {
        const asCidr = value.includes('/') ? parseCidr(value) : null;
        if (asCidr !== null) return asCidr.family === c.family && asCidr.prefix >= c.prefix && cidrContains(c, asCidr.family === 4 ? { family: 4, v: asCidr.network as number } : { family: 6, v: asCidr.network as bigint });
        const ip = ipOf(value);
        return ip !== null && cidrContains(c, ip);
      }
      const mine = value.includes('/') ? parseCidr(value) : null;
      const wantIp = ipOf(String(want).split('/')[0]!);
      return mine !== null && wantIp !== null && mine.prefix <= c.prefix && cidrContains(mine, wantIp);
    }
    default:
      return false;
  }
}

function evalComparison(c: ComparisonNode, obj: Sco): boolean {
  switch (c.kind) {
    case 'and':
      return evalComparison(c.left, obj) && evalComparison(c.right, obj);
    case 'or':
      return evalComparison(c.left, obj) || evalComparison(c.right, obj);
    case 'exists': {
      const has = resolvePath(obj, c.path).length > 0;
      return obj.type === c.path.objectType && (c.negated ? !has : has);
    }
    case 'test': {
      const values = resolvePath(obj, c.path);
      if (values.length === 0) return false;
      // NOT negates the operator; a path that does not exist never matches either way (STIX 2.1 §9.5).
      const hit = values.some((v) => testOne(c.path, c.op, v, c.value));
      return c.negated ? !hit : hit;
    }
  }
}

/**
 * Evaluate against the observables of one message, all treated as one observation window. Deviations, named:
 * FOLLOWEDBY is evaluated as AND (one message carries no order between its observables); WITHIN and
 * START/STOP hold trivially inside one message; REPEATS n needs n distinct matching objects.
 */
export function evaluatePattern(ast: ObservationNode, objects: readonly Sco[]): boolean {
  const count = (o: ObservationNode): number => {
    switch (o.kind) {
      case 'observation': {
        let n = 0;
        for (const obj of objects) if (evalComparison(o.comparison, obj)) n++;
        return n;
      }
      case 'and':
      case 'followedby':
        return Math.min(count(o.left), count(o.right));
      case 'or':
        return count(o.left) + count(o.right);
      case 'qualified':
        if (o.qualifier.kind === 'repeats') return count(o.inner) >= o.qualifier.times ? 1 : 0;
        return count(o.inner);
    }
  };
  return count(ast) > 0;
}

/** Index of the first object that satisfies some observation of the pattern (the evidence to show), or -1. */
export function firstWitness(ast: ObservationNode, objects: readonly Sco[]): number {
  const leaves: ComparisonNode[] = [];
  const walk = (o: ObservationNode): void => {
    if (o.kind === 'observation') leaves.push(o.comparison);
    else if (o.kind === 'qualified') walk(o.inner);
    else {
      walk(o.left);
      walk(o.right);
    }
  };
  walk(ast);
  return objects.findIndex((obj) => leaves.some((c) => evalComparison(c, obj)));
}
