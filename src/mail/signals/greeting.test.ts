import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addressGreeting } from './greeting.js';

void test('address greetings: subject, opening, later greeting, display name, address-like local part', () => {
  const to = ['john.k77@acme.example'];
  const yes: [string, string, string][] = [
    ['john.k77@acme.example, your mailbox is full', '', ''],
    ['hello', 'Dear john.k77@acme.example: your mailbox', ''],
    ['hello', 'john.k77, your mailbox is full', ''],
    ['hello', '4 tickets for you. Hallo john.k77@acme.example! Jetzt mitmachen', ''],
    ['hello', 'Olá john.k77@acme.example, tudo bem?', ''],
    ['hello', 'nothing', 'Bonus for john.k77@acme.example'],
    ['john.k77: action needed', '', ''],
  ];
  for (const [subject, opening, name] of yes) assert.ok(addressGreeting(to, subject, opening, name) !== null, `${subject} | ${opening} | ${name}`);
  // an address that starts like a greeting word is still found at the start of the opening
  assert.ok(addressGreeting(['hirsch.1@acme.example'], 'x', 'hirsch.1@acme.example, your invoice', '') !== null);
});

void test('not greetings: quoted replies, the address in passing, a plain first name', () => {
  const to = ['john.k77@acme.example'];
  assert.equal(addressGreeting(to, 'Re: patch', '> Dear john.k77@acme.example, the patch\nThanks', ''), null);
  assert.equal(addressGreeting(to, 'Re: patch', 'To: john.k77@acme.example\nThanks', ''), null);
  assert.equal(addressGreeting(to, 'notes', 'I cc’d john.k77@acme.example on the thread', ''), null);
  assert.equal(addressGreeting(['john@acme.example'], 'john: lunch?', 'Hi John, lunch?', ''), null);
});
