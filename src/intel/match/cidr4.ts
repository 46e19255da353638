import { formatIpv4 } from '../ip.js';

/**
 * IPv4 CIDR index as sorted intervals. CIDR blocks are laminar (two blocks are nested or disjoint), so with
 * blocks sorted by (start, prefix) the last block starting at or before an address is inside every block that
 * contains the address; walking its parent chain yields all of them, longest prefix first. A lookup is one
 * binary search plus the nesting depth, with the data in typed arrays (no per-entry objects).
 */
export class Cidr4Index {
  private starts = new Uint32Array(0);
  private ends = new Uint32Array(0);
  private prefixes = new Uint8Array(0);
  private parents = new Int32Array(0);
  private handles: (number | number[])[] = [];
  /** Canonical text per block, made once at build so that lookups allocate no strings. */
  private texts: string[] = [];
  private pending: { start: number; prefix: number; handle: number }[] = [];

  get size(): number {
    return this.handles.length;
  }

  add(network: number, prefix: number, handle: number): void {
    this.pending.push({ start: network, prefix, handle });
  }

  /** Sort and link the blocks added so far (call once after all adds). */
  build(): void {
    const items = this.pending;
    this.pending = [];
    items.sort((a, b) => a.start - b.start || a.prefix - b.prefix);
    const n = items.length;
    const starts = new Uint32Array(n);
    const ends = new Uint32Array(n);
    const prefixes = new Uint8Array(n);
    const parents = new Int32Array(n);
    const handles: (number | number[])[] = [];
    const texts: string[] = [];
    let m = 0;
    const stack: number[] = [];
    for (const it of items) {
      if (m > 0 && starts[m - 1] === it.start && prefixes[m - 1] === it.prefix) {
        const h = handles[m - 1]!;
        if (Array.isArray(h)) h.push(it.handle);
        else handles[m - 1] = [h, it.handle];
        continue;
      }
      const end = it.prefix === 0 ? 0xffffffff : it.start + 2 ** (32 - it.prefix) - 1;
      while (stack.length > 0 && ends[stack[stack.length - 1]!]! < it.start) stack.pop();
      starts[m] = it.start;
      ends[m] = end;
      prefixes[m] = it.prefix;
      parents[m] = stack.length > 0 ? stack[stack.length - 1]! : -1;
      handles.push(it.handle);
      texts.push(`${formatIpv4(it.start)}/${it.prefix}`);
      stack.push(m);
      m++;
    }
    this.starts = starts.slice(0, m);
    this.ends = ends.slice(0, m);
    this.prefixes = prefixes.slice(0, m);
    this.parents = parents.slice(0, m);
    this.handles = handles;
    this.texts = texts;
  }

  /**
   * Every block containing `ip`, longest prefix first: pushes each block's position into `out` (read it back
   * with handleAt/textAt/prefixAt). Positions, not objects, so a lookup allocates nothing of its own.
   */
  lookup(ip: number, out: number[]): void {
    const s = this.starts;
    let lo = 0;
    let hi = s.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (s[mid]! <= ip) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    for (let i = found; i >= 0; i = this.parents[i]!) if (this.ends[i]! >= ip) out.push(i);
  }

  handlesAt(i: number): number | number[] {
    return this.handles[i]!;
  }

  textAt(i: number): string {
    return this.texts[i]!;
  }

  prefixAt(i: number): number {
    return this.prefixes[i]!;
  }
}
