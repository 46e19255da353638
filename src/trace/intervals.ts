/**
 * Satoshi ranges inside one output, for FIFO taint: a sorted list of disjoint half-open ranges [start, end)
 * relative to the output's first satoshi, stored flat (`[s0, e0, s1, e1, …]`). Every function returns a fresh,
 * normalised list (sorted, no empty or touching ranges).
 */
export type Intervals = number[];

export function total(iv: Intervals): number {
  let t = 0;
  for (let i = 0; i < iv.length; i += 2) t += (iv[i + 1] as number) - (iv[i] as number);
  return t;
}

/** Sort and merge touching or overlapping ranges; drop empty ones. */
export function normalise(iv: Intervals): Intervals {
  const pairs: [number, number][] = [];
  for (let i = 0; i < iv.length; i += 2) {
    const s = iv[i] as number;
    const e = iv[i + 1] as number;
    if (e > s) pairs.push([s, e]);
  }
  pairs.sort((a, b) => a[0] - b[0]);
  const out: Intervals = [];
  for (const [s, e] of pairs) {
    const n = out.length;
    if (n > 0 && s <= (out[n - 1] as number)) out[n - 1] = Math.max(out[n - 1] as number, e);
    else out.push(s, e);
  }
  return out;
}

/** The part of `iv` (shifted by `offset`) inside [lo, hi), made relative to lo. */
export function slice(iv: Intervals, offset: number, lo: number, hi: number): Intervals {
  const out: Intervals = [];
  for (let i = 0; i < iv.length; i += 2) {
    const s = Math.max((iv[i] as number) + offset, lo);
    const e = Math.min((iv[i + 1] as number) + offset, hi);
    if (e > s) out.push(s - lo, e - lo);
  }
  return out;
}

/** `iv` clipped to [0, length) and moved to start at `offset` (absolute positions on a transaction's line). */
export function place(iv: Intervals, offset: number, length: number): Intervals {
  const out: Intervals = [];
  for (let i = 0; i < iv.length; i += 2) {
    const s = Math.max(iv[i] as number, 0);
    const e = Math.min(iv[i + 1] as number, length);
    if (e > s) out.push(s + offset, e + offset);
  }
  return out;
}

/**
 * Keep at most `max` ranges: repeatedly join the two neighbours with the smallest gap, moving the later range
 * left to close the gap, so the tainted amount is exactly preserved (only its position inside the output moves).
 */
export function cap(iv: Intervals, max: number): Intervals {
  let cur = iv.slice();
  while (cur.length / 2 > max) {
    let best = 2;
    let bestGap = Infinity;
    for (let i = 2; i < cur.length; i += 2) {
      const gap = (cur[i] as number) - (cur[i - 1] as number);
      if (gap < bestGap) {
        bestGap = gap;
        best = i;
      }
    }
    const len = (cur[best + 1] as number) - (cur[best] as number);
    const merged: Intervals = cur.slice(0, best - 1);
    merged.push((cur[best - 1] as number) + len);
    cur = merged.concat(cur.slice(best + 2));
  }
  return cur;
}
