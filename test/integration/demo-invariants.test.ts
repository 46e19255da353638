import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import PostalMime from 'postal-mime';
import { generateScenario } from '../../src/demo/index.js';
import { parseBitcoinAddress } from '../../src/chain/index.js';

const WEAPONS = ['hwp-eps', 'docm-macro', 'lnk-in-zip', 'iso-lnk', 'docx-remote-template'];

test('invariants over 25 seeds: the police case, the weapon mix, commodity-only overlap, valid bitcoin address', () => {
  for (let seed = 100; seed < 125; seed++) {
    const s = generateScenario({ seed, benignCount: 5 });
    const spear = s.truth.campaigns.find((c) => c.id === 'spear');
    assert.ok(spear, `seed ${seed}`);
    assert.equal(spear.recipients.length, 25, `seed ${seed}: recipients`);
    assert.equal(spear.organizations.length, 4, `seed ${seed}: orgs`);
    assert.ok(spear.attempts.length >= 10, `seed ${seed}: attempts`);
    assert.equal(new Set(s.messages.filter((m) => m.kind === 'spear-phishing').map((m) => m.clientIp ?? m.originatingIp)).size, 1, `seed ${seed}: one IP`);
    const kinds = new Set(spear.attempts.flatMap((a) => a.attachments.map((x) => x.kind)));
    for (const k of WEAPONS) assert.ok(kinds.has(k), `seed ${seed}: no ${k}`);
    for (const c of s.truth.campaigns.filter((x) => x.id !== 'spear')) {
      for (const shared of c.sharedWithOtherCampaigns.filter((x) => x.campaignId === 'spear')) {
        assert.ok(['free-mail', 'url-shortener'].includes(shared.type), `seed ${seed}: ${c.id} shares ${shared.type} ${shared.value}`);
      }
    }
    assert.ok(parseBitcoinAddress(s.truth.extortionBtcAddress, 'mainnet'), `seed ${seed}: btc`);
    const ids = new Set(s.orgs.map((o) => o.id));
    assert.equal(ids.size, 4, `seed ${seed}: org ids`);
  }
});

test('attachments survive the MIME round trip: parsed bytes hash to the recorded sha256', async () => {
  const s = generateScenario({ seed: 8, benignCount: 60 });
  const spear = s.truth.campaigns.find((c) => c.id === 'spear');
  assert.ok(spear);
  let checked = 0;
  for (const a of spear.attempts) {
    if (a.attachments.length === 0) continue;
    const m = s.messages.find((x) => x.attemptId === a.id);
    assert.ok(m);
    const parsed = await PostalMime.parse(m.raw);
    const got = parsed.attachments.map((x) => ({
      filename: x.filename,
      sha256: crypto.createHash('sha256').update(typeof x.content === 'string' ? Buffer.from(x.content) : new Uint8Array(x.content)).digest('hex'),
    }));
    assert.deepEqual(got, a.attachments.map((x) => ({ filename: x.filename, sha256: x.sha256 })));
    checked++;
  }
  assert.ok(checked >= 5);
  const benignWithFiles = s.messages.filter((m) => m.kind === 'benign' && m.raw.includes('Content-Disposition: attachment'));
  assert.ok(benignWithFiles.length > 0);
  for (const m of benignWithFiles) {
    const parsed = await PostalMime.parse(m.raw);
    assert.ok(parsed.attachments.some((x) => x.filename !== null && x.filename.length > 0), m.id);
  }
});
