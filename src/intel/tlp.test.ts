import assert from 'node:assert/strict';
import { test } from 'node:test';
import { maxTlp, parseTlp } from './tlp.js';

test('TLP: 1.0 and 2.0 spellings; WHITE is CLEAR; the more restrictive level wins', () => {
  const cases: [string, string | null][] = [['TLP:WHITE', 'clear'], ['clear', 'clear'], ['Green', 'green'], ['TLP:AMBER+STRICT', 'amber+strict'], ['red', 'red'], ['purple', null], ['', null]];
  for (const [i, o] of cases) assert.equal(parseTlp(i), o, i);
  assert.equal(maxTlp('green', 'amber'), 'amber');
  assert.equal(maxTlp('amber+strict', 'amber'), 'amber+strict');
  assert.equal(maxTlp('red', 'clear'), 'red');
});
