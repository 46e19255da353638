import type { Migration } from '../types.js';

/**
 * Chain index: the txid and address-script lookup indexes keep 6-byte prefixes instead of 8. Every hit is still
 * compared in full (src/chain/store/keys.ts), so this only changes how often a lookup reads a row it then
 * discards: with 2^48 prefixes, 10^9 transactions give one false candidate per ~280,000 lookups. Saves 2 bytes
 * per index entry (about 2 bytes per output on disk). Existing stores rebuild the two indexes here.
 */
export const m0021: Migration = {
  version: 21,
  name: 'chain 6-byte key prefixes',
  up: () => `
DROP INDEX chain_txs_key;
CREATE INDEX chain_txs_key ON chain_txs (substr(txid, 1, 6));
DROP INDEX chain_addresses_key;
CREATE INDEX chain_addresses_key ON chain_addresses (substr(script, 4, 6));
`,
};
