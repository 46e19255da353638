import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clusterMessages } from './clustering.js';
import { Commodity } from './commodity.js';
import { SELF_SENDER } from './facts.js';
import { fact } from './test-helpers.js';
import type { MessageFacts } from './types.js';

const commodity = new Commodity({ orgDomains: ['exchange-a.example', 'exchange-b.example'] });
const at = (day: number, minute = 0): string => new Date(Date.UTC(2026, 6, day, 9, minute)).toISOString();

test('copies of one mailing within the window are one attempt across organisations', () => {
  const copies = [
    fact({ date: at(1, 0), recipients: ['kim@exchange-a.example'], org: 'org-a', body: 'Dear Kim, please verify your wallet account today at the portal' }),
    fact({ date: at(1, 3), recipients: ['lee@exchange-b.example'], org: 'org-b', body: 'Dear Lee, please verify your wallet account today at the portal' }),
    fact({ date: at(1, 9), recipients: ['park@exchange-a.example'], org: 'org-a', body: 'Dear Park, please verify your wallet account today at the portal' }),
  ];
  const r = clusterMessages(copies, commodity);
  assert.equal(r.attempts.length, 1);
  assert.deepEqual(r.attempts[0]!.recipients, ['kim@exchange-a.example', 'lee@exchange-b.example', 'park@exchange-a.example']);
  assert.deepEqual(r.attempts[0]!.organizations, ['org-a', 'org-b']);
  assert.equal(r.campaigns.length, 1);
});

test('the same mailing re-sent ten days later is a second attempt', () => {
  const r = clusterMessages([fact({ date: at(1) }), fact({ date: at(11) })], commodity);
  assert.equal(r.attempts.length, 2);
});

test('a different body under the same sender and subject is a different attempt', () => {
  const r = clusterMessages([
    fact({ date: at(1), body: 'Your mailbox quota is full; release the held messages by signing in to the storage console now' }),
    fact({ date: at(1, 5), body: 'Quarterly payroll adjustments are attached for review by the finance department before Friday noon' }),
  ], commodity);
  assert.equal(r.attempts.length, 2);
});

test('extortion spoofing each recipient\'s own address is one attempt tied by its bitcoin address', () => {
  const btc = 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq';
  const copies = ['kim', 'lee', 'park'].map((n, i) => fact({
    sender: SELF_SENDER, fromAddress: `${n}@exchange-a.example`, recipients: [`${n}@exchange-a.example`], date: at(3, i * 30),
    originatingIp: `198.18.${i}.7`, btcAddresses: [btc], subject: 'I know your password - final warning',
    body: `Hello! I have access to your device and to ${n}@exchange-a.example. Transfer 1450 USD in Bitcoin to my wallet within 48 hours: ${btc}`,
  }));
  const r = clusterMessages(copies, commodity);
  assert.equal(r.attempts.length, 1);
  assert.equal(r.attempts[0]!.sender, SELF_SENDER);
});

test('clean messages never join an attempt or a campaign', () => {
  const r = clusterMessages([fact({ originatingIp: '175.45.178.12' }), fact({ verdict: 'clean', originatingIp: '175.45.178.12', date: at(20) })], commodity);
  assert.equal(r.attempts.length, 1);
  assert.equal(r.campaigns[0]!.attempts.length, 1);
});

test('attempts sharing an originating IP form one campaign, with the join and its reason kept', () => {
  const a = fact({ date: at(1), originatingIp: '175.45.178.12', subject: 'Wallet audit' });
  const b = fact({ date: at(9), originatingIp: '175.45.178.12', subject: 'Security notice', sender: 'it@other-evil.example', fromAddress: 'it@other-evil.example' });
  const r = clusterMessages([a, b], commodity);
  assert.equal(r.campaigns.length, 1);
  const c = r.campaigns[0]!;
  assert.equal(c.attempts.length, 2);
  assert.equal(c.joins.length, 1);
  assert.deepEqual(c.joins[0]!.links.map((l) => [l.type, l.value]), [['ip', '175.45.178.12'], ['ip24', '175.45.178.0/24']]);
  assert.equal(c.name, '175.45.178.12 campaign');
  assert.deepEqual(c.infrastructure.find((i) => i.type === 'ipv4-addr')?.attempts.length, 2);
});

test('an unrelated campaign sharing only a URL shortener and a free-mail provider stays separate', () => {
  const spear = fact({
    date: at(5), sender: 'support.kim12@gmail.com', fromAddress: 'support.kim12@gmail.com', viaService: true,
    originatingIp: '209.85.220.41', clientIp: '175.45.178.12', linkHosts: ['bit.ly'], subject: 'Exchange account review',
  });
  const unrelated = fact({
    date: at(6), sender: 'david.listing44@gmail.com', fromAddress: 'david.listing44@gmail.com', viaService: true,
    originatingIp: '209.85.220.77', clientIp: '203.0.113.9', linkHosts: ['bit.ly', 'portal.listing-desk4.top'], replyTo: ['listing@listing-desk4.top'],
    subject: 'Token listing proposal #4411', body: 'Our foundation would like to list on your exchange. Please sign in to the listing desk',
  });
  const r = clusterMessages([spear, unrelated], commodity);
  assert.equal(r.campaigns.length, 2);
  for (const c of r.campaigns) {
    assert.ok(!c.infrastructure.some((i) => i.value === 'bit.ly' || i.value === 'gmail.com' || i.value.startsWith('209.85.')), JSON.stringify(c.infrastructure));
  }
});

test('weak links alone do not join; enough of them together do', () => {
  const mk = (day: number, extra: Partial<MessageFacts>): MessageFacts => fact({ date: at(day), sender: `s${day}@x${day}.example`, fromAddress: `s${day}@x${day}.example`, subject: `subject ${'abcdefghij'[day % 10]!}`, ...extra });
  const mailer = 'Foxmail 7.2.23.116[cn]';
  const weak = clusterMessages([mk(1, { xMailer: mailer }), mk(8, { xMailer: mailer })], commodity);
  assert.equal(weak.campaigns.length, 2, 'an unusual X-Mailer alone is not enough');
  const together = clusterMessages([
    mk(1, { xMailer: mailer, originatingIp: '198.51.100.7', lookalikeTargets: ['exchange a'] }),
    mk(8, { xMailer: mailer, originatingIp: '198.51.100.99', lookalikeTargets: ['exchange a'] }),
  ], commodity);
  assert.equal(together.campaigns.length, 1, '/24 + mailer + lookalike target add up to 1.1');
  assert.deepEqual(together.campaigns[0]!.joins[0]!.links.map((l) => l.type).sort(), ['ip24', 'lookalike-target', 'x-mailer']);
  assert.ok(together.campaigns[0]!.joins[0]!.confidence <= 70);
});

test('a common mailer never links', () => {
  const r = clusterMessages([
    fact({ date: at(1), xMailer: 'Microsoft Outlook 16.0', originatingIp: '198.51.100.7', lookalikeTargets: ['exchange a'], sender: 'a@a.example', fromAddress: 'a@a.example' }),
    fact({ date: at(9), xMailer: 'Microsoft Outlook 16.0', originatingIp: '198.51.100.8', lookalikeTargets: ['exchange a'], sender: 'b@b.example', fromAddress: 'b@b.example' }),
  ], commodity);
  assert.equal(r.campaigns.length, 2);
});

test('weak item held by more than the fan-out cap is background', () => {
  const many = Array.from({ length: 70 }, (_, i) => fact({
    date: new Date(Date.UTC(2026, 6, 1) + i * 86_400_000 * 4).toISOString(), sender: `s${i}@d${i}.example`, fromAddress: `s${i}@d${i}.example`,
    xMailer: 'PHPMailer 6.1.4', originatingIp: `198.51.100.${i + 1}`, lookalikeTargets: ['exchange a'], subject: `s${'abcdefghijklmnopqrstuvwxyz'[i % 26]!}${'abcdefghijklmnopqrstuvwxyz'[Math.floor(i / 26)]!}`,
  }));
  const r = clusterMessages(many, commodity);
  assert.equal(r.campaigns.length, 70);
});

test('a tenant host on a public hosting platform links weakly, the platform never', () => {
  const r = clusterMessages([
    fact({ date: at(1), linkHosts: ['docs-view-abc.web.app'], sender: 'a@a.example', fromAddress: 'a@a.example' }),
    fact({ date: at(9), linkHosts: ['docs-view-abc.web.app'], sender: 'b@b.example', fromAddress: 'b@b.example' }),
  ], commodity);
  assert.equal(r.campaigns.length, 2, 'a host alone weighs 0.8');
  const withDomain = clusterMessages([
    fact({ date: at(1), linkHosts: ['cdn-files.stage2.example'], sender: 'a@a.example', fromAddress: 'a@a.example' }),
    fact({ date: at(9), linkHosts: ['cdn-files.stage2.example'], sender: 'b@b.example', fromAddress: 'b@b.example' }),
  ], commodity);
  assert.equal(withDomain.campaigns.length, 1, 'an attacker host and its registrable domain weigh 1.4');
});

test('ids and names do not depend on input order', () => {
  const set = [
    fact({ date: at(1), originatingIp: '175.45.178.12' }), fact({ date: at(1, 2), originatingIp: '175.45.178.12', recipients: ['lee@exchange-a.example'] }),
    fact({ date: at(12), originatingIp: '175.45.178.12', subject: 'Other' }), fact({ date: at(14), fileHashes: ['ab'.repeat(32)], sender: 'z@z.example', fromAddress: 'z@z.example' }),
  ];
  const a = clusterMessages(set, commodity);
  const b = clusterMessages([...set].reverse(), commodity);
  assert.deepEqual(b, a);
  assert.equal(a.campaigns.length, 2);
  assert.match(a.campaigns[0]!.id, /^c-[0-9a-f]{12}$/);
});

test('a free-mail relay IP outside the known ranges does not join two free-mail senders', () => {
  const relay = '198.51.100.200';
  const r = clusterMessages([
    fact({ date: at(2), sender: 'kim.support1@naver.com', fromAddress: 'kim.support1@naver.com', originatingIp: relay, subject: 'Account review' }),
    fact({ date: at(4), sender: 'anna.listing@naver.com', fromAddress: 'anna.listing@naver.com', originatingIp: relay, subject: 'Listing fee' }),
  ], commodity);
  assert.equal(r.campaigns.length, 2);
});
