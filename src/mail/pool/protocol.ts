import type { Brand, MessageReport, OrgLike } from '../types.js';

/** What a worker is started with: everything analysis needs that does not change during a scan. */
export interface WorkerInit {
  /** undefined: resolve the org from recipients; null: no org; else the org given with --org. */
  org: OrgLike | null | undefined;
  orgs: OrgLike[];
  brands: Brand[];
  auth: 'offline' | { dnsTimeoutMs: number };
}

export interface WorkerTask {
  id: number;
  bytes: Uint8Array;
  file: string;
  index: number;
}

export type WorkerReply = { id: number; report: MessageReport } | { id: number; error: string };
