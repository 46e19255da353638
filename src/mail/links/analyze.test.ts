import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeLink } from './analyze.js';
import { extractLinks } from './extract.js';
import { buildTargets } from '../lookalike/compare.js';
import { ACME } from '../test-helpers.js';
import { DEFAULT_BRANDS } from '../brands.js';

const targets = buildTargets([ACME], DEFAULT_BRANDS);
const flags = (url: string, text: string | null = null, source: 'a' | 'text' | 'form' = 'a') =>
  analyzeLink({ url, text, source }, targets, 'sender.example').flatMap((l) => l.flags);

void test('link tricks are flagged, each by name', () => {
  assert.ok(flags('https://acme-exchange.com@evil.example/login').includes('userinfo'));
  assert.ok(flags('http://45.77.12.34/x').includes('ip-host'));
  assert.ok(flags('http://3232235777/login').includes('obfuscated-host'));
  assert.ok(flags('https://bit.ly/abc').includes('shortener'));
  assert.ok(flags('data:text/html;base64,PGgxPg==').includes('data-url'));
  assert.ok(flags('javascript:alert(1)').includes('javascript-url'));
  assert.ok(flags('https://ipfs.io/ipfs/bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi').includes('ipfs'));
  assert.ok(flags('https://evil-kit.web.app/').includes('free-hosting'));
  assert.ok(flags('https://evil.example:8443/').includes('nonstandard-port'));
  assert.ok(flags('https://tracker.example/c?id=1', 'https://www.acme-exchange.com/login').includes('text-mismatch-brand'));
  assert.ok(flags('https://www.acme-exchange.com/login', 'www.acme-exchange.com').every((f) => !f.startsWith('text-mismatch')));
  assert.ok(flags('https://collect.evil.example/post', null, 'form').includes('form-action'));
});

void test('open redirects are unwrapped into their target, which is analysed too', () => {
  const out = analyzeLink({ url: 'https://www.google.com/url?q=https://acme-exchamge.com/login', text: null, source: 'a' }, targets, null);
  assert.ok(out[0]!.flags.includes('open-redirect'));
  assert.equal(out[1]?.host, 'acme-exchamge.com');
  assert.ok(out[1].flags.includes('redirect-target'));
  assert.ok(out[1].flags.includes('lookalike:typo'));
});

void test('links come from text, anchors, forms, images, meta refresh and CSS', () => {
  const html = `<a href="https://a.example/x">see <b>a.example</b></a><form action="https://f.example/p"></form>
    <img src="https://i.example/p.png"><meta http-equiv="refresh" content="0; url=https://m.example/"><div style="background:url('https://c.example/bg.png')"></div>`;
  const links = extractLinks('visit https://t.example/path.', html);
  const bySource = Object.fromEntries(links.map((l) => [l.source, l.url]));
  assert.equal(bySource.a, 'https://a.example/x');
  assert.equal(bySource.form, 'https://f.example/p');
  assert.equal(bySource.img, 'https://i.example/p.png');
  assert.equal(bySource['meta-refresh'], 'https://m.example/');
  assert.equal(bySource.css, 'https://c.example/bg.png');
  assert.equal(bySource.text, 'https://t.example/path');
  assert.equal(links.find((l) => l.source === 'a')?.text, 'see a.example');
});

void test('image hosts, serverless and dynamic-DNS hosts, pseudo-TLDs are flagged; the sender’s own site is not', () => {
  assert.ok(flags('https://i.imgur.com/0dzuJNp.png').includes('image-host'));
  assert.ok(flags('https://zupimages.net/up/24/30/17fq.png').includes('image-host'));
  assert.ok(flags('https://b-a4qxna7jwq-rj.a.run.app/b/?tr=1').includes('free-hosting'));
  assert.ok(flags('https://us-central1-x-378715.cloudfunctions.net/lesma').includes('free-hosting'));
  assert.ok(flags('http://sinmplses.servegame.org/?hash=x').includes('free-hosting'));
  assert.ok(flags('https://offers4u.sa.com/x').includes('abused-tld'));
  assert.ok(!flags('https://www.example.com/x').includes('abused-tld'));
  assert.ok(!analyzeLink({ url: 'https://img.sender.example/a.png', text: null, source: 'a' }, targets, 'sender.example').some((l) => l.flags.includes('image-host')));
});

void test('link text that mentions a site in a headline is not a promise of where the link goes', () => {
  assert.ok(!flags('http://clickthru.online.example/Click?q=1', 'McAfee.com sour on sweetened bid').some((f) => f.startsWith('text-mismatch')));
  assert.ok(flags('http://clickthru.online.example/Click?q=1', 'Visit www.mcafee.com').includes('text-mismatch'));
});

void test('a target hidden in base64 in a query parameter is unwrapped (Bing click links, trackers)', () => {
  const b64 = Buffer.from('https://evil-kit.example/login').toString('base64').replace(/=+$/, '');
  const out = analyzeLink({ url: `https://www.bing.com/ck/a?!&&p=abc&u=a1${b64}&ntb=1`, text: null, source: 'a' }, targets, null);
  assert.ok(out[0]!.flags.includes('open-redirect'));
  assert.equal(out[1]?.host, 'evil-kit.example');
  const tracker = analyzeLink({ url: `https://t.example/c?data=${Buffer.from('https://landing.example/x').toString('base64')}`, text: null, source: 'a' }, targets, null);
  assert.equal(tracker[1]?.host, 'landing.example');
  // base64 that is not a URL, and a same-site target, are left alone
  assert.equal(analyzeLink({ url: `https://t.example/c?data=${Buffer.from('hello world, nothing here').toString('base64')}`, text: null, source: 'a' }, targets, null).length, 1);
  assert.equal(analyzeLink({ url: `https://t.example/c?u=${Buffer.from('https://www.t.example/home').toString('base64')}`, text: null, source: 'a' }, targets, null).length, 1);
});

void test('a web page opened straight from a storage bucket; files in buckets and pictures are not pages', () => {
  assert.ok(flags('https://storage.googleapis.com/newera1/energy.html').includes('bucket-page'));
  assert.ok(flags('https://suportebbcard1.z13.web.core.windows.net/').includes('bucket-page'));
  assert.ok(flags('https://bucket.s3.eu-west-1.amazonaws.com/oked.html#x').includes('bucket-page'));
  // the same bucket serving a report PDF or a newsletter's picture is a file store doing its job
  assert.ok(!flags('https://storage.googleapis.com/acme-reports/q3.pdf').includes('bucket-page'));
  assert.ok(!analyzeLink({ url: 'https://s3.amazonaws.com/news-images/banner.html', text: null, source: 'img' }, targets, 'sender.example').flatMap((l) => l.flags).includes('bucket-page'));
  // a company's own bucket name under its own domain is its site
  assert.ok(!analyzeLink({ url: 'https://files.sender.example/page.html', text: null, source: 'a' }, targets, 'sender.example').flatMap((l) => l.flags).includes('bucket-page'));
});

void test('a protocol-relative reference is read with its host; a relative path is not a host', () => {
  const l = analyzeLink({ url: '//i.imgur.com/O4r8i7w.png', text: null, source: 'a' }, targets, 'sender.example');
  assert.equal(l[0]?.host, 'i.imgur.com');
  assert.ok(l[0]?.flags.includes('image-host'));
  assert.ok(analyzeLink({ url: '/img/logo.png', text: null, source: 'a' }, targets, 'sender.example').every((x) => x.host === ''));
});

void test('Blogger’s country names and site builders’ file stores are free hosting; a blog named blogspot elsewhere is not', () => {
  assert.ok(flags('http://www.claim.blogspot.fr/').includes('free-hosting'));
  assert.ok(flags('https://f715c1.filesusr.com/html/04623.html').includes('free-hosting'));
  assert.ok(!flags('https://blogspot.example/').includes('free-hosting'));
});
