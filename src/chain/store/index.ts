export { BLOCK_STATUS, TX_FLAGS, scriptTypeCode, scriptTypeName, type BlockStatus } from './keys.js';
export { addressKeyValue, txKeyValue } from './keyed.js';
export { isCoinjoinLike, type CoinjoinInput } from './coinjoin.js';
export { applyUnions, type UnionGroup } from './cluster.js';
export { ChainWriter, markSpent, type ConnectItem, type ConnectStats, type WriterOptions } from './writer.js';
export { decodeIns, encodeIns } from './ins.js';
export { decodeOuts, encodeOuts, type DecodedOuts } from './outs.js';
export { disconnectBlock } from './disconnect.js';
export { getMeta, setMeta } from './meta.js';
export {
  addressId, addressIds, addressView, chainBytesOnDisk, chainStatus, clusterMembers, clusterView, findTx, resolveClusterId, spentOutputs, txById, txOfOutput, txView,
  CHAIN_TABLES, type AddressView, type TxRow, type ChainStatus, type ClusterView, type TxInputView, type TxView,
} from './query.js';
export {
  addressStrings, addressesAfter, blockInfo, clustersOf, decodeTxOutputs, graphTxs, maxAddressId, maxOutputId, maxTxId, outputsById, txsHoldingOutputs, outputsOfAddress, outputsOfAddresses, txOutputs, type GraphOutput, type GraphTx,
} from './graph.js';
