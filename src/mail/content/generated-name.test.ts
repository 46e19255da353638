import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generatedMailbox } from './generated-name.js';

test('a random-letter mailbox behind a company name is generated', () => {
  assert.equal(generatedMailbox('snytvkoqu', 'Home Warranty Plans'), 'snytvkoqu');
  assert.equal(generatedMailbox('yplgnbm', 'TrimRx Wellness'), 'yplgnbm');
  assert.equal(generatedMailbox('lqkmkvmnifpnvjd', 'Mortgage Offer'), 'lqkmkvmnifpnvjd');
});

test('mailboxes made of words, names or initials are not generated', () => {
  // role words and ordinary words read as words
  assert.equal(generatedMailbox('subscriptions', 'Lockergnome Windows Daily'), null);
  assert.equal(generatedMailbox('newsletter', 'Acme News'), null);
  // names shortened into mailboxes: the surname, its consonants, the initials
  assert.equal(generatedMailbox('mcmasjc', 'James C. McMaster'), null);
  assert.equal(generatedMailbox('bbsmth', 'Bob Smith'), null);
  assert.equal(generatedMailbox('jksmth', 'John K Smith'), null);
  // no display name, digits or punctuation (service-generated bounce addresses), typed placeholders
  assert.equal(generatedMailbox('kchrist', null), null);
  assert.equal(generatedMailbox('b5-9w0blztbvhpdzdrr', 'CNET Download.com'), null);
  assert.equal(generatedMailbox('zzzzcc', 'John McCormac'), null);
  assert.equal(generatedMailbox('xkcd', 'Randall'), null);
});
