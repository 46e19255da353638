import { SCRIPT_TYPES, type ScriptType } from '../address/script.js';

/**
 * Hash lookups go through 6-byte prefix expression indexes (`substr(txid, 1, 6)`, `substr(script, 4, 6)`,
 * migration 21; 8 bytes before): a fifth of a full-hash index, no extra column, and every hit is confirmed
 * against the full bytes (expected false candidates per lookup at a billion transactions: ~4e-6, each one row
 * read and discarded). The SQL expressions (those of the indexes) and these must agree.
 */
export const KEY_BYTES = 6;
export const TX_KEY_SQL = 'substr(txid, 1, 6)';
export const ADDRESS_KEY_SQL = 'substr(script, 4, 6)';

export function txKey(txid: Uint8Array): Buffer {
  return Buffer.from(txid.buffer, txid.byteOffset, Math.min(KEY_BYTES, txid.byteLength));
}

/** Bytes 4–9 of an address script (1-based, as SQL's substr): inside the hash or program for every type. */
export function addressKey(script: Uint8Array): Buffer {
  const b = Buffer.from(script.buffer, script.byteOffset, script.byteLength);
  return b.subarray(Math.min(3, b.length), Math.min(3 + KEY_BYTES, b.length));
}

export function scriptTypeCode(t: ScriptType): number {
  return SCRIPT_TYPES.indexOf(t);
}

export function scriptTypeName(code: number): ScriptType {
  return SCRIPT_TYPES[code] ?? 'nonstandard';
}

/** Block status codes in chain_blocks.status. */
export const BLOCK_STATUS = { main: 0, stale: 1, loose: 2, invalid: 3, orphan: 4 } as const;
export type BlockStatus = keyof typeof BLOCK_STATUS;

/** Bits in chain_txs.flags. */
export const TX_FLAGS = { coinbase: 1, coinjoin: 2, unresolved: 4, segwit: 8 } as const;

/** Distinct byte strings (by content) of a list, for IN lists. */
export function distinctBytes(items: readonly Buffer[]): Buffer[] {
  const seen = new Map<string, Buffer>();
  for (const b of items) seen.set(b.toString('latin1'), b);
  return [...seen.values()];
}

// The IN-list helpers are the store's; the chain store's modules take them from here with their keys.
export { chunks, placeholders } from '../../store/index.js';

export function latin1(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1');
}
