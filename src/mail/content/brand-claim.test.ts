import { test } from 'node:test';
import assert from 'node:assert/strict';
import { brandMentioned, brandNamed, brandOwns } from './brand-claim.js';
import { IMPERSONATED_BRANDS } from '../impersonated-brands.js';

void test('brandNamed: a display name that is the brand plus department words, in any disguise', () => {
  const cases: [string, string][] = [
    ['PayPal', 'PayPal'], ['Trust Wallet Support', 'Trust Wallet'], ['Team Optimism', 'Optimism'], ['Lido Finance', 'Lido'],
    ['N e t f l i x !', 'Netflix'], ["D'isney Plus", 'Disney+'], ['Coolblue-beloningen', 'Coolblue'], ['CelsiusNetworkLLC Restructuring', 'Celsius'],
    ['Deutsche Bahn Kundenservice', 'Deutsche Bahn'], ['DocuSign | Review via e-Sign', 'DocuSign'], ['Ledger News', 'Ledger'],
    ['Starbucks - Thank You!', 'Starbucks'], ['ELSTER', 'ELSTER'], ['업비트 고객센터', 'Upbit'],
  ];
  for (const [name, brand] of cases) assert.equal(brandNamed(name, IMPERSONATED_BRANDS)?.name ?? null, brand, name);
});

void test('brandNamed: names that merely contain a brand word are not claims', () => {
  for (const name of ['Lockergnome Apple Core', 'Chase Whitman', 'John Smith', 'Amazon rainforest trust', 'The Ledger Gazette Editors', 'Steam engine club of Ohio']) {
    assert.equal(brandNamed(name, IMPERSONATED_BRANDS), null, name);
  }
});

void test('brandOwns: listed domains and subdomains, the brand label under another suffix, not lookalikes elsewhere', () => {
  const paypal = IMPERSONATED_BRANDS.find((b) => b.name === 'PayPal')!;
  assert.ok(brandOwns(paypal, 'paypal.com'));
  assert.ok(brandOwns(paypal, 'mail.paypal.com'));
  assert.ok(brandOwns(paypal, 'paypal.de'));
  assert.ok(!brandOwns(paypal, 'secure-payments.example'));
  assert.ok(!brandOwns(paypal, 'pay.example'));
});

void test('brandMentioned: a brand named as a word in a subject, short names only in their own spelling', () => {
  assert.equal(brandMentioned('Your Netflix membership has expired', IMPERSONATED_BRANDS)?.name, 'Netflix');
  assert.equal(brandMentioned('Complete your Bittrex bankruptcy claims', IMPERSONATED_BRANDS)?.name, 'Bittrex');
  assert.equal(brandMentioned('Upgrade the Linux kernel tonight', IMPERSONATED_BRANDS), null);
  assert.equal(brandMentioned('Netflixing and chilling', IMPERSONATED_BRANDS), null);
});
