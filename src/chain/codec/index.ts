export { BufferReader, varintSize, writeVarint } from './reader.js';
export { isCoinbase, isCoinbaseInput, parseTx, prevTxidAt, prevTxidBytes, prevTxidKey, readTx, strippedSize, wtxid, type Tx, type TxInput, type TxOutput } from './tx.js';
export { merkleRoot, type MerkleResult } from './merkle.js';
export {
  HEADER_BYTES, blockHash, hashToBigint, parseBlock, readHeader, targetFromBits, workFromBits,
  type Block, type BlockHeader, type ParseBlockOptions,
} from './block.js';
export { serializeBlock, serializeHeader, serializeTx, type HeaderSpec, type TxInputSpec, type TxOutputSpec, type TxSpec } from './write.js';
export { hashBackendStatus, type HashBackendName } from './hash-backend.js';
