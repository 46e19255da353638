/**
 * 64-bit SimHash (Charikar 2002) over word 3-shingles of normalised text, kept as two 32-bit halves so it needs no
 * BigInt. Near-duplicate texts differ in few bits; the Hamming distance is the measure.
 */

/** FNV-1a 32-bit with a seed, enough spread for shingle features. */
function fnv1a(s: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  // final avalanche (murmur3 fmix32) so similar shingles spread over all bits
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return h >>> 0;
}

export function simhash(tokens: readonly string[]): string {
  const v = new Int32Array(64);
  const shingles: string[] = [];
  if (tokens.length < 3) shingles.push(tokens.join(' '));
  for (let i = 0; i + 3 <= tokens.length; i++) shingles.push(`${tokens[i]} ${tokens[i + 1]} ${tokens[i + 2]}`);
  for (const s of shingles) {
    const hi = fnv1a(s, 0x9e3779b9);
    const lo = fnv1a(s, 0x7f4a7c15);
    for (let b = 0; b < 32; b++) {
      v[b]! += (hi >>> b) & 1 ? 1 : -1;
      v[b + 32]! += (lo >>> b) & 1 ? 1 : -1;
    }
  }
  let hi = 0;
  let lo = 0;
  for (let b = 0; b < 32; b++) {
    if (v[b]! > 0) hi |= 1 << b;
    if (v[b + 32]! > 0) lo |= 1 << b;
  }
  return (hi >>> 0).toString(16).padStart(8, '0') + (lo >>> 0).toString(16).padStart(8, '0');
}

function popcount32(x: number): number {
  let n = x >>> 0;
  n -= (n >>> 1) & 0x55555555;
  n = (n & 0x33333333) + ((n >>> 2) & 0x33333333);
  return (Math.imul((n + (n >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24);
}

/** The two 32-bit halves of a SimHash, for comparing one hash against many. */
export function halves(h: string): [number, number] {
  return [parseInt(h.slice(0, 8), 16), parseInt(h.slice(8, 16), 16)];
}

export function hammingHalves(a: readonly [number, number], b: readonly [number, number]): number {
  return popcount32(a[0] ^ b[0]) + popcount32(a[1] ^ b[1]);
}

export function hamming(a: string, b: string): number {
  return popcount32(parseInt(a.slice(0, 8), 16) ^ parseInt(b.slice(0, 8), 16)) + popcount32(parseInt(a.slice(8, 16), 16) ^ parseInt(b.slice(8, 16), 16));
}

/** Four 16-bit bands: two hashes within 3 bits share at least one band (pigeonhole), the LSH candidate key. */
export function bands(h: string): string[] {
  return [0, 1, 2, 3].map((i) => `${i}:${h.slice(i * 4, i * 4 + 4)}`);
}

/**
 * Normalise body text into tokens: lower case, URLs, addresses, numbers and the recipient's own names replaced
 * by placeholders, so the per-recipient parts of one mailing do not count as differences.
 */
export function bodyTokens(text: string, personal: readonly string[], maxChars: number): string[] {
  let t = text.slice(0, maxChars).toLowerCase();
  t = t.replace(/\b(?:https?|ftp):\/\/\S+|\bwww\.\S+/g, ' _url_ ');
  t = t.replace(/[^\s@<>()]+@[^\s@<>()]+\.[a-z]{2,}/g, ' _addr_ ');
  for (const p of personal) {
    const w = p.toLowerCase().trim();
    if (w.length >= 2) t = t.split(w).join(' _name_ ');
  }
  t = t.replace(/\d+/g, '#');
  return t.split(/[^\p{L}\p{N}#_]+/u).filter((x) => x !== '');
}
