import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatCidr, formatIpv6, parseCidr, parseIpv4, parseIpv6, v4Mapped } from './ip.js';

test('ipv4: valid and invalid dotted quads', () => {
  const valid: [string, number][] = [['0.0.0.0', 0], ['255.255.255.255', 0xffffffff], ['10.1.2.3', 0x0a010203]];
  for (const [s, n] of valid) assert.equal(parseIpv4(s), n, s);
  for (const s of ['256.1.1.1', '1.2.3', '1.2.3.4.5', '01.2.3.4', '1..2.3', 'a.b.c.d', '1.2.3.4 ', '']) assert.equal(parseIpv4(s), null, s);
});

test('ipv6: RFC 5952 canonical text from every accepted form', () => {
  const cases: [string, string][] = [
    ['2001:DB8:0:0:0:0:0:1', '2001:db8::1'],
    ['2001:db8::0:1', '2001:db8::1'],
    ['::', '::'],
    ['::1', '::1'],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
    ['::ffff:192.0.2.1', '::ffff:c000:201'],
    ['fe80::1%eth0', 'fe80::1'],
  ];
  for (const [i, o] of cases) assert.equal(formatIpv6(parseIpv6(i)!), o, i);
  for (const s of ['1:2:3:4:5:6:7:8:9', '1::2::3', '12345::', 'g::1', ':', '1:2:3:4:5:6:7']) assert.equal(parseIpv6(s), null, s);
  assert.equal(v4Mapped(parseIpv6('::ffff:10.0.0.1')!), 0x0a000001);
});

test('cidr: host bits are cleared; bad prefixes refused', () => {
  assert.equal(formatCidr(parseCidr('10.1.2.3/8')!), '10.0.0.0/8');
  assert.equal(formatCidr(parseCidr('2001:db8::1/32')!), '2001:db8::/32');
  assert.equal(formatCidr(parseCidr('0.0.0.0/0')!), '0.0.0.0/0');
  for (const s of ['10.0.0.0/33', '10.0.0.0/', '10.0.0.0/-1', '::/129', '10.0.0/8']) assert.equal(parseCidr(s), null, s);
});
