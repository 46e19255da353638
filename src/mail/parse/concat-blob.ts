/**
 * postal-mime joins the decoded chunks of every MIME part with `new Blob(chunks).arrayBuffer()`. Node 20's Blob
 * copies the chunks into native memory and reads them back through a stream, a promise per 64 KiB: measured on
 * the phishing-pot corpus that is more than half of postal-mime's parse time (1.9 → 0.8 ms CPU a message with
 * the plain concatenation below; byte-identical results, checked on every corpus message). postal-mime names
 * the global `Blob` at call time, so while it parses, `Blob` is this class.
 *
 * Only the parse's own microtasks run in that window (postal-mime does no I/O), but other code's pending
 * microtasks could too, so the class is a complete Blob for byte and string parts (size, type, arrayBuffer,
 * bytes, text, slice, stream) and defers to the native Blob for anything else (a Blob part, say).
 */
const NativeBlob = globalThis.Blob;
const encoder = new TextEncoder();

type Part = string | ArrayBuffer | ArrayBufferView | Blob;

/**
 * The parts joined as the Blob constructor joins them (strings as UTF-8, lone surrogates as U+FFFD). The
 * pass-through decoder hands over a '\n' string after every line, so one-character ASCII strings skip the encoder.
 */
function join(parts: readonly (string | ArrayBuffer | ArrayBufferView)[]): Uint8Array {
  let size = 0;
  const views: (Uint8Array | string)[] = [];
  for (const p of parts) {
    if (typeof p === 'string') {
      views.push(p);
      size += p.length === 1 && p.charCodeAt(0) < 0x80 ? 1 : Buffer.byteLength(p, 'utf8');
    } else {
      const v = p instanceof ArrayBuffer ? new Uint8Array(p) : new Uint8Array(p.buffer, p.byteOffset, p.byteLength);
      views.push(v);
      size += v.length;
    }
  }
  const out = new Uint8Array(size);
  let o = 0;
  for (const v of views) {
    if (typeof v !== 'string') {
      out.set(v, o);
      o += v.length;
    } else if (v.length === 1 && v.charCodeAt(0) < 0x80) {
      out[o++] = v.charCodeAt(0);
    } else {
      o += encoder.encodeInto(v, out.subarray(o)).written;
    }
  }
  return out;
}

export class ConcatBlob {
  #bytes: Uint8Array = new Uint8Array(0);
  #type = '';

  constructor(parts: Iterable<Part> = [], options: { type?: string } = {}) {
    const list = [...parts];
    if (list.some((p) => typeof p !== 'string' && !(p instanceof ArrayBuffer) && !ArrayBuffer.isView(p))) {
      // a constructor may return another object: the native Blob, for parts this class does not read
      return new NativeBlob(list as ConstructorParameters<typeof Blob>[0], options) as unknown as ConcatBlob;
    }
    this.#bytes = join(list as (string | ArrayBuffer | ArrayBufferView)[]);
    // the Blob constructor lower-cases the type and drops it when it has characters outside U+0020–U+007E
    const type = options.type ?? '';
    this.#type = /^[\x20-\x7e]*$/.test(type) ? type.toLowerCase() : '';
  }

  get size(): number {
    return this.#bytes.length;
  }

  get type(): string {
    return this.#type;
  }

  /** A fresh copy each call, as the native Blob gives. */
  arrayBuffer(): Promise<ArrayBuffer> {
    return Promise.resolve(this.#bytes.slice().buffer);
  }

  bytes(): Promise<Uint8Array> {
    return Promise.resolve(this.#bytes.slice());
  }

  text(): Promise<string> {
    return Promise.resolve(new TextDecoder().decode(this.#bytes));
  }

  slice(start?: number, end?: number, type?: string): ConcatBlob {
    return new ConcatBlob([this.#bytes.slice(start, end)], { type: type ?? '' });
  }

  stream(): ReadableStream<Uint8Array> {
    const bytes = this.#bytes.slice();
    return new ReadableStream<Uint8Array>({
      start(c) {
        if (bytes.length > 0) c.enqueue(bytes);
        c.close();
      },
    });
  }

  get [Symbol.toStringTag](): string {
    return 'Blob';
  }
}

let depth = 0;

/**
 * Run `fn` (a postal-mime parse) with `Blob` bound to ConcatBlob. Nested and overlapping calls in one thread
 * share the window; the native Blob is back when the last one settles.
 */
export async function withConcatBlob<T>(fn: () => Promise<T>): Promise<T> {
  if (depth++ === 0) globalThis.Blob = ConcatBlob;
  try {
    return await fn();
  } finally {
    if (--depth === 0) globalThis.Blob = NativeBlob;
  }
}
