import type { AttachmentFinding, AttachmentLimits, Severity } from './types.js';

export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { info: 0, low: 1, medium: 2, high: 3, critical: 4 };

/** Thrown inside a parser when a shared budget runs out; caught by the dispatcher and turned into a flag. */
export class LimitExceeded extends Error {
  constructor(readonly reason: string, readonly bomb: boolean) {
    super(reason);
  }
}

/** Shared, per-attachment state: limits and the budgets all nested parsers draw from. */
export class Budget {
  inflated = 0;
  members = 0;
  /** Member bytes hashed and analysed: cross-linked ISO/FAT entries can name the same large extent 1,000 times. */
  analysed = 0;
  urls: string[] = [];
  private readonly urlSet = new Set<string>();
  constructor(readonly limits: AttachmentLimits, readonly bodyText: string) {}

  chargeInflate(bytes: number): void {
    this.inflated += bytes;
    if (this.inflated > this.limits.maxTotalInflatedBytes) {
      throw new LimitExceeded(`total inflated bytes over ${this.limits.maxTotalInflatedBytes}`, true);
    }
  }

  /** Remaining inflation allowance, capped by the per-member limit. */
  inflateAllowance(): number {
    return Math.max(0, Math.min(this.limits.maxMemberBytes, this.limits.maxTotalInflatedBytes - this.inflated));
  }

  addUrl(url: string): void {
    const u = url.trim();
    if (u.length === 0 || u.length > 2048 || this.urlSet.has(u) || this.urls.length >= this.limits.maxUrls) return;
    this.urlSet.add(u);
    this.urls.push(u);
  }
}

/** Findings and flags of one file (top-level attachment or one member). */
export class Report {
  readonly flags = new Set<string>();
  readonly findings: AttachmentFinding[] = [];

  flag(flag: string): void {
    this.flags.add(flag);
  }

  find(id: string, severity: Severity, detail: string, evidence: string, flag: string | null = id): void {
    if (flag !== null) this.flags.add(flag);
    if (this.findings.some((f) => f.id === id && f.evidence === evidence)) return;
    this.findings.push({ id, severity, detail, evidence });
  }

  parseError(reason: string, detail: string): void {
    this.find(`parse-error:${reason}`, 'low', detail, reason);
  }
}
