export { frameBlock, magicBytes, scanBlkRecords, xorInPlace, type BlkProblem, type BlkRecord } from './blkfile.js';
export { importBlocks, settleNetwork, type ImportOptions, type ImportProblem, type ImportReport } from './import.js';
export { resolveBlockFiles, type BlockFile } from './sources.js';
export { EsploraClient, RpcClient, type NodeClient } from './node.js';
export { importFromNode, type NodeSource, type PullOptions } from './pull.js';
export { httpWithRetry, type FetchLike, type HttpOptions } from './http.js';
