import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildCfb, buildHwp, buildHwpx } from '../../demo/artifacts/index.js';
import { meaningfulScript } from './hwp.js';
import { analyze, mediumOrAbove } from './test-helpers.js';

const EPS = '%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 100 100\n/shellcode <90909090> def\n';

test('hwp-eps: EPS BinData in HWP 5.0 is high severity', () => {
  const a = analyze('통일정책_설문.hwp', buildHwp({ text: '설문지', eps: EPS }));
  assert.equal(a.detectedType, 'hwp');
  assert.equal(a.findings.find((f) => f.id === 'hwp-eps')?.severity, 'high');
  assert.equal(a.members[0]?.path, 'BinData/BIN0001.eps');
  assert.match(a.members[0]?.sha256 ?? '', /^[0-9a-f]{64}$/);
});

test('hwp-eps by content even when the stream is not named .eps', () => {
  const a = analyze('a.hwpx', buildHwpx({ text: 'x', eps: EPS }));
  assert.ok(a.flags.includes('hwp-eps'));
});

test('hwp-script: DefaultJScript with code', () => {
  const a = analyze('a.hwp', buildHwp({ text: 'x', script: 'var sh = new ActiveXObject("WScript.Shell"); sh.Run("cmd /c calc");' }));
  assert.ok(a.flags.includes('hwp-script'));
});

test('hwp default script stubs are not a script', () => {
  const stub = 'function OnDocument_New()\r\n{\r\n\t\r\n}\r\n\r\nfunction OnDocument_Open()\r\n{\r\n\t\r\n}\r\n';
  assert.equal(meaningfulScript(stub), null);
  assert.deepEqual(mediumOrAbove(analyze('a.hwp', buildHwp({ text: '회의록', script: stub }))), []);
});

test('hwpx script and clean hwpx', () => {
  assert.ok(analyze('a.hwpx', buildHwpx({ text: 'x', script: 'function OnDocument_Open() { new ActiveXObject("WScript.Shell").Run("x"); }' })).flags.includes('hwp-script'));
  const clean = analyze('b.hwpx', buildHwpx({ text: '안녕하세요' }));
  assert.equal(clean.detectedType, 'hwpx');
  assert.deepEqual(mediumOrAbove(clean), []);
});

test('clean hwp: no medium or higher findings', () => {
  assert.deepEqual(mediumOrAbove(analyze('a.hwp', buildHwp({ text: '2024년 1분기 보고서\n감사합니다' }))), []);
});

test('hwp-eps wrapped in an OLE BinData object is still found', () => {
  const ole = buildCfb([{ path: '\u0001Ole10Native', data: new Uint8Array(Buffer.from(`\u0000\u0000\u0000\u0000\u0002\u0000a.eps\u0000a.eps\u0000${EPS}`, 'latin1')) }]);
  const hwp = buildCfb([
    { path: 'FileHeader', data: new Uint8Array(Buffer.concat([Buffer.from('HWP Document File'), Buffer.alloc(256 - 17)])) },
    { path: 'BinData/BIN0001.OLE', data: ole },
  ]);
  const a = analyze('a.hwp', hwp);
  assert.equal(a.detectedType, 'hwp');
  assert.ok(a.flags.includes('hwp-eps'));
});
