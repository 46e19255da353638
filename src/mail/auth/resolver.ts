import dns from 'node:dns';
import type { DnsResolver } from '../types.js';

export interface ResolverOptions {
  timeoutMs: number;
  /** Cache entries kept (LRU by insertion); DNS answers for one scan repeat heavily (same senders). */
  maxEntries?: number;
  /** The underlying lookup, injectable for tests; defaults to node:dns with the timeout applied. */
  lookup?: DnsResolver;
}

function nodeLookup(timeoutMs: number): DnsResolver {
  const r = new dns.promises.Resolver({ timeout: timeoutMs, tries: 2 });
  return async (name, rrtype) => {
    switch (rrtype) {
      case 'TXT': return r.resolveTxt(name);
      case 'MX': return r.resolveMx(name);
      case 'A': return r.resolve4(name);
      case 'AAAA': return r.resolve6(name);
      case 'PTR': return r.resolvePtr(name);
      case 'CNAME': return r.resolveCname(name);
      case 'NS': return r.resolveNs(name);
      default: return r.resolve(name, rrtype) as Promise<unknown[]>;
    }
  };
}

/**
 * A caching resolver in the shape mailauth expects (`resolver(name, rrtype)`), with a hard timeout per query.
 * Failures are cached too (as the error), so one dead domain costs one timeout per scan, not one per message.
 */
export function createResolver(opts: ResolverOptions): DnsResolver {
  const lookup = opts.lookup ?? nodeLookup(opts.timeoutMs);
  const max = opts.maxEntries ?? 10_000;
  const cache = new Map<string, Promise<unknown[]>>();
  return (name, rrtype) => {
    const key = `${rrtype}\u0000${name.toLowerCase()}`;
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    let timer: NodeJS.Timeout | undefined;
    const p = Promise.race([
      lookup(name, rrtype),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(Object.assign(new Error(`DNS ${rrtype} ${name} timed out`), { code: 'ETIMEOUT' })), opts.timeoutMs);
      }),
    ]).finally(() => clearTimeout(timer));
    p.catch(() => undefined);
    if (cache.size >= max) cache.delete(cache.keys().next().value!);
    cache.set(key, p);
    return p;
  };
}
