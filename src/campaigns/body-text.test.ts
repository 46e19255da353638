import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bodyText, decodeWords } from './body-text.js';

const msg = (s: string): Buffer => Buffer.from(s.replace(/\n/g, '\r\n'));

test('first text/plain part, attachments skipped, base64 and charset decoded', () => {
  const m = msg(`Content-Type: multipart/mixed; boundary="b1"

--b1
Content-Type: multipart/alternative; boundary=b2

--b2
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: base64

${Buffer.from('지갑 점검 안내: 로그인 하세요').toString('base64')}
--b2
Content-Type: text/html

<p>html version</p>
--b2--
--b1
Content-Type: text/plain
Content-Disposition: attachment; filename=a.txt

attachment text
--b1--
`);
  assert.equal(bodyText(m).trim(), '지갑 점검 안내: 로그인 하세요');
});

test('HTML only: tags and scripts removed, quoted-printable decoded', () => {
  const m = msg('Content-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n<script>x()</script><p>Caf=C3=A9 =\nlogin</p>\n');
  assert.equal(bodyText(m).replace(/\s+/g, ' ').trim(), 'Café login');
});

test('encoded-word display names decode (B and Q)', () => {
  assert.equal(decodeWords('=?UTF-8?B?6rmA66+87KSA?= <kim@x.example>'), '김민준 <kim@x.example>');
  assert.equal(decodeWords('=?iso-8859-1?Q?Ren=E9_Roy?= <r@x.example>'), 'René Roy <r@x.example>');
});

test('nested-multipart bomb: 10,000 levels are walked to the depth cap only', () => {
  let body = 'deep text\n';
  for (let i = 0; i < 10_000; i++) body = `Content-Type: multipart/mixed; boundary=x${i}\n\n--x${i}\n${body}--x${i}--\n`;
  assert.equal(bodyText(msg(body)), '');
});

test('boundary-flood: 100,000 empty parts stop at the part cap', () => {
  const m = msg(`Content-Type: multipart/mixed; boundary=z\n\n${'--z\nContent-Type: application/octet-stream\n\nx\n'.repeat(100_000)}--z--\n`);
  assert.equal(bodyText(m), '');
});

test('garbage and NUL bytes give no text and no error', () => {
  assert.equal(typeof bodyText(Buffer.from([0, 1, 2, 255, 254, 0, 10, 13, 10])), 'string');
});
