import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeQuotedPrintable, encodeWords, filenameParam, foldHeader, formatMailbox } from './encode.js';

function decodeWords(s: string): string {
  return s.split(' ').map((w) => {
    const m = /^=\?UTF-8\?B\?([A-Za-z0-9+/=]+)\?=$/.exec(w);
    assert.ok(m, `not an encoded-word: ${w}`);
    return Buffer.from(m[1] ?? '', 'base64');
  }).reduce((acc, b) => Buffer.concat([acc, b]), Buffer.alloc(0)).toString('utf8');
}

function decodeQp(s: string): string {
  const bytes = s.replace(/=\r\n/g, '').replace(/\r\n/g, '\n');
  return Buffer.from(bytes.replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8');
}

test('encoded-words: Hangul subject round-trips, every word ≤ 75 characters, no split character', () => {
  const subject = '[대외비] 하반기 성과평가 및 연봉 조정 안내 — 확인 후 회신 바랍니다 😀';
  const enc = encodeWords(subject);
  for (const w of enc.split(' ')) assert.ok(w.length <= 75, w);
  assert.equal(decodeWords(enc), subject);
});

test('encoded-words: plain ASCII is left alone', () => {
  assert.equal(encodeWords('Invoice 2026-07'), 'Invoice 2026-07');
});

test('quoted-printable: lines ≤ 76, trailing space and = encoded, round-trips Korean', () => {
  const text = `${'가나다라마바사 '.repeat(20)}\nprice = 100 \nend`;
  const qp = encodeQuotedPrintable(text);
  for (const line of qp.split('\r\n')) assert.ok(line.length <= 76, line);
  assert.match(qp, /=3D/);
  assert.match(qp, /=20\r\n/);
  assert.equal(decodeQp(qp), text);
});

test('folding: long header folds at whitespace with CRLF + space, nothing lost', () => {
  const value = Array.from({ length: 30 }, (_, i) => `word${i}`).join(' ');
  const folded = foldHeader('Subject', value);
  for (const line of folded.split('\r\n')) assert.ok(line.length <= 78, line);
  assert.equal(folded.replace(/\r\n/g, ''), `Subject: ${value}`);
});

test('mailbox: Korean display name becomes encoded-words, specials get quoted', () => {
  assert.match(formatMailbox({ name: '김지우', address: 'jiwoo.kim@example.kr' }), /^=\?UTF-8\?B\?.+\?= <jiwoo\.kim@example\.kr>$/);
  assert.equal(formatMailbox({ name: 'Kim, Jiwoo', address: 'a@b.c' }), '"Kim, Jiwoo" <a@b.c>');
});

test('filename: Hangul names use RFC 2231 percent-encoding', () => {
  assert.equal(filenameParam('filename', 'a.pdf'), 'filename="a.pdf"');
  assert.equal(filenameParam('filename', '문서.hwp'), "filename*=UTF-8''%EB%AC%B8%EC%84%9C.hwp");
});
