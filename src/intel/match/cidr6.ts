import { maskV6 } from '../ip.js';

/**
 * IPv6 CIDR index: one hash map per prefix length in use, probed longest first. IPv6 indicator sets are small
 * next to IPv4 ones, so bigint masking per probed length is cheap enough and keeps the code obvious.
 */
export class Cidr6Index {
  private readonly byPrefix = new Map<number, Map<bigint, number[]>>();
  private lengths: number[] = [];

  get size(): number {
    let n = 0;
    for (const m of this.byPrefix.values()) n += m.size;
    return n;
  }

  add(network: bigint, prefix: number, handle: number): void {
    let m = this.byPrefix.get(prefix);
    if (m === undefined) {
      m = new Map();
      this.byPrefix.set(prefix, m);
      this.lengths = [...this.byPrefix.keys()].sort((a, b) => b - a);
    }
    const l = m.get(network);
    if (l === undefined) m.set(network, [handle]);
    else l.push(handle);
  }

  lookup(ip: bigint, out: { network: bigint; prefix: number; handle: number }[]): void {
    for (const p of this.lengths) {
      const net = maskV6(ip, p);
      const l = this.byPrefix.get(p)!.get(net);
      if (l !== undefined) for (const h of l) out.push({ network: net, prefix: p, handle: h });
    }
  }
}
