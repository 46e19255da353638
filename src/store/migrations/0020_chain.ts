import type { Migration } from '../types.js';

/**
 * The Bitcoin chain index (src/chain). Compact by design (BlockSci's layout, in SQL): outputs get dense integer
 * ids in chain order and a transaction's id is the id of its first output, so outputs need no transaction
 * column and the outputs of a transaction are the id range [id, id + n_out). Inputs are not rows: `ins` holds
 * the spent output ids (delta-coded varints, see src/chain/store/ins.ts) and each output names the transaction
 * that spent it. Hashes are found through 8-byte expression indexes (a quarter of a full-hash index) and the
 * full bytes are compared on every hit.
 */
export const m0020: Migration = {
  version: 20,
  name: 'chain index',
  up: (d) => `
CREATE TABLE chain_meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE chain_blocks (
  id ${d.idPk},
  hash ${d.blob} NOT NULL UNIQUE,
  prev_hash ${d.blob} NOT NULL,
  height INTEGER,
  chainwork TEXT NOT NULL,
  time ${d.bigint} NOT NULL,
  bits ${d.bigint} NOT NULL,
  tx_count INTEGER NOT NULL,
  size INTEGER NOT NULL,
  status INTEGER NOT NULL,
  first_tx ${d.bigint},
  end_tx ${d.bigint},
  source TEXT,
  source_offset ${d.bigint}
);
CREATE INDEX chain_blocks_height ON chain_blocks (height);
CREATE TABLE chain_txs (
  id ${d.bigint} PRIMARY KEY,
  txid ${d.blob} NOT NULL,
  block_id ${d.bigint} NOT NULL,
  n_out INTEGER NOT NULL,
  n_in INTEGER NOT NULL,
  fee ${d.bigint},
  flags INTEGER NOT NULL,
  ins ${d.blob} NOT NULL
);
CREATE INDEX chain_txs_key ON chain_txs (substr(txid, 1, 8));
CREATE TABLE chain_outputs (
  id ${d.bigint} PRIMARY KEY,
  value ${d.bigint} NOT NULL,
  address_id ${d.bigint},
  type INTEGER NOT NULL,
  spent_tx ${d.bigint}
);
CREATE INDEX chain_outputs_address ON chain_outputs (address_id) WHERE address_id IS NOT NULL;
CREATE TABLE chain_unresolved (
  tx_id ${d.bigint} NOT NULL,
  vin INTEGER NOT NULL,
  prev_txid ${d.blob} NOT NULL,
  vout ${d.bigint} NOT NULL,
  PRIMARY KEY (tx_id, vin)
);
CREATE INDEX chain_unresolved_prev ON chain_unresolved (prev_txid);
CREATE TABLE chain_addresses (
  id ${d.bigint} PRIMARY KEY,
  script ${d.blob} NOT NULL,
  cluster_id ${d.bigint}
);
CREATE INDEX chain_addresses_key ON chain_addresses (substr(script, 4, 8));
CREATE INDEX chain_addresses_cluster ON chain_addresses (cluster_id) WHERE cluster_id IS NOT NULL;
CREATE TABLE chain_clusters (
  id ${d.bigint} PRIMARY KEY,
  size ${d.bigint} NOT NULL
);
CREATE TABLE chain_cluster_aliases (
  old_id ${d.bigint} PRIMARY KEY,
  new_id ${d.bigint} NOT NULL
);
CREATE TABLE chain_cluster_guard (
  id ${d.idPk},
  tx_id ${d.bigint} NOT NULL,
  cluster_ids TEXT NOT NULL,
  size ${d.bigint} NOT NULL
);
CREATE TABLE chain_problems (
  id ${d.idPk},
  file TEXT NOT NULL,
  file_offset ${d.bigint} NOT NULL,
  reason TEXT NOT NULL,
  at TEXT NOT NULL
);
`,
};
