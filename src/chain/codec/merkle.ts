import { sha256d64 } from './sha256.js';

export interface MerkleResult {
  root: Buffer;
  /**
   * True when two identical hashes are paired at some level (CVE-2012-2459): such a tree has the same root as
   * a different transaction list, so Core treats the block as mutated. We refuse it the same way.
   */
  mutated: boolean;
}

function equal32(b: Uint8Array, x: number, y: number): boolean {
  for (let i = 0; i < 32; i++) if (b[x + i] !== b[y + i]) return false;
  return true;
}

/**
 * The merkle root of `n` 32-byte hashes laid end to end in `level`, which it overwrites: each level is written
 * over the one below it, so no node is allocated. `level` must have room for n + 1 hashes (an odd level pairs
 * its last hash with itself, which is not a mutation).
 */
export function merkleRootFlat(level: Uint8Array, n: number): MerkleResult {
  if (n === 0) return { root: Buffer.alloc(32), mutated: false };
  let mutated = false;
  while (n > 1) {
    if (!mutated) {
      for (let i = 0; i + 1 < n; i += 2) {
        if (equal32(level, i * 32, i * 32 + 32)) {
          mutated = true;
          break;
        }
      }
    }
    if (n % 2 === 1) {
      level.copyWithin(n * 32, (n - 1) * 32, n * 32);
      n++;
    }
    for (let i = 0; i < n; i += 2) sha256d64(level, i * 32, level, i * 16);
    n /= 2;
  }
  return { root: Buffer.from(level.subarray(0, 32)), mutated };
}

export function merkleRoot(hashes: readonly Uint8Array[]): MerkleResult {
  const level = new Uint8Array((hashes.length + 1) * 32);
  hashes.forEach((h, i) => level.set(h, i * 32));
  return merkleRootFlat(level, hashes.length);
}
