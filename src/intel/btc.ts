import { parseBitcoinAddress } from '../chain/index.js';

/**
 * Bitcoin address normalisation for matching, through the chain domain's codec (base58check and
 * bech32/bech32m checksums): the canonical form keeps base58 as given (case-sensitive) and lowercases bech32,
 * so every case-equivalent spelling of a segwit address compares equal. Injectable for tests and callers that
 * want one network only.
 */
export type BtcNormaliser = (text: string) => string | null;

export const chainBtc: BtcNormaliser = (text) => parseBitcoinAddress(text)?.address ?? null;
