import assert from 'node:assert/strict';
import { test } from 'node:test';
import { maskV4, parseCidr, parseIpv4, parseIpv6 } from '../ip.js';
import { Cidr4Index } from './cidr4.js';
import { Cidr6Index } from './cidr6.js';

/** Deterministic PRNG (mulberry32) so that the randomised check is reproducible. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

test('cidr4: nested blocks come back longest prefix first, duplicates keep every handle', () => {
  const idx = new Cidr4Index();
  const blocks = ['10.0.0.0/8', '10.1.0.0/16', '10.1.2.0/24', '10.1.2.128/25', '10.2.0.0/16', '0.0.0.0/0', '10.1.2.0/24'];
  blocks.forEach((b, i) => {
    const c = parseCidr(b)!;
    idx.add(c.network as number, c.prefix, i);
  });
  idx.build();
  const collect = (ip: string): { cidr: string; prefix: number; handle: number }[] => {
    const out: { cidr: string; prefix: number; handle: number }[] = [];
    const pos: number[] = [];
    idx.lookup(parseIpv4(ip)!, pos);
    for (const i of pos) {
      const h = idx.handlesAt(i);
      for (const handle of Array.isArray(h) ? h : [h]) out.push({ handle, cidr: idx.textAt(i), prefix: idx.prefixAt(i) });
    }
    return out;
  };
  assert.deepEqual(collect('10.1.2.200').map((o) => [o.cidr, o.handle]), [
    ['10.1.2.128/25', 3], ['10.1.2.0/24', 2], ['10.1.2.0/24', 6], ['10.1.0.0/16', 1], ['10.0.0.0/8', 0], ['0.0.0.0/0', 5],
  ]);
  assert.deepEqual(collect('10.1.3.1').map((o) => o.handle), [1, 0, 5]);
  assert.deepEqual(collect('255.255.255.255').map((o) => o.handle), [5]);
});

test('cidr4: agrees with brute force on 2,000 random blocks and 5,000 random addresses', () => {
  const r = rng(42);
  const blocks: { net: number; prefix: number }[] = [];
  const idx = new Cidr4Index();
  for (let i = 0; i < 2000; i++) {
    const prefix = 8 + Math.floor(r() * 25);
    // Cluster addresses in 10.0.0.0/8 so that blocks nest often.
    const ip = (0x0a000000 + Math.floor(r() * 0x01000000)) >>> 0;
    const net = maskV4(ip, prefix);
    blocks.push({ net, prefix });
    idx.add(net, prefix, i);
  }
  idx.build();
  for (let k = 0; k < 5000; k++) {
    const ip = (0x0a000000 + Math.floor(r() * 0x01000000)) >>> 0;
    const want = blocks.map((b, i) => ({ ...b, i })).filter((b) => maskV4(ip, b.prefix) === b.net)
      .sort((a, b) => b.prefix - a.prefix || a.i - b.i).map((b) => b.i);
    const got: { prefix: number; handle: number }[] = [];
    const pos: number[] = [];
    idx.lookup(ip, pos);
    for (const p of pos) {
      const h = idx.handlesAt(p);
      for (const handle of Array.isArray(h) ? h : [h]) got.push({ handle, prefix: idx.prefixAt(p) });
    }
    const gotSorted = got.map((g) => ({ p: g.prefix, h: g.handle })).sort((a, b) => b.p - a.p || a.h - b.h).map((g) => g.h);
    assert.deepEqual(gotSorted, want);
    for (let j = 1; j < got.length; j++) assert.ok(got[j - 1]!.prefix >= got[j]!.prefix, 'longest prefix first');
  }
});

test('cidr6: containing prefixes, longest first', () => {
  const idx = new Cidr6Index();
  for (const [i, b] of ['2001:db8::/32', '2001:db8:1::/48', '::/0'].entries()) {
    const c = parseCidr(b)!;
    idx.add(c.network as bigint, c.prefix, i);
  }
  const out: { network: bigint; prefix: number; handle: number }[] = [];
  idx.lookup(parseIpv6('2001:db8:1::5')!, out);
  assert.deepEqual(out.map((o) => o.handle), [1, 0, 2]);
});
