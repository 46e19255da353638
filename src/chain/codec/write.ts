import { HEADER_BYTES } from './block.js';
import { varintSize, writeVarint } from './reader.js';

export interface TxInputSpec {
  prevTxid: Uint8Array;
  vout: number;
  scriptSig?: Uint8Array;
  sequence?: number;
  witness?: readonly Uint8Array[];
}

export interface TxOutputSpec {
  value: number;
  script: Uint8Array;
}

export interface TxSpec {
  version?: number;
  inputs: readonly TxInputSpec[];
  outputs: readonly TxOutputSpec[];
  locktime?: number;
}

/** Serialize a transaction, with BIP-144 witness encoding when any input carries a witness. */
export function serializeTx(tx: TxSpec): Buffer {
  const witness = tx.inputs.some((i) => (i.witness?.length ?? 0) > 0);
  let size = 4 + (witness ? 2 : 0) + varintSize(tx.inputs.length) + varintSize(tx.outputs.length) + 4;
  for (const i of tx.inputs) {
    const s = i.scriptSig?.length ?? 0;
    size += 36 + varintSize(s) + s + 4;
    if (witness) {
      const w = i.witness ?? [];
      size += varintSize(w.length);
      for (const item of w) size += varintSize(item.length) + item.length;
    }
  }
  for (const o of tx.outputs) size += 8 + varintSize(o.script.length) + o.script.length;
  const b = Buffer.allocUnsafe(size);
  let p = b.writeInt32LE(tx.version ?? 2, 0);
  if (witness) {
    b[p++] = 0;
    b[p++] = 1;
  }
  p = writeVarint(b, p, tx.inputs.length);
  for (const i of tx.inputs) {
    b.set(i.prevTxid, p);
    p = b.writeUInt32LE(i.vout >>> 0, p + 32);
    const s = i.scriptSig ?? new Uint8Array(0);
    p = writeVarint(b, p, s.length);
    b.set(s, p);
    p = b.writeUInt32LE((i.sequence ?? 0xffffffff) >>> 0, p + s.length);
  }
  p = writeVarint(b, p, tx.outputs.length);
  for (const o of tx.outputs) {
    p = b.writeUInt32LE(o.value % 0x1_0000_0000, p);
    p = b.writeUInt32LE(Math.floor(o.value / 0x1_0000_0000), p);
    p = writeVarint(b, p, o.script.length);
    b.set(o.script, p);
    p += o.script.length;
  }
  if (witness) {
    for (const i of tx.inputs) {
      const w = i.witness ?? [];
      p = writeVarint(b, p, w.length);
      for (const item of w) {
        p = writeVarint(b, p, item.length);
        b.set(item, p);
        p += item.length;
      }
    }
  }
  b.writeUInt32LE((tx.locktime ?? 0) >>> 0, p);
  return b;
}

export interface HeaderSpec {
  version: number;
  prevHash: Uint8Array;
  merkleRoot: Uint8Array;
  time: number;
  bits: number;
  nonce: number;
}

export function serializeHeader(h: HeaderSpec): Buffer {
  const b = Buffer.allocUnsafe(HEADER_BYTES);
  b.writeInt32LE(h.version, 0);
  b.set(h.prevHash, 4);
  b.set(h.merkleRoot, 36);
  b.writeUInt32LE(h.time >>> 0, 68);
  b.writeUInt32LE(h.bits >>> 0, 72);
  b.writeUInt32LE(h.nonce >>> 0, 76);
  return b;
}

export function serializeBlock(header: Buffer, txs: readonly Buffer[]): Buffer {
  const count = Buffer.allocUnsafe(varintSize(txs.length));
  writeVarint(count, 0, txs.length);
  return Buffer.concat([header, count, ...txs]);
}
