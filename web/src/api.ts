/** The dashboard's only door to the server: same-origin fetches with the session cookie and the CSRF token. */

export type Verdict = 'malicious' | 'suspicious' | 'clean';

export interface Me { kind: string; name: string; orgId: string; role: 'admin' | 'analyst' | 'viewer' }

export interface MessageSummary {
  id: string;
  sha256: string;
  org: string | null;
  date: string | null;
  storedAt: string;
  from: { address: string | null; name: string | null };
  subject: string | null;
  verdict: Verdict;
  score: number;
  signals: string[];
}

export interface Signal { id: string; severity: string; detail: string; evidence: string }
export interface Hop { from: string | null; by: string | null; ip: string | null; time: string | null }

export interface MessageReport {
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
  auth: { spf: string; dkim: string; dmarc: string; arc: string };
  verdict: Verdict;
  score: number;
  signals: Signal[];
  urls: { url: string; host: string; displayText: string | null; flags: string[] }[];
  attachments: { filename: string | null; declaredType: string; detectedType: string; size: number; sha256: string; flags: string[] }[];
  btcAddresses: string[];
  indicators: { type: string; value: string }[];
  intelMatches: unknown[];
}

export interface MessageDetail { id: string; org: string | null; storedAt: string; report: MessageReport; campaigns: { id: string; name: string }[] }

export interface ViewerBody { kind: 'html' | 'text' | 'none'; note: string | null; html: string; remoteImages: number; links: number; forms: number; removedElements: number; truncated: boolean }

export interface Campaign {
  id: string;
  name: string;
  attempts: number;
  messages: number;
  recipientCount: number;
  recipients: string[];
  organizationCount: number;
  organizations: string[];
  firstSeen: string;
  lastSeen: string;
  infrastructure: { type: string; value: string; attempts: string[] }[];
  attribution: { actor: string; confidence: number; evidence: Record<string, unknown>[] }[];
  attemptList: { id: string; sender: string | null; subject: string | null; firstSeen: string; recipients: string[] }[];
  summary: string;
}

export interface LookupMatch { indicator: string; type: string; source: string; confidence: number | null; tlp: string; validUntil: string | null; status: string; actors: { name: string; aliases: string[] }[] }
export interface LookupResult { value: string; type: string; matches: LookupMatch[] }
export interface Actor { id: string; name: string; aliases: string[]; indicators: number; sources: { source: string; name: string }[] }

export class ApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

const CSRF_KEY = 'spearwatch.csrf';

export function setCsrf(token: string | null): void {
  if (token === null) sessionStorage.removeItem(CSRF_KEY);
  else sessionStorage.setItem(CSRF_KEY, token);
}

async function request<T>(method: string, url: string, body?: BodyInit, contentType?: string): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (contentType !== undefined) headers['content-type'] = contentType;
  if (method !== 'GET') headers['x-csrf-token'] = sessionStorage.getItem(CSRF_KEY) ?? '';
  let res: Response;
  try {
    res = await fetch(url, { method, headers, credentials: 'same-origin', ...(body === undefined ? {} : { body }) });
  } catch {
    throw new ApiError(0, 'The server cannot be reached. Check that spearwatch serve is running.');
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let data: unknown = null;
  try {
    data = text === '' ? null : JSON.parse(text);
  } catch {
    // not JSON: reported below with the status
  }
  if (!res.ok) {
    const msg = typeof data === 'object' && data !== null && 'message' in data ? String(data.message) : `HTTP ${res.status}`;
    throw new ApiError(res.status, msg);
  }
  return data as T;
}

export const api = {
  get: <T>(url: string): Promise<T> => request<T>('GET', url),
  postJson: <T>(url: string, body: unknown): Promise<T> => request<T>('POST', url, JSON.stringify(body), 'application/json'),
  postForm: <T>(url: string, form: FormData): Promise<T> => request<T>('POST', url, form),
  del: (url: string): Promise<void> => request<void>('DELETE', url),
  /** Every page of a cursor-paginated list (at most `maxPages` pages), as one list. */
  getAll: async <T>(url: string, maxPages = 20): Promise<{ items: T[]; truncated: boolean }> => {
    const items: T[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < maxPages; i++) {
      const sep = url.includes('?') ? '&' : '?';
      const p: { items: T[]; nextCursor?: string | null } = await request('GET', cursor === null ? url : `${url}${sep}cursor=${encodeURIComponent(cursor)}`);
      items.push(...p.items);
      cursor = p.nextCursor ?? null;
      if (cursor === null) return { items, truncated: false };
    }
    return { items, truncated: true };
  },
};

export function query(params: Record<string, string | string[] | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === '') continue;
    for (const x of Array.isArray(v) ? v : [v]) if (x !== '') q.append(k, x);
  }
  const s = q.toString();
  return s === '' ? '' : `?${s}`;
}

export interface Fiat { usd: number | null; krw: number | null }
export interface TraceDeposit { address: string; txid: string; value: number; taintedValue: number; time: string | null; height: number | null; fiat: Fiat }
export interface TraceExchange { name: string; taintedValue: number; fiat: Fiat; deposits: TraceDeposit[] }
export interface TraceEndpoint {
  address: string | null; cluster: number | null; tags: { label: string; category: string; actor: string | null; source: string; inferred?: boolean }[];
  taintedValue: number; firstReached: string | null; hop: number; fiat: Fiat; reasons: string[]; outputs: number;
}
export interface TraceFlow { hop: number; txid: string; from: string[]; to: string; value: number; taintedValue: number; n: number }
export interface TracePattern { kind: string; txid: string; hop: number; taintedValue: number; length?: number; lastTxid?: string; peeledValue?: number; outputs?: number; cleanValue?: number }
export interface TraceResult {
  sources: string[]; model: string; direction: string; hops: number; totalValue: number; flows: TraceFlow[]; flowsOmitted: number;
  endpoints: TraceEndpoint[]; endpointsOmitted: number; exchanges: TraceExchange[]; unspent: number; beyondHops: number; fees: number;
  accounting: Record<string, number | boolean>; patterns: TracePattern[]; stats: { transactions: number; maxHop: number; ms: number }; notes: string[];
}
export interface TraceAlert {
  id: number; kind: string; watchId: number; case: string; org: string | null; target: string; address: string | null; txid: string | null;
  exchange: string | null; value: number; taintedValue: number; btc: string; usd: number | null; krw: number | null; height: number | null; time: string | null; raisedAt: string; detail: string;
}
export interface TraceWatch {
  id: number; org: string | null; target: string; kind: string; case: string; model: string; hops: number; resolved: boolean;
  frontier: { outputs: number; taintedValue: number }; alerts: number; checkedAt: string | null;
}
export interface ChainStatus { network: string | null; height: number; transactions: number; addresses: number; clusters: number }
