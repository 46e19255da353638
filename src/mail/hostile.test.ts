import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeMessage } from './analyze.js';
import { ctxFor } from './test-helpers.js';

/** Hostile input: every case must finish, bounded, with the failure (if any) named in the report. */

void test('truncated MIME: a multipart cut mid-part still yields a report', async () => {
  const raw = Buffer.from('From: a@x.example\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nverify your account at http://45.77.1.1/log');
  const r = await analyzeMessage(raw, ctxFor());
  assert.ok(r.urls.some((u) => u.host === '45.77.1.1'));
});

void test('10,000 nested multipart parts are refused by the depth limit and named', async () => {
  let body = '';
  for (let i = 0; i < 10_000; i++) body += `--b${i}\r\nContent-Type: multipart/mixed; boundary="b${i + 1}"\r\n\r\n`;
  const raw = Buffer.from(`From: a@x.example\r\nSubject: nest\r\nContent-Type: multipart/mixed; boundary="b0"\r\n\r\n${body}`);
  const r = await analyzeMessage(raw, ctxFor());
  const lim = r.signals.find((s) => s.id === 'mime.limit');
  assert.ok(lim !== undefined);
  assert.match(lim.detail, /mimeParts|mimeDepth/);
  assert.equal(r.subject, 'nest');
});

void test('1 MB header line is refused by the header limit and named', async () => {
  const raw = Buffer.from(`From: a@x.example\r\nX-Big: ${'A'.repeat(1024 * 1024)}\r\nSubject: big\r\n\r\nbody\r\n`);
  const r = await analyzeMessage(raw, ctxFor());
  const lim = r.signals.find((s) => s.id === 'mime.limit');
  assert.ok(lim !== undefined);
  assert.match(lim.detail, /headerBytes/);
});

void test('bad encodings: broken base64, unknown charset and invalid UTF-8 do not throw', async () => {
  const raw = Buffer.concat([
    Buffer.from('From: =?x-unknown?B?////?= <a@x.example>\r\nSubject: =?utf-8?Q?=FF=FE?=\r\nContent-Type: text/plain; charset=x-klingon\r\nContent-Transfer-Encoding: base64\r\n\r\n'),
    Buffer.from('!!!not base64@@@\r\n'),
    Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0x0d, 0x0a]),
  ]);
  const r = await analyzeMessage(raw, ctxFor());
  assert.equal(r.from.address, 'a@x.example');
});

void test('NUL bytes in headers and body are tolerated', async () => {
  const raw = Buffer.from('From: a\u0000b@x.example\r\nSubject: nul\u0000here\r\n\r\nbody\u0000with http://ex\u0000ample.com/ nuls\r\n');
  const r = await analyzeMessage(raw, ctxFor());
  assert.equal(typeof r.score, 'number');
});

void test('redos-shaped url: 500 KB of URL-ish characters and unclosed tags stay linear', async () => {
  const evil = 'http://' + 'a.'.repeat(150_000) + '!' + '<a href="x">'.repeat(20_000) + '<script'.repeat(20_000);
  const raw = Buffer.from(`From: a@x.example\r\nContent-Type: text/html\r\n\r\n<html>${evil} ${'style="display:none"'.repeat(10_000)}</html>\r\n`);
  const started = process.hrtime.bigint();
  const r = await analyzeMessage(raw, ctxFor());
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  assert.ok(r.urls.length <= 500);
  // not a timing assertion on speed, a bound on pathological blow-up: quadratic behaviour here takes minutes
  assert.ok(ms < 30_000, `took ${ms} ms`);
});

void test('many-parts: 5,000 sibling parts are refused by the part limit and named', async () => {
  let body = '';
  for (let i = 0; i < 5000; i++) body += `--b\r\nContent-Type: text/plain\r\n\r\npart ${i}\r\n`;
  const raw = Buffer.from(`From: a@x.example\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n${body}--b--\r\n`);
  const r = await analyzeMessage(raw, ctxFor());
  assert.match(r.signals.find((s) => s.id === 'mime.limit')?.detail ?? '', /mimeParts/);
});
