import { test } from 'node:test';
import assert from 'node:assert/strict';
import { attribute, weakestJoin, type IntelMatchLike, type IntelMatcherLike } from './attribution.js';
import type { InfraItem, Join } from './types.js';

const join = (a: string, b: string, confidence: number): Join => ({ a, b, weight: 1, confidence, links: [] });

function fakeMatcher(hits: Record<string, Partial<IntelMatchLike>>): IntelMatcherLike {
  return {
    match: (obs) => Promise.resolve(obs.flatMap((o) => {
      const h = hits[o.value];
      if (h === undefined) return [];
      return [{ observable: o, indicator: o.value, source: 'test-feed', confidence: 80, tlp: 'amber', status: 'active', actors: [{ name: 'Lazarus Group', aliases: ['HIDDEN COBRA'] }], campaigns: [], ...h }];
    })),
  };
}

test('weakest join: carriers on every attempt need no join', () => {
  assert.equal(weakestJoin(['a', 'b'], ['a', 'b'], []), 100);
});

test('weakest join: the bottleneck of the strongest path, not of every join', () => {
  const joins = [join('a', 'b', 90), join('b', 'c', 40), join('a', 'c', 85)];
  assert.equal(weakestJoin(['a', 'b', 'c'], ['a'], joins), 85);
  assert.equal(weakestJoin(['a', 'b', 'c'], ['a'], [join('a', 'b', 90), join('b', 'c', 40)]), 40);
});

const campaign = (infrastructure: InfraItem[], joins: Join[]): { attempts: { id: string }[]; joins: Join[]; infrastructure: InfraItem[] } =>
  ({ attempts: [{ id: 'a1' }, { id: 'a2' }, { id: 'a3' }], joins, infrastructure });

test('an actor is never more certain than the weakest necessary link', async () => {
  const c = campaign([{ type: 'file-sha256', value: 'f'.repeat(64), attempts: ['a1'] }], [join('a1', 'a2', 95), join('a2', 'a3', 60)]);
  const r = await attribute(c, fakeMatcher({ ['f'.repeat(64)]: { confidence: 90 } }));
  assert.equal(r.length, 1);
  assert.equal(r[0]!.actor, 'Lazarus Group');
  assert.equal(r[0]!.confidence, 60);
  assert.equal(r[0]!.evidence[0]!.weakestJoin, 60);
});

test('the indicator confidence caps the chain; null counts as 50', async () => {
  const c = campaign([{ type: 'ipv4-addr', value: '175.45.178.12', attempts: ['a1', 'a2', 'a3'] }], []);
  assert.equal((await attribute(c, fakeMatcher({ '175.45.178.12': { confidence: 70 } })))[0]!.confidence, 70);
  assert.equal((await attribute(c, fakeMatcher({ '175.45.178.12': { confidence: null } })))[0]!.confidence, 50);
});

test('expired and revoked indicators do not attribute; no match is unattributed', async () => {
  const c = campaign([{ type: 'ipv4-addr', value: '175.45.178.12', attempts: ['a1', 'a2', 'a3'] }], []);
  assert.deepEqual(await attribute(c, fakeMatcher({ '175.45.178.12': { status: 'expired' } })), []);
  assert.deepEqual(await attribute(c, fakeMatcher({ '175.45.178.12': { status: 'revoked' } })), []);
  assert.deepEqual(await attribute(c, fakeMatcher({})), []);
});

test('independent chains for one actor: the strongest counts, each is evidence', async () => {
  const c = campaign([
    { type: 'ipv4-addr', value: '175.45.178.12', attempts: ['a1', 'a2', 'a3'] },
    { type: 'domain', value: 'evil.example', attempts: ['a2'] },
  ], [join('a1', 'a2', 90), join('a2', 'a3', 90)]);
  const r = await attribute(c, fakeMatcher({ '175.45.178.12': { confidence: 60 }, 'evil.example': { confidence: 85 } }));
  assert.equal(r[0]!.confidence, 85);
  assert.deepEqual(r[0]!.evidence.map((e) => e.value), ['evil.example', '175.45.178.12']);
});
