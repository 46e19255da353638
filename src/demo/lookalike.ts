/**
 * Lookalike domains an attacker registers against a brand: homoglyphs (IDN, sent as punycode), typos,
 * combosquats and the brand embedded in a subdomain of a foreign domain.
 */
import { domainToASCII } from 'node:url';
import type { Rng } from './rng.js';

export type LookalikeTechnique = 'homoglyph-punycode' | 'typo' | 'combosquat' | 'brand-in-subdomain';

/** Latin letters and the Cyrillic letters that render the same (UTS #39 confusables). */
const HOMOGLYPHS: Record<string, string> = { a: 'а', e: 'е', o: 'о', p: 'р', c: 'с', x: 'х', y: 'у', i: 'і' };

const ATTACKER_WORDS = ['secure-auth', 'account-notice', 'verify-center', 'login-portal', 'mail-notice', 'docs-viewer', 'cloud-share', 'safe-check', 'user-service', 'sign-portal', 'auth-session', 'file-transfer'];
const ATTACKER_TLDS = ['info', 'net', 'com', 'xyz', 'online', 'top', 'site'];
const COMBO_WORDS = ['security', 'support', 'helpdesk', 'notice', 'hr', 'wallet', 'verify', 'corp', 'group', 'official'];

export interface Lookalike {
  technique: LookalikeTechnique;
  /** The brand domain imitated. */
  target: string;
  /** ASCII (punycode) form, as it appears in headers and URLs. */
  domain: string;
  /** What a user sees (Unicode for IDN). */
  display: string;
}

function splitDomain(domain: string): { label: string; suffix: string } {
  const dot = domain.indexOf('.');
  return { label: domain.slice(0, dot), suffix: domain.slice(dot + 1) };
}

/** A registrable attacker domain unrelated to any brand (`verify-center.info`). */
export function attackerBase(rng: Rng): string {
  return `${rng.pick(ATTACKER_WORDS)}${rng.chance(0.4) ? String(rng.int(1, 99)) : ''}.${rng.pick(ATTACKER_TLDS)}`;
}

function typo(label: string, rng: Rng): string {
  const variants: ((s: string) => string | null)[] = [
    (s) => (s.length > 4 ? s.slice(0, 2) + s.slice(3) : null), // omission
    (s) => { const i = rng.int(1, s.length - 2); return s.slice(0, i) + (s[i] ?? '') + s.slice(i); }, // repetition
    (s) => { const i = rng.int(1, s.length - 3); return s.slice(0, i) + (s[i + 1] ?? '') + (s[i] ?? '') + s.slice(i + 2); }, // transposition
    (s) => (s.includes('m') ? s.replace('m', 'rn') : null),
    (s) => (s.includes('l') ? s.replace('l', '1') : null),
    (s) => (s.includes('o') ? s.replace('o', '0') : null),
    (s) => (s.includes('i') ? s.replace('i', 'l') : null),
  ];
  for (const v of rng.shuffle(variants)) {
    const out = v(label);
    if (out !== null && out !== label) return out;
  }
  return `${label}s`;
}

export function makeLookalike(target: string, technique: LookalikeTechnique, rng: Rng): Lookalike {
  const { label, suffix } = splitDomain(target);
  switch (technique) {
    case 'homoglyph-punycode': {
      const positions = [...label].map((ch, i) => (HOMOGLYPHS[ch] === undefined ? -1 : i)).filter((i) => i >= 0);
      if (positions.length === 0) return makeLookalike(target, 'typo', rng);
      const i = rng.pick(positions);
      const display = `${label.slice(0, i)}${HOMOGLYPHS[label[i] ?? ''] ?? ''}${label.slice(i + 1)}.${suffix}`;
      return { technique, target, domain: domainToASCII(display), display };
    }
    case 'typo': {
      const domain = `${typo(label, rng)}.${suffix}`;
      return { technique, target, domain, display: domain };
    }
    case 'combosquat': {
      const word = rng.pick(COMBO_WORDS);
      const domain = rng.chance(0.5) ? `${label}-${word}.${rng.pick(['com', 'net', suffix])}` : `${word}-${label}.${rng.pick(['com', 'net'])}`;
      return { technique, target, domain, display: domain };
    }
    case 'brand-in-subdomain': {
      const domain = `${rng.pick(['login', 'secure', 'mail', 'auth', 'docs'])}.${target}.${attackerBase(rng)}`;
      return { technique, target, domain, display: domain };
    }
  }
}
