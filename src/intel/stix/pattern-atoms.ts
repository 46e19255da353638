import type { IndicatorType } from '../values.js';
import { normaliseValue, type NormaliseOptions } from '../values.js';
import { parseCidr } from '../ip.js';
import type { ComparisonNode, Literal, ObjectPath, ObservationNode } from './pattern-ast.js';

const HASH_TYPES: Record<string, IndicatorType> = { md5: 'md5', sha1: 'sha1', sha256: 'sha256' };

/** Normalise a hash algorithm name the way producers spell it: 'SHA-256', SHA256, sha-256 … */
export function hashKey(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

const WALLET_TYPES = new Set(['cryptocurrency-wallet', 'x-crypto-wallet', 'x-cryptocurrency-wallet', 'x-bitcoin-address', 'x-crypto-address']);

/**
 * Which indicator type an object path feeds, when a `=`/`IN`/`ISSUBSET` on it is an atomic value. `undefined`
 * means the path is not indexable (x509 issuer, file name…), so the pattern is kept for evaluation instead.
 */
export function pathIndicatorKind(p: ObjectPath): 'ip4' | 'ip6' | 'wallet' | IndicatorType | undefined {
  const keys = p.steps.map((s) => (s.kind === 'key' ? s.key : '#'));
  const k = keys.join('.');
  switch (p.objectType) {
    case 'ipv4-addr':
      return k === 'value' ? 'ip4' : undefined;
    case 'ipv6-addr':
      return k === 'value' ? 'ip6' : undefined;
    case 'domain-name':
      return k === 'value' ? 'domain' : undefined;
    case 'url':
      return k === 'value' ? 'url' : undefined;
    case 'email-addr':
      return k === 'value' ? 'email' : undefined;
    case 'email-message':
      return k === 'from_ref.value' || k === 'sender_ref.value' ? 'email' : undefined;
    case 'file':
    case 'artifact':
      return keys.length === 2 && keys[0] === 'hashes' ? HASH_TYPES[hashKey(keys[1]!)] : undefined;
    default:
      if (WALLET_TYPES.has(p.objectType) && (k === 'value' || k === 'address')) return 'wallet';
      return undefined;
  }
}

export interface AtomResult {
  /** Normalised atomic values when the whole pattern is an OR of indexable equalities; otherwise empty. */
  atoms: { type: IndicatorType; value: string }[];
  /** Values in an otherwise atomic pattern that failed validation (reported, not indexed). */
  invalid: { path: string; value: string; reason: string }[];
  /** True when the pattern needs evaluation against a message (AND, NOT, MATCHES, qualifiers, other paths). */
  complex: boolean;
}

/** Classify a literal for an indexable path into a typed value (IPs with a prefix are CIDRs). */
export function literalToValue(kind: NonNullable<ReturnType<typeof pathIndicatorKind>>, lit: Literal, opts: NormaliseOptions): { type: IndicatorType; value: string } | { error: string } {
  if (lit.kind !== 'string') return { error: `expected a string literal, got ${lit.kind}` };
  const raw = lit.value;
  let type: IndicatorType;
  if (kind === 'ip4' || kind === 'ip6') {
    if (raw.includes('/')) {
      const c = parseCidr(raw);
      if (c === null || (kind === 'ip4') !== (c.family === 4)) return { error: `not a valid IPv${kind === 'ip4' ? 4 : 6} CIDR` };
      if (c.prefix === (c.family === 4 ? 32 : 128)) type = c.family === 4 ? 'ipv4' : 'ipv6';
      else type = 'cidr';
      const v = normaliseValue(type, type === 'cidr' ? raw : raw.slice(0, raw.indexOf('/')), opts);
      return v === null ? { error: `not a valid ${type}` } : { type, value: v };
    }
    type = kind === 'ip4' ? 'ipv4' : 'ipv6';
  } else if (kind === 'wallet') {
    type = /^0x[0-9a-fA-F]{40}$/.test(raw.trim()) ? 'eth-address' : 'btc-address';
  } else type = kind;
  const v = normaliseValue(type, raw, opts);
  return v === null ? { error: `not a valid ${type}` } : { type, value: v };
}

/** Reduce a parsed pattern to atomic index values when it is a pure disjunction of equalities. */
export function extractAtoms(ast: ObservationNode, opts: NormaliseOptions = {}): AtomResult {
  const res: AtomResult = { atoms: [], invalid: [], complex: false };
  const tests: Extract<ComparisonNode, { kind: 'test' }>[] = [];
  const walkCmp = (c: ComparisonNode): boolean => {
    if (c.kind === 'or') return walkCmp(c.left) && walkCmp(c.right);
    if (c.kind !== 'test' || c.negated) return false;
    if (c.op !== '=' && c.op !== 'IN' && c.op !== 'ISSUBSET') return false;
    const kind = pathIndicatorKind(c.path);
    if (kind === undefined) return false;
    if (c.op === 'ISSUBSET' && kind !== 'ip4' && kind !== 'ip6') return false;
    tests.push(c);
    return true;
  };
  const walkObs = (o: ObservationNode): boolean => {
    if (o.kind === 'or') return walkObs(o.left) && walkObs(o.right);
    if (o.kind === 'observation') return walkCmp(o.comparison);
    return false;
  };
  if (!walkObs(ast)) {
    res.complex = true;
    return res;
  }
  const seen = new Set<string>();
  for (const t of tests) {
    const kind = pathIndicatorKind(t.path)!;
    const lits = Array.isArray(t.value) ? t.value : [t.value];
    for (const lit of lits) {
      const r = literalToValue(kind, lit, opts);
      if ('error' in r) {
        res.invalid.push({ path: `${t.path.objectType}:${t.path.steps.map((s) => (s.kind === 'key' ? s.key : `[${s.index}]`)).join('.')}`, value: String(lit.value), reason: r.error });
        continue;
      }
      const key = `${r.type}\u0000${r.value}`;
      if (!seen.has(key)) {
        seen.add(key);
        res.atoms.push(r);
      }
    }
  }
  return res;
}
