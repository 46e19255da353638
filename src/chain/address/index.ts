export { base58Decode, base58Encode, base58CheckDecode, base58CheckEncode } from './base58.js';
export { bech32Decode, bech32Encode, decodeSegwit, encodeSegwit, type Bech32Encoding, type SegwitAddress } from './bech32.js';
export { hash160, sha256, sha256d, toDisplayHex, fromDisplayHex } from './hash.js';
export { NETWORKS, NETWORK_PARAMS, TESTNET4_MAGIC, isNetwork, type Network, type NetworkParams } from './networks.js';
export { SCRIPT_TYPES, addressScript, classifyScript, p2pkhScript, p2shScript, witnessScript, type ScriptType } from './script.js';
export { parseBitcoinAddress, scriptToAddress, type AddressType, type ParsedAddress } from './address.js';
