import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeMessage } from '../analyze.js';
import { ACME, ctxFor, msg } from '../test-helpers.js';
import { cousinDomain, embeddedSuffix } from './sender.js';
import { cutGluedWords } from '../links/extract.js';
import { domainGluedOn } from '../lookalike/compare.js';
import { analyzeAttachment } from '../attachments/index.js';

/** Rules 2026.12.03-2: each signal firing on its attack shape and staying quiet on the honest twin. */
async function ids(raw: Buffer, org = ACME): Promise<Set<string>> {
  const r = await analyzeMessage(raw, ctxFor(org));
  return new Set(r.signals.map((s) => s.id));
}
const AR = (from: string): string => `Authentication-Results: mx.acme-exchange.com; spf=pass smtp.mailfrom=${from}; dkim=pass header.d=${from}; dmarc=pass header.from=${from}`;

void test('sender.suffix-in-name: an official suffix spelled into a private name', async () => {
  assert.equal(embeddedSuffix('fss-or-kr.com'), 'or.kr');
  assert.equal(embeddedSuffix('hometax.go.kr.refund-center.top'), 'go.kr');
  assert.equal(embeddedSuffix('mail.gov-uk.info'), 'gov.uk');
  assert.equal(embeddedSuffix('fss.or.kr'), null, 'the real suffix is not a disguise');
  assert.equal(embeddedSuffix('telecom-au.com'), null);
  assert.equal(embeddedSuffix('go-to-market.com'), null);
  const s = await ids(msg('From: FSS <notice@fss-or-kr.com>\nTo: ops@acme-exchange.com\nSubject: inspection', 'see attached\n'));
  assert.ok(s.has('sender.suffix-in-name'));
});

void test('sender.reply-to-lookalike: replies to a cousin of the sender’s own domain, not to another company', async () => {
  assert.ok(cousinDomain('trustcustody-asia.com', 'trustcustody-asia.co') !== null);
  assert.ok(cousinDomain('northwind.com', 'nortwind.com') !== null);
  assert.equal(cousinDomain('northwind.com', 'zendesk.com'), null);
  const bec = await ids(msg('From: Mei <mei@northwind-asia.com>\nReply-To: mei@northwind-asia.co\nTo: ops@acme-exchange.com\nSubject: RE: settlement',
    'Please note our bank details have changed. Kindly remit the November settlement to our new account below.\n'));
  assert.ok(bec.has('sender.reply-to-lookalike') && bec.has('content.payment-change'));
  const desk = await ids(msg('From: Mei <mei@northwind-asia.com>\nReply-To: support@helpdesk-vendor.com\nTo: ops@acme-exchange.com\nSubject: ticket', 'Ticket updated.\n'));
  assert.ok(!desk.has('sender.reply-to-lookalike'));
});

void test('lookalike.brand-domain-in-host: a brand’s full domain glued onto a foreign one', async () => {
  assert.ok(domainGluedOn('docs.google.com-view-shared.online', 'google.com'));
  assert.ok(!domainGluedOn('mygoogle.com-x.example', 'google.com'));
  const s = await ids(msg('From: Jon <jon.hale@capital-partners.example>\nTo: ir@acme-exchange.com\nSubject: term sheet', 'Data room: https://docs.google.com-view-shared.online/document/d/1\n'));
  assert.ok(s.has('lookalike.brand') && s.has('lookalike.brand-domain-in-host'));
  const real = await ids(msg('From: Jon <jon.hale@capital-partners.example>\nTo: ir@acme-exchange.com\nSubject: term sheet', 'Data room: https://docs.google.com/document/d/1\n'));
  assert.ok(!real.has('lookalike.brand-domain-in-host'));
});

void test('link.recipient-in-fragment: the reader’s address after #, not in a query', async () => {
  const kit = await ids(msg('From: Review <c@kyc-review.example>\nTo: aml@acme-exchange.com\nSubject: queue', 'Review: https://pages.example/r.html#aml@acme-exchange.com\n'));
  assert.ok(kit.has('link.recipient-in-fragment'));
  const b64 = Buffer.from('aml@acme-exchange.com').toString('base64').replace(/=+$/, '');
  assert.ok((await ids(msg('From: Review <c@kyc-review.example>\nTo: aml@acme-exchange.com\nSubject: queue', `Review: https://pages.example/r.html#${b64}\n`))).has('link.recipient-in-fragment'));
  const unsub = await ids(msg('From: News <n@news.example>\nTo: aml@acme-exchange.com\nSubject: news', 'Unsubscribe: https://news.example/u?e=aml%40acme-exchange.com#top\n'));
  assert.ok(!unsub.has('link.recipient-in-fragment'));
});

void test('content.credential-lure-own-notice: the authenticated sender’s own reset mail is not a lure; the same words elsewhere are', async () => {
  const own = await ids(msg(`${AR('vendor-saas.example')}\nFrom: Vendor <noreply@vendor-saas.example>\nTo: a@acme-exchange.com\nSubject: Verify your email`,
    'Verify your email address: https://id.vendor-saas.example/verify?t=1\n'));
  assert.ok(own.has('content.credential-lure-own-notice') && !own.has('content.credential-lure'));
  const foreignLink = await ids(msg(`${AR('vendor-saas.example')}\nFrom: Vendor <noreply@vendor-saas.example>\nTo: a@acme-exchange.com\nSubject: Verify your email`,
    'Verify your email address: https://verify-now.example/verify?t=1\n'));
  assert.ok(foreignLink.has('content.credential-lure'));
  const unauthenticated = await ids(msg('From: Vendor <noreply@vendor-saas.example>\nTo: a@acme-exchange.com\nSubject: Verify your email',
    'Verify your email address: https://id.vendor-saas.example/verify?t=1\n'));
  assert.ok(unauthenticated.has('content.credential-lure'));
});

void test('Korean: institutional names on free-mail, recovery-phrase lures, and addresses with particles glued on', async () => {
  const s = await ids(msg('From: =?UTF-8?B?' + Buffer.from('KISA 침해사고대응팀').toString('base64') + '?= <kisa.cert@naver.com>\nTo: sec@acme-exchange.com\nSubject: IoC',
    'IoC 점검표를 보내드립니다.\n'));
  assert.ok(s.has('sender.freemail-institutional'));
  const seed = await ids(msg('From: ops <ops@wallet-ops.example>\nTo: a@acme-exchange.com\nSubject: wallet\nContent-Type: text/plain; charset=utf-8',
    '점검 후 서명자 지갑을 재인증해 주세요. 복구 문구 확인 단계가 포함되어 있습니다.\n'));
  assert.ok(seed.has('content.credential-lure'));
  assert.equal(cutGluedWords('https://biz.bank.co.kr에서'), 'https://biz.bank.co.kr');
  assert.equal(cutGluedWords('https://www.law.go.kr/법령/x'), 'https://www.law.go.kr/법령/x');
});

void test('workspace platforms: the platform’s own mail about the organisation’s workspace is not a lookalike', async () => {
  const org = { id: 'hanul', name: 'Hanul', domains: ['hanulbit.co.kr'], authservId: 'mx.hanulbit.co.kr', trustedRelays: [] };
  const scan = async (raw: Buffer): Promise<Set<string>> => new Set((await analyzeMessage(raw, { ...ctxFor(org), orgs: [org] })).signals.map((s) => s.id));
  const slack = await scan(msg('From: Slack <feedback@slack.com>\nTo: a@hanulbit.co.kr\nSubject: mentions', 'Open https://hanulbit.slack.com/messages\n'));
  assert.ok(!slack.has('lookalike.org'));
  const other = await scan(msg('From: Desk <help@desk-notice.example>\nTo: a@hanulbit.co.kr\nSubject: mentions', 'Open https://hanulbit.slack.com/messages\n'));
  assert.ok(other.has('lookalike.org'));
});

void test('archive-password-mismatch: words after "암호는" that do not open the zip are not its password', () => {
  // a ZipCrypto member whose password is not in the body: the candidate is tried and fails
  const zip = Buffer.from('UEsDBBQAAQgIAMBLdF3+vAzQHwAAACoAAAAFAAAAYS50eHR9htTa+VX6uUuIMUKMKK4l8FjXUnZZK2uOgpoA9TAzUEsBAh4DFAABCAgAwEt0Xf68DNAfAAAAKgAAAAUAAAAAAAAAAAAAAAAAAAAAAGEudHh0UEsFBgAAAAABAAEAMwAAAEIAAAAAAA==', 'base64');
  const a = analyzeAttachment({ filename: 'logs.zip', declaredType: 'application/zip', content: zip }, { bodyText: '암호는 담당자님께 별도로 안내드리겠습니다.' });
  assert.ok(a.flags.includes('encrypted-archive'));
  assert.ok(!a.flags.includes('archive-password-in-body'), a.flags.join(','));
});
