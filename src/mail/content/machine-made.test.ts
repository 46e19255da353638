import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generatedDomain, randomCaseMailbox, randomTag, unfilledMergeField } from './machine-made.js';

void test('generated domains: letters and digits mixed over and over, or a long run of consonants', () => {
  assert.equal(generatedDomain('q7vd2k9xzp.com'), 'q7vd2k9xzp');
  assert.equal(generatedDomain('mail.x3kq8w2lmnt5.net'), 'x3kq8w2lmnt5');
  assert.equal(generatedDomain('qwxnvbdkt.com'), 'qwxnvbdkt');
  // names people pick: one run of digits, vowels between the clusters, words joined by hyphens, digraphs
  assert.equal(generatedDomain('365scores.com'), null);
  assert.equal(generatedDomain('web2mail.com'), null);
  assert.equal(generatedDomain('mindspring.com'), null);
  assert.equal(generatedDomain('greenhydrant.com'), null);
  assert.equal(generatedDomain('kunstschule.de'), null);
  assert.equal(generatedDomain('ab1-cd2-ef3-gh4.com'), null);
  assert.equal(generatedDomain('bbc.co.uk'), null);
  assert.equal(generatedDomain(null), null);
});

void test('mailboxes in random mixed case; camel-cased names and role words are not', () => {
  assert.equal(randomCaseMailbox('kWqPzRt'), 'kWqPzRt');
  assert.equal(randomCaseMailbox('cUstOMer_SErvicE'), 'cUstOMer_SErvicE');
  assert.equal(randomCaseMailbox('newsletter.vBnRtQwX'), 'newsletter.vBnRtQwX');
  assert.equal(randomCaseMailbox('Stewart.Smith'), null);
  assert.equal(randomCaseMailbox('GlennEverhart'), null);
  assert.equal(randomCaseMailbox('LeBlanc'), null);
  assert.equal(randomCaseMailbox('Jean-Baptiste.deLaRochefoucauld'), null);
  assert.equal(randomCaseMailbox('HRMgmtTeam'), null);
  assert.equal(randomCaseMailbox('DoNotReply'), null);
  assert.equal(randomCaseMailbox('SurfaceLaptop5'), null);
  // service tokens (VERP bounces) are left alone
  assert.equal(randomCaseMailbox('Online#3.19586.b5-9w0blztbvHPdZdRR.1'), null);
  assert.equal(randomCaseMailbox(null), null);
});

void test('random tags on subjects and sender names; references where the sentence puts them are not', () => {
  assert.equal(randomTag('We tried to reach you!     QXTRVPLMZK'), 'QXTRVPLMZK');
  assert.equal(randomTag('Lose weight the smart way__ID#KPU73-412'), 'ID#KPU73-412');
  assert.equal(randomTag('Your gift card is waiting ........ RW4417790'), 'RW4417790');
  assert.equal(randomTag('Jouw Pensioen Inzicht .....BF218'), 'BF218');
  assert.equal(randomTag('Marieke de Vries .QWTR'), '.QWTR');
  assert.equal(randomTag('Invoice issued - PtRaGYsKn7djSGR'), 'PtRaGYsKn7djSGR');
  assert.equal(randomTag('Re: process down - ticket #55606OTC1 -'), null);
  assert.equal(randomTag('Your order #112-4477321-0098812 has shipped'), null);
  assert.equal(randomTag('SpamAssassin v2.40 released'), null);
  assert.equal(randomTag('iPhone15ProMax review'), null);
  assert.equal(randomTag('Meeting moved to 3pm   (fwd)'), null);
  assert.equal(randomTag('ASP.NET Team'), null);
  assert.equal(randomTag(null), null);
});

void test('mail-merge fields left unfilled; code and prose with brackets are not', () => {
  assert.equal(unfilledMergeField('Hello', 'Hey {{ FNAME }},\nour new plans are here'), '{{ FNAME }}');
  assert.equal(unfilledMergeField('[username], your gift is waiting', ''), '[username]');
  assert.equal(unfilledMergeField('Bonus', 'Hallo {firstname},\ndein Bonus wartet'), 'Hallo {firstname}');
  assert.equal(unfilledMergeField('News', 'Dear *|FNAME|*, thanks for joining'), '*|FNAME|*');
  assert.equal(unfilledMergeField('spec tweak', 'install -d %{buildroot}/usr/share/%{name}\n'), null);
  assert.equal(unfilledMergeField('CVS: lib/Mail', '$Name:  $ tag set on the branch'), null);
  assert.equal(unfilledMergeField('Re: templates', 'the widget prints the [name] of the file it read'), null);
  assert.equal(unfilledMergeField('Hi Ann', 'Hi Ann, see you on Monday.'), null);
});

void test('hostile headers and bodies are read in bounded time', () => {
  const t0 = process.hrtime.bigint();
  randomTag(`${' '.repeat(100_000)}A`);
  randomTag(`${'aB1'.repeat(50_000)}`);
  randomTag(`${'_'.repeat(50_000)}ID#`);
  randomCaseMailbox(`${'aB'.repeat(30)}`);
  generatedDomain(`${'b1'.repeat(40)}.com`);
  unfilledMergeField('x', `${'{{ '.repeat(100_000)}${'[name'.repeat(50_000)}${'hi [name]'.repeat(10_000)}`);
  assert.ok(Number(process.hrtime.bigint() - t0) / 1e6 < 500);
});
