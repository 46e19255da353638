import { hash160 } from './hash.js';

/**
 * Output script templates, as Bitcoin Core's Solver (src/script/solver.cpp) recognises them.
 * `witness_unknown` is a segwit output of a version (or v1 length) no soft fork has defined yet.
 */
export type ScriptType =
  | 'p2pk'
  | 'p2pkh'
  | 'p2sh'
  | 'p2wpkh'
  | 'p2wsh'
  | 'p2tr'
  | 'multisig'
  | 'op_return'
  | 'witness_unknown'
  | 'nonstandard';

export const SCRIPT_TYPES: readonly ScriptType[] = [
  'p2pk', 'p2pkh', 'p2sh', 'p2wpkh', 'p2wsh', 'p2tr', 'multisig', 'op_return', 'witness_unknown', 'nonstandard',
];

const OP_0 = 0x00;
const OP_1 = 0x51;
const OP_16 = 0x60;
const OP_RETURN = 0x6a;
const OP_DUP = 0x76;
const OP_EQUAL = 0x87;
const OP_EQUALVERIFY = 0x88;
const OP_HASH160 = 0xa9;
const OP_CHECKSIG = 0xac;
const OP_CHECKMULTISIG = 0xae;

/** Core's CPubKey::ValidSize: the header byte fixes the length (02/03 compressed, 04/06/07 uncompressed). */
function validPubkey(s: Uint8Array, at: number, len: number): boolean {
  const h = s[at];
  if (len === 33) return h === 2 || h === 3;
  if (len === 65) return h === 4 || h === 6 || h === 7;
  return false;
}

function isMultisig(s: Uint8Array): boolean {
  const n = s.length;
  if (n < 3 || s[n - 1] !== OP_CHECKMULTISIG) return false;
  const m = s[0] ?? 0;
  const k = s[n - 2] ?? 0;
  if (m < OP_1 || m > OP_16 || k < OP_1 || k > OP_16) return false;
  let i = 1;
  let keys = 0;
  while (i < n - 2) {
    const len = s[i] ?? 0;
    if ((len !== 33 && len !== 65) || i + 1 + len > n - 2 || !validPubkey(s, i + 1, len)) return false;
    i += 1 + len;
    keys++;
  }
  return i === n - 2 && keys === k - OP_1 + 1 && m <= k;
}

export function classifyScript(s: Uint8Array): ScriptType {
  const n = s.length;
  if (n === 25 && s[0] === OP_DUP && s[1] === OP_HASH160 && s[2] === 20 && s[23] === OP_EQUALVERIFY && s[24] === OP_CHECKSIG) return 'p2pkh';
  if (n === 23 && s[0] === OP_HASH160 && s[1] === 20 && s[22] === OP_EQUAL) return 'p2sh';
  if (n === 22 && s[0] === OP_0 && s[1] === 20) return 'p2wpkh';
  if (n === 34 && s[0] === OP_0 && s[1] === 32) return 'p2wsh';
  if (n === 34 && s[0] === OP_1 && s[1] === 32) return 'p2tr';
  const v = s[0] ?? 0;
  if (n >= 4 && n <= 42 && v >= OP_1 && v <= OP_16 && s[1] === n - 2) return 'witness_unknown';
  if ((n === 35 || n === 67) && s[0] === n - 2 && s[n - 1] === OP_CHECKSIG && validPubkey(s, 1, n - 2)) return 'p2pk';
  if (n >= 1 && s[0] === OP_RETURN) return 'op_return';
  if (isMultisig(s)) return 'multisig';
  return 'nonstandard';
}

export function p2pkhScript(hash: Uint8Array): Uint8Array {
  const s = new Uint8Array(25);
  s.set([OP_DUP, OP_HASH160, 20], 0);
  s.set(hash, 3);
  s[23] = OP_EQUALVERIFY;
  s[24] = OP_CHECKSIG;
  return s;
}

export function p2shScript(hash: Uint8Array): Uint8Array {
  const s = new Uint8Array(23);
  s.set([OP_HASH160, 20], 0);
  s.set(hash, 2);
  s[22] = OP_EQUAL;
  return s;
}

export function witnessScript(version: number, program: Uint8Array): Uint8Array {
  const s = new Uint8Array(2 + program.length);
  s[0] = version === 0 ? OP_0 : OP_1 + version - 1;
  s[1] = program.length;
  s.set(program, 2);
  return s;
}

/**
 * The script an address stands for. A P2PK output is shown (as explorers and Core's old wallet did) as the
 * P2PKH address of its key's hash, so both forms index under one address: Hal Finney's 10 BTC in block 170 is
 * a P2PK output and is known as 1Q2TWHE3GMdB6BZKafqwxXtWAWgFt5Jvm3. Null for scripts with no address.
 */
export function addressScript(s: Uint8Array, type: ScriptType = classifyScript(s)): Uint8Array | null {
  switch (type) {
    case 'p2pk':
      return p2pkhScript(hash160(s.subarray(1, s.length - 1)));
    case 'p2pkh':
    case 'p2sh':
    case 'p2wpkh':
    case 'p2wsh':
    case 'p2tr':
    case 'witness_unknown':
      return s;
    default:
      return null;
  }
}
