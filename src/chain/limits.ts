/**
 * Caps on hostile chain input (block files, raw blocks, RPC and Esplora answers), each with its reason. The
 * parsers check counts against the bytes actually present as well; these caps bound what "present" may be.
 */
export const CHAIN_LIMITS = {
  /**
   * Largest serialized block accepted. Consensus caps weight at 4,000,000 units, so a block with witness data
   * serializes to under 4 MB; anything larger in a blk record is corruption, not a block.
   */
  maxBlockBytes: 4_000_000,
  /** Smallest possible transaction (version, 1 input of 41 bytes, 1 output of 9, locktime, counts): 60 bytes. */
  minTxBytes: 60,
  /** Smallest input: outpoint 36 + script length 1 + sequence 4. Used to bound an input count by bytes left. */
  minInputBytes: 41,
  /** Smallest output: value 8 + script length 1. */
  minOutputBytes: 9,
  /** MAX_MONEY in satoshis (21 million BTC): an output above it is invalid under consensus. */
  maxMoney: 2_100_000_000_000_000,
  /** Blocks indexed per store transaction: the unit of kill -9 safety and the memory high-water mark. */
  blocksPerBatch: 500,
  /** Transactions per store transaction, whichever of the two caps is hit first. */
  txsPerBatch: 100_000,
  /** Recently created transactions kept in memory to resolve spends without a store lookup. */
  txCacheEntries: 300_000,
  /**
   * Largest Bloom filter of indexed addresses kept while importing (2^30 bits = 128 MiB, ~90 million addresses
   * at 12 bits each): past it, addresses not in the cache are looked up in the store as before.
   */
  addressFilterLog2Bits: 30,
  /**
   * One store lookup of an address costs about as much as reading this many address rows while building the
   * filter (an index descent against a sequential scan): an import builds the filter once it has looked up more
   * than (stored addresses / this) addresses.
   */
  addressProbeCostInScans: 5,
  /** SQLite page cache during an import, in KiB: the random-order index pages of a batch stay in memory. */
  sqliteCacheKiB: 128 * 1024,
  /** WAL size (4 KiB pages) at which an import checkpoints: ~200 MB, every few batches instead of after each. */
  sqliteImportCheckpointPages: 50_000,
  /** Default cluster-size guard: a merge that would grow a cluster beyond this is reported, not applied. */
  maxClusterSize: 1_000_000,
  /** Largest JSON answer read from an RPC or Esplora server (a verbosity-3 getblock of a full block is ~10 MB). */
  maxRpcResponseBytes: 64 * 1024 * 1024,
  /** Tries per RPC/Esplora request before giving up, with exponential backoff between them. */
  rpcRetries: 4,
  /** Per-request timeout for RPC and Esplora. */
  rpcTimeoutMs: 30_000,
} as const;
