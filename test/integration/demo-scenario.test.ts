import { test } from 'node:test';
import assert from 'node:assert/strict';
import PostalMime from 'postal-mime';
import { describeScenario, generateScenario, iterateMessages, type Scenario } from '../../src/demo/index.js';
import { parseBitcoinAddress } from '../../src/chain/index.js';

const cache = new Map<number, Scenario>();
function scenario(seed: number): Scenario {
  let s = cache.get(seed);
  if (s === undefined) {
    s = generateScenario({ seed });
    cache.set(seed, s);
  }
  return s;
}

test('determinism: the same seed gives identical bytes and truth', () => {
  const a = scenario(1);
  const b = generateScenario({ seed: 1 });
  assert.equal(a.messages.length, b.messages.length);
  a.messages.forEach((m, i) => assert.ok(m.raw.equals(b.messages[i]?.raw ?? Buffer.alloc(0)), `message ${m.id} differs`));
  assert.equal(JSON.stringify(a.truth), JSON.stringify(b.truth));
  assert.equal(JSON.stringify(a.stix), JSON.stringify(b.stix));
});

test('different seeds give different names, domains, IPs, subjects and timings', () => {
  const a = scenario(1);
  const b = scenario(2);
  assert.notDeepEqual(a.orgs.map((o) => o.domains), b.orgs.map((o) => o.domains));
  assert.notDeepEqual(a.exchanges.flatMap((o) => o.staff.map((s) => s.address)), b.exchanges.flatMap((o) => o.staff.map((s) => s.address)));
  assert.notEqual(a.truth.attackerIp, b.truth.attackerIp);
  const spearA = a.truth.campaigns.find((c) => c.id === 'spear');
  const spearB = b.truth.campaigns.find((c) => c.id === 'spear');
  assert.notDeepEqual(spearA?.attempts.map((x) => x.firstSeen), spearB?.attempts.map((x) => x.firstSeen));
  assert.notDeepEqual(spearA?.attempts.map((x) => x.sender), spearB?.attempts.map((x) => x.sender));
});

for (const seed of [1, 2, 3]) {
  test(`seed ${seed}: the police case holds — 25 employees, 4 exchanges, ≥ 10 attempts, one IP in 175.45.176.0/22`, () => {
    const s = scenario(seed);
    const spear = s.truth.campaigns.find((c) => c.id === 'spear');
    assert.ok(spear);
    assert.equal(s.orgs.length, 4);
    assert.equal(spear.recipients.length, 25);
    assert.equal(spear.organizations.length, 4);
    assert.ok(spear.attempts.length >= 10);
    assert.deepEqual(spear.sourceIps, [s.truth.attackerIp]);
    assert.match(s.truth.attackerIp, /^175\.45\.(17[6-9])\.\d+$/);
    const msgs = s.messages.filter((m) => m.kind === 'spear-phishing');
    assert.equal(msgs.length, spear.messageCount);
    for (const m of msgs) {
      assert.equal(m.originatingIp === s.truth.attackerIp || m.clientIp === s.truth.attackerIp, true, `${m.id} not from the attacker IP`);
      assert.ok(m.raw.includes(s.truth.attackerIp), `${m.id} does not show the IP`);
      assert.equal(m.expectedVerdict, 'malicious');
    }
    const days = (Date.parse(spear.lastSeen) - Date.parse(spear.firstSeen)) / 86400000;
    assert.ok(days >= 21, `campaign spans only ${days} days`);
    for (const a of spear.attempts) {
      assert.ok(a.recipients.length >= 2, `${a.id} has ${a.recipients.length} recipients`);
      assert.ok(Date.parse(a.lastSeen) - Date.parse(a.firstSeen) <= 3600000, `${a.id} window too long`);
    }
    const kinds = new Set(spear.attempts.flatMap((a) => a.attachments.map((x) => x.kind)));
    for (const k of ['hwp-eps', 'docm-macro', 'lnk-in-zip', 'iso-lnk', 'docx-remote-template']) assert.ok(kinds.has(k), `no ${k}`);
    const techniques = new Set(spear.attempts.flatMap((a) => a.techniques));
    assert.ok([...techniques].some((t) => t.includes('homoglyph')) || [...techniques].some((t) => t.includes('typo')));
    assert.ok([...techniques].some((t) => t.includes('credential-link')));
    assert.match(spear.summary, /25 employees at 4 exchanges received \d+ separate phishing attempts, all sent from the same IP address/);
  });
}

test('ground truth agrees with the messages: every message labelled, campaigns add up', () => {
  const s = scenario(1);
  const t = s.truth;
  assert.equal(t.counts.total, s.messages.length);
  assert.equal(t.counts.benign, 320);
  for (const m of t.messages) {
    if (m.kind === 'benign') {
      assert.equal(m.campaignId, null);
      assert.deepEqual(m.acceptableVerdicts, ['clean']);
    } else {
      const c = t.campaigns.find((x) => x.id === m.campaignId);
      assert.ok(c, `${m.id} has no campaign`);
      assert.ok(c.attempts.some((a) => a.id === m.attemptId && a.messages.includes(m.id)));
      assert.equal(c.kind, m.kind);
    }
  }
  const inCampaigns = t.campaigns.reduce((n, c) => n + c.messageCount, 0);
  assert.equal(inCampaigns + t.counts.benign, t.counts.total);
  assert.equal(new Set(t.messages.map((m) => m.id)).size, t.messages.length);
});

test('the unrelated campaign shares only commodity infrastructure (shortener, free mail) with the spear case', () => {
  const s = scenario(1);
  const spear = s.truth.campaigns.find((c) => c.id === 'spear');
  const other = s.truth.campaigns.find((c) => c.id === 'unrelated-1');
  assert.ok(spear && other);
  const shared = other.sharedWithOtherCampaigns.filter((x) => x.campaignId === 'spear');
  assert.deepEqual(shared.map((x) => x.type).sort(), ['free-mail', 'url-shortener']);
  assert.ok(!other.sourceIps.some((ip) => spear.sourceIps.includes(ip)));
});

test('every message parses with postal-mime; subject and sender match the truth', async () => {
  const s = scenario(1);
  for (const m of s.messages) {
    const parsed = await PostalMime.parse(m.raw);
    assert.equal(parsed.subject, m.subject, m.id);
    assert.equal(parsed.from?.address, m.from, m.id);
    assert.ok((parsed.text ?? '').length > 0, `${m.id} has no text part`);
    assert.ok((parsed.html ?? '').length > 0, `${m.id} has no HTML part`);
  }
});

test('byte realism: CRLF only in .eml copies, folded headers, Korean headers as RFC 2047 words', () => {
  const s = scenario(1);
  const eml = s.messages.filter((m) => m.file.endsWith('.eml'));
  assert.ok(eml.length > 50);
  for (const m of eml) {
    const text = m.raw.toString('latin1');
    assert.equal(/(^|[^\r])\n/.test(text), false, `${m.id} has a bare LF`);
    const head = text.slice(0, text.indexOf('\r\n\r\n'));
    for (const line of head.split('\r\n')) assert.ok(line.length <= 998, `${m.id} header line too long`);
    assert.equal(/[^\x00-\x7f]/.test(head), false, `${m.id} has 8-bit header bytes`);
  }
  assert.ok(s.messages.some((m) => m.raw.includes('Subject: =?UTF-8?B?')));
  assert.ok(s.messages.some((m) => m.raw.includes('multipart/mixed')) && s.messages.some((m) => m.raw.includes('quoted-printable')));
});

test('benign mail passes authentication from the recipient org\'s authservId and travels its trusted relays', () => {
  const s = scenario(1);
  for (const m of s.messages.filter((x) => x.kind === 'benign')) {
    const org = s.exchanges.find((o) => o.id === m.orgId);
    assert.ok(org);
    const text = m.raw.toString('utf8').replace(/\r?\n[ \t]+/g, ' ');
    const ar = /^Authentication-Results: ([^;]+);(.*)$/m.exec(text);
    assert.ok(ar, `${m.id} has no Authentication-Results`);
    assert.equal(ar[1], org.authservId);
    for (const k of ['dkim=pass', 'spf=pass', 'dmarc=pass']) assert.ok(ar[2]?.includes(k), `${m.id}: ${k}`);
    assert.ok(text.includes(`by ${org.store.host}`), `${m.id} not through the mailbox host`);
    assert.match(text, /^Message-ID: <[^>]+@[^>]+>/m);
  }
});

test('orgs: import shape, 8–15 staff, every domain used by staff, relays in private or documentation ranges', () => {
  for (const seed of [1, 2, 3, 4]) {
    const s = scenario(seed);
    assert.equal(new Set(s.orgs.map((o) => o.id)).size, 4);
    for (const o of s.orgs) assert.deepEqual(Object.keys(o).sort(), ['authservId', 'domains', 'id', 'name', 'trustedRelays']);
    assert.deepEqual(s.orgs.map((o) => o.id), s.exchanges.map((o) => o.id));
    for (const o of s.exchanges) {
      assert.ok(o.staff.length >= 8 && o.staff.length <= 15);
      for (const d of o.domains) assert.ok(o.staff.some((p) => p.address.endsWith(`@${d}`)), `${o.id}: nobody at ${d}`);
      for (const p of o.staff) assert.ok(o.domains.some((d) => p.address.endsWith(`@${d}`)));
      assert.ok(o.trustedRelays.includes(o.mx.host));
      for (const r of o.trustedRelays.filter((x) => x.includes('/'))) assert.match(r, /^(10\.|192\.0\.2\.|198\.51\.100\.|203\.0\.113\.)/);
    }
  }
});

test('the extortion mail demands payment to a checksum-valid bitcoin address', () => {
  for (const seed of [1, 2, 5]) {
    const s = scenario(seed);
    const addr = s.truth.extortionBtcAddress;
    assert.ok(parseBitcoinAddress(addr, 'mainnet'), `${addr} does not validate`);
    const ext = s.messages.filter((m) => m.kind === 'extortion');
    assert.ok(ext.length >= 4);
    for (const m of ext) assert.ok(m.raw.includes(addr), `${m.id} lacks the address`);
  }
});

test('STIX bundle: Lazarus Group intrusion set, IP indicator, indicates relationship, TLP marking', () => {
  const s = scenario(1);
  const objs = s.stix.objects;
  const set = objs.find((o) => o.type === 'intrusion-set');
  const ind = objs.find((o) => o.type === 'indicator');
  const rel = objs.find((o) => o.type === 'relationship');
  const tlp = objs.find((o) => o.type === 'marking-definition');
  assert.ok(set && ind && rel && tlp);
  assert.equal(set.name, 'Lazarus Group');
  assert.ok((set.aliases as string[]).includes('HIDDEN COBRA'));
  assert.equal(ind.pattern, `[ipv4-addr:value = '${s.truth.attackerIp}']`);
  assert.equal(ind.pattern_type, 'stix');
  assert.equal(rel.relationship_type, 'indicates');
  assert.equal(rel.source_ref, ind.id);
  assert.equal(rel.target_ref, set.id);
  for (const o of objs) {
    assert.equal(o.spec_version, '2.1');
    assert.match(String(o.id), /^[a-z0-9-]+--[0-9a-f-]{36}$/);
    if (o.type !== 'marking-definition') {
      assert.ok(typeof o.created === 'string' && typeof o.modified === 'string');
    }
  }
  assert.deepEqual(ind.object_marking_refs, [tlp.id]);
});

test('noise: benign count, extra attempts, an extra unrelated campaign, more mass mailings', () => {
  const s = generateScenario({ seed: 11, benignCount: 40, noise: { extraAttempts: 4, extraUnrelatedCampaign: true, massMailings: 3 } });
  assert.equal(s.truth.counts.benign, 40);
  const spear = s.truth.campaigns.find((c) => c.id === 'spear');
  assert.equal(spear?.attempts.length, 16);
  assert.equal(spear?.recipients.length, 25);
  assert.ok(s.truth.campaigns.some((c) => c.id === 'unrelated-2'));
  assert.equal(s.truth.campaigns.filter((c) => c.kind === 'mass-phishing').length, 3);
  assert.equal([...iterateMessages(s, ['benign'])].length, 40);
});

test('bad options are refused with a usage error naming the option', () => {
  assert.throws(() => generateScenario({ seed: 1.5 }), /seed/);
  assert.throws(() => generateScenario({ seed: 1, start: 'yesterday' }), /start/);
  assert.throws(() => generateScenario({ seed: 1, benignCount: -1 }), /benignCount/);
});

test('changing the benign volume leaves the organisations and the campaigns as they were', () => {
  const a = generateScenario({ seed: 21, benignCount: 10 });
  const b = generateScenario({ seed: 21, benignCount: 200 });
  assert.deepEqual(a.exchanges, b.exchanges);
  const shape = (s: Scenario): unknown => s.truth.campaigns.map((c) => c.attempts.map((x) => [x.sender, x.subject, x.recipients, x.firstSeen]));
  assert.deepEqual(shape(a), shape(b));
  assert.equal(a.truth.attackerIp, b.truth.attackerIp);
});

test('describeScenario states the counts and the police statement', () => {
  const s = scenario(1);
  const text = describeScenario(s).join('\n');
  assert.match(text, new RegExp(`${s.truth.counts.total} delivered messages: 320 benign`));
  assert.match(text, /25 employees at 4 exchanges/);
});
