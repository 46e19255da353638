import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildCfb, buildXlsWithMacro, ovbaCompress } from '../../demo/artifacts/index.js';
import { readCfb } from './cfb.js';
import { DEFAULT_ATTACHMENT_LIMITS } from './limits.js';
import { analyze, patch32, prng } from './test-helpers.js';
import { ovbaDecompress } from './vba.js';

const L = DEFAULT_ATTACHMENT_LIMITS;

function sample(): Uint8Array {
  const big = new Uint8Array(9000).map((_, i) => i % 251);
  return buildCfb([{ path: 'Small', data: new Uint8Array(Buffer.from('tiny stream')) }, { path: 'Dir/Big', data: big }, { path: 'Dir/Empty', data: new Uint8Array(0) }]);
}

test('cfb round trip: mini stream, regular stream, storage, empty stream', () => {
  const r = readCfb(sample(), L);
  assert.ok(r.ok);
  const cfb = r.cfb;
  assert.deepEqual(cfb.entries.map((e) => e.path).sort(), ['', 'Dir', 'Dir/Big', 'Dir/Empty', 'Small']);
  assert.equal(Buffer.from(cfb.read(cfb.find('Small') ?? assert.fail())).toString(), 'tiny stream');
  const big = cfb.read(cfb.find('Dir/Big') ?? assert.fail());
  assert.equal(big.length, 9000);
  assert.equal(big[8999], 8999 % 251);
  assert.equal(cfb.read(cfb.find('Dir/Empty') ?? assert.fail()).length, 0);
});

test('truncated-ole-header is named, not thrown', () => {
  const a = analyze('x.xls', buildXlsWithMacro({ macro: 'MsgBox 1' }).subarray(0, 300));
  assert.equal(a.detectedType, 'cfb');
  assert.ok(a.flags.includes('parse-error:truncated-ole-header'));
});

test('cfb-fat-cycle in the directory chain is detected', () => {
  const b = sample();
  const dirStart = new DataView(b.buffer).getUint32(48, true);
  const cyclic = patch32(b, 512 + dirStart * 4, dirStart); // FAT lives in sector 0 (file offset 512)
  const r = readCfb(cyclic, L);
  assert.equal(r.ok, false);
  assert.equal(r.ok ? '' : r.reason, 'cfb-fat-cycle');
  assert.ok(analyze('x.doc', cyclic).flags.includes('parse-error:cfb-fat-cycle'));
});

test('cfb-fat-cycle inside a stream chain throws a named CfbError on read', () => {
  const b = sample();
  const r0 = readCfb(b, L);
  assert.ok(r0.ok);
  const big = r0.cfb.find('Dir/Big') ?? assert.fail();
  const cyclic = patch32(b, 512 + (big.start + 3) * 4, big.start + 1);
  const r = readCfb(cyclic, L);
  assert.ok(r.ok);
  assert.throws(() => r.cfb.read(r.cfb.find('Dir/Big') ?? assert.fail()), /cfb-fat-cycle/);
});

test('cfb-sector-out-of-range: directory start beyond the file', () => {
  const r = readCfb(patch32(sample(), 48, 99_999), L);
  assert.equal(r.ok ? '' : r.reason, 'cfb-sector-out-of-range');
});

test('cfb-fat-count-overflow: header claims more FAT sectors than the file has', () => {
  const r = readCfb(patch32(sample(), 44, 0x0fffffff), L);
  assert.equal(r.ok ? '' : r.reason, 'cfb-fat-count-overflow');
});

test('cfb-directory-cycle: a sibling pointing back to itself terminates', () => {
  const b = sample();
  const dirStart = new DataView(b.buffer).getUint32(48, true);
  const entry1 = (dirStart + 1) * 512 + 128;
  const cyclic = patch32(patch32(b, entry1 + 68, 1), entry1 + 72, 0);
  const r = readCfb(cyclic, L);
  assert.ok(r.ok);
  assert.ok(r.cfb.warnings.includes('cfb-directory-cycle'));
});

test('cfb-chain-too-long: a chain longer than the limit is cut with a name', () => {
  const r2 = readCfb(sample(), { ...L, maxCfbChain: 2, maxStreamBytes: 9000 });
  assert.ok(r2.ok);
  assert.throws(() => r2.cfb.read(r2.cfb.find('Dir/Big') ?? assert.fail()), /cfb-chain-too-long/);
});

test('ovba compression round trip (MS-OVBA 2.4.1)', () => {
  const rnd = prng(7);
  const words = ['Sub ', 'End Sub', 'Dim x As String', 'Shell ', '"cmd /c "', '\r\n', 'CreateObject', 'x = x & '];
  let text = '';
  while (text.length < 12_000) text += words[Math.floor(rnd() * words.length)] ?? '';
  const src = new Uint8Array(Buffer.from(text, 'latin1'));
  const c = ovbaCompress(src);
  assert.ok(c.length < src.length);
  assert.deepEqual(ovbaDecompress(c, 1 << 20), src);
  const noise = new Uint8Array(5000).map(() => Math.floor(rnd() * 256));
  assert.deepEqual(ovbaDecompress(ovbaCompress(noise), 1 << 20), noise);
});

test('ovba-decompress-bad-offset: copy token before the chunk start is refused', () => {
  assert.equal(ovbaDecompress(Uint8Array.of(0x01, 0x03, 0xb0, 0x01, 0xff, 0xff), 100), null);
});

test('ovba decompression matches the MS-OVBA specification example (section 3.2)', () => {
  const compressed = Buffer.from('012FB000236161616263646582660070616768696A0138086' + '16B6C00306D6E6F700671027004107273747576107778797A003C', 'hex');
  assert.equal(Buffer.from(ovbaDecompress(compressed, 1000) ?? new Uint8Array(0)).toString('latin1'), '#aaabcdefaaaaghijaaaaaklaaamnopqaaaaaaaaaaaarstuvwxyzaaa');
});

test('ovba-chunk-expansion: copy tokens cannot make a chunk exceed 4096 bytes', () => {
  // One literal, then 2,000 maximal copy tokens: a naive decompressor emits ~8 MB from 4 KB.
  const body: number[] = [0x00, 0x61, 0, 0, 0, 0, 0, 0, 0];
  for (let i = 0; i < 250; i++) body.push(0xff, ...Array.from({ length: 8 }, (_, k) => (k % 2 === 0 ? 0xff : 0x0f)));
  const header = 0xb000 | ((body.length + 2 - 3) & 0x0fff);
  const src = Uint8Array.from([0x01, header & 0xff, header >> 8, ...body]);
  const out = ovbaDecompress(src, 1 << 24);
  assert.ok(out !== null && out.length <= 4096);
});
