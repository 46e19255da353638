import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractFacts, rawHeaders, SELF_SENDER, subjectKey } from './facts.js';
import { hamming } from './simhash.js';
import type { MessageReport } from '../mail/index.js';

function report(p: Partial<MessageReport> = {}): MessageReport {
  return {
    file: 'x.eml', index: 0, sha256: 'a'.repeat(64), messageId: null, date: '2026-07-01T09:00:00Z', from: { address: 'Alerts@Evil.Example', name: null },
    replyTo: [], to: ['kim@org-a.example'], subject: 'Re: Verify 1234', org: 'org-a', originatingIp: '175.45.178.12', clientIp: null, receivedChain: [],
    auth: { spf: 'none', dkim: 'none', dmarc: 'none', arc: 'none' }, verdict: 'malicious', score: 90, signals: [], urls: [], attachments: [],
    btcAddresses: [], indicators: [], intelMatches: [], ...p,
  };
}

const raw = (headers: string, body: string): Buffer => Buffer.from(`${headers}\r\n\r\n${body}`);

test('subject template drops reply prefixes, numbers and case', () => {
  assert.equal(subjectKey('RE: Fwd: Invoice 2231 due   NOW'), 'invoice # due now');
});

test('facts: delivered-to recipient, lower-cased sender, X-Mailer, date in UTC', () => {
  const f = extractFacts(report(), raw('Delivered-To: kim@org-a.example\r\nX-Mailer: Foxmail 7.2\r\nTo: Kim <kim@org-a.example>, lee@org-a.example\r\nSubject: x', 'Dear Kim, verify now.'), '2026-08-01T00:00:00.000Z');
  assert.deepEqual(f.recipients, ['kim@org-a.example']);
  assert.equal(f.sender, 'alerts@evil.example');
  assert.equal(f.xMailer, 'Foxmail 7.2');
  assert.equal(f.date, '2026-07-01T09:00:00.000Z');
  assert.equal(f.senderDomain, 'evil.example');
});

test('facts: a From equal to the recipient is the spoofed-own-address sender', () => {
  const f = extractFacts(report({ from: { address: 'kim@org-a.example', name: null } }), raw('To: kim@org-a.example', 'I recorded you.'), 'x');
  assert.equal(f.sender, SELF_SENDER);
  assert.equal(f.senderDomain, null);
});

test('facts: mail submitted through a service keeps the client IP, not the service domain', () => {
  const f = extractFacts(report({ from: { address: 'x.y@gmail.com', name: null }, originatingIp: '209.85.220.41', clientIp: '175.45.178.12' }), null, 'x');
  assert.equal(f.viaService, true);
  assert.equal(f.senderDomain, null);
});

test('facts: per-recipient greetings do not move the body fingerprint far', () => {
  const body = (n: string): string => `Dear ${n},\nPlease review the attached wallet audit and confirm the cold storage balances with finance before Friday. The compliance team needs your answer today.\nRegards, Security`;
  const a = extractFacts(report({ to: ['kim@org-a.example'] }), raw('To: Kim Minjun <kim@org-a.example>', body('Kim Minjun')), 'x');
  const b = extractFacts(report({ to: ['lee@org-b.example'] }), raw('To: Lee Seoyeon <lee@org-b.example>', body('Lee Seoyeon')), 'x');
  assert.ok(hamming(a.simhash, b.simhash) <= 6, String(hamming(a.simhash, b.simhash)));
});

test('header-flood: a 1 MB header line is read within the header cap, not in full', () => {
  const h = rawHeaders(Buffer.from(`X-Mailer: ${'A'.repeat(1_000_000)}\r\nSubject: s\r\n\r\nbody`));
  assert.ok((h.get('x-mailer')?.[0]?.length ?? 0) < 300_000);
});

test('truncated-mime and NUL bytes: facts still come back from the report', () => {
  const bytes = Buffer.concat([Buffer.from('Content-Type: multipart/mixed; boundary=zz\r\nSubject: s\r\n\r\n--zz\r\nContent-Type: text/plain\r\n\r\nhel'), Buffer.alloc(64)]);
  const f = extractFacts(report(), bytes, 'x');
  assert.equal(f.sender, 'alerts@evil.example');
  assert.match(f.simhash, /^[0-9a-f]{16}$/);
});

test('link-flood: ten thousand links are capped per message', () => {
  const urls = Array.from({ length: 10_000 }, (_, i) => ({ url: `https://h${i}.evil.example/`, host: `h${i}.evil.example`, displayText: null, flags: [] }));
  const f = extractFacts(report({ urls }), null, 'x');
  assert.equal(f.linkHosts.length, 200);
});
