import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import PostalMime from 'postal-mime';
import { ConcatBlob, withConcatBlob } from './concat-blob.js';
import { parseMime } from './mime.js';
import { fixture } from '../test-helpers.js';

const NativeBlob = globalThis.Blob;

async function bytesOf(b: { arrayBuffer(): Promise<ArrayBuffer> }): Promise<number[]> {
  return [...new Uint8Array(await b.arrayBuffer())];
}

const cases: { name: string; parts: (string | ArrayBuffer | Uint8Array | DataView)[]; type?: string }[] = [
  { name: 'nothing', parts: [] },
  { name: 'lines with newline strings (the pass-through decoder)', parts: [new Uint8Array([0x61, 0x62]), '\n', new Uint8Array([0x63]), '\n'] },
  { name: 'multi-byte and astral strings', parts: ['한국어 ', '€', '😀'] },
  { name: 'a lone surrogate becomes U+FFFD', parts: ['a\ud800b', '\udc00'] },
  { name: 'an ArrayBuffer, a view into a larger buffer, a DataView', parts: [new Uint8Array([1, 2, 3]).buffer, new Uint8Array([9, 4, 5, 9]).subarray(1, 3), new DataView(new Uint8Array([6, 7]).buffer)] },
  { name: 'type is lower-cased', parts: ['x'], type: 'Application/Octet-Stream' },
  { name: 'type with a non-printable character is dropped', parts: ['x'], type: 'text/\u0001plain' },
];

for (const c of cases) {
  void test(`ConcatBlob gives the native Blob's bytes, size and type: ${c.name}`, async () => {
    const opts = c.type === undefined ? {} : { type: c.type };
    const native = new NativeBlob(c.parts, opts);
    const ours = new ConcatBlob(c.parts, opts);
    assert.deepEqual(await bytesOf(ours), await bytesOf(native));
    assert.equal(ours.size, native.size);
    assert.equal(ours.type, native.type);
    assert.equal(await ours.text(), await native.text());
    assert.deepEqual(await bytesOf(ours.slice(1, 3)), await bytesOf(native.slice(1, 3)));
  });
}

void test('ConcatBlob hands out a fresh buffer each time and defers Blob parts to the native Blob', async () => {
  const b = new ConcatBlob(['abc']);
  const first = new Uint8Array(await b.arrayBuffer());
  first[0] = 0x7a;
  assert.equal(await b.text(), 'abc');
  const wrapped = new ConcatBlob([new NativeBlob(['xy'])]);
  assert.ok(wrapped instanceof NativeBlob);
  assert.equal(await wrapped.text(), 'xy');
});

void test('the Blob global is ConcatBlob only while a parse runs, also when parses overlap or fail', async () => {
  let inside: unknown = null;
  const slow = withConcatBlob(async () => {
    await new Promise((r) => setTimeout(r, 5));
    inside = globalThis.Blob;
  });
  const failing = withConcatBlob(() => Promise.reject(new Error('boom')));
  await assert.rejects(failing, /boom/);
  assert.equal(globalThis.Blob, ConcatBlob, 'still inside the slow parse');
  await slow;
  assert.equal(inside, ConcatBlob);
  assert.equal(globalThis.Blob, NativeBlob);
});

void test('postal-mime through ConcatBlob parses the fixtures exactly as with the native Blob', async () => {
  for (const f of ['benign.eml', 'lookalike-spear.eml', 'extortion.eml']) {
    const raw = fs.readFileSync(fixture('own', f));
    const stock = await PostalMime.parse(raw, { attachmentEncoding: 'arraybuffer' });
    const fast = await parseMime(raw);
    const ser = (e: unknown): string => JSON.stringify(e, (_k, v: unknown) => (v instanceof ArrayBuffer ? Buffer.from(v).toString('base64') : v));
    assert.equal(ser(fast), ser(stock), f);
  }
});
