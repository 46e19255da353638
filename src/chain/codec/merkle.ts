import { sha256d } from '../address/hash.js';

const pair = Buffer.allocUnsafe(64);

function sha256d64(a: Buffer, b: Buffer): Buffer {
  a.copy(pair, 0);
  b.copy(pair, 32);
  return sha256d(pair);
}

export interface MerkleResult {
  root: Buffer;
  /**
   * True when two identical hashes are paired at some level (CVE-2012-2459): such a tree has the same root as
   * a different transaction list, so Core treats the block as mutated. We refuse it the same way.
   */
  mutated: boolean;
}

export function merkleRoot(hashes: readonly Buffer[]): MerkleResult {
  if (hashes.length === 0) return { root: Buffer.alloc(32), mutated: false };
  let level = hashes.slice();
  let mutated = false;
  while (level.length > 1) {
    const next: Buffer[] = [];
    for (let i = 0; i < level.length; i += 2) {
      const a = level[i] as Buffer;
      const b = level[i + 1];
      if (b !== undefined && a.equals(b)) mutated = true;
      next.push(sha256d64(a, b ?? a));
    }
    level = next;
  }
  return { root: level[0] as Buffer, mutated };
}
