import { test } from 'node:test';
import assert from 'node:assert/strict';
import { summarise } from './summary.js';
import type { CampaignView } from './types.js';

const view = (p: Partial<CampaignView>): CampaignView => ({
  id: 'c-1', name: 'x', attempts: 12, messages: 40, recipientCount: 25, recipients: [], organizationCount: 4, organizations: [],
  firstSeen: '2026-07-06T02:26:13.000Z', lastSeen: '2026-08-14T00:00:00.000Z', infrastructure: [], attribution: [], attemptList: [], summary: '', ...p,
});

test('the police statement: all attempts from one IP, attributed', () => {
  const ids = Array.from({ length: 12 }, (_, i) => `a${i}`);
  const s = summarise(view({ infrastructure: [{ type: 'ipv4-addr', value: '175.45.178.12', attempts: ids }] }),
    [{ actor: 'Lazarus Group', aliases: [], confidence: 80, evidence: [] }]);
  assert.equal(s, 'Since July 2026, 25 employees at 4 exchanges received 12 separate phishing attempts, all sent from the same IP address 175.45.178.12, which threat intelligence links to Lazarus Group (confidence 80).');
});

test('partly one IP, unattributed', () => {
  const s = summarise(view({ attempts: 3, infrastructure: [{ type: 'ipv4-addr', value: '203.0.113.9', attempts: ['a', 'b'] }] }), []);
  assert.equal(s, 'Since July 2026, 25 employees at 4 exchanges received 3 separate phishing attempts, 2 of them sent from the same IP address 203.0.113.9; no threat-intelligence attribution.');
});

test('one attempt to one person, no IP known: singular forms', () => {
  const s = summarise(view({ attempts: 1, recipientCount: 1, organizationCount: 1 }), []);
  assert.equal(s, 'Since July 2026, 1 employee at 1 exchange received 1 phishing attempt; no threat-intelligence attribution.');
});

test('linked by something other than an IP', () => {
  const s = summarise(view({ attempts: 2, infrastructure: [{ type: 'btc-address', value: 'bc1qexample', attempts: ['a', 'b'] }] }), []);
  assert.match(s, /received 2 separate phishing attempts, linked by shared infrastructure \(btc-address bc1qexample\);/);
});

test('one mailing from a botnet: the IPs are counted, not one picked', () => {
  const ips = ['198.51.100.1', '198.51.100.2', '198.51.100.3'].map((value) => ({ type: 'ipv4-addr', value, attempts: ['a'] }));
  const s = summarise(view({ attempts: 1, recipientCount: 3, organizationCount: 2, infrastructure: ips }), []);
  assert.equal(s, 'Since July 2026, 3 employees at 2 exchanges received 1 phishing attempt, sent from 3 different IP addresses; no threat-intelligence attribution.');
});
