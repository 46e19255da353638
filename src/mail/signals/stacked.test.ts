import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeMessage } from '../analyze.js';
import { ctxFor, msg } from '../test-helpers.js';

async function ids(from: string, body: string): Promise<Set<string>> {
  const r = await analyzeMessage(msg(`From: ${from}\nTo: reader@example.org\nSubject: offer\nMIME-Version: 1.0\nContent-Type: text/html; charset=utf-8`, body), ctxFor(null));
  return new Set(r.signals.map((s) => s.id));
}

void test('two different hiding tricks stack; one trick used twice does not', async () => {
  // a sender on an abused TLD with a shortened link: two families
  assert.ok((await ids('Offers <join_now@itsict.talaba.click>', '<p>Watch this <a href="https://t.co/Me3Yj8OPwD">free video</a></p>')).has('evasion.stacked'));
  // a shortened link and a picture on an anonymous image host
  assert.ok((await ids('Health <info@clinic.example>', '<img src="https://i.imgur.com/abc.png"><a href="https://bit.ly/3w6uTZ4">Try it</a>')).has('evasion.stacked'));
  // a message that is only a picture (nothing for a filter to read) and the picture on an anonymous image host
  assert.ok((await ids('Energy Desk <news@energy-desk.example>', '<a href="https://offer-page.example/r"><div style="background:url(\'https://imgur.com/abc.png\')"></div></a>')).has('evasion.stacked'));
  // a newsletter with two shortened links is one trick, not two
  assert.ok(!(await ids('Media <ed@news.example>', '<a href="https://bit.ly/a1">one</a> <a href="https://tinyurl.com/b2">two</a>')).has('evasion.stacked'));
});
