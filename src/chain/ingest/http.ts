import { SpearwatchError } from '../../core/index.js';
import { CHAIN_LIMITS } from '../limits.js';

export type FetchLike = (url: string, init: { method: string; headers: Record<string, string>; body?: string; signal: AbortSignal }) => Promise<Response>;

export interface HttpOptions {
  fetch?: FetchLike;
  retries?: number;
  timeoutMs?: number;
  /** Backoff before retry n (1-based); default 250 ms · 2^(n-1). Tests pass a tiny one. */
  backoffMs?: (attempt: number) => number;
  sleep?: (ms: number) => Promise<void>;
}

/** A response that should not be retried (a 4xx, an RPC error): the caller gets it as it is. */
export class FinalHttpError extends Error {}

async function readCapped(res: Response, cap: number, what: string): Promise<Buffer> {
  const len = Number(res.headers.get('content-length') ?? '0');
  if (len > cap) throw new FinalHttpError(`${what}: response of ${len} bytes exceeds ${cap}`);
  if (res.body === null) return Buffer.alloc(0);
  const parts: Buffer[] = [];
  let n = 0;
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  for (;;) {
    const chunk = (await reader.read()) as { done: boolean; value?: Uint8Array };
    if (chunk.done || chunk.value === undefined) break;
    const value: Uint8Array = chunk.value;
    n += value.length;
    if (n > cap) {
      await reader.cancel();
      throw new FinalHttpError(`${what}: response exceeds ${cap} bytes`);
    }
    parts.push(Buffer.from(value));
  }
  return Buffer.concat(parts);
}

/**
 * One HTTP exchange with retries: network errors, timeouts, 429 and 5xx are retried with exponential backoff;
 * `judge` decides on the body (it throws FinalHttpError to stop, or any other error to retry).
 */
export async function httpWithRetry<T>(
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string },
  what: string,
  judge: (status: number, body: Buffer) => T,
  opts: HttpOptions = {},
): Promise<T> {
  const doFetch: FetchLike = opts.fetch ?? fetch;
  const retries = opts.retries ?? CHAIN_LIMITS.rpcRetries;
  const timeoutMs = opts.timeoutMs ?? CHAIN_LIMITS.rpcTimeoutMs;
  const backoff = opts.backoffMs ?? ((n: number) => 250 * 2 ** (n - 1));
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  let last = '';
  for (let attempt = 0; attempt <= retries; attempt++) {
    if (attempt > 0) await sleep(backoff(attempt));
    const ac = new AbortController();
    const timer = setTimeout(() => ac.abort(), timeoutMs);
    try {
      const res = await doFetch(url, { ...init, signal: ac.signal });
      const body = await readCapped(res, CHAIN_LIMITS.maxRpcResponseBytes, what);
      if (res.status === 429 || res.status >= 500) {
        // Core answers RPC errors with HTTP 500 and a JSON error body: let the judge see those.
        try {
          return judge(res.status, body);
        } catch (e) {
          if (e instanceof FinalHttpError) throw e;
          last = `HTTP ${res.status}`;
          continue;
        }
      }
      return judge(res.status, body);
    } catch (e) {
      if (e instanceof FinalHttpError) throw new SpearwatchError('SW_UPSTREAM_FAILED', `${what}: ${e.message}`);
      last = ac.signal.aborted ? `timed out after ${timeoutMs} ms` : (e as Error).message;
    } finally {
      clearTimeout(timer);
    }
  }
  throw new SpearwatchError('SW_UPSTREAM_FAILED', `${what}: failed after ${retries + 1} tries (${last})`);
}

/** fetch refuses URLs with credentials: move them to a Basic Authorization header. */
export function splitCredentials(url: string): { url: string; headers: Record<string, string> } {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new SpearwatchError('SW_USAGE', `not a URL: ${url}`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new SpearwatchError('SW_USAGE', `only http(s) URLs are supported: ${url}`);
  const headers: Record<string, string> = {};
  if (u.username !== '' || u.password !== '') {
    headers.authorization = `Basic ${Buffer.from(`${decodeURIComponent(u.username)}:${decodeURIComponent(u.password)}`).toString('base64')}`;
    u.username = '';
    u.password = '';
  }
  return { url: u.toString(), headers };
}
