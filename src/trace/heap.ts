/** A binary heap of distinct numbers: min-first, or max-first with `max = true`. */
export class NumberHeap {
  private readonly a: number[] = [];
  private readonly members = new Set<number>();

  constructor(private readonly max = false) {}

  get size(): number {
    return this.a.length;
  }

  has(v: number): boolean {
    return this.members.has(v);
  }

  /** Entries in heap order (roughly smallest-first near the start); for prefetching, not for order. */
  peekMany(n: number): number[] {
    return this.a.slice(0, n);
  }

  private before(x: number, y: number): boolean {
    return this.max ? x > y : x < y;
  }

  push(v: number): void {
    if (this.members.has(v)) return;
    this.members.add(v);
    const a = this.a;
    a.push(v);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.before(a[i] as number, a[p] as number)) break;
      [a[i], a[p]] = [a[p] as number, a[i] as number];
      i = p;
    }
  }

  pop(): number | undefined {
    const a = this.a;
    if (a.length === 0) return undefined;
    const top = a[0] as number;
    const last = a.pop() as number;
    if (a.length > 0) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.before(a[l] as number, a[m] as number)) m = l;
        if (r < a.length && this.before(a[r] as number, a[m] as number)) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m] as number, a[i] as number];
        i = m;
      }
    }
    this.members.delete(top);
    return top;
  }
}
