import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cap, normalise, total } from './intervals.js';
import { fifo, haircut, knownInputValues, poison, proportional } from './models.js';

const BTC = 100_000_000;

// The hand-worked transaction every model is checked on: input A (3 BTC, fully tainted) and input B (1 BTC,
// clean) pay X (2 BTC) and Y (1.9 BTC), leaving a 0.1 BTC fee.
const A = { value: 3 * BTC, taint: 3 * BTC };
const B = { value: 1 * BTC, taint: null };
const OUTS = [2 * BTC, 1.9 * BTC];

void test('proportional shares are exact to the satoshi (largest remainder)', () => {
  assert.deepEqual(proportional(10, [1, 1, 1]), [4, 3, 3]);
  assert.deepEqual(proportional(1, [1, 1, 1]), [1, 0, 0]);
  assert.deepEqual(proportional(2, [1, 3]), [1, 1]);
  assert.deepEqual(proportional(0, [5, 5]), [0, 0]);
  assert.deepEqual(proportional(7, [0, 0]), [0, 0]);
  // Amount × weight beyond 2^53: 21 M BTC over three uneven outputs still sums exactly.
  const big = proportional(2_100_000_000_000_000, [1_999_999_999_999_999, 3, 7]);
  assert.equal(big.reduce((s, x) => s + x, 0), 2_100_000_000_000_000);
});

void test('haircut: the tainted share follows value (3 of 4 BTC tainted → 75 % of every output and of the fee)', () => {
  const r = haircut.forward([A, B], OUTS);
  assert.deepEqual(r.outputs, [1.5 * BTC, 1.425 * BTC]);
  assert.equal(r.fee, 0.075 * BTC);
  assert.equal((r.outputs[0] ?? 0) + (r.outputs[1] ?? 0) + r.fee, 3 * BTC);
});

void test('haircut: an odd satoshi goes to the largest remainder, never lost', () => {
  // 1 tainted sat of 3 inputs-worth split over three equal outputs and no fee.
  const r = haircut.forward([{ value: 3, taint: 1 }], [1, 1, 1]);
  assert.deepEqual(r.outputs, [1, null, null]);
  assert.equal(r.fee, 0);
  const r2 = haircut.forward([{ value: 1000, taint: 333 }, { value: 1000, taint: null }], [700, 700, 500]);
  assert.equal((r2.outputs[0] ?? 0) + (r2.outputs[1] ?? 0) + (r2.outputs[2] ?? 0) + r2.fee, 333);
});

void test('poison: one tainted input taints every output and the fee in full', () => {
  const r = poison.forward([A, B], OUTS);
  assert.deepEqual(r.outputs, [2 * BTC, 1.9 * BTC]);
  assert.equal(r.fee, 0.1 * BTC);
  assert.equal(poison.conserves, false);
  assert.deepEqual(poison.forward([B], OUTS).outputs, [null, null]);
});

void test('fifo: first satoshi in, first out (tainted input first)', () => {
  // Line: A [0,3), B [3,4) BTC. X takes [0,2): all tainted. Y takes [2,3.9): [2,3) tainted = 1 BTC. Fee [3.9,4): clean.
  const r = fifo.forward([{ value: A.value, taint: fifo.full(A.value) }, B], OUTS);
  assert.deepEqual(r.outputs.map((o) => (o === null ? 0 : total(o))), [2 * BTC, 1 * BTC]);
  assert.deepEqual(r.outputs[1], [0, 1 * BTC]);
  assert.equal(r.fee, 0);
});

void test('fifo: input order decides (clean input first)', () => {
  // Line: B [0,1), A [1,4). X [0,2): [1,2) tainted = 1 BTC. Y [2,3.9): all 1.9 tainted. Fee [3.9,4): 0.1 tainted.
  const r = fifo.forward([B, { value: A.value, taint: fifo.full(A.value) }], OUTS);
  assert.deepEqual(r.outputs.map((o) => (o === null ? 0 : total(o))), [1 * BTC, 1.9 * BTC]);
  assert.deepEqual(r.outputs[0], [1 * BTC, 2 * BTC]);
  assert.equal(r.fee, 0.1 * BTC);
});

void test('fifo: a partly tainted input keeps its ranges through a second transaction', () => {
  // Output Y of the first case: [0, 1 BTC) of its 1.9 BTC is tainted. It pays 0.5 BTC then 1.39 BTC (0.01 fee).
  const y = { value: 1.9 * BTC, taint: [0, 1 * BTC] };
  const r = fifo.forward([y], [0.5 * BTC, 1.39 * BTC]);
  assert.deepEqual(r.outputs, [[0, 0.5 * BTC], [0, 0.5 * BTC]]);
  assert.equal(r.fee, 0);
});

void test('backward: each model attributes traced outputs to inputs', () => {
  const outs = [{ value: 2 * BTC, taint: 2 * BTC }, { value: 1.9 * BTC, taint: null }];
  // Haircut: 2 BTC over inputs 3:1 → 1.5 and 0.5.
  assert.deepEqual(haircut.backward(outs, [3 * BTC, 1 * BTC]), [1.5 * BTC, 0.5 * BTC]);
  // FIFO: X sits at [0,2) on the line, inside A [0,3).
  assert.deepEqual(fifo.backward([{ value: 2 * BTC, taint: fifo.full(2 * BTC) }, { value: 1.9 * BTC, taint: null }], [3 * BTC, 1 * BTC]), [[0, 2 * BTC], null]);
  // FIFO, Y traced instead: [2, 3.9) → A's [2,3) and B's [0, 0.9).
  assert.deepEqual(fifo.backward([{ value: 2 * BTC, taint: null }, { value: 1.9 * BTC, taint: fifo.full(1.9 * BTC) }], [3 * BTC, 1 * BTC]), [[2 * BTC, 3 * BTC], [0, 0.9 * BTC]]);
  // Poison: both inputs in full.
  assert.deepEqual(poison.backward(outs, [3 * BTC, 1 * BTC]), [3 * BTC, 1 * BTC]);
});

void test('unknown input values get the least they must have brought', () => {
  assert.deepEqual(knownInputValues([100, null], 250), [100, 150]);
  assert.deepEqual(knownInputValues([300, null], 250), [300, 0]);
  assert.deepEqual(knownInputValues([null, null], 5), [3, 2]);
  // Haircut with an unresolved input still conserves what it knows.
  const r = haircut.forward([{ value: 100, taint: 100 }, { value: null, taint: null }], [250]);
  assert.deepEqual(r.outputs, [100]);
});

void test('intervals: normalise merges, cap keeps the tainted amount exactly', () => {
  assert.deepEqual(normalise([5, 7, 0, 2, 2, 3, 9, 9]), [0, 3, 5, 7]);
  const many: number[] = [];
  for (let i = 0; i < 200; i++) many.push(i * 10, i * 10 + 3);
  const capped = cap(many, 64);
  assert.equal(capped.length / 2, 64);
  assert.equal(total(capped), total(many));
  assert.deepEqual(normalise(capped), capped);
});
