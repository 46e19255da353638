import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeMessage } from '../analyze.js';
import { ctxFor, msg } from '../test-helpers.js';

async function ids(from: string, extra = ''): Promise<Set<string>> {
  const r = await analyzeMessage(msg(`From: ${from}\nTo: reader@example.org\nSubject: hello${extra === '' ? '' : `\n${extra}`}`, 'hello\n'), ctxFor(null));
  return new Set(r.signals.map((s) => s.id));
}

void test('a display name that is a well-known brand, from a domain that is not the brand’s', async () => {
  assert.ok((await ids('Trust Wallet Support <support@help-tw-validation.example>')).has('sender.display-name-brand'));
  assert.ok((await ids('"N e t f l i x !" <aponte@sab3atontanks13.example>')).has('sender.display-name-brand'));
  assert.ok(!(await ids('Netflix <info@mailer.netflix.com>')).has('sender.display-name-brand'));
  assert.ok(!(await ids('Starbucks Rewards <rewards@starbucks.co.uk>')).has('sender.display-name-brand'));
  // brand names that are ordinary words count only as the whole name
  assert.ok(!(await ids('Lockergnome Apple Core <apple@lockergnome.example>')).has('sender.display-name-brand'));
  assert.ok((await ids('Apple Support <id@apple-verify.example>')).has('sender.display-name-brand'));
});

void test('"via" exempts a service only when the sender is that service', async () => {
  assert.ok(!(await ids('Alice Kim via DocuSign <dse@docusign.net>')).has('sender.display-name-brand'));
  assert.ok((await ids('DocuSign | Review via e-Sign <semi.kim@lge.example>')).has('sender.display-name-brand'));
});

void test('free-mail rules apply to mailboxes at the provider’s own domain, not its service subdomains', async () => {
  assert.ok((await ids('Ann <ann.k77@gmail.com>', 'Reply-To: deals@shop.example')).has('sender.freemail-reply-elsewhere'));
  assert.ok(!(await ids('Yahoo! News <refertofriend@reply.yahoo.com>', 'Reply-To: gary@canada.example')).has('sender.freemail-reply-elsewhere'));
});

void test('senders on abused TLDs, pseudo-TLDs and dynamic-DNS hosts', async () => {
  assert.ok((await ids('Deals <join_now@itsict.talaba.click>')).has('sender.abused-tld'));
  assert.ok((await ids('Offers <lina@discounts.sa.com>')).has('sender.abused-tld'));
  assert.ok(!(await ids('Shop <orders@shop.example.com>')).has('sender.abused-tld'));
  assert.ok((await ids('<fotc.461@infracc24.ddns.net>')).has('sender.dynamic-dns'));
});

void test('a random-letter mailbox behind a company name; people’s shortened names and free-mail handles are not', async () => {
  assert.ok((await ids('Home Warranty Plans <snytvkoqu@eaux.offers-mailer.example>')).has('sender.generated-mailbox'));
  assert.ok(!(await ids('Jim McCullars <mccullj@email.uni.example>')).has('sender.generated-mailbox'));
  assert.ok(!(await ids('Home Warranty Plans <offers@warranty.example>')).has('sender.generated-mailbox'));
  assert.ok(!(await ids('Xavier <xkrdvtm@gmail.com>')).has('sender.generated-mailbox'));
});

void test('a generated sender domain or a random-case mailbox; readable names and camel-cased mailboxes are not', async () => {
  assert.ok((await ids('Account Team <k2vlp@q7vd2k9xzp.com>')).has('sender.generated-domain'));
  assert.ok(!(await ids('Account Team <team@web2mail.com>')).has('sender.generated-domain'));
  assert.ok((await ids('Life Cover <kWqPzRt@offers.example>')).has('sender.random-case-mailbox'));
  assert.ok(!(await ids('Glenn Everhart <GlennEverhart@bank.example>')).has('sender.random-case-mailbox'));
  assert.ok(!(await ids('Ann <ann@bank.example>')).has('sender.random-case-mailbox'));
});
