import crypto from 'node:crypto';
import { scriptToAddress } from '../src/chain/index.js';
import type { IndicatorRecord, IndicatorType } from '../src/intel/index.js';

/** Deterministic PRNG (mulberry32): the same synthetic feed on every run. */
export function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function ipText(n: number): string {
  return `${(n >>> 24) & 255}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

/** The mix: 100k CIDRs, 300k IPv4, 300k domains, 150k SHA-256, 100k URLs, 50k bitcoin addresses. */
export const MIX: [IndicatorType, number][] = [['cidr', 100_000], ['ipv4', 300_000], ['domain', 300_000], ['sha256', 150_000], ['url', 100_000], ['btc-address', 50_000]];

export function syntheticValue(type: IndicatorType, i: number, r: () => number): string {
  switch (type) {
    case 'cidr': {
      const prefix = 12 + Math.floor(r() * 17);
      const ip = Math.floor(r() * 0xffffffff) >>> 0;
      const net = (ip & (~0 << (32 - prefix))) >>> 0;
      return `${ipText(net)}/${prefix}`;
    }
    case 'ipv4':
      return ipText(Math.floor(r() * 0xffffffff) >>> 0);
    case 'domain':
      return `h${i}.brand${i % 5000}.example${i % 7}.com`;
    case 'sha256':
      return crypto.createHash('sha256').update(`bench-${i}`).digest('hex');
    case 'url':
      return `https://u${i}.phish${i % 3000}.example/login/${i}`;
    case 'btc-address': {
      const h = crypto.createHash('sha256').update(`btc-${i}`).digest().subarray(0, 20);
      return scriptToAddress(Uint8Array.from([0x76, 0xa9, 0x14, ...h, 0x88, 0xac]), 'mainnet')!;
    }
    default:
      throw new Error(`no generator for ${type}`);
  }
}

export function syntheticIndicator(type: IndicatorType, value: string, i: number): IndicatorRecord {
  const id = crypto.createHash('sha1').update(`${type}|${value}|${i}`).digest('hex');
  return {
    stixId: `indicator--${id.slice(0, 8)}-${id.slice(8, 12)}-4${id.slice(13, 16)}-8${id.slice(17, 20)}-${id.slice(20, 32)}`, source: 'bench', name: null,
    description: null, pattern: `[x:value = '${value}']`, patternType: 'stix', patternKind: 'atomic', values: [{ type, value }], confidence: 50,
    tlp: 'clear', validFrom: null, validUntil: null, revoked: false, labels: [], firstSeen: null, lastSeen: null,
    created: '2026-01-01T00:00:00.000Z', modified: '2026-01-01T00:00:00.000Z',
  };
}
