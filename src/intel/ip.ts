/** IPv4 and IPv6 text ⇄ numbers, strict (no octal, no shortened dotted forms), no allocation-heavy libraries. */

/** Dotted-quad IPv4 to an unsigned 32-bit number, or null. Leading zeros are refused (octal ambiguity). */
export function parseIpv4(s: string): number | null {
  if (s.length < 7 || s.length > 15) return null;
  let acc = 0;
  let part = 0;
  let digits = 0;
  let dots = 0;
  let lead0 = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 46) {
      if (digits === 0) return null;
      acc = acc * 256 + part;
      dots++;
      part = 0;
      digits = 0;
      lead0 = false;
      continue;
    }
    if (c < 48 || c > 57) return null;
    if (lead0) return null;
    if (digits === 0 && c === 48) lead0 = true;
    part = part * 10 + (c - 48);
    digits++;
    if (part > 255) return null;
  }
  if (dots !== 3 || digits === 0) return null;
  return acc * 256 + part;
}

export function formatIpv4(n: number): string {
  return `${(n >>> 24) & 255}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

/** IPv6 text (RFC 4291 forms, including an embedded dotted IPv4 tail) to a 128-bit bigint, or null. */
export function parseIpv6(input: string): bigint | null {
  let s = input;
  if (s.length < 2 || s.length > 45) return null;
  const zone = s.indexOf('%');
  if (zone >= 0) s = s.slice(0, zone);
  const lastColon = s.lastIndexOf(':');
  if (lastColon < 0) return null;
  if (s.indexOf('.', lastColon) > lastColon) {
    // Rewrite an embedded dotted IPv4 tail as two hex groups, then parse as plain IPv6.
    const v4 = parseIpv4(s.slice(lastColon + 1));
    if (v4 === null) return null;
    s = `${s.slice(0, lastColon + 1)}${((v4 >>> 16) & 0xffff).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const dbl = s.indexOf('::');
  if (dbl !== s.lastIndexOf('::')) return null;
  const parseGroups = (t: string): number[] | null => {
    if (t === '') return [];
    const out: number[] = [];
    for (const g of t.split(':')) {
      if (g.length === 0 || g.length > 4 || !/^[0-9a-fA-F]+$/.test(g)) return null;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  let groups: number[];
  if (dbl >= 0) {
    const head = parseGroups(s.slice(0, dbl));
    const rest = parseGroups(s.slice(dbl + 2));
    if (head === null || rest === null) return null;
    const fill = 8 - head.length - rest.length;
    if (fill < 1) return null;
    groups = [...head, ...new Array<number>(fill).fill(0), ...rest];
  } else {
    const all = parseGroups(s);
    if (all === null) return null;
    groups = all;
  }
  if (groups.length !== 8) return null;
  let v = 0n;
  for (const g of groups) v = (v << 16n) | BigInt(g);
  return v;
}

/** RFC 5952 canonical text: lowercase, longest zero run (≥2 groups) compressed, first one on ties. */
export function formatIpv6(v: bigint): string {
  const g: number[] = [];
  for (let i = 7; i >= 0; i--) g.push(Number((v >> BigInt(i * 16)) & 0xffffn));
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (g[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = g.map((x) => x.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}

const V4_MAPPED_PREFIX = 0xffffn << 32n;

/** ::ffff:a.b.c.d as an IPv4 number, else null. */
export function v4Mapped(v: bigint): number | null {
  return v >> 32n === 0xffffn ? Number(v - V4_MAPPED_PREFIX) : null;
}

export interface Cidr {
  family: 4 | 6;
  /** Network address (host bits cleared): a number for IPv4, a bigint for IPv6. */
  network: number | bigint;
  prefix: number;
}

/** "a.b.c.d/n" or "v6/n", host bits cleared; null if either part is invalid. */
export function parseCidr(s: string): Cidr | null {
  const slash = s.indexOf('/');
  if (slash < 0) return null;
  const addr = s.slice(0, slash);
  const p = s.slice(slash + 1);
  if (!/^\d{1,3}$/.test(p)) return null;
  const prefix = Number(p);
  const v4 = parseIpv4(addr);
  if (v4 !== null) {
    if (prefix > 32) return null;
    return { family: 4, network: maskV4(v4, prefix), prefix };
  }
  const v6 = parseIpv6(addr);
  if (v6 === null || prefix > 128) return null;
  return { family: 6, network: maskV6(v6, prefix), prefix };
}

export function maskV4(ip: number, prefix: number): number {
  if (prefix === 0) return 0;
  return (ip & (~0 << (32 - prefix))) >>> 0;
}

const ALL128 = (1n << 128n) - 1n;

export function maskV6(ip: bigint, prefix: number): bigint {
  if (prefix === 0) return 0n;
  return ip & ((ALL128 >> BigInt(128 - prefix)) << BigInt(128 - prefix));
}

export function formatCidr(c: Cidr): string {
  return c.family === 4 ? `${formatIpv4(c.network as number)}/${c.prefix}` : `${formatIpv6(c.network as bigint)}/${c.prefix}`;
}

export function cidrContains(c: Cidr, ip: { family: 4; v: number } | { family: 6; v: bigint }): boolean {
  if (c.family === 4 && ip.family === 4) return maskV4(ip.v, c.prefix) === c.network;
  if (c.family === 6 && ip.family === 6) return maskV6(ip.v, c.prefix) === c.network;
  return false;
}
