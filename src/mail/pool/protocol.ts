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
  /** This message's organisation, overriding the pool's (null: none; absent: the pool's `org`). */
  org?: OrgLike | null;
}

/** `ready`: the worker has loaded the analysis code (once, before any reply); time budgets start from it. */
export type WorkerReply = { id: number; report: MessageReport } | { id: number; error: string } | { ready: true };
