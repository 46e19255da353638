import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findBtcAddresses, findEthAddresses } from './crypto.js';

// EIP-55's own test vectors (https://eips.ethereum.org/EIPS/eip-55): all caps, all lower, and mixed case
const EIP55_VALID = [
  '0x52908400098527886E0F7030069857D2E4169EE7',
  '0x8617E340B3D01FA5F11F306F4090FD50E238070D',
  '0xde709f2102306220921060314715629080e2fb77',
  '0x27b1fdb04752bbc536007a920d24acb045561c26',
  '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
  '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359',
  '0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB',
  '0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb',
];

void test('EIP-55: every vector of the EIP is an address, normalised to lower case', () => {
  for (const a of EIP55_VALID) assert.deepEqual(findEthAddresses(`send to ${a} today`), [a.toLowerCase()], a);
});

void test('EIP-55: a mixed-case address with one letter in the wrong case is not an address', () => {
  const invalid = [
    '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD', // last letter flipped
    '0x5AAeb6053F3E94C9b9A09f33669435E7Ef1BeAed', // second letter flipped
    '0xfb6916095ca1df60bB79Ce92cE3Ea74c37c5d359', // first letter flipped
    '0xD1220a0cf47c7B9Be7A2E6BA89F429762e7b9aDb',
  ];
  for (const a of invalid) assert.deepEqual(findEthAddresses(`pay ${a}`), [], a);
});

void test('ether addresses: shape limits (39 or 41 hex digits, no 0x) yield nothing; duplicates once', () => {
  assert.deepEqual(findEthAddresses('0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAe and 5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed'), []);
  assert.deepEqual(findEthAddresses('0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed 0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed'), ['0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed']);
});

void test('bitcoin addresses: a valid base58check address is found, a one-character change is not', () => {
  assert.deepEqual(findBtcAddresses('to 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa now'), ['1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa']);
  assert.deepEqual(findBtcAddresses('to 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb now'), []);
});
