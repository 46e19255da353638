/**
 * The chain domain: Bitcoin addresses, block/transaction codec, blk*.dat/RPC/Esplora ingest, the index in the
 * store, address clustering and the synthetic chain generator. Other domains import only from here.
 */
export * from './address/index.js';
export * from './codec/index.js';
export * from './synth/index.js';
export * from './ingest/index.js';
export * from './store/index.js';
export { CHAIN_LIMITS } from './limits.js';
