import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isFreemail } from './lists.js';

test('free-mail providers, in every country the big ones serve', () => {
  for (const d of ['gmail.com', 'yahoo.com.br', 'hotmail.fr', 'gmx.at', 'inbox.eu', 'mail.ee', 'wp.pl']) assert.ok(isFreemail(d), d);
  for (const d of ['example.com', 'livingsocial.co.uk', 'gmxshop.de', 'acme-yahoo.com']) assert.ok(!isFreemail(d), d);
});
