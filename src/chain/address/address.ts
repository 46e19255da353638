import { base58CheckDecode, base58CheckEncode } from './base58.js';
import { decodeSegwit, encodeSegwit } from './bech32.js';
import { NETWORK_PARAMS, type Network } from './networks.js';
import { addressScript, classifyScript, p2pkhScript, p2shScript, witnessScript, type ScriptType } from './script.js';

export type AddressType = 'p2pkh' | 'p2sh' | 'p2wpkh' | 'p2wsh' | 'p2tr' | 'witness_unknown';

export interface ParsedAddress {
  /** Canonical text: base58 as given (it is case-sensitive), bech32/bech32m lowercased. */
  address: string;
  type: AddressType;
  /**
   * Network of the address. Testnet and signet share every address format, and regtest shares the base58
   * versions: such addresses report `testnet` unless the caller names the network it expects.
   */
  network: Network;
  /** The output script the address pays to. */
  script: Uint8Array;
}

const MAX_ADDRESS_CHARS = 90;

function networkMatches(expected: Network | undefined, candidates: readonly Network[]): Network | null {
  if (expected === undefined) return candidates[0] ?? null;
  return candidates.includes(expected) ? expected : null;
}

/**
 * Parse a Bitcoin address of any network (or only `network` when given). Returns null for anything that is
 * not a valid address: bad characters, wrong checksum, wrong lengths, bech32 used for v1+ or bech32m for v0.
 */
export function parseBitcoinAddress(text: string, network?: Network): ParsedAddress | null {
  const t = text.trim();
  if (t.length < 14 || t.length > MAX_ADDRESS_CHARS) return null;
  const lower = t.toLowerCase();
  const sep = lower.lastIndexOf('1');
  const hrp = sep > 0 ? lower.slice(0, sep) : '';
  if (hrp === 'bc' || hrp === 'tb' || hrp === 'bcrt') {
    const seg = decodeSegwit(t);
    if (seg === null) return null;
    const nets: Network[] = hrp === 'bc' ? ['mainnet'] : hrp === 'tb' ? ['testnet', 'signet'] : ['regtest'];
    const net = networkMatches(network, nets);
    if (net === null) return null;
    const script = witnessScript(seg.version, seg.program);
    const type = classifyScript(script) as AddressType;
    return { address: lower, type, network: net, script };
  }
  const payload = base58CheckDecode(t);
  if (payload === null || payload.length !== 21) return null;
  const version = payload[0];
  const hash = payload.subarray(1);
  let nets: Network[];
  let type: AddressType;
  if (version === 0x00) [nets, type] = [['mainnet'], 'p2pkh'];
  else if (version === 0x05) [nets, type] = [['mainnet'], 'p2sh'];
  else if (version === 0x6f) [nets, type] = [['testnet', 'signet', 'regtest'], 'p2pkh'];
  else if (version === 0xc4) [nets, type] = [['testnet', 'signet', 'regtest'], 'p2sh'];
  else return null;
  const net = networkMatches(network, nets);
  if (net === null) return null;
  const script = type === 'p2pkh' ? p2pkhScript(hash) : p2shScript(hash);
  return { address: t, type, network: net, script };
}

/**
 * The display address of an output script, or null for scripts without one (bare multisig, OP_RETURN,
 * non-standard). P2PK outputs display as their key's P2PKH address.
 */
export function scriptToAddress(script: Uint8Array, network: Network, type: ScriptType = classifyScript(script)): string | null {
  const s = addressScript(script, type);
  if (s === null) return null;
  const p = NETWORK_PARAMS[network];
  const t = type === 'p2pk' ? 'p2pkh' : type;
  switch (t) {
    case 'p2pkh':
      return base58CheckEncode(Uint8Array.from([p.p2pkh, ...s.subarray(3, 23)]));
    case 'p2sh':
      return base58CheckEncode(Uint8Array.from([p.p2sh, ...s.subarray(2, 22)]));
    case 'p2wpkh':
    case 'p2wsh':
      return encodeSegwit(p.hrp, 0, s.subarray(2));
    case 'p2tr':
    case 'witness_unknown':
      return encodeSegwit(p.hrp, (s[0] ?? 0) - 0x50, s.subarray(2));
    default:
      return null;
  }
}
