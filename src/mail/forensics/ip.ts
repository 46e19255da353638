import net from 'node:net';
import { ipv4ToInt } from '../../core/index.js';


function inV4(n: number, base: string, bits: number): boolean {
  const b = ipv4ToInt(base)!;
  const size = 2 ** (32 - bits);
  return n >= b - (b % size) && n < b - (b % size) + size;
}

/** Private-use, loopback and link-local: normal inside an organisation, never an internet source. */
export function isPrivateIp(ip: string): boolean {
  const n = ipv4ToInt(ip);
  if (n !== null) {
    return inV4(n, '10.0.0.0', 8) || inV4(n, '172.16.0.0', 12) || inV4(n, '192.168.0.0', 16) || inV4(n, '127.0.0.0', 8)
      || inV4(n, '169.254.0.0', 16) || inV4(n, '100.64.0.0', 10);
  }
  const v = ip.toLowerCase();
  return v === '::1' || v.startsWith('fe80:') || v.startsWith('fc') || v.startsWith('fd');
}

/**
 * Reserved space that cannot be a real internet source (RFC 6890: "this network", IETF protocol assignments,
 * benchmarking, multicast, class E): seeing it as a sender is a forged hop. The documentation ranges (TEST-NET-1/2/3,
 * 2001:db8::/32) are left out on purpose: labs, demos and test fixtures use them for real relays.
 */
export function isBogonIp(ip: string): boolean {
  const n = ipv4ToInt(ip);
  if (n !== null) {
    return inV4(n, '0.0.0.0', 8) || inV4(n, '192.0.0.0', 24) || inV4(n, '198.18.0.0', 15) || inV4(n, '224.0.0.0', 4) || inV4(n, '240.0.0.0', 4);
  }
  const v = ip.toLowerCase();
  return v === '::' || v.startsWith('ff');
}

/** Normalise an IP literal (strip brackets / IPv6: prefix / IPv4-mapped prefix); null when it is not an IP. */
export function normaliseIp(s: string): string | null {
  let v = s.trim().replace(/^\[|\]$/g, '').replace(/^ipv6:/i, '');
  if (/^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(v)) v = v.slice(7);
  if (net.isIPv4(v)) return v;
  if (net.isIPv6(v)) return v.toLowerCase();
  return null;
}

/** Does `ip` fall inside `cidr` (or equal it, when no prefix)? IPv6 CIDRs compare on full 128-bit values. */
export function ipInCidr(ip: string, cidr: string): boolean {
  const [base, bitsStr] = cidr.split('/');
  if (base === undefined) return false;
  const b = normaliseIp(base);
  if (b === null) return false;
  const n = ipv4ToInt(ip);
  const bn = ipv4ToInt(b);
  if (n !== null && bn !== null) return inV4(n, b, bitsStr === undefined ? 32 : Number(bitsStr));
  if (n !== null || bn !== null) return false;
  const bits = bitsStr === undefined ? 128 : Number(bitsStr);
  const x = v6ToBig(ip);
  const y = v6ToBig(b);
  if (x === null || y === null) return false;
  const shift = BigInt(128 - bits);
  return x >> shift === y >> shift;
}

function v6ToBig(ip: string): bigint | null {
  if (!net.isIPv6(ip)) return null;
  const [head, tail] = ip.split('::') as [string, string | undefined];
  const h = head === '' ? [] : head.split(':');
  const t = tail === undefined || tail === '' ? [] : tail.split(':');
  const groups = tail === undefined ? h : [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t];
  if (groups.length !== 8 || groups.some((g) => g.includes('.'))) return null;
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n);
}
