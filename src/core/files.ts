import fs from 'node:fs';
import { SpearwatchError } from './errors.js';

/** Read a whole input file as UTF-8, refusing what is missing, not a file, or larger than `maxBytes`. */
export function readInputFile(file: string, maxBytes: number): string {
  return readInputBytes(file, maxBytes).toString('utf8');
}

export function readInputBytes(file: string, maxBytes: number): Buffer {
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new SpearwatchError('SW_INPUT_UNREADABLE', `${file}: ${code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
  if (!st.isFile()) throw new SpearwatchError('SW_INPUT_UNREADABLE', `${file}: not a regular file`);
  if (st.size > maxBytes) throw new SpearwatchError('SW_INPUT_TOO_LARGE', `${file}: ${st.size} bytes (limit ${maxBytes})`);
  try {
    return fs.readFileSync(file);
  } catch (e) {
    throw new SpearwatchError('SW_INPUT_UNREADABLE', `${file}: ${(e as Error).message}`);
  }
}
