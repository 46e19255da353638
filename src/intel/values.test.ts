import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectValue, domainChain, normaliseUrl, normaliseValue } from './values.js';

test('detectValue: the type of free text, normalised', () => {
  const cases: [string, string, string][] = [
    ['10.0.0.1', 'ipv4', '10.0.0.1'],
    ['10.0.0.0/8', 'cidr', '10.0.0.0/8'],
    ['10.0.0.1/32', 'ipv4', '10.0.0.1'],
    ['2001:DB8::1', 'ipv6', '2001:db8::1'],
    ['[2001:db8::1]', 'ipv6', '2001:db8::1'],
    ['::ffff:10.0.0.1', 'ipv4', '10.0.0.1'],
    ['Login.Example.COM.', 'domain', 'login.example.com'],
    ['bücher.example', 'domain', 'xn--bcher-kva.example'],
    ['HTTP://Example.COM:80/a%7Eb', 'url', 'http://example.com/a~b'],
    ['evil.example/login', 'url', 'http://evil.example/login'],
    ['Alice@Example.COM', 'email', 'alice@example.com'],
    ['D41D8CD98F00B204E9800998ECF8427E', 'md5', 'd41d8cd98f00b204e9800998ecf8427e'],
    ['da39a3ee5e6b4b0d3255bfef95601890afd80709', 'sha1', 'da39a3ee5e6b4b0d3255bfef95601890afd80709'],
    ['e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', 'sha256', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['0x01e2919679362dFBC9ee1644Ba9C6da6D6245BB1', 'eth-address', '0x01e2919679362dfbc9ee1644ba9c6da6d6245bb1'],
    ['1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa', 'btc-address', '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa'],
    ['BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4', 'btc-address', 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4'],
  ];
  for (const [input, type, value] of cases) assert.deepEqual(detectValue(input), { type, value }, input);
  for (const bad of ['', 'not a thing', 'localhost', '0x01e2919679362dFBC9ee1644Ba9C6da6D6245Bb1', '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb', 'bc1qW508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4']) {
    assert.equal(detectValue(bad), null, bad);
  }
});

test('normaliseUrl: scheme/host case, default port, escapes of unreserved characters, trailing dot, fragment', () => {
  const same = ['https://EXAMPLE.com./a/%62?x=%2f#frag', 'https://example.com:443/a/b?x=%2F', 'HTTPS://example.COM/a/b?x=%2f'];
  const forms = same.map((u) => normaliseUrl(u)?.url);
  assert.deepEqual(forms, ['https://example.com/a/b?x=%2F', 'https://example.com/a/b?x=%2F', 'https://example.com/a/b?x=%2F']);
  assert.equal(normaliseUrl('http://user:pw@host.example:8080/')?.host, 'host.example');
  assert.equal(normaliseUrl('http://[2001:db8::1]/x')?.host, '2001:db8::1');
  assert.equal(normaliseUrl('http://'), null);
});

test('normaliseValue refuses values of the wrong shape for the declared type', () => {
  assert.equal(normaliseValue('domain', 'exa mple.com'), null);
  assert.equal(normaliseValue('domain', '-bad.example'), null);
  assert.equal(normaliseValue('domain', '1.2.3.4'), null);
  assert.equal(normaliseValue('md5', 'xyz'), null);
  assert.equal(normaliseValue('eth-address', '0x1234'), null);
  assert.equal(normaliseValue('email', 'no-at-sign.example'), null);
  assert.equal(normaliseValue('btc-address', '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb'), null, 'bad base58check checksum');
});

test('domainChain walks parents up to the registrable domain, never to the public suffix', () => {
  assert.deepEqual(domainChain('a.b.evil.co.uk'), ['a.b.evil.co.uk', 'b.evil.co.uk', 'evil.co.uk']);
  assert.deepEqual(domainChain('evil.com'), ['evil.com']);
  assert.deepEqual(domainChain('login.victim.blogspot.com'), ['login.victim.blogspot.com', 'victim.blogspot.com']);
});
