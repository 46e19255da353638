import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { test } from 'node:test';
import { SpearwatchError } from '../../core/index.js';
import { CHAIN_LIMITS } from '../limits.js';
import { parseTx, strippedSize, wtxid } from './tx.js';
import { serializeTx, type TxSpec } from './write.js';

const ref = (b: Uint8Array): Buffer => crypto.createHash('sha256').update(crypto.createHash('sha256').update(b).digest()).digest();

function spec(over: Partial<TxSpec> = {}): TxSpec {
  return {
    version: 2,
    inputs: [
      { prevTxid: crypto.randomBytes(32), vout: 3, scriptSig: crypto.randomBytes(300), sequence: 0xfffffffe },
      { prevTxid: crypto.randomBytes(32), vout: 0xfffffff0, scriptSig: Buffer.alloc(0), witness: [crypto.randomBytes(72), crypto.randomBytes(33)] },
    ],
    outputs: [
      { value: 12_345, script: crypto.randomBytes(22) },
      { value: CHAIN_LIMITS.maxMoney, script: crypto.randomBytes(0x1_0100) },
      { value: 0, script: Buffer.alloc(0) },
    ],
    locktime: 800_000,
    ...over,
  };
}

void test('long scripts (three- and five-byte lengths), MAX_MONEY and every field read back', () => {
  const s = spec();
  const raw = serializeTx(s);
  const tx = parseTx(raw);
  assert.equal(tx.version, 2);
  assert.equal(tx.locktime, 800_000);
  assert.equal(tx.hasWitness, true);
  assert.equal(tx.size, raw.length);
  assert.deepEqual(tx.raw, raw);
  tx.inputs.forEach((inp, i) => {
    assert.deepEqual(inp.prevTxid, s.inputs[i]?.prevTxid);
    assert.equal(inp.vout, s.inputs[i]?.vout);
    assert.deepEqual(inp.scriptSig, s.inputs[i]?.scriptSig);
    assert.equal(inp.sequence, s.inputs[i]?.sequence ?? 0xffffffff);
    assert.deepEqual(inp.witness, s.inputs[i]?.witness ?? []);
  });
  assert.deepEqual(tx.outputs.map((o) => [o.value, o.script]), s.outputs.map((o) => [o.value, Buffer.from(o.script)]));
  const stripped = serializeTx({ ...s, inputs: s.inputs.map((i) => ({ ...i, witness: [] })) });
  assert.equal(strippedSize(tx), stripped.length);
  assert.deepEqual(Buffer.concat((tx.strippedRanges ?? []).map(([a, b]) => raw.subarray(a, b))), stripped);
  assert.deepEqual(tx.txid, ref(stripped));
  assert.deepEqual(wtxid(tx), ref(raw));
});

void test('amounts above MAX_MONEY or 2^53 are refused, whatever their low word', () => {
  for (const [value, reason] of [[CHAIN_LIMITS.maxMoney + 1, /above MAX_MONEY/], [0x7_75f0 * 0x1_0000_0000 + 0xffff_ffff, /above MAX_MONEY/], [2 ** 53 + 2, /above 2\^53/]] as const) {
    const raw = serializeTx(spec({ outputs: [{ value: 1, script: Buffer.alloc(3) }, { value: 0, script: Buffer.alloc(1) }] }));
    // Write the amount by hand: the serializer takes numbers only up to 2^53.
    const tx = parseTx(raw);
    const at = raw.length - 4 - (tx.size - strippedSize(tx) - 2) - (8 + 1 + 1);
    raw.writeUInt32LE(value % 0x1_0000_0000, at);
    raw.writeUInt32LE(Math.floor(value / 0x1_0000_0000), at + 4);
    assert.throws(() => parseTx(raw), reason, String(value));
  }
});

void test('every truncation and many corruptions of a transaction fail with SW_INPUT_INVALID, never another error', () => {
  const raw = serializeTx(spec());
  for (let n = 0; n < raw.length; n++) {
    assert.throws(() => parseTx(raw.subarray(0, n)), (e: unknown) => e instanceof SpearwatchError && e.code === 'SW_INPUT_INVALID', `prefix ${n}`);
  }
  let parsed = 0;
  for (let k = 0; k < 3000; k++) {
    const c = Buffer.from(raw);
    const at = k < 400 ? k : crypto.randomInt(0, c.length);
    c[at] = k % 2 === 0 ? 0xff : crypto.randomInt(0, 256);
    try {
      parseTx(c);
      parsed++;
    } catch (e) {
      assert.ok(e instanceof SpearwatchError && e.code === 'SW_INPUT_INVALID', `byte ${at}: ${String(e)}`);
    }
  }
  assert.ok(parsed > 0, 'flips inside scripts still parse');
});
