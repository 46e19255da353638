import { SCRIPT_TYPES, type ScriptType } from '../address/script.js';

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

// The IN-list helpers are the store's; the chain store's modules take them from here with their keys.
export { chunks, placeholders } from '../../store/index.js';

export function latin1(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1');
}
