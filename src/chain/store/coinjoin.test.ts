import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isCoinjoinLike } from './coinjoin.js';

void test('coinjoin-like: equal-value outputs from several owners', () => {
  const cases: [string, (number | null)[], number[], boolean][] = [
    ['whirlpool 5x5', [1, 2, 3, 4, 5], [5e6, 5e6, 5e6, 5e6, 5e6], true],
    ['joinmarket 3 makers + taker with changes', [1, 2, 3, 4], [1e8, 1e8, 1e8, 1e8, 3e7, 2e7, 1e7], true],
    ['plain payment with change', [1, 2], [1e8, 3e7], false],
    ['one owner splitting into equal halves', [1, 1], [5e7, 5e7], false],
    ['two equal outputs but many unrelated ones', [1, 2], [1e8, 1e8, 1, 2, 3e5, 4e5, 5e5, 6e5], false],
    ['equal dust outputs do not count', [1, 2], [546, 546, 1e8], false],
    ['single input', [1], [1e8, 1e8], false],
  ];
  for (const [name, ins, outs, want] of cases) assert.equal(isCoinjoinLike({ inputAddresses: ins, outputValues: outs }), want, name);
});
