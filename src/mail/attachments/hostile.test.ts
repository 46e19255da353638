import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import * as B from '../../demo/artifacts/index.js';
import { analyze, prng } from './test-helpers.js';

/**
 * Mutation fuzzing of every container format: truncations, deletions, byte flips and length-field smashes must never
 * throw out of analyzeAttachment; every result stays well-formed.
 */

const seeds: [string, Uint8Array][] = [
  ['a.zip', B.buildZip({ 'a.js': 'WScript.Echo(1)', 'b.txt': 'hello' })],
  ['a.docm', B.buildDocm({ macro: 'Shell "calc"' })],
  ['a.xls', B.buildXlsWithMacro({ macro: 'MsgBox 1' })],
  ['a.hwp', B.buildHwp({ text: '안녕', eps: '%!PS\n', script: 'var a = 1;' })],
  ['a.hwpx', B.buildHwpx({ text: 'x', eps: '%!PS\n' })],
  ['a.lnk', B.buildLnk({ target: 'C:\\Windows\\System32\\cmd.exe', args: '/c calc', iconLocation: 'x.ico' })],
  ['a.iso', B.buildIso({ files: [{ name: 'a.lnk', data: 'x' }, { name: 'b.txt', data: 'y' }] })],
  ['a.pdf', B.buildPdf({ javascript: 'x', openAction: true, uris: ['https://a.example/'] })],
  ['a.html', B.buildHtmlSmuggling({ payload: new Uint8Array(300).fill(65), filename: 'x.zip' })],
  ['a.img', B.buildImg({ files: [{ name: 'a long name.lnk', data: 'x'.repeat(700) }, { name: 'b.txt', data: 'y' }] })],
  ['a.one', new Uint8Array(Buffer.concat([Buffer.from('e4525c7b8cd8a74daeb15378d02996d3', 'hex'), Buffer.alloc(64), Buffer.from('e716e3bd65261145a4c48d4d0b7a9eac', 'hex'), Buffer.from([5, 0, 0, 0, 0, 0, 0, 0]), Buffer.alloc(12), Buffer.from('hello')]))],
  ['enc.pdf', B.buildPdf({ uris: ['https://a.example/'], password: 'pw' })],
  ['e.zip', B.buildZip({ 'a.txt': 'secret secret' }, { encrypted: true, password: 'pw' })],
];

function mutate(b: Uint8Array, rnd: () => number): Uint8Array {
  const c = new Uint8Array(b);
  const kind = Math.floor(rnd() * 5);
  if (kind === 0) return c.subarray(0, Math.floor(rnd() * c.length));
  if (kind === 4) {
    // Deletion: everything after the cut shifts, so every offset past it lies.
    const at = Math.floor(rnd() * c.length);
    return new Uint8Array([...c.subarray(0, at), ...c.subarray(at + 1 + Math.floor(rnd() * 64))]);
  }
  const n = 1 + Math.floor(rnd() * 16);
  for (let i = 0; i < n; i++) {
    const at = Math.floor(rnd() * c.length);
    if (kind === 1) c[at] = Math.floor(rnd() * 256);
    else if (kind === 2) c.fill(0xff, at, Math.min(c.length, at + 4)); // smash a length/sector field
    else c.fill(0, at, Math.min(c.length, at + 4));
  }
  return c;
}

for (const [name, seed] of seeds) {
  test(`mutated-${name} never throws and stays well-formed`, () => {
    const rnd = prng(name.length * 7919 + (seed[10] ?? 0));
    for (let i = 0; i < 60; i++) {
      const m = mutate(seed, rnd);
      const a = analyze(name, m, { bodyText: 'password: pw' });
      assert.equal(a.size, m.length);
      assert.ok(Array.isArray(a.flags) && Array.isArray(a.findings) && Array.isArray(a.members));
      assert.ok(a.findings.every((f) => typeof f.id === 'string' && typeof f.detail === 'string'));
    }
  });
}

test('html-redos-shaped input is scanned in bounded work', () => {
  const evil = `<html><form action="${'a'.repeat(100_000)}"><input type="password"${' '.repeat(50_000)}>${'<a href="'.repeat(20_000)}`;
  const a = analyze('x.html', evil);
  assert.equal(a.detectedType, 'html');
});

test('pdf-many-unterminated-strings and streams are bounded', () => {
  const pdf = `%PDF-1.7\n${'/URI ('.repeat(20_000)}${'<< /Type /ObjStm /Filter /FlateDecode >> stream\n'.repeat(2000)}`;
  const a = analyze('x.pdf', pdf);
  assert.equal(a.detectedType, 'pdf');
});

test('oversized input is hashed but not parsed', () => {
  const a = analyze('big.zip', B.buildZip({ 'a.txt': 'x'.repeat(5000) }), { limits: { maxInputBytes: 100 } });
  assert.ok(a.flags.includes('archive-limit'));
  assert.match(a.sha256, /^[0-9a-f]{64}$/);
});

test('README documents every flag and finding id the analysers emit', () => {
  const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../src/mail/attachments');
  const readme = fs.readFileSync(path.join(dir, 'README.md'), 'utf8');
  const ids = new Set<string>();
  for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.ts') && !x.endsWith('.test.ts'))) {
    const src = fs.readFileSync(path.join(dir, f), 'utf8');
    for (const m of src.matchAll(/\.(?:find|flag)\(\s*'([a-z0-9-]+)'/g)) ids.add(m[1] ?? '');
    for (const m of src.matchAll(/\{ flag: '([a-z0-9-]+)'/g)) ids.add(m[1] ?? '');
  }
  const missing = [...ids].filter((id) => !readme.includes(`\`${id}\``));
  assert.deepEqual(missing, []);
});

test('html-fromcharcode-flood: 300,000 char codes decode without overflowing the stack', () => {
  const codes = Array.from({ length: 300_000 }, (_, i) => 65 + (i % 26)).join(',');
  const a = analyze('x.html', `<html><script>document.write(String.fromCharCode(${codes}))</script></html>`);
  assert.equal(a.detectedType, 'html');
  assert.ok(!a.flags.some((f) => f.startsWith('parse-error:internal')));
});
