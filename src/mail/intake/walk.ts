import fs from 'node:fs';
import path from 'node:path';
import { SpearwatchError } from '../../core/index.js';
import { MAIL_LIMITS } from '../limits.js';
import { readMbox } from './mbox.js';

/** One unit of work for the scanner: a message's bytes, or the reason it could not be read. */
export interface IntakeItem {
  file: string;
  index: number;
  bytes: Uint8Array | null;
  error: string | null;
}

/** Format by content: an mbox starts with a `From ` separator line; anything else is one RFC 5322 message. */
export function looksLikeMbox(head: Uint8Array): boolean {
  let i = 0;
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) i = 3;
  return Buffer.from(head.subarray(i, i + 5)).toString('latin1') === 'From ' && /^From \S+/.test(Buffer.from(head.subarray(i, i + 200)).toString('latin1'));
}

/** A message starts with a header field (`Name:`), possibly after a BOM or blank lines some exporters leave. */
export function looksLikeMessage(head: Uint8Array): boolean {
  const t = Buffer.from(head.subarray(0, 256)).toString('latin1').replace(/^\uFEFF|^\xEF\xBB\xBF/, '').replace(/^[\r\n]+/, '');
  return /^[\x21-\x39\x3b-\x7e]{1,76}:/.test(t);
}

function readHead(file: string): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    const b = Buffer.alloc(256);
    const n = fs.readSync(fd, b, 0, 256, 0);
    return b.subarray(0, n);
  } finally {
    fs.closeSync(fd);
  }
}

async function* fileItems(file: string, maxBytes: number): AsyncGenerator<IntakeItem> {
  let head: Buffer;
  let size: number;
  try {
    size = fs.statSync(file).size;
    head = readHead(file);
  } catch (e) {
    yield { file, index: 0, bytes: null, error: `unreadable: ${(e as Error).message}` };
    return;
  }
  if (!looksLikeMbox(head) && !looksLikeMessage(head)) {
    yield { file, index: 0, bytes: null, error: 'not a mail message (no RFC 5322 header at the start)' };
    return;
  }
  if (looksLikeMbox(head)) {
    for await (const m of readMbox(file, maxBytes)) yield { file, index: m.index, bytes: m.bytes, error: m.error };
    return;
  }
  if (size > maxBytes) {
    yield { file, index: 0, bytes: null, error: `message exceeds ${maxBytes} bytes` };
    return;
  }
  try {
    yield { file, index: 0, bytes: await fs.promises.readFile(file), error: null };
  } catch (e) {
    yield { file, index: 0, bytes: null, error: `unreadable: ${(e as Error).message}` };
  }
}

async function* walkDir(dir: string, depth: number, seen: Set<string>, count: { n: number }, maxBytes: number): AsyncGenerator<IntakeItem> {
  if (depth > MAIL_LIMITS.walkDepth) {
    yield { file: dir, index: 0, bytes: null, error: `folder nesting deeper than ${MAIL_LIMITS.walkDepth}` };
    return;
  }
  let real: string;
  try {
    real = fs.realpathSync(dir);
  } catch (e) {
    yield { file: dir, index: 0, bytes: null, error: `unreadable: ${(e as Error).message}` };
    return;
  }
  if (seen.has(real)) return;
  seen.add(real);
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch (e) {
    yield { file: dir, index: 0, bytes: null, error: `unreadable: ${(e as Error).message}` };
    return;
  }
  for (const e of entries) {
    // Maildir: tmp/ holds messages still being delivered; dot-files are metadata (dovecot indexes, .DS_Store)
    if (e.name.startsWith('.') || (e.name === 'tmp' && e.isDirectory())) continue;
    const p = path.join(dir, e.name);
    let st: fs.Stats;
    try {
      st = fs.statSync(p);
    } catch {
      continue;
    }
    if (st.isDirectory()) yield* walkDir(p, depth + 1, seen, count, maxBytes);
    else if (st.isFile()) {
      if (++count.n > MAIL_LIMITS.walkFiles) throw new SpearwatchError('SW_INPUT_TOO_LARGE', `more than ${MAIL_LIMITS.walkFiles} files under the scanned paths`);
      yield* fileItems(p, maxBytes);
    }
  }
}

async function readStdin(stream: NodeJS.ReadableStream, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let n = 0;
  for await (const c of stream) {
    const b = typeof c === 'string' ? Buffer.from(c) : (c);
    n += b.length;
    if (n > maxBytes) throw new SpearwatchError('SW_INPUT_TOO_LARGE', `stdin exceeds ${maxBytes} bytes (mail.maxMessageBytes)`);
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}

/**
 * Every message under the given paths, in a stable order (paths as given, folders sorted by name), streamed.
 * `-` reads one message (or an mbox) from stdin. A missing path is an error item, not an exception.
 */
export async function* intake(paths: string[], stdin: NodeJS.ReadableStream = process.stdin, maxBytes: number = MAIL_LIMITS.messageBytes): AsyncGenerator<IntakeItem> {
  const seen = new Set<string>();
  const count = { n: 0 };
  for (const p of paths) {
    if (p === '-') {
      const b = await readStdin(stdin, maxBytes);
      if (looksLikeMbox(b)) {
        const tmp = fs.mkdtempSync(path.join((await import('node:os')).tmpdir(), 'spearwatch-stdin-'));
        const f = path.join(tmp, 'stdin.mbox');
        fs.writeFileSync(f, b);
        try {
          for await (const m of readMbox(f, maxBytes)) yield { file: '-', index: m.index, bytes: m.bytes, error: m.error };
        } finally {
          fs.rmSync(tmp, { recursive: true, force: true });
        }
      } else {
        yield { file: '-', index: 0, bytes: b, error: null };
      }
      continue;
    }
    let st: fs.Stats;
    try {
      st = fs.statSync(p);
    } catch (e) {
      yield { file: p, index: 0, bytes: null, error: `unreadable: ${(e as Error).message}` };
      continue;
    }
    if (st.isDirectory()) yield* walkDir(p, 0, seen, count, maxBytes);
    else yield* fileItems(p, maxBytes);
  }
}
