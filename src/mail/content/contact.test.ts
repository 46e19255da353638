import { test } from 'node:test';
import assert from 'node:assert/strict';
import { freemailContact } from './contact.js';

test('a free-mail address the reader is told to write to is found', () => {
  assert.equal(freemailContact('I am at the airport with your consignment. Contact Email:mywoodforestbiz.7@gmail.com', 'agent@postfiji.com.fj', []), 'mywoodforestbiz.7@gmail.com');
  assert.equal(freemailContact('You have received €520,000. Reply drbenb63@gmail.com', 'x@fkit.hr', []), 'drbenb63@gmail.com');
  assert.equal(freemailContact('envie sua inscrição por e-mail para: movidafinance@gmail.com', 'v@klaipeda.lt', []), 'movidafinance@gmail.com');
});

test('quoted reply headers, the sender, the reader and company addresses do not count', () => {
  assert.equal(freemailContact('On Tue, 27 Aug 2002 micgranger@aol.com wrote:\n> hello', 'me@victoria.tc.ca', []), null);
  assert.equal(freemailContact('From: Paul <plinehan@yahoo.com>\nSent: today', 'rick@linuxmafia.com', []), null);
  assert.equal(freemailContact('contact me at bernard190@gmail.com', 'bernard190@gmail.com', []), null);
  assert.equal(freemailContact('This message was sent to reader@hotmail.com', 'news@shop.example', ['reader@hotmail.com']), null);
  assert.equal(freemailContact('Questions? Contact support@acme.example', 'news@acme.example', []), null);
  // an address glued to an anonymised one is not an address of its own
  assert.equal(freemailContact('send to phishing@pot@hotmail.com', 'x@y.example', []), null);
});
