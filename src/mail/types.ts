/** The shapes the mail domain hands to its callers. MessageReport is the `--json` output contract of issue 3. */
import type { Queryable } from '../store/index.js';

export type AuthResult = 'pass' | 'fail' | 'softfail' | 'neutral' | 'none' | 'temperror' | 'permerror';
export type Verdict = 'malicious' | 'suspicious' | 'clean';
export type Severity = 'info' | 'low' | 'medium' | 'high' | 'critical';

export interface Signal {
  id: string;
  severity: Severity;
  detail: string;
  evidence: string;
}

export interface Hop {
  from: string | null;
  by: string | null;
  ip: string | null;
  time: string | null;
}

export interface UrlFinding {
  url: string;
  host: string;
  displayText: string | null;
  flags: string[];
}

export interface AttachmentSummary {
  filename: string | null;
  declaredType: string;
  detectedType: string;
  size: number;
  sha256: string;
  flags: string[];
}

export type IndicatorType =
  | 'ipv4' | 'ipv6' | 'domain' | 'url' | 'email' | 'sha256' | 'sha1' | 'md5' | 'btc-address' | 'eth-address';

export interface Indicator {
  type: IndicatorType;
  value: string;
}

/** One intel match as issue 4's matcher returns it; kept structural here so the two domains stay decoupled. */
export type IntelMatch = Record<string, unknown> & { indicator?: unknown; status?: unknown; actors?: unknown; observable?: unknown };

export interface MessageReport {
  file: string;
  index: number;
  sha256: string;
  messageId: string | null;
  date: string | null;
  from: { address: string | null; name: string | null };
  replyTo: string[];
  to: string[];
  subject: string | null;
  org: string | null;
  originatingIp: string | null;
  clientIp: string | null;
  receivedChain: Hop[];
  auth: { spf: AuthResult; dkim: AuthResult; dmarc: AuthResult; arc: AuthResult };
  verdict: Verdict;
  score: number;
  signals: Signal[];
  urls: UrlFinding[];
  attachments: AttachmentSummary[];
  btcAddresses: string[];
  indicators: Indicator[];
  intelMatches: IntelMatch[];
}

/** The organisation shape src/orgs exports; repeated structurally so analysis stays a pure, worker-safe function. */
export interface OrgLike {
  id: string;
  name: string;
  domains: string[];
  authservId: string | null;
  trustedRelays: string[];
}

/** A brand to protect besides the registered organisations (partners, the big providers attackers imitate). */
export interface Brand {
  name: string;
  domains: string[];
}

/** Sender history, preloaded from the store: has this org received mail from this registrable domain before? */
export interface SenderHistory {
  seen(orgId: string, senderDomain: string): boolean;
}

/** Issue 4's matcher as analysis sees it: every observable in, matches out (already resolved, synchronous). */
export interface IntelMatcher {
  match(observables: Indicator[]): IntelMatch[];
}

/** Issue 4's matcher as the scan runner uses it: asynchronous, and able to record sightings in our transaction. */
export interface AsyncIntelMatcher {
  match(observables: readonly Indicator[]): Promise<IntelMatch[]> | IntelMatch[];
  recordSightings?(tx: Queryable, org: string | undefined, messageId: string, matches: readonly IntelMatch[], seenAt?: string): Promise<number>;
}

export interface DnsResolver {
  (name: string, rrtype: string): Promise<unknown[]>;
}

export interface AnalysisContext {
  /** The recipient organisation (from --org or recipient domains). */
  org?: OrgLike | null;
  /** Every registered organisation: their domains are lookalike targets. */
  orgs: OrgLike[];
  partnerBrands: Brand[];
  authMode: 'offline' | { resolver: DnsResolver };
  history?: SenderHistory;
  intel?: IntelMatcher;
  /** Where the bytes came from, copied into the report. */
  source?: { file: string; index: number };
}
