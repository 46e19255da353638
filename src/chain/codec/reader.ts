import { SpearwatchError } from '../../core/index.js';

/**
 * A bounds-checked cursor over a byte buffer (after bitcoinjs-lib's bufferutils BufferReader), with the check
 * that library forgets: every count read from the input is compared with the bytes left before anything is
 * allocated or looped over, so a forged count of 2^32 costs one comparison, not a hang.
 */
export class BufferReader {
  offset: number;
  readonly end: number;

  constructor(readonly buf: Buffer, offset = 0, end = buf.length) {
    this.offset = offset;
    this.end = end;
  }

  get remaining(): number {
    return this.end - this.offset;
  }

  fail(reason: string): never {
    throw new SpearwatchError('SW_INPUT_INVALID', `${reason} at byte ${this.offset}`, { details: { offset: this.offset, reason } });
  }

  need(n: number, what: string): void {
    if (n > this.end - this.offset) this.fail(`truncated ${what}: need ${n} bytes, ${this.end - this.offset} left`);
  }

  u8(): number {
    this.need(1, 'byte');
    return this.buf[this.offset++] ?? 0;
  }

  u32(): number {
    this.need(4, 'uint32');
    const v = this.buf.readUInt32LE(this.offset);
    this.offset += 4;
    return v;
  }

  i32(): number {
    this.need(4, 'int32');
    const v = this.buf.readInt32LE(this.offset);
    this.offset += 4;
    return v;
  }

  /** A satoshi amount: exact as a number because consensus caps it at 2.1e15 < 2^53; larger is refused. */
  amount(max: number): number {
    this.need(8, 'amount');
    const lo = this.buf.readUInt32LE(this.offset);
    const hi = this.buf.readUInt32LE(this.offset + 4);
    if (hi > 0x1fffff) this.fail('amount above 2^53');
    const v = hi * 0x1_0000_0000 + lo;
    if (v > max) this.fail(`amount ${v} above MAX_MONEY`);
    this.offset += 8;
    return v;
  }

  /** Bitcoin's CompactSize, rejecting non-canonical encodings as Core's ReadCompactSize does. */
  varint(): number {
    const first = this.u8();
    if (first < 0xfd) return first;
    if (first === 0xfd) {
      this.need(2, 'varint');
      const v = this.buf.readUInt16LE(this.offset);
      this.offset += 2;
      if (v < 0xfd) this.fail('non-canonical varint');
      return v;
    }
    if (first === 0xfe) {
      const v = this.u32();
      if (v < 0x10000) this.fail('non-canonical varint');
      return v;
    }
    this.need(8, 'varint');
    const lo = this.buf.readUInt32LE(this.offset);
    const hi = this.buf.readUInt32LE(this.offset + 4);
    this.offset += 8;
    if (hi === 0) this.fail('non-canonical varint');
    // Nothing in a block can count past 2^32 items or bytes; such a count is corruption.
    this.fail(`varint ${hi * 0x1_0000_0000 + lo} too large`);
  }

  /** A count of items each at least `minItemBytes` long, checked against the bytes left. */
  count(minItemBytes: number, what: string): number {
    const n = this.varint();
    if (n * minItemBytes > this.remaining) this.fail(`${what} count ${n} larger than the ${this.remaining} bytes left`);
    return n;
  }

  /** A view (no copy) of the next n bytes. */
  slice(n: number, what: string): Buffer {
    this.need(n, what);
    const s = this.buf.subarray(this.offset, this.offset + n);
    this.offset += n;
    return s;
  }

  /** A length-prefixed byte string. */
  varSlice(what: string): Buffer {
    const n = this.varint();
    if (n > this.remaining) this.fail(`${what} length ${n} larger than the ${this.remaining} bytes left`);
    return this.slice(n, what);
  }
}

export function varintSize(n: number): number {
  return n < 0xfd ? 1 : n <= 0xffff ? 3 : n <= 0xffffffff ? 5 : 9;
}

export function writeVarint(buf: Buffer, offset: number, n: number): number {
  if (n < 0xfd) {
    buf[offset] = n;
    return offset + 1;
  }
  if (n <= 0xffff) {
    buf[offset] = 0xfd;
    buf.writeUInt16LE(n, offset + 1);
    return offset + 3;
  }
  buf[offset] = 0xfe;
  buf.writeUInt32LE(n, offset + 1);
  return offset + 5;
}
