import { parseBitcoinAddress } from '../../chain/index.js';

/**
 * Bitcoin and ether addresses in text. Candidates are cut by shape, then validated: bitcoin through the chain
 * domain's codec (base58check / bech32 / bech32m checksums); ether addresses by shape only (see below). Random base58 runs
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
 * Ether addresses by shape. EIP-55's mixed-case checksum needs Keccak-256, which Node's OpenSSL does not offer
 * (its SHA3 uses different padding), so addresses are not checksum-validated; they are normalised to lower case.
 */
export function findEthAddresses(text: string, max = 50): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(ETH_CANDIDATE)) {
    out.add(m[0].toLowerCase());
    if (out.size >= max) break;
  }
  return [...out];
}
