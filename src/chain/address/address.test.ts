import assert from 'node:assert/strict';
import { test } from 'node:test';
import { base58CheckDecode, base58CheckEncode, base58Decode, base58Encode } from './base58.js';
import { bech32Decode } from './bech32.js';
import { hash160 } from './hash.js';
import { parseBitcoinAddress, scriptToAddress } from './address.js';
import { classifyScript } from './script.js';

// Test vectors from BIP-173 and BIP-350 (github.com/bitcoin/bips, bip-0173.mediawiki and bip-0350.mediawiki,
// BSD-2-Clause). All listed vectors are used; none skipped.
const BECH32_VALID = [
  'A12UEL5L',
  'a12uel5l',
  'an83characterlonghumanreadablepartthatcontainsthenumber1andtheexcludedcharactersbio1tt5tgs',
  'abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw',
  '11qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqc8247j',
  'split1checkupstagehandshakeupstreamerranterredcaperred2y9e3w',
  '?1ezyfcl',
];
const BECH32M_VALID = [
  'A1LQFN3A',
  'a1lqfn3a',
  'an83characterlonghumanreadablepartthatcontainsthetheexcludedcharactersbioandnumber11sg7hg6',
  'abcdef1l7aum6echk45nj3s0wdvt2fg8x9yrzpqzd3ryx',
  '11llllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllludsr8',
  'split1checkupstagehandshakeupstreamerranterredcaperredlc445v',
  '?1v759aa',
];
const BECH32M_INVALID: [string, string][] = [
  ['\x201xj0phk', 'HRP character out of range'],
  ['\x7f1g6xzxy', 'HRP character out of range'],
  ['\x801vctc34', 'HRP character out of range'],
  ['an84characterslonghumanreadablepartthatcontainsthetheexcludedcharactersbioandnumber11d6pts4', 'overall max length exceeded'],
  ['qyrz8wqd2c9m', 'no separator character'],
  ['1qyrz8wqd2c9m', 'empty HRP'],
  ['y1b0jsk6g', 'invalid data character'],
  ['lt1igcx5c0', 'invalid data character'],
  ['in1muywd', 'too short checksum'],
  ['mm1crxm3i', 'invalid character in checksum'],
  ['au1s5cgom', 'invalid character in checksum'],
  ['M1VUXWEZ', 'checksum calculated with uppercase form of HRP'],
  ['16plkw9', 'empty HRP'],
  ['1p2gdwpf', 'empty HRP'],
];
const SEGWIT_VALID: [string, string][] = [
  ['BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4', '0014751e76e8199196d454941c45d1b3a323f1433bd6'],
  ['tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7', '00201863143c14c5166804bd19203356da136c985678cd4d27a1b8c6329604903262'],
  ['bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kt5nd6y', '5128751e76e8199196d454941c45d1b3a323f1433bd6751e76e8199196d454941c45d1b3a323f1433bd6'],
  ['BC1SW50QGDZ25J', '6002751e'],
  ['bc1zw508d6qejxtdg4y5r3zarvaryvaxxpcs', '5210751e76e8199196d454941c45d1b3a323'],
  ['tb1qqqqqp399et2xygdj5xreqhjjvcmzhxw4aywxecjdzew6hylgvsesrxh6hy', '0020000000c4a5cad46221b2a187905e5266362b99d5e91c6ce24d165dab93e86433'],
  ['tb1pqqqqp399et2xygdj5xreqhjjvcmzhxw4aywxecjdzew6hylgvsesf3hn0c', '5120000000c4a5cad46221b2a187905e5266362b99d5e91c6ce24d165dab93e86433'],
  ['bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0', '512079be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798'],
];
const SEGWIT_INVALID: [string, string][] = [
  ['tc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq5zuyut', 'invalid human-readable part'],
  ['bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd', 'bech32 instead of bech32m'],
  ['tb1z0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqglt7rf', 'bech32 instead of bech32m'],
  ['BC1S0XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ54WELL', 'bech32 instead of bech32m'],
  ['bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kemeawh', 'bech32m instead of bech32'],
  ['tb1q0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq24jc47', 'bech32m instead of bech32'],
  ['bc1p38j9r5y49hruaue7wxjce0updqjuyyx0kh56v8s25huc6995vvpql3jow4', 'invalid character in checksum'],
  ['BC130XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ7ZWS8R', 'invalid witness version'],
  ['bc1pw5dgrnzv', 'invalid program length (1 byte)'],
  ['bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v8n0nx0muaewav253zgeav', 'invalid program length (41 bytes)'],
  ['BC1QR508D6QEJXTDG4Y5R3ZARVARYV98GJ9P', 'invalid program length for witness version 0'],
  ['tb1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq47Zagq', 'mixed case'],
  ['bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v07qwwzcrf', 'zero padding of more than 4 bits'],
  ['tb1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vpggkg4j', 'non-zero padding in 8-to-5 conversion'],
  ['bc1gmk9yu', 'empty data section'],
];

void test('bech32 and bech32m checksum vectors (BIP-173, BIP-350)', () => {
  for (const s of BECH32_VALID) assert.equal(bech32Decode(s)?.encoding, 'bech32', s);
  for (const s of BECH32M_VALID) assert.equal(bech32Decode(s)?.encoding, 'bech32m', s);
  for (const [s, why] of BECH32M_INVALID) assert.equal(bech32Decode(s), null, `${s}: ${why}`);
});

void test('segwit address vectors map to their scriptPubKey and round-trip', () => {
  for (const [addr, hex] of SEGWIT_VALID) {
    const p = parseBitcoinAddress(addr);
    assert.ok(p, addr);
    assert.equal(Buffer.from(p.script).toString('hex'), hex, addr);
    assert.equal(p.address, addr.toLowerCase());
    assert.equal(scriptToAddress(p.script, p.network), addr.toLowerCase());
  }
  for (const [addr, why] of SEGWIT_INVALID) assert.equal(parseBitcoinAddress(addr), null, `${addr}: ${why}`);
});

void test('segwit types and networks', () => {
  assert.deepEqual(
    SEGWIT_VALID.map(([a]) => { const p = parseBitcoinAddress(a); return p && `${p.type}/${p.network}`; }),
    ['p2wpkh/mainnet', 'p2wsh/testnet', 'witness_unknown/mainnet', 'witness_unknown/mainnet', 'witness_unknown/mainnet',
      'p2wsh/testnet', 'p2tr/testnet', 'p2tr/mainnet'],
  );
  assert.equal(parseBitcoinAddress('tb1pqqqqp399et2xygdj5xreqhjjvcmzhxw4aywxecjdzew6hylgvsesf3hn0c', 'signet')?.network, 'signet');
  assert.equal(parseBitcoinAddress('tb1pqqqqp399et2xygdj5xreqhjjvcmzhxw4aywxecjdzew6hylgvsesf3hn0c', 'mainnet'), null);
  const script = Buffer.from('0014751e76e8199196d454941c45d1b3a323f1433bd6', 'hex');
  const rt = scriptToAddress(script, 'regtest');
  assert.equal(rt, 'bcrt1qw508d6qejxtdg4y5r3zarvary0c5xw7kygt080');
  assert.equal(parseBitcoinAddress(rt)?.network, 'regtest');
});

void test('base58check: genesis address, checksum and alphabet errors', () => {
  const genesis = parseBitcoinAddress('1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa');
  assert.ok(genesis);
  assert.equal(genesis.type, 'p2pkh');
  assert.equal(genesis.network, 'mainnet');
  assert.equal(Buffer.from(genesis.script).toString('hex'), '76a91462e907b15cbf27d5425399ebf6f0fb50ebb88f1888ac');
  assert.equal(parseBitcoinAddress('1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb'), null, 'checksum');
  assert.equal(parseBitcoinAddress('1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfN0'), null, '0 is not base58');
  assert.equal(parseBitcoinAddress('1a1zp1ep5qgefi2dmptftl5slmv7divfna'), null, 'base58 is case-sensitive');
  assert.equal(base58Encode(Uint8Array.from([0, 0, 1])), '112');
  assert.deepEqual(base58Decode('112'), Uint8Array.from([0, 0, 1]));
  assert.equal(base58Decode('1'.repeat(200)), null, 'over-long input refused');
  const payload = Uint8Array.from([0xc4, ...new Uint8Array(20).fill(7)]);
  const p2sh = base58CheckEncode(payload);
  assert.ok(p2sh.startsWith('2'));
  assert.deepEqual(base58CheckDecode(p2sh), payload);
  const parsed = parseBitcoinAddress(p2sh, 'regtest');
  assert.equal(parsed?.type, 'p2sh');
  assert.equal(parsed?.network, 'regtest');
  assert.equal(parseBitcoinAddress(p2sh, 'mainnet'), null);
  assert.equal(scriptToAddress(parsed.script, 'testnet'), p2sh);
  assert.equal(scriptToAddress(parsed.script, 'mainnet')?.[0], '3');
});

void test('P2PK displays as the P2PKH address of its key (block 170, Hal Finney)', () => {
  const pk = Buffer.from('04ae1a62fe09c5f51b13905f07f06b99a2f7159b2225f374cd378d71302fa28414e7aab37397f554a7df5f142c21c1b7303b8a0626f1baded5c72a704f7e6cd84c', 'hex');
  const script = Buffer.concat([Buffer.from([0x41]), pk, Buffer.from([0xac])]);
  assert.equal(classifyScript(script), 'p2pk');
  assert.equal(scriptToAddress(script, 'mainnet'), '1Q2TWHE3GMdB6BZKafqwxXtWAWgFt5Jvm3');
  const parsed = parseBitcoinAddress('1Q2TWHE3GMdB6BZKafqwxXtWAWgFt5Jvm3');
  assert.deepEqual(Buffer.from(parsed?.script ?? []).subarray(3, 23), hash160(pk));
});

void test('script classification', () => {
  const key33 = '02' + '11'.repeat(32);
  const cases: [string, string][] = [
    ['76a914' + '00'.repeat(20) + '88ac', 'p2pkh'],
    ['a914' + '00'.repeat(20) + '87', 'p2sh'],
    ['0014' + '00'.repeat(20), 'p2wpkh'],
    ['0020' + '00'.repeat(32), 'p2wsh'],
    ['5120' + '00'.repeat(32), 'p2tr'],
    ['21' + key33 + 'ac', 'p2pk'],
    ['5121' + key33 + '21' + key33 + '52ae', 'multisig'],
    ['5221' + key33 + '51ae', 'nonstandard'],
    ['6a0568656c6c6f', 'op_return'],
    ['0015' + '00'.repeat(21), 'nonstandard'],
    ['21' + '05' + '11'.repeat(32) + 'ac', 'nonstandard'],
    ['', 'nonstandard'],
  ];
  for (const [hex, type] of cases) assert.equal(classifyScript(Buffer.from(hex, 'hex')), type, hex);
  assert.equal(scriptToAddress(Buffer.from('6a00', 'hex'), 'mainnet'), null);
});

void test('parseBitcoinAddress rejects junk without throwing', () => {
  for (const s of ['', 'hello', 'bc1', '1'.repeat(40), 'x'.repeat(10_000), 'bc1qqqqqqqqqqqqqqqqqq\u0000', '3J98t1WpEZ73CNmQviecrnyiWrnqRhWNL']) {
    assert.equal(parseBitcoinAddress(s), null, JSON.stringify(s.slice(0, 40)));
  }
});
