import { parseBitcoinAddress } from '../../chain/index.js';
import { eip55Valid } from '../../core/index.js';

/**
 * Bitcoin and ether addresses in text. Candidates are cut by shape, then validated: bitcoin through the chain
 * domain's codec (base58check / bech32 / bech32m checksums); ether addresses by their EIP-55 checksum. Random base58 runs
 * in tracking IDs fail the checksum, which is why extortion detection can lean on a validated address.
 */
const BTC_CANDIDATE = /\b(?:[13][1-9A-HJ-NP-Za-km-z]{25,34}|(?:bc1|BC1)[02-9ac-hj-np-zAC-HJ-NP-Z]{11,87})\b/g;
const ETH_CANDIDATE = /\b0x[0-9a-fA-F]{40}\b/g;

export function findBtcAddresses(text: string, max = 50): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(BTC_CANDIDATE)) {
    const p = parseBitcoinAddress(m[0]);
    if (p !== null && p.network === 'mainnet') out.add(p.address);
    if (out.size >= max) break;
  }
  return [...out];
}

/**
 * Ether addresses. EIP-55 puts a checksum in the letter case (Keccak-256 of the lower-case hex, from core, which
 * intel shares): a mixed-case address whose case does not match is a typo or a forgery, not an address. An
 * all-lower or all-upper address carries no checksum and is accepted by shape. Normalised to lower case.
 */
export function findEthAddresses(text: string, max = 50): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(ETH_CANDIDATE)) {
    if (!eip55Valid(m[0])) continue;
    out.add(m[0].toLowerCase());
    if (out.size >= max) break;
  }
  return [...out];
}
