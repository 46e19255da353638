import { test } from 'node:test';
import assert from 'node:assert/strict';
import { offlineAuth, parseAuthResults } from './results.js';
import { ACME } from '../test-helpers.js';

void test('offline auth trusts only the organisation authserv-id and says so about the others', () => {
  const headers = [
    { key: 'authentication-results', value: 'evil.example; spf=pass; dkim=pass; dmarc=pass' },
    { key: 'authentication-results', value: 'mx.acme-exchange.com; spf=softfail smtp.mailfrom=x.example; dkim=fail header.d=x.example; dmarc=fail header.from=x.example' },
  ];
  const r = offlineAuth(headers, ACME);
  assert.deepEqual([r.auth.spf, r.auth.dkim, r.auth.dmarc, r.auth.arc], ['softfail', 'fail', 'fail', 'none']);
  assert.equal(r.signals[0]?.id, 'auth.untrusted-results-ignored');
  assert.match(r.signals[0].evidence, /evil\.example/);
});

void test('without a trusted authserv-id every Authentication-Results is ignored', () => {
  const r = offlineAuth([{ key: 'authentication-results', value: 'mx.acme-exchange.com; dmarc=pass' }], { ...ACME, authservId: null });
  assert.equal(r.auth.dmarc, 'none');
  assert.equal(r.signals.length, 1);
});

void test('any passing DKIM signature wins; comments are ignored', () => {
  const r = parseAuthResults('mx.example; dkim=fail (bad sig) header.d=a.example; dkim=pass header.d=b.example; spf=pass (sender ok) smtp.mailfrom=b.example');
  assert.equal(r.dkim, 'pass');
  assert.equal(r.spf, 'pass');
  assert.deepEqual(r.dkimDomains, ['b.example']);
});
