import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeReceived, parseReceived } from './received.js';
import { ACME } from '../test-helpers.js';

const h = (values: string[]) => values.map((value) => ({ key: 'received', value }));

void test('received hops parse Postfix, qmail, Exchange and bracketed IPv6 shapes', () => {
  const table: [string, { from: string | null; by: string | null; ip: string | null }][] = [
    ['from mail.example.org (mail.example.org [192.0.2.44]) by mx.example.net (Postfix) with ESMTPS id X; Mon, 2 Nov 2026 09:15:02 +0000', { from: 'mail.example.org', by: 'mx.example.net', ip: '192.0.2.44' }],
    ['from unknown (HELO postbox.ee.ed.ac.uk) (129.215.80.253) by mta3.grp.scd.yahoo.com with SMTP; 22 Aug 2002 13:38:24 -0000', { from: 'postbox.ee.ed.ac.uk', by: 'mta3.grp.scd.yahoo.com', ip: '129.215.80.253' }],
    ['from nisihfjoz.co.uk (103.167.154.120) by DM6NAM11FT012.mail.protection.outlook.com (10.13.173.109) with Microsoft SMTP Server id 15.20.5791.20; Thu, 3 Nov 2022 02:44:27 +0000', { from: 'nisihfjoz.co.uk', by: 'dm6nam11ft012.mail.protection.outlook.com', ip: '103.167.154.120' }],
    ['from host.example ([IPv6:2001:db8::25]) by mx.example.net with ESMTP; Mon, 2 Nov 2026 09:15:02 +0000', { from: 'host.example', by: 'mx.example.net', ip: '2001:db8::25' }],
  ];
  for (const [value, want] of table) {
    const hop = parseReceived(value);
    assert.deepEqual({ from: hop.from, by: hop.by, ip: hop.ip }, want, value);
  }
  assert.equal(parseReceived('from a (a [1.2.3.4]) by b; Mon, 2 Nov 2026 09:15:02 +0000').time, '2026-11-02T09:15:02.000Z');
});

void test('originating IP is the first hop outside the trusted relays; ESMTPSA client recorded separately', () => {
  const fx = analyzeReceived(h([
    'from mx1.acme-exchange.com (mx1.acme-exchange.com [10.0.0.5]) by mail.acme-exchange.com with ESMTPS; Tue, 3 Nov 2026 07:01:12 +0000',
    'from smtp.sender.example (smtp.sender.example [45.77.12.34]) by mx1.acme-exchange.com with ESMTP; Tue, 3 Nov 2026 07:01:10 +0000',
    'from [192.168.1.20] (unknown [185.220.101.7]) by smtp.sender.example with ESMTPSA; Tue, 3 Nov 2026 07:01:05 +0000',
  ]), ACME, 'sender.example');
  assert.equal(fx.originatingIp, '45.77.12.34');
  assert.equal(fx.clientIp, '185.220.101.7');
});

void test('X-Originating-IP is the client IP when present', () => {
  const fx = analyzeReceived([
    { key: 'received', value: 'from out.webmail.example (out.webmail.example [52.1.2.3]) by mx1.acme-exchange.com with ESMTP; Tue, 3 Nov 2026 07:01:10 +0000' },
    { key: 'x-originating-ip', value: '[77.88.99.11]' },
  ], ACME, 'webmail.example');
  assert.equal(fx.originatingIp, '52.1.2.3');
  assert.equal(fx.clientIp, '77.88.99.11');
});

void test('HELO claiming the organisation from an outside IP is a signal; reserved source addresses too', () => {
  const fx = analyzeReceived(h([
    'from mail.acme-exchange.com (vps.cheap.example [45.77.12.34]) by mx1.acme-exchange.com with ESMTP; Tue, 3 Nov 2026 07:01:10 +0000',
    'from x (x [240.0.0.1]) by vps.cheap.example with SMTP; Tue, 3 Nov 2026 07:01:05 +0000',
  ]), ACME, 'acme-exchange.com');
  const ids = fx.signals.map((s) => s.id);
  assert.ok(ids.includes('received.helo-claims-org'), ids.join());
  assert.ok(ids.includes('received.bogon-ip'), ids.join());
});

void test('a relay stamping hours before the previous hop is a hop-time anomaly', () => {
  const fx = analyzeReceived(h([
    'from b.example (b.example [52.1.1.1]) by mx1.acme-exchange.com with ESMTP; Tue, 3 Nov 2026 01:00:00 +0000',
    'from a.example (a.example [52.2.2.2]) by b.example with ESMTP; Tue, 3 Nov 2026 09:00:00 +0000',
  ]), ACME, null);
  assert.ok(fx.signals.some((s) => s.id === 'received.time-travel'));
});
