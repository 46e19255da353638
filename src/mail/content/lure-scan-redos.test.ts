import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanLanguage } from './language.js';
import { foldAccents, obfuscatedWords } from './obfuscation.js';
import { brandMentioned, brandNamed } from './brand-claim.js';
import { IMPERSONATED_BRANDS } from '../impersonated-brands.js';

/** Near-miss inputs shaped to make a backtracking matcher go quadratic; each scan must stay far below a second. */
const HOSTILE = [
  'your '.repeat(13_000),
  'congratulations '.repeat(4_000),
  'a'.repeat(65_536),
  'aI'.repeat(32_000),
  'B0'.repeat(32_000),
  'é'.repeat(65_536),
  'w\u034f'.repeat(32_000),
  'N e t f l i x '.repeat(4_000),
  '1234567890'.repeat(6_000) + 'px',
  'verify your wallet has not yet been verified '.repeat(1_400),
];

function timed(fn: () => unknown): number {
  const t = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

void test('lure-scan ReDoS: 64 KB of near-miss lure fragments scans in linear time', () => {
  for (const h of HOSTILE) {
    const ms = timed(() => scanLanguage(h));
    assert.ok(ms < 1500, `${h.slice(0, 20)}… took ${ms.toFixed(0)} ms`);
  }
});

void test('disguised-word ReDoS: obfuscation and brand scans of hostile text stay linear', () => {
  for (const h of HOSTILE) {
    const ms = timed(() => {
      obfuscatedWords(h.slice(0, 20_000));
      foldAccents(h.slice(0, 20_000));
      brandMentioned(h.slice(0, 1_300), IMPERSONATED_BRANDS);
      brandNamed(h.slice(0, 512), IMPERSONATED_BRANDS);
    });
    assert.ok(ms < 1500, `${h.slice(0, 20)}… took ${ms.toFixed(0)} ms`);
  }
});
