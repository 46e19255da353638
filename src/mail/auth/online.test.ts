import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { dkimSign } from 'mailauth';
import { createResolver } from './resolver.js';
import { analyzeMessage } from '../analyze.js';
import { ACME } from '../test-helpers.js';
import { DEFAULT_BRANDS } from '../brands.js';
import type { DnsResolver } from '../types.js';

function zone(records: Record<string, Record<string, unknown[]>>, calls?: string[]): DnsResolver {
  return (name, rrtype) => {
    calls?.push(`${rrtype} ${name}`);
    const r = records[name.toLowerCase()]?.[rrtype];
    if (r === undefined) return Promise.reject(Object.assign(new Error('no data'), { code: records[name.toLowerCase()] ? 'ENODATA' : 'ENOTFOUND' }));
    return Promise.resolve(r);
  };
}

void test('the resolver caches answers (and failures) and turns a hung lookup into ETIMEOUT', async () => {
  const calls: string[] = [];
  const r = createResolver({ timeoutMs: 50, lookup: zone({ 'a.example': { TXT: [['v=spf1 -all']] } }, calls) });
  assert.deepEqual(await r('a.example', 'TXT'), [['v=spf1 -all']]);
  assert.deepEqual(await r('A.EXAMPLE', 'TXT'), [['v=spf1 -all']]);
  await assert.rejects(r('b.example', 'TXT'), { code: 'ENOTFOUND' });
  await assert.rejects(r('b.example', 'TXT'), { code: 'ENOTFOUND' });
  assert.deepEqual(calls, ['TXT a.example', 'TXT b.example']);
  const hung = createResolver({ timeoutMs: 20, lookup: () => new Promise(() => undefined) });
  await assert.rejects(hung('slow.example', 'TXT'), { code: 'ETIMEOUT' });
});

void test('online auth: SPF, DKIM and DMARC pass for a signed message from an allowed IP, fail when spoofed', async () => {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 1024 });
  const pub = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  const records = {
    'partner.example': { TXT: [['v=spf1 ip4:81.2.69.160 -all']] },
    'sel._domainkey.partner.example': { TXT: [[`v=DKIM1; k=rsa; p=${pub}`]] },
    '_dmarc.partner.example': { TXT: [['v=DMARC1; p=reject']] },
  };
  const body = [
    'From: Bob <bob@partner.example>', 'To: alice@acme-exchange.com', 'Subject: settlement', 'Date: Mon, 2 Nov 2026 09:14:58 +0000',
    'Message-ID: <s1@partner.example>', '', 'See you on the 12th.', '',
  ].join('\r\n');
  const signed = await dkimSign(body, { signatureData: [{ signingDomain: 'partner.example', selector: 'sel', privateKey: privateKey.export({ type: 'pkcs1', format: 'pem' }) }] } as unknown as Parameters<typeof dkimSign>[1]);
  const received = (ip: string) => `Received: from mail.partner.example (mail.partner.example [${ip}]) by mx1.acme-exchange.com with ESMTPS; Mon, 2 Nov 2026 09:15:01 +0000\r\nReturn-Path: <bob@partner.example>\r\n`;
  // A generous timeout: this test is about results, and a loaded CI machine can stall a test process for seconds.
  const resolver = createResolver({ timeoutMs: 15_000, lookup: zone(records) });
  const ctx = { org: ACME, orgs: [ACME], partnerBrands: DEFAULT_BRANDS, authMode: { resolver } };
  const good = await analyzeMessage(Buffer.from(received('81.2.69.160') + signed.signatures + body), ctx);
  assert.deepEqual(good.auth, { spf: 'pass', dkim: 'pass', dmarc: 'pass', arc: 'none' });
  const spoofed = await analyzeMessage(Buffer.from(received('45.77.12.34') + body), ctx);
  assert.equal(spoofed.auth.spf, 'fail');
  assert.equal(spoofed.auth.dmarc, 'fail');
  assert.ok(spoofed.signals.some((s) => s.id === 'auth.dmarc-fail'));
});
