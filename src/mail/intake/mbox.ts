import fs from 'node:fs';
import { MAIL_LIMITS } from '../limits.js';

export interface MboxMessage {
  index: number;
  bytes: Uint8Array | null;
  /** Set when the message was skipped (too large). */
  error: string | null;
}

const FROM_LINE = Buffer.from('\nFrom ');

/** mboxrd unescaping: `>From ` → `From ` (one level), only when the message has such lines. */
function unescape(b: Buffer): Buffer {
  if (b.indexOf('\n>From ') < 0 && b.indexOf('\n>>From ') < 0) return b;
  return Buffer.from(b.toString('latin1').replace(/\n>(>*From )/g, '\n$1'), 'latin1');
}

/** Strip the `From ` separator line from the start of a message. */
function stripSeparator(b: Buffer): Buffer {
  if (b.length >= 5 && b.subarray(0, 5).toString('latin1') === 'From ') {
    const nl = b.indexOf(0x0a);
    return nl < 0 ? Buffer.alloc(0) : b.subarray(nl + 1);
  }
  return b;
}

/**
 * Stream an mbox file message by message in bounded memory: at most one message (capped at
 * MAIL_LIMITS.messageBytes) plus one read chunk is held. A message over the cap is skipped and reported.
 */
export async function* readMbox(file: string, maxBytes: number = MAIL_LIMITS.messageBytes): AsyncGenerator<MboxMessage> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let oversize = false;
  let index = 0;
  let carry = Buffer.alloc(0);
  const emit = function* (): Generator<MboxMessage> {
    if (oversize) {
      yield { index, bytes: null, error: `message exceeds ${maxBytes} bytes` };
    } else if (pendingBytes > 0) {
      const msg = unescape(stripSeparator(Buffer.concat(pending)));
      if (msg.length > 0) yield { index, bytes: msg, error: null };
      else index--;
    } else {
      index--;
    }
    index++;
    pending = [];
    pendingBytes = 0;
    oversize = false;
  };
  const add = (b: Buffer): void => {
    if (oversize) return;
    pendingBytes += b.length;
    if (pendingBytes > maxBytes) {
      oversize = true;
      pending = [];
      return;
    }
    pending.push(b);
  };
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) {
    let buf = carry.length > 0 ? Buffer.concat([carry, chunk as Buffer]) : (chunk as Buffer);
    let pos = 0;
    for (;;) {
      const at = buf.indexOf(FROM_LINE, pos);
      if (at < 0) break;
      add(buf.subarray(pos, at + 1));
      yield* emit();
      if (index >= MAIL_LIMITS.mboxMessages) return;
      pos = at + 1;
    }
    // keep the tail that could be the start of a separator split across chunks
    const keep = Math.min(buf.length - pos, FROM_LINE.length - 1);
    add(buf.subarray(pos, buf.length - keep));
    carry = Buffer.from(buf.subarray(buf.length - keep));
    buf = Buffer.alloc(0);
  }
  add(carry);
  yield* emit();
}
