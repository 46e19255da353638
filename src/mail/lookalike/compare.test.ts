import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTargets, compareHost, displayNameClaim } from './compare.js';
import { skeleton, isMixedScript } from './skeleton.js';
import { editDistance } from './distance.js';
import { ACME } from '../test-helpers.js';
import { DEFAULT_BRANDS } from '../brands.js';

const targets = buildTargets([ACME, { id: 'upx', name: 'Upx', domains: ['binance-kr.co.kr'], authservId: null, trustedRelays: [] }], DEFAULT_BRANDS);

void test('UTS #39 skeleton folds homoglyphs and digits onto the letters they imitate', () => {
  assert.equal(skeleton('pаypal'), skeleton('paypal')); // Cyrillic а
  assert.equal(skeleton('paypa1'), skeleton('paypal'));
  assert.ok(isMixedScript('pаypal'));
  assert.ok(!isMixedScript('paypal'));
  assert.ok(!isMixedScript('한국binance'));
});

void test('edit distance counts transpositions as one edit and stops early', () => {
  assert.equal(editDistance('binance', 'biannce', 2), 1);
  assert.equal(editDistance('binance', 'binanse', 2), 1);
  assert.equal(editDistance('binance', 'coinbase', 1), 2);
});

void test('lookalike techniques against an organisation and brands', () => {
  const table: [string, string | null, string | null][] = [
    ['acme-exchamge.com', 'acme', 'typo'],
    ['acme-exchange.co', 'acme', 'other-suffix'],
    ['xn--acme-exchnge-0ri.com', null, null], // punycode whose letters are not a lookalike of anything registered
    ['login.acme-exchange.com.verify-session.info', 'acme', 'domain-in-subdomain'],
    ['xn--pypal-4ve.com', 'PayPal', 'mixed-script'], // pаypal with Cyrillic а
    ['binance-support.com', 'Binance', 'combo'],
    ['binance.security-check.info', 'Binance', 'in-subdomain'],
    ['coinbasse.com', 'Coinbase', 'typo'],
    ['mail.acme-exchange.com', null, null], // the org's own host
    ['accounts.google.com', null, null], // the brand's own host
    ['example.org', null, null],
  ];
  for (const [host, target, technique] of table) {
    const hit = compareHost(host, targets);
    assert.equal(hit?.target.id ?? null, target, host);
    assert.equal(hit?.technique ?? null, technique, host);
  }
});

void test('display names that claim an organisation or brand from a foreign address', () => {
  assert.equal(displayNameClaim('Acme Exchange Security', 'security@acme-exchamge.com', targets)?.target.id, 'acme');
  assert.equal(displayNameClaim('PayPal Service', 'service@mailer.example', targets)?.target.id, 'PayPal');
  assert.equal(displayNameClaim('PayPal', 'service@paypal.com', targets), null);
  assert.equal(displayNameClaim('Bob Smith', 'bob@example.org', targets), null);
});
