import type { AuthResult, OrgLike, Signal } from '../types.js';
import type { RawHeader } from '../parse/headers.js';

export interface AuthSummary {
  spf: AuthResult;
  dkim: AuthResult;
  dmarc: AuthResult;
  arc: AuthResult;
  /** Domains the results speak for (smtp.mailfrom, header.d, header.from), for alignment checks. */
  dkimDomains: string[];
}

const RESULTS = new Set<AuthResult>(['pass', 'fail', 'softfail', 'neutral', 'none', 'temperror', 'permerror']);

export const NO_AUTH: AuthSummary = { spf: 'none', dkim: 'none', dmarc: 'none', arc: 'none', dkimDomains: [] };

function norm(v: string): AuthResult {
  const x = v.toLowerCase();
  if (x === 'hardfail') return 'fail';
  if (x === 'policy') return 'fail';
  if (RESULTS.has(x as AuthResult)) return x as AuthResult;
  return 'none';
}

/** The authserv-id of an Authentication-Results value (RFC 8601 §2.2): the token before the first `;`. */
export function authservIdOf(value: string): string {
  const head = value.split(';', 1)[0] ?? '';
  return head.trim().split(/\s+/)[0]?.toLowerCase() ?? '';
}

/** Parse the method results of one Authentication-Results value; for DKIM, any pass wins (RFC 6376 §6.1). */
export function parseAuthResults(value: string): AuthSummary {
  const out: AuthSummary = { ...NO_AUTH, dkimDomains: [] };
  const parts = value.replace(/\([^()]*\)/g, ' ').split(';').slice(1);
  for (const p of parts) {
    const m = /^\s*(spf|dkim|dmarc|arc)\s*=\s*([a-z]+)/i.exec(p);
    if (m === null) continue;
    const method = m[1]!.toLowerCase() as 'spf' | 'dkim' | 'dmarc' | 'arc';
    const r = norm(m[2]!);
    if (method === 'dkim') {
      const d = /header\.d\s*=\s*([^\s;]+)/i.exec(p)?.[1];
      if (d !== undefined && r === 'pass') out.dkimDomains.push(d.toLowerCase());
      if (out.dkim === 'none' || r === 'pass') out.dkim = r;
    } else if (out[method] === 'none') {
      out[method] = r;
    }
  }
  return out;
}

/**
 * Offline authentication: only the topmost Authentication-Results stamped by the organisation's own trusted
 * authserv-id counts (RFC 8601 §5: anything else may have been written by the sender). Foreign headers are
 * ignored, and saying so is a signal.
 */
export function offlineAuth(headers: RawHeader[], org: OrgLike | null | undefined): { auth: AuthSummary; signals: Signal[] } {
  const signals: Signal[] = [];
  const ar = headers.filter((h) => h.key === 'authentication-results');
  const trusted = org?.authservId?.toLowerCase() ?? null;
  const mine = trusted === null ? undefined : ar.find((h) => authservIdOf(h.value) === trusted);
  const foreign = ar.filter((h) => h !== mine && (trusted === null || authservIdOf(h.value) !== trusted));
  if (foreign.length > 0) {
    signals.push({
      id: 'auth.untrusted-results-ignored',
      severity: 'info',
      detail: trusted === null
        ? 'Authentication-Results headers present but no trusted authserv-id is configured for the recipient organisation; they were ignored'
        : `Authentication-Results from authserv-ids other than ${trusted} were ignored`,
      evidence: foreign.slice(0, 3).map((h) => authservIdOf(h.value) || '(none)').join(', '),
    });
  }
  if (mine === undefined) return { auth: { ...NO_AUTH, dkimDomains: [] }, signals };
  return { auth: parseAuthResults(mine.value), signals };
}
