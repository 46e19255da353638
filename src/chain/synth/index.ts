export { Prng } from './prng.js';
export { BlkWriter, type BlkWriterOptions } from './blkwriter.js';
export {
  ChainBuilder, type ChainBuilderOptions, type Outpoint, type OutputSpec, type SynthAddress, type SynthAddressType,
  type SynthBlock, type SynthTx,
} from './builder.js';
export { RandomTraffic, writeSyntheticChain, type RandomTrafficOptions, type SynthChainOptions, type SynthChainResult } from './random.js';
