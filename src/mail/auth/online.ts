import { authenticate, type DNSResolver } from 'mailauth';
import type { AuthResult, DnsResolver } from '../types.js';
import type { ParsedHop } from '../forensics/received.js';
import { NO_AUTH, type AuthSummary } from './results.js';
import { normaliseIp } from '../forensics/ip.js';

export interface OnlineAuthOptions {
  resolver: DnsResolver;
  ip: string | null;
  hops: ParsedHop[];
  sender: string | null;
  /** Name this receiver reports in mailauth's own headers; no effect on results. */
  mta?: string;
}

const VALID = new Set<AuthResult>(['pass', 'fail', 'softfail', 'neutral', 'none', 'temperror', 'permerror']);

function norm(v: unknown): AuthResult {
  const s = typeof v === 'string' ? v.toLowerCase() : 'none';
  if (s === 'policy') return 'fail';
  if (s === 'temperr') return 'temperror';
  return VALID.has(s as AuthResult) ? (s as AuthResult) : 'none';
}

/**
 * Online SPF/DKIM/DMARC/ARC through mailauth with the injected (caching, time-limited) resolver. The client IP
 * and HELO are those of the originating hop our forensics found (the first hop outside the organisation), and
 * the envelope sender is the Return-Path. A failure of the checker itself is a temperror, never an exception.
 */
export async function onlineAuth(raw: Uint8Array, opts: OnlineAuthOptions): Promise<AuthSummary> {
  const origin = opts.hops.find((h) => h.ip === opts.ip);
  const ip = opts.ip === null ? null : normaliseIp(opts.ip);
  try {
    const res = await authenticate(Buffer.from(raw.buffer, raw.byteOffset, raw.length), {
      ...(ip !== null ? { ip } : {}),
      ...(origin?.helo ? { helo: origin.helo } : {}),
      ...(opts.sender !== null ? { sender: opts.sender } : {}),
      mta: opts.mta ?? 'spearwatch.invalid',
      resolver: opts.resolver as unknown as DNSResolver,
      disableBimi: true,
    });
    const dkimResults = res.dkim.results.map((r) => norm(r.status.result));
    const dkim: AuthResult = dkimResults.includes('pass') ? 'pass' : dkimResults[0] ?? 'none';
    return {
      spf: ip === null || res.spf === false ? 'none' : norm(res.spf.status.result),
      dkim,
      dmarc: res.dmarc === false ? 'none' : norm(res.dmarc.status.result),
      arc: res.arc === false ? 'none' : norm(res.arc.status.result),
      dkimDomains: res.dkim.results.filter((r) => norm(r.status.result) === 'pass').map((r) => String(r.signingDomain ?? '').toLowerCase()),
    };
  } catch {
    return { ...NO_AUTH, spf: 'temperror', dkim: 'temperror', dmarc: 'temperror', arc: 'temperror', dkimDomains: [] };
  }
}
