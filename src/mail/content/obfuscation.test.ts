import { test } from 'node:test';
import assert from 'node:assert/strict';
import { foldAccents, foldText, obfuscatedWords } from './obfuscation.js';

void test('foldText undoes spaced letters, I for l, 0 for O and invisible characters; ordinary words stay', () => {
  const cases: [string, string][] = [
    ['N e t f l i x', 'Netflix'],
    ['Your WaIIet', 'Your Wallet'],
    ['PayPaI', 'PayPal'],
    ['B0NUS', 'BONUS'],
    ['W\u034fa\u034fl\u034fl\u034fe\u034ft', 'Wallet'],
    ['pass\u200bword', 'password'],
    // leading capitals are real: German "Ihr", English "It", initials, part numbers with digits
    ['Ihr Konto', 'Ihr Konto'],
    ['It is', 'It is'],
    ['SM-A015F', 'SM-A015F'],
    ['A0B12', 'A0B12'],
  ];
  for (const [input, want] of cases) assert.equal(foldText(input), want, input);
  assert.equal(foldAccents('Ýour wállet re-válidation'), 'Your wallet re-validation');
});

void test('obfuscatedWords names each disguise', () => {
  const found = obfuscatedWords('Your WaIIet: B0NUS N e t f l i x válidate bᥣoᥴkᥱd ᴘᴀʏᴍᴇɴᴛ W\u034fa\u034fl\u034fl\u034fe\u034ft', 10);
  for (const w of ['WaIIet', 'B0NUS', 'N e t f l i x', 'válidate', 'bᥣoᥴkᥱd', 'ᴘᴀʏᴍᴇɴᴛ', 'Wallet']) assert.ok(found.includes(w), `${w} in ${found.join(', ')}`);
});

void test('obfuscatedWords leaves honest text alone: typography, other languages, accents, names', () => {
  const honest = [
    'M E D I A  U N S P U N, the weekly letter', // letter-spaced heading of a plain-text newsletter
    'über die Brücke, café, naïve, résumé, São Paulo, Nguyễn',
    'Mehr Infos zu Windows 11 und iPhone을 구매하세요, 日本語のテキスト',
    'Հայաստան and ᏣᎳᎩ written in their own scripts',
    'McIntosh and DiIorio met at the ACME-0815 booth',
    'فارسی\u200cزبان', // Persian needs the zero-width non-joiner inside words
  ];
  for (const t of honest) assert.deepEqual(obfuscatedWords(t), [], t);
});

void test('obfuscatedWords takes extra names to look for (brands)', () => {
  assert.deepEqual(obfuscatedWords('A c m e x c h a n g e'), []);
  assert.deepEqual(obfuscatedWords('A c m e x c h a n g e', 5, new Set(['acmexchange'])), ['A c m e x c h a n g e']);
});
