import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { relaxedBodyHash } from './envelope.js';
import { mboxrdEscape } from './write.js';
import { rfc5322Date, asctime } from './net.js';

test('DKIM relaxed body hash: whitespace runs collapse, trailing blank lines drop (RFC 6376 §3.4.4)', () => {
  const a = relaxedBodyHash('Subject: x\r\n\r\nHello  \t world \r\nsecond\r\n\r\n\r\n');
  const expected = crypto.createHash('sha256').update('Hello world\r\nsecond\r\n').digest('base64');
  assert.equal(a, expected);
  assert.equal(relaxedBodyHash('Subject: x\r\n\r\n'), crypto.createHash('sha256').update('').digest('base64'));
});

test('mboxrd quoting: From_ lines in a body gain one >, already-quoted ones another', () => {
  const msg = Buffer.from('Subject: a\n\nFrom here on\n>From quoted\nFromage\n', 'latin1');
  assert.equal(mboxrdEscape(msg), 'Subject: a\n\n>From here on\n>>From quoted\nFromage\n');
});

test('dates: RFC 5322 with the zone offset, asctime for mbox separators', () => {
  const d = new Date('2026-07-08T01:14:03Z');
  assert.equal(rfc5322Date(d, 540), 'Wed, 08 Jul 2026 10:14:03 +0900');
  assert.equal(rfc5322Date(d, -300), 'Tue, 07 Jul 2026 20:14:03 -0500');
  assert.equal(asctime(d), 'Wed Jul  8 01:14:03 2026');
});
