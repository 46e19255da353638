export type Network = 'mainnet' | 'testnet' | 'signet' | 'regtest';

export const NETWORKS: readonly Network[] = ['mainnet', 'testnet', 'signet', 'regtest'];

export interface NetworkParams {
  readonly name: Network;
  /** Base58check version byte of P2PKH addresses. */
  readonly p2pkh: number;
  /** Base58check version byte of P2SH addresses. */
  readonly p2sh: number;
  /** Human-readable part of segwit addresses. */
  readonly hrp: string;
  /** The 4 bytes that open every message and every blk*.dat record (Bitcoin Core chainparams.cpp). */
  readonly magic: number;
}

/** Values from Bitcoin Core src/kernel/chainparams.cpp. Signet's magic is the default signet's. */
export const NETWORK_PARAMS: Record<Network, NetworkParams> = {
  mainnet: { name: 'mainnet', p2pkh: 0x00, p2sh: 0x05, hrp: 'bc', magic: 0xd9b4bef9 },
  testnet: { name: 'testnet', p2pkh: 0x6f, p2sh: 0xc4, hrp: 'tb', magic: 0x0709110b },
  signet: { name: 'signet', p2pkh: 0x6f, p2sh: 0xc4, hrp: 'tb', magic: 0x40cf030a },
  regtest: { name: 'regtest', p2pkh: 0x6f, p2sh: 0xc4, hrp: 'bcrt', magic: 0xdab5bffa },
};

export function isNetwork(text: string): text is Network {
  return (NETWORKS as readonly string[]).includes(text);
}

/** Testnet3 and testnet4 share magic-less address formats; testnet4's blk magic is accepted as testnet. */
export const TESTNET4_MAGIC = 0x283f161c;
