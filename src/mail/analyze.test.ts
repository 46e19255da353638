import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { analyzeMessage, finishReport } from './analyze.js';
import { RULES } from './rules.js';
import { ACME, ctxFor, fixture } from './test-helpers.js';

const CONTRACT = ['file', 'index', 'sha256', 'messageId', 'date', 'from', 'replyTo', 'to', 'subject', 'org', 'originatingIp', 'clientIp',
  'receivedChain', 'auth', 'verdict', 'score', 'signals', 'urls', 'attachments', 'btcAddresses', 'indicators', 'intelMatches'];

void test('report has exactly the output-contract fields', async () => {
  const r = await analyzeMessage(fs.readFileSync(fixture('own', 'benign.eml')), ctxFor());
  assert.deepEqual(Object.keys(r).sort(), [...CONTRACT].sort());
  assert.deepEqual(Object.keys(r.auth).sort(), ['arc', 'dkim', 'dmarc', 'spf']);
  assert.deepEqual(r.intelMatches, []);
});

void test('benign partner mail authenticated by the trusted authserv-id is clean', async () => {
  const r = await analyzeMessage(fs.readFileSync(fixture('own', 'benign.eml')), ctxFor());
  assert.equal(r.verdict, 'clean', JSON.stringify(r.signals));
  assert.deepEqual(r.auth, { spf: 'pass', dkim: 'pass', dmarc: 'pass', arc: 'none' });
  assert.equal(r.originatingIp, '81.2.69.160');
  assert.equal(r.org, 'acme');
});

void test('lookalike spear-phish of the organisation is malicious, with the evidence named', async () => {
  const r = await analyzeMessage(fs.readFileSync(fixture('own', 'lookalike-spear.eml')), ctxFor(undefined));
  assert.equal(r.verdict, 'malicious');
  const ids = new Set(r.signals.map((s) => s.id));
  for (const id of ['lookalike.org', 'sender.display-name-org', 'auth.dmarc-fail', 'auth.untrusted-results-ignored', 'link.userinfo',
    'link.obfuscated-host', 'link.password-form', 'content.credential-lure', 'content.urgency', 'sender.reply-to-freemail', 'received.helo-claims-org']) {
    assert.ok(ids.has(id), `${id} missing from ${[...ids].join(', ')}`);
  }
  assert.equal(r.originatingIp, '45.77.12.34');
  assert.equal(r.clientIp, '185.220.101.7');
  assert.ok(r.indicators.some((i) => i.type === 'ipv4' && i.value === '45.77.12.34'));
  assert.ok(r.indicators.some((i) => i.type === 'domain' && i.value === 'acme-exchamge.com'));
});

void test('extortion with a valid bitcoin address is malicious and the address is an indicator', async () => {
  const r = await analyzeMessage(fs.readFileSync(fixture('own', 'extortion.eml')), ctxFor());
  assert.equal(r.verdict, 'malicious');
  assert.deepEqual(r.btcAddresses, ['1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa']);
  assert.ok(r.indicators.some((i) => i.type === 'btc-address'));
  assert.ok(r.signals.some((s) => s.id === 'content.extortion-payment'));
  assert.ok(r.signals.some((s) => s.id === 'received.helo-ip-mismatch'));
});

void test('a bitcoin-shaped string with a bad checksum is not an address', async () => {
  const raw = Buffer.from('From: a@b.example\r\nSubject: x\r\n\r\npay 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb now\r\n');
  const r = await analyzeMessage(raw, ctxFor());
  assert.deepEqual(r.btcAddresses, []);
});

void test('every signal id the analysers emit on the fixtures has a rule with a description and reason', async () => {
  for (const f of ['benign.eml', 'lookalike-spear.eml', 'extortion.eml']) {
    const r = await analyzeMessage(fs.readFileSync(fixture('own', f)), ctxFor());
    for (const s of r.signals) {
      const rule = s.id.startsWith('attachment.') ? RULES[`attachment.${s.severity}`] : RULES[s.id];
      assert.ok(rule !== undefined, `no rule for ${s.id}`);
    }
  }
  for (const [id, rule] of Object.entries(RULES)) {
    assert.ok(rule.description.length > 10 && rule.reason.length > 10, id);
    assert.ok(rule.weight >= 0 && rule.weight <= 100, id);
  }
});

void test('intel hook: matches become a signal and the intelMatches field; history adds first contact', async () => {
  const r = await analyzeMessage(fs.readFileSync(fixture('own', 'benign.eml')), ctxFor());
  const withIntel = finishReport(r, {
    intel: { match: (obs) => obs.filter((o) => o.value === '81.2.69.160').map((o) => ({ indicator: o.value, actors: [{ name: 'Lazarus Group' }] })) },
    history: { seen: () => false },
  });
  assert.equal(withIntel.intelMatches.length, 1);
  assert.ok(withIntel.signals.some((s) => s.id === 'intel.match'));
  assert.ok(withIntel.signals.some((s) => s.id === 'sender.first-contact'));
  assert.equal(withIntel.verdict, 'malicious');
  assert.equal(ACME.id, withIntel.org);
});

void test('sender tricks: malformed From, institutional name on free mail, org name on free mail, address greeting', async () => {
  const raw = Buffer.from([
    'From: Acme Exchange HR ,_<acmeexchange.hr2026@gmail.com>',
    'To: alice.kim77@acme-exchange.com',
    'Subject: alice.kim77@acme-exchange.com: salary adjustment',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Dear alice.kim77@acme-exchange.com, please review the attached adjustment.',
    '',
  ].join('\r\n'));
  const r = await analyzeMessage(raw, ctxFor());
  const ids = new Set(r.signals.map((s) => s.id));
  for (const id of ['sender.malformed-from', 'sender.org-on-freemail', 'content.address-greeting']) assert.ok(ids.has(id), `${id} missing: ${[...ids].join(', ')}`);
  assert.equal(r.from.address, 'acmeexchange.hr2026@gmail.com');
  assert.notEqual(r.verdict, 'clean');
});

void test('lures: advance fee needs a windfall word and a large sum; "you won\'t" is not a prize', async () => {
  const mk = (body: string) => Buffer.from(`From: x@y.example\r\nTo: a@b.example\r\nSubject: hi\r\n\r\n${body}\r\n`);
  const fee = await analyzeMessage(mk('You are the beneficiary of US$10,500,000 left by our late client.'), ctxFor());
  assert.ok(fee.signals.some((s) => s.id === 'content.payment-lure'));
  const plain = await analyzeMessage(mk("I think you won't like the new kernel."), ctxFor());
  assert.ok(!plain.signals.some((s) => s.id === 'content.payment-lure'));
  const callback = await analyzeMessage(mk('Your subscription has been renewed. If you did not authorize this call us at +1 (888) 555-0199.'), ctxFor());
  assert.ok(callback.signals.some((s) => s.id === 'content.callback-lure'));
});

void test('honest "Brand via Service" invitations and mailing lists are not impersonation', async () => {
  const raw = Buffer.from([
    'From: PayPal Events via Meetwell <calendar-notification@meetwell.example>',
    'Reply-To: events@paypal.com',
    'To: alice@acme-exchange.com',
    'Subject: Invitation: quarterly review',
    '',
    'You are invited.',
    '',
  ].join('\r\n'));
  const r = await analyzeMessage(raw, ctxFor());
  assert.ok(!r.signals.some((s) => s.id === 'sender.display-name-brand'), JSON.stringify(r.signals));
});

void test('filter evasion: look-alike letters inside words, styled Unicode letters and zero-width breaks are signals', async () => {
  const zw = 've\u200brify yo\u200bur acc\u200bount no\u200bw pl\u200bease th\u200bank yo\u200bu fo\u200br wa\u200biting he\u200bre';
  const raw = Buffer.from(`From: x@y.example\r\nTo: a@b.example\r\nSubject: =?utf-8?B?${Buffer.from('𝗙𝗶𝗻𝗮𝗹 𝘄𝗮𝗿𝗻𝗶𝗻𝗴 Mееt Ukrаiniаn').toString('base64')}?=\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${zw}\r\n`);
  const r = await analyzeMessage(raw, ctxFor());
  const ids = new Set(r.signals.map((s) => s.id));
  for (const id of ['content.mixed-script-words', 'content.styled-letters', 'content.zero-width']) assert.ok(ids.has(id), `${id} missing: ${[...ids].join(', ')}`);
});

void test('ether addresses in mail are validated by their EIP-55 checksum', async () => {
  const good = await analyzeMessage(Buffer.from('From: a@b.example\r\nSubject: x\r\n\r\npay 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed now\r\n'), ctxFor());
  assert.ok(good.indicators.some((i) => i.type === 'eth-address' && i.value === '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed'));
  const bad = await analyzeMessage(Buffer.from('From: a@b.example\r\nSubject: x\r\n\r\npay 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD now\r\n'), ctxFor());
  assert.ok(!bad.indicators.some((i) => i.type === 'eth-address'));
  assert.ok(!bad.signals.some((s) => s.id === 'content.crypto-address'));
});
